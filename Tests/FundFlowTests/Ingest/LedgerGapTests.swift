import Foundation
import Testing
@testable import FundFlow

/// Statements' running balances, checked entry by entry: a jump means rows are missing.
@Suite struct LedgerGapTests {
    static let header = "账号,户名,交易日期,交易时间,借贷标志,金额,余额,对方账号,对方户名,摘要,流水号,交易地点\n"

    @Test func aMissingRowIsAGapWithTheMoneyItMoved() throws {
        let path = try Fixtures.temporaryFile(Self.header
            + "6217000022223333,王五,20240301,140500,贷,20000.00,20000.00,6217000011112222,张三,转账,SN1002,\n"
            + "6217000022223333,王五,20240301,141000,借,9000.00,11000.00,6230000055556666,钱七,转账,A-77001,\n"
            // A-77002 (借 8,000.00) is missing from the return.
            + "6217000022223333,王五,20240301,142000,借,2900.00,100.00,,,ATM取款,A-77003,北京海淀ATM\n")
        let gaps = try Fixtures.read([path]).report.ledgerGaps
        #expect(gaps.count == 1)
        let gap = try #require(gaps.first)
        #expect(gap.account == "6217000022223333" && gap.afterLine == 3 && gap.beforeLine == 4)
        #expect(gap.expectedBalance == 810_000 && gap.shownBalance == 10_000 && gap.missing == -800_000)
    }

    @Test func aWholeLedgerNewestFirstOrWithOneMomentReversedHasNoGap() throws {
        // Newest first, and two entries at 14:10:00 listed in the other order.
        let path = try Fixtures.temporaryFile(Self.header
            + "6217000022223333,王五,20240301,142000,借,2900.00,100.00,,,ATM取款,A-77003,北京海淀ATM\n"
            + "6217000022223333,王五,20240301,141000,借,8000.00,3000.00,6230000055556666,钱七,转账,A-77002,\n"
            + "6217000022223333,王五,20240301,141000,借,9000.00,11000.00,6230000055556666,钱七,转账,A-77001,\n"
            + "6217000022223333,王五,20240301,140500,贷,20000.00,20000.00,6217000011112222,张三,转账,SN1002,\n")
        #expect(try Fixtures.read([path]).report.ledgerGaps.isEmpty)
        #expect(try Fixtures.read([Fixtures.path("statements/bank_a_statement.csv")]).report.ledgerGaps.isEmpty)
    }

    @Test func statsListsTheGaps() throws {
        let path = try Fixtures.temporaryFile(Self.header
            + "6217000022223333,王五,20240301,140500,贷,20000.00,20000.00,6217000011112222,张三,转账,SN1002,\n"
            + "6217000022223333,王五,20240301,142000,借,2900.00,100.00,,,ATM取款,A-77003,北京海淀ATM\n")
        let data = try Fixtures.read([path])
        let text = StatsReport.text(data.report, try GraphSummary(data.graph), offsetSeconds: cst)
        #expect(text.contains("Ledger gaps: 1") && text.contains("between lines 2 and 3"))
        let json = StatsReport.json(data.report, try GraphSummary(data.graph), offsetSeconds: cst).serialized()
        #expect(json.contains(#""missing": "-17000.00""#))
    }
}
