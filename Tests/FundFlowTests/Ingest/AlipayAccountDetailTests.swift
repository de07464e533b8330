import Testing
@testable import FundFlow

/// 支付宝 协查 账户明细 returns (GB18030): the account and name inside 用户信息 / 交易对方信息, the
/// time the money moved (付款时间) over the time the order was made, closed orders and 不计收支
/// rows skipped, and one 交易号 in two accounts' returns merged once.
@Suite struct AlipayAccountDetailTests {
    static let files = ["alipay/账户明细_2088101000000001.csv", "alipay/账户明细_2088102000000002.csv"].map(Fixtures.path)

    @Test func twoReturnsReadAsOneLedgerEach() throws {
        let data = try Fixtures.read(Self.files)
        let graph = data.graph
        let report = data.report
        #expect(report.files.map(\.layouts) == [[.statement], [.statement]])
        #expect(report.transfers == 4 && report.merged == 1 && report.rejected == 0)
        #expect(report.skippedByReason == [.failed: 1, .notCounted: 1])
        #expect(Set(data.ledgerAccounts) == ["2088101000000001", "2088102000000002"])
        let ids = (0..<graph.transferCount).map { graph.id($0) }
        let shared = try #require(ids.firstIndex(of: "2024030122001409000000002"))
        #expect(ids.filter { $0 == "2024030122001409000000002" }.count == 1)
        #expect(graph.payer(shared).map { graph.name(of: $0) } == "2088101000000001")
        // Full-width parentheses: 2088102000000002（黄磊）.
        #expect(graph.payee(shared).map { graph.name(of: $0) } == "2088102000000002")
        #expect(graph.attributes.value("counterparty_name", row: shared) == "黄磊" || graph.attributes.value("account_name", row: shared) == "黄磊")
        // 付款时间 10:00:05, not 交易创建时间 10:00:00 (+08:00).
        let first = try #require(ids.firstIndex(of: "2024030122001409000000001"))
        #expect(graph.time(first) == 1_709_258_405_000)
        #expect(graph.attributes.value("counterparty_name", row: first) == "王秀英")
        // A name outside and the id inside: 中国工商银行（6222020000000088）, 林晓(lin***@163.com).
        let withdrawal = try #require(ids.firstIndex(of: "2024030122001409000000006"))
        #expect(graph.payee(withdrawal).map { graph.name(of: $0) } == "6222020000000088")
        let own = try #require(ids.firstIndex(of: "2024030122001409000000005"))
        #expect(graph.payer(own).map { graph.name(of: $0) } == "lin***@163.com")
    }

    @Test func partyInfoFindsTheIdOnEitherSide() {
        func split(_ text: String) -> (String, String) {
            var text = text
            return text.withUTF8 { b in
                let (id, name) = PartyInfo.split(b)
                return (String(decoding: id, as: UTF8.self), String(decoding: name, as: UTF8.self))
            }
        }
        #expect(split("2088101000000001(林晓)") == ("2088101000000001", "林晓"))
        #expect(split("林晓（2088101000000001）") == ("2088101000000001", "林晓"))
        #expect(split(" zhang***@163.com (张三) ") == ("zhang***@163.com", "张三"))
        #expect(split("2088101000000001") == ("2088101000000001", ""))
        #expect(split("某某(北京)科技有限公司(2088000000000100)") == ("2088000000000100", "某某(北京)科技有限公司"))
        #expect(split("wxid_a1(12)") == ("wxid_a1", "12"), "both look like ids: the outer is the account")
    }
}
