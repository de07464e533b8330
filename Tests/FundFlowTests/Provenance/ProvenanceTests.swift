import Foundation
import Testing
@testable import FundFlow

/// The provenance stage on fixtures/provenance (scripts/make-provenance-fixture.py): a first-level
/// card, a tier, a cash mule and a holder among a payroll and a salary cash-out, a family pooling
/// for a hospital, an own-account shuffle, a car dealer and an OTC trader.
@Suite struct ProvenanceTests {
    static let gang: Set<String> = [
        "6230580012349876543",  // first-level card
        "6214830012345678901",  // tier
        "6228480012345678123",  // cash mule
        "6212260012345678456",  // holder
    ]
    static let victims: Set<String> = ["621700123456780000", "621700123456780001"]

    func analyse(victims: Bool) throws -> CaseAnalysis {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("provenance/transfers.csv")])
        if victims { request.victims = Fixtures.path("provenance/victims.csv") }
        return try CaseAnalysis.run(request)
    }

    func flagged(_ analysis: CaseAnalysis) -> [String: FlaggedAccount] {
        Dictionary(uniqueKeysWithValues: analysis.flagged.map { (analysis.data.graph.name(of: $0.account), $0) })
    }

    @Test(arguments: [false, true])
    func exactlyTheGangIsFlagged(victims: Bool) throws {
        let analysis = try analyse(victims: victims)
        #expect(Set(flagged(analysis).keys) == Self.gang)
    }

    @Test func aSalaryCashOutHasItsFindingButNoFlag() throws {
        let analysis = try analyse(victims: false)
        let graph = analysis.data.graph
        let employee = try #require(graph.account(named: "621700123456780002"))
        // The shape is there (salary withdrawn at three ATMs within hours) ...
        #expect(analysis.findings.contains { $0.pattern == .cashMule && $0.accounts.first == employee })
        // ... but the money is wages from a payroll, so nothing flags it.
        #expect(!analysis.flagged.contains { $0.account == employee })
        let employer = try #require(graph.account(named: "6222020200112233445"))
        #expect(analysis.provenance.payrolls.contains(employer.index))
    }

    @Test func reasonsNameWhereTheMoneyCameFromAndWent() throws {
        let byName = flagged(try analyse(victims: false))
        let mule = try #require(byName["6228480012345678123"])
        #expect(mule.reason.contains("from 6214830012345678901"))
        #expect(mule.reason.contains("withdrew 9,000.00 in cash"))
        #expect(mule.patterns.contains(.cashMule))
        let firstLevel = try #require(byName["6230580012349876543"])
        #expect(firstLevel.reason.contains("from 2 payers it had not dealt with before"))
        #expect(firstLevel.reason.contains("on to 6214830012345678901"))
        #expect(byName["6212260012345678456"]?.reason.contains("still holds 17,000.00") == true)
    }

    @Test func reportedVictimsAndDilutedHoldersAreNotFlaggedButFrozen() throws {
        let analysis = try analyse(victims: true)
        let names = Set(flagged(analysis).keys)
        #expect(names.isDisjoint(with: Self.victims))
        let trace = try #require(analysis.trace)
        let graph = analysis.data.graph
        let frozen = Set(trace.freezeOrder.map { graph.name(of: $0.account) })
        // The OTC trader took 8,000 from the tier among its buyers' money: frozen, not flagged.
        #expect(frozen.contains("2088123456789012"))
        #expect(!names.contains("2088123456789012"))
    }

    @Test func thePayersOfACollectionArePossibleVictims() throws {
        let analysis = try analyse(victims: false)
        let text = DetectionOutputs.possibleVictimsCSV(analysis.provenance, flagged: analysis.flagged, graph: analysis.data.graph, offsetSeconds: cst)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "account,paid,to,first_time,last_time,finding")
        #expect(lines.contains("621700123456780000,21200.00,6230580012349876543,2025-03-10T10:35:45+08:00,2025-03-10T11:20:00+08:00,collection"))
        #expect(lines.contains { $0.hasPrefix("621700123456780001,15000.00,") })
        // Nobody flagged is listed as a possible victim (the tier's payer is the first-level card).
        #expect(!lines.contains { Self.gang.contains(String($0.prefix { $0 != "," })) })
    }

    @Test func lookAlikesCollectNothing() throws {
        let analysis = try analyse(victims: false)
        let graph = analysis.data.graph
        let collecting = Set(analysis.provenance.collections.map { graph.name(of: $0.account) })
        // The hospital pooling (paid on to a hospital), the own-account shuffle, the dealer and the
        // OTC trader (their collected payments are a small part of what they take) collect nothing.
        #expect(collecting == ["6230580012349876543", "6214830012345678901"])
    }

    @Test func sharesAreExactAndDoNotOverflow() {
        #expect(SuspiciousMoney.share(3, of: 10, over: 7) == 4)
        let big = Int64.max / 3
        #expect(SuspiciousMoney.share(big, of: big, over: big) == big)
        #expect(SuspiciousMoney.share(5, of: 0, over: 0) == 0)
    }

    @Test func holderNamesMatchTheirMaskedForms() {
        #expect(SourceOfFunds.sameHolder("张淑", "张*"))
        #expect(SourceOfFunds.sameHolder("黄*涵", "黄健涵"))
        #expect(!SourceOfFunds.sameHolder("张淑", "张伟"))
        #expect(!SourceOfFunds.sameHolder("", ""))
        #expect(SourceOfFunds.isBusiness("北京市门头沟区人民医院"))
        #expect(SourceOfFunds.isBusiness("中国工商银行"))
        #expect(!SourceOfFunds.isBusiness("王建国"))
        #expect(SourceOfFunds.classify(payerName: "北京华泰建设工程有限公司", payeeName: "王建国", memo: "转账") == .business)
        #expect(SourceOfFunds.classify(payerName: "李秀英", payeeName: "王建国", memo: "三月房租") == .statedPurpose)
    }

    @Test func theRulesFileSetsTheProvenanceThresholds() throws {
        let rules = try Rules.parse("[provenance]\ndominance_percent = 90\nforward_window = 30m\nmin_inflow = 2000\n")
        #expect(rules.provenance.dominancePercent == 90)
        #expect(rules.provenance.forwardWindow == 30 * 60_000)
        #expect(rules.provenance.minInflow == 200_000)
        #expect(Rules.defaultsText.contains("[provenance]"))
        // Nobody passes 80% on within a second: no collection, so nothing is flagged without reports.
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("provenance/transfers.csv")])
        request.rules = try Rules.parse("[provenance]\nforward_window = 1s\n")
        #expect(try CaseAnalysis.run(request).flagged.isEmpty)
    }
}
