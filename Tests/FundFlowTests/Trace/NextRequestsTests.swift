import Foundation
import Testing
@testable import FundFlow

/// requests.csv: the accounts where the victims' money leaves the data, and how adding their
/// ledgers moves the requests one tier on.
@Suite struct NextRequestsTests {
    func requests(_ files: [String]) throws -> (NextRequests, TransferGraph) {
        let data = try Fixtures.read(files.map { Fixtures.path("requests/" + $0) })
        let (reports, _) = try VictimReportReader.read(Fixtures.path("requests/victims.csv"), timeParser: TimeParser(defaultOffsetSeconds: cst))
        let trace = Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, offsetSeconds: cst)).run()
        return (NextRequests(trace, ledgerAccounts: data.ledgerAccounts, statementFiles: NextRequests.statementFiles(data.report)), data.graph)
    }

    func rows(_ result: (NextRequests, TransferGraph)) -> [String] {
        result.0.requests.map { "\(result.1.name(of: $0.account)) \(Amount(fen: $0.received).decimalString) \($0.victims.joined(separator: ";")) \($0.priority)" }
    }

    @Test func theFirstLevelsLedgerAloneAsksForTheSecondTier() throws {
        let result = try requests(["tier1_6217100000000001.csv"])
        #expect(rows(result) == [
            "6217200000000001 45000.00 6222000000000001 1",
            "6217200000000002 34000.00 6222000000000001;6222000000000002 2",
        ])
        #expect(result.0.requests.map(\.fromAccounts) == [["6217100000000001"], ["6217100000000001"]])
    }

    @Test func addingTheSecondTiersLedgersMovesTheRequestsOneTierOn() throws {
        let result = try requests(["tier1_6217100000000001.csv", "tier2_6217200000000001.csv", "tier2_6217200000000002.csv"])
        #expect(rows(result) == [
            "6217300000000001 44000.00 6222000000000001 1",
            "6217300000000002 20000.00 6222000000000001;6222000000000002 2",
            "6217300000000003 14000.00 6222000000000002 3",
        ])
    }

    @Test func inADumpADeadEndIsARequestAndAnAccountThatPassedItOnIsNot() throws {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("demo/transfers.csv")])
        request.victims = Fixtures.path("demo/victims.csv")
        let analysis = try CaseAnalysis.run(request)
        let graph = analysis.data.graph
        let trace = try #require(analysis.trace)
        let listed = try #require(analysis.requests).requests
        #expect(!listed.isEmpty)
        for entry in listed {
            #expect(graph.outgoing(entry.account, from: entry.firstTime, through: .max).isEmpty, "\(graph.name(of: entry.account))")
        }
        // Every account that received victims' money and sent nothing on afterwards is listed.
        var first: [Int32: EpochMilliseconds] = [:]
        for flow in trace.flows where graph.payeeIndex(Int(flow.transfer)) >= 0 {
            let q = graph.payeeIndex(Int(flow.transfer))
            first[q] = min(first[q] ?? .max, graph.time(Int(flow.transfer)))
        }
        let victims = Set(trace.resolution.victims)
        let deadEnds = first.filter { q, t in
            !victims.contains(graph.name(of: AccountID(q))) && graph.outgoing(AccountID(q), from: t, through: .max).isEmpty
        }
        #expect(Set(listed.map(\.account.index)) == Set(deadEnds.keys))
        // Ordered by money, then the freshest.
        for (a, b) in zip(listed, listed.dropFirst()) { #expect(a.received > b.received || (a.received == b.received && a.firstTime >= b.firstTime)) }
    }

    @Test func analyzeWritesRequestsWithTheHoldersNames() throws {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("requests/tier1_6217100000000001.csv")])
        request.victims = Fixtures.path("requests/victims.csv")
        let analysis = try CaseAnalysis.run(request)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-requests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try analysis.writeOutputs(to: directory)
        let text = try String(contentsOfFile: directory + "/requests.csv", encoding: .utf8)
        #expect(text.hasPrefix("account,bank,holder,received,victims,first_time,from_accounts,priority\n"))
        #expect(text.contains("6217200000000001,,钱二级,45000.00,6222000000000001,2024-03-01 10:20:00,6217100000000001,1"))
    }
}
