import Foundation
import Testing
@testable import FundFlow

/// Cash bridges (同存同取) on fixtures/cash-bridges: a courier paying a mule's cash into two more
/// cards, a deposit two people's cash could explain, and a shop owner paying in his own cash.
@Suite struct CashBridgeTests {
    func trace(follow: Bool, policy: TracePolicy = .fifo, rules: CashBridgeRules = CashBridgeRules(), asOf: EpochMilliseconds? = nil)
        throws -> TraceResult
    {
        let data = try Fixtures.read([Fixtures.path("cash-bridges/transfers.csv")])
        let (reports, _) = try VictimReportReader.read(Fixtures.path("cash-bridges/victims.csv"), timeParser: TimeParser(defaultOffsetSeconds: cst))
        let bridges = CashBridges(graph: data.graph, rules: rules, holders: data.holders)
        return Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, asOf: asOf, offsetSeconds: cst), policy: policy,
                      asOf: asOf, bridges: bridges, followBridges: follow).run()
    }

    func rows(_ result: TraceResult) -> [String] {
        result.tracedBridges.map { "\(result.graph.id($0.bridge.withdrawal))→\(result.graph.id($0.bridge.deposit)) \($0.status.rawValue)" }
    }

    func held(_ result: TraceResult) -> [String: (total: Int64, inferred: Int64)] {
        Dictionary(uniqueKeysWithValues: result.held.map { (result.graph.name(of: $0.account), ($0.total, $0.inferred)) })
    }

    @Test func withoutTheOptionTheBridgesAreCandidatesAndTheCashStaysCashedOut() throws {
        let result = try trace(follow: false)
        #expect(rows(result) == ["CB020→CB041 candidate", "CB021→CB042 candidate", "CB050→CB052 ambiguous"])
        #expect(Set(held(result).keys) == ["6217990000000001"])
        #expect(result.inferredFlows.isEmpty)
        let totals = result.totalsByLabel
        // 王丽's 49,800 withdrawn by the mule and 200 by the second mule; 刘洋's 29,800 by the second mule.
        #expect(totals.map(\.cashedOut) == [50_000_00, 29_800_00])
    }

    @Test func followingThemCarriesTheMoneyOnAndMarksItInferred() throws {
        let result = try trace(follow: true)
        #expect(rows(result) == ["CB020→CB041 followed", "CB021→CB042 followed", "CB050→CB052 ambiguous"])
        let holdings = held(result)
        // The courier kept 100 of the first withdrawal: cashed out, with the third withdrawal (paid in in 广州).
        #expect(holdings["6217990000000004"]! == (20_000_00, 20_000_00))
        #expect(holdings["6217990000000005"]! == (19_900_00, 19_900_00))  // beyond the bridge, still inferred
        #expect(holdings["6217990000000003"] == nil)  // passed it on
        #expect(holdings["6217990000000001"]! == (200_00, 0))  // observed
        let mule = result.cashouts.first { result.graph.name(of: $0.account) == "6217990000000002" }!
        #expect(mule.total == 9_900_00)
        // Nothing lost: per victim, resolved = held + cashed out.
        for totals in result.totalsByLabel { #expect(totals.resolved == totals.held + totals.cashedOut) }
        // Every inferred flow is on a bridged deposit or after one.
        #expect(result.inferredFlows.map { result.graph.id(Int($0.transfer)) } == ["CB041", "CB042", "CB043"])
    }

    @Test func theShopOwnersOwnCashIsNeverBridgedToTheVictimsMoney() throws {
        for follow in [false, true] {
            let result = try trace(follow: follow)
            #expect(held(result)["6217990000000102"] == nil)
            #expect(!result.tracedBridges.contains { result.graph.name(of: AccountID(result.graph.payeeIndex($0.bridge.deposit))) == "6217990000000102" })
        }
        // The matcher pairs his deposit with his own withdrawal (same document number).
        let data = try Fixtures.read([Fixtures.path("cash-bridges/transfers.csv")])
        let bridges = CashBridges(graph: data.graph, rules: CashBridgeRules(), holders: data.holders)
        let own = bridges.bridges.filter(\.sameHolder).map { "\(data.graph.id($0.withdrawal))→\(data.graph.id($0.deposit))" }
        #expect(own == ["CB030→CB031"])
        // The mule's withdrawals of the same amount in the same city matched his deposit too; as his
        // own cash it takes none of them, so the courier's deposits keep theirs (unambiguous).
        #expect(bridges.bridges.filter { !$0.sameHolder && $0.isUnambiguous }.map { data.graph.id($0.deposit) } == ["CB041", "CB042"])
    }

    @Test func anAmbiguousDepositIsNeverFollowed() throws {
        let result = try trace(follow: true)
        #expect(held(result)["6217990000000008"] == nil)
        let ambiguous = result.tracedBridges.first { $0.status == .ambiguous }!
        #expect(ambiguous.bridge.rivals == 1)
        #expect(result.graph.id(ambiguous.bridge.deposit) == "CB052")
    }

    @Test func anotherCityOrAnotherAmountDoesNotMatch() throws {
        let data = try Fixtures.read([Fixtures.path("cash-bridges/transfers.csv")])
        let bridges = CashBridges(graph: data.graph, rules: CashBridgeRules(), holders: data.holders)
        let deposits = Set(bridges.bridges.map { data.graph.id($0.deposit) })
        #expect(!deposits.contains("CB040"))  // 9,800 paid in in 广州
        #expect(!deposits.contains("CB060"))  // the shop's takings
        // A tolerance of 0 loses the courier's short deposit; same_place loses both.
        var exact = CashBridgeRules()
        exact.tolerancePercent = 0
        #expect(!CashBridges(graph: data.graph, rules: exact, holders: data.holders).bridges.contains { data.graph.id($0.deposit) == "CB041" })
        var samePlace = CashBridgeRules()
        samePlace.samePlace = 1
        #expect(!CashBridges(graph: data.graph, rules: samePlace, holders: data.holders).bridges.contains { data.graph.id($0.deposit) == "CB042" })
    }

    @Test func cashStillOnItsWayWhenTheClockStopsIsCashedOut() throws {
        let parser = TimeParser(defaultOffsetSeconds: cst)
        let result = try trace(follow: true, asOf: try parser.parse("2024-04-10 12:20:00"))
        // The first deposit (12:10) arrived; the second (12:30) had not.
        #expect(held(result)["6217990000000003"]! == (19_900_00, 19_900_00))
        for totals in result.totalsByLabel { #expect(totals.resolved == totals.held + totals.cashedOut) }
    }

    @Test func everyFileMarksWhatIsInferred() throws {
        let result = try trace(follow: true)
        #expect(TraceOutputs.freeze(result).split(separator: "\n").first!.hasSuffix(",inferred"))
        #expect(TraceOutputs.freeze(result).contains("6217990000000005,19900.00,6222020000000001,4,fifo,周明,,19900.00"))
        #expect(TraceOutputs.returns(result).split(separator: "\n").first!.hasSuffix(",inferred"))
        #expect(TraceOutputs.cashout(result, offsetSeconds: cst).split(separator: "\n").first!.hasSuffix(",inferred"))
        let bridges = TraceOutputs.bridges(result, offsetSeconds: cst)
        #expect(bridges.contains("CB020,6217990000000002,李军,20000.00,2024-04-10 10:30:00,工商银行深圳福田支行ATM01,CB041,6217990000000003,赵鹏,19900.00,2024-04-10 12:10:00,农业银行深圳罗湖支行ATM02,100,20000.00,6222020000000001,no,followed"))
        let explained = TraceOutputs.explain(result, account: result.graph.account(named: "6217990000000005")!, offsetSeconds: cst)
        #expect(explained.contains("inferred cash bridge"))
        #expect(explained.contains("CB010") && explained.contains("CB043"))
        // Without the option the files keep their columns.
        let plain = try trace(follow: false)
        #expect(!TraceOutputs.freeze(plain).contains("inferred"))
    }

    @Test func proportionalAndLifoConserveAcrossBridges() throws {
        for policy in [TracePolicy.lifo, .proportional] {
            let result = try trace(follow: true, policy: policy)
            for totals in result.totalsByLabel { #expect(totals.resolved == totals.held + totals.cashedOut) }
            #expect(result.held.reduce(0) { $0 + $1.inferred } > 0)
        }
    }

    /// Victim X's cash paid into the card that holds victim Y's money: with the bridge followed
    /// the card holds both, but the two cases are not linked on an inference.
    @Test func aBridgeNeverLinksTwoVictims() throws {
        let dir = NSTemporaryDirectory() + "fundflow-bridge-link-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
id,time,from,to,amount,channel,place
L1,2024-04-10 10:00:00,6222020000000011,6217990000000021,20000.00,transfer,
L2,2024-04-10 10:30:00,6217990000000021,,20000.00,cash_withdrawal,工商银行深圳福田支行ATM01
L3,2024-04-10 11:00:00,6222020000000012,6217990000000022,5000.00,transfer,
L4,2024-04-10 12:00:00,,6217990000000022,20000.00,cash_deposit,招商银行深圳南山支行ATM05

""".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        try """
victim,amount,time,to,case
6222020000000011,20000.00,2024-04-10 10:00:00,6217990000000021,X
6222020000000012,5000.00,2024-04-10 11:00:00,6217990000000022,Y

""".write(toFile: dir + "/v.csv", atomically: true, encoding: .utf8)
        let data = try Fixtures.read([dir + "/t.csv"])
        let (reports, _) = try VictimReportReader.read(dir + "/v.csv", timeParser: TimeParser(defaultOffsetSeconds: cst))
        let result = Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, offsetSeconds: cst),
                            bridges: CashBridges(graph: data.graph, rules: CashBridgeRules()), followBridges: true).run()
        let card = try #require(result.held.first { result.graph.name(of: $0.account) == "6217990000000022" })
        #expect(card.total == 25_000_00 && card.inferred == 20_000_00)
        let linked = LinkedCases(result)
        #expect(linked.clusters.count == 2)
        #expect(linked.csv(result).contains(",inferred"))
        #expect(linked.clusters.map(\.inferred).sorted() == [0, 20_000_00])
    }

    @Test func citiesAreReadFromPlacesAsStatementsSpellThem() {
        #expect(CashBridges.city(of: "工商银行深圳福田支行ATM01") == "深圳")
        #expect(CashBridges.city(of: "北京银行上海分行营业部") == "上海")
        #expect(CashBridges.city(of: "农业银行揭阳市榕城支行") == "揭阳")
        #expect(CashBridges.city(of: "ATM 北京朝阳路支行") == "北京")
        #expect(CashBridges.city(of: "某某自助银行") == "某某自助银行")
    }
}
