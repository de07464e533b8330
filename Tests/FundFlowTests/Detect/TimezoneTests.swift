import Testing
@testable import FundFlow

/// Summaries, reasons and warnings write times at the `--timezone` in force, as `start` and `end`
/// do (they once wrote +08:00 whatever the option said).
@Suite struct TimezoneTests {
    func analyse(offsetSeconds: Int) throws -> CaseAnalysis {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("provenance/transfers.csv")])
        request.ingest.timezoneOffsetSeconds = offsetSeconds
        request.victims = Fixtures.path("provenance/victims.csv")
        return try CaseAnalysis.run(request)
    }

    @Test(arguments: [0, 8 * 3600, -5 * 3600])
    func summariesUseTheTimezoneOption(offsetSeconds: Int) throws {
        // The file's times are local to the option, so written back at it they read as in the file.
        let analysis = try analyse(offsetSeconds: offsetSeconds)
        let graph = analysis.data.graph
        let mule = try #require(graph.account(named: "6228480012345678123"))
        let finding = try #require(analysis.findings.first { $0.pattern == .cashMule && $0.accounts.first == mule })
        #expect(finding.summary.contains("between 03-10 11:18 and 03-10 13:04"), "\(finding.summary)")
        let flag = try #require(analysis.flagged.first { $0.account == mule })
        #expect(flag.reason.contains("03-10 11:18"), "\(flag.reason)")
    }

    @Test func lossWarningsUseTheTimezoneOption() throws {
        let graph = makeGraph("t1 0 V A 100")
        let resolution = LossResolution([report("V", 100, time: 86_400)], in: graph, offsetSeconds: 0)
        #expect(resolution.reports[0].warning == "the reported time 1970-01-02 00:00:00 is after the data ends")
    }
}
