import Testing
@testable import FundFlow

/// 财付通 TenpayTrades returns: amounts in fen, 出/入, both sides of one 交易单号 merged once,
/// group red packets, ids padded with a tab.
@Suite struct TenpayTradesTests {
    @Test func aReturnReadsAsTransfersInYuanWithBothSidesMergedOnce() throws {
        let data = try Fixtures.read([Fixtures.path("tenpay/TenpayTrades_2024030101.txt")])
        let graph = data.graph
        #expect(data.report.files[0].layouts == [.statement])
        #expect(Set(data.ledgerAccounts) == ["wxid_gang01", "wxid_tier02"])
        let ids = (0..<graph.transferCount).map { graph.id($0) }
        #expect(ids.filter { $0 == "1000050101202403010000003" }.count == 1)
        let t = try #require(ids.firstIndex(of: "1000050101202403010000003"))
        #expect(graph.amount(t).decimalString == "7000.00")
        #expect(graph.payer(t).map { graph.name(of: $0) } == "wxid_gang01")
        #expect(graph.payee(t).map { graph.name(of: $0) } == "wxid_tier02")
        let packets = (0..<graph.transferCount).filter { graph.channel($0) == .redPacket }
        #expect(packets.count == 2 && packets.allSatisfy { graph.amount($0).decimalString == "200.00" })
    }

    @Test func aFractionInAColumnOfFenIsRejectedNamingTheColumn() throws {
        let header = "用户ID\t交易单号\t借贷类型\t交易时间\t交易金额(分)\t对手方ID\n"
        let path = try Fixtures.temporaryFile(header + "wxid_a\tT1\t出\t2024-03-01 10:00:00\t500.5\twxid_b\nwxid_a\tT2\t出\t2024-03-01 10:01:00\t500\twxid_b\n",
                                              name: "TenpayTrades.txt")
        let data = try Fixtures.read([path])
        #expect(data.report.transfers == 1 && data.report.rejected == 1)
        #expect(data.report.rejectedRows.first?.column == "交易金额(分)")
        #expect(data.report.rejectedRows.first?.reason.contains("分") == true)
        #expect(data.graph.amount(0).decimalString == "5.00")
    }
}
