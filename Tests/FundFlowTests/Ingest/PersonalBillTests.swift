import Testing
@testable import FundFlow

/// Victims' own bills: WeChat's 微信支付账单 (preamble, ¥ amounts, a tab after 交易单号, neutral
/// rows, a transfer the recipient sent back) and Alipay's 交易明细 (GBK, 导出信息 block, separator
/// lines, a trailing comma, times without seconds, 不计收支). The subject is the holder the
/// preamble names; with the platform's return in the inputs, the bill takes its real accounts.
@Suite struct PersonalBillTests {
    static let wechat = Fixtures.path("bills/微信支付账单(20240201-20240331).csv")
    static let alipay = Fixtures.path("bills/支付宝交易明细(20240301-20240331).csv")

    static func transfer(_ graph: TransferGraph, _ id: String) throws -> Int {
        try #require((0..<graph.transferCount).first { graph.id($0) == id }, "\(id)")
    }

    static func parties(_ graph: TransferGraph, _ t: Int) -> (String?, String?) {
        (graph.payer(t).map { graph.name(of: $0) }, graph.payee(t).map { graph.name(of: $0) })
    }

    @Test func aWeChatBillAlone() throws {
        let data = try Fixtures.read([Self.wechat])
        let graph = data.graph
        #expect(data.report.files[0].layouts == [.statement])
        #expect(data.report.transfers == 2 && data.report.rejected == 0)
        // 16 lines above the header, two of them blank (blank lines are no rows).
        #expect(data.report.skippedByReason == [.preamble: 14, .failed: 1, .notCounted: 1])
        let paid = try Self.transfer(graph, "1000050101202403010000001")
        #expect(Self.parties(graph, paid) == ("李姐", "理财导师"))
        #expect(graph.amount(paid).decimalString == "5000.00")
        #expect(Set(data.ledgerAccounts) == ["李姐"])
    }

    /// WeChat writes `/` for no value (商品, 商户单号, 备注): no attribute holds it.
    @Test func aBillsSlashIsNoValue() throws {
        let graph = try Fixtures.read([Self.wechat]).graph
        let values = (0..<graph.transferCount).flatMap { graph.attributes.attributes(row: $0).map(\.value) }
        #expect(!values.isEmpty && !values.contains("/"))
        let paid = try Self.transfer(graph, "1000050101202403010000001")
        #expect(graph.attributes.value("memo", row: paid) == nil && graph.attributes.value("备注", row: paid) == nil)
        #expect(graph.attributes.value("支付方式", row: paid) == "零钱")
    }

    @Test func anAlipayBillAlone() throws {
        let data = try Fixtures.read([Self.alipay])
        let graph = data.graph
        #expect(data.report.transfers == 1 && data.report.rejected == 0)
        #expect(data.report.skippedByReason[.notCounted] == 1 && data.report.skippedByReason[.failed] == 1)
        #expect(data.report.skippedByReason[.summary] == 1, "the separator line below the rows")
        let paid = try Self.transfer(graph, "2024030122001409000000001")
        #expect(Self.parties(graph, paid) == ("138****0001", "lin***@163.com"))
        #expect(graph.time(paid) == 1_709_258_400_000, "2024/3/1 10:00 at +08:00")
        #expect(graph.holderName(of: try #require(graph.payer(paid))) == "王秀英")
    }

    @Test func withThePlatformsReturnsTheBillsTakeTheRealAccountsAndMergeOnce() throws {
        let data = try Fixtures.read([Self.wechat, Self.alipay, Fixtures.path("tenpay/TenpayTrades_2024030101.txt"),
                                      Fixtures.path("alipay/账户明细_2088101000000001.csv")])
        let graph = data.graph
        #expect(data.report.rejected == 0)
        let ids = (0..<graph.transferCount).map { graph.id($0) }
        #expect(ids.filter { $0 == "1000050101202403010000001" }.count == 1)
        #expect(ids.filter { $0 == "2024030122001409000000001" }.count == 1)
        #expect(Self.parties(graph, try Self.transfer(graph, "1000050101202403010000001")) == ("wxid_victim01", "wxid_gang01"))
        let alipay = try Self.transfer(graph, "2024030122001409000000001")
        #expect(Self.parties(graph, alipay) == ("2088109000000009", "2088101000000001"))
        // The return's time (付款时间 10:00:05), not the bill's minute (10:00): the return is the record.
        #expect(graph.time(alipay) == 1_709_258_405_000)
        // The bill's other rows follow its holder: 老妈's red packet reached wxid_victim01.
        #expect(Self.parties(graph, try Self.transfer(graph, "1000039901202402280000009")) == ("老妈", "wxid_victim01"))
        #expect(data.ledgerAccounts.contains("wxid_victim01") && !data.ledgerAccounts.contains("李姐"))
        let read = data.report.files.reduce(0) { $0 + $1.rows }
        #expect(read == data.report.transfers + data.report.merged + data.report.skipped + data.report.rejected)
    }
}
