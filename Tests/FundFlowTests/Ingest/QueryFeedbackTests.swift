import Testing
@testable import FundFlow

/// 查询反馈 returns as police receive them: a bank's full-width export (GB18030, DB2 times,
/// 交易是否成功 coded 01/02, an empty return, blank 收付标志, 现金标志 01, IP and MAC), a
/// variant with a date column and integer times, and a payment institution's return whose rows
/// name payer and payee (付款方支付帐号 with 帐) seen from the 查询账号.
@Suite struct QueryFeedbackTests {
    static func transfer(_ graph: TransferGraph, id: String) throws -> Int {
        try #require((0..<graph.transferCount).first { graph.id($0) == id }, "\(id)")
    }

    @Test func theFullBankExportReadsEveryQuirk() throws {
        let data = try Fixtures.read([Fixtures.path("query-feedback/bank_full_gb18030.csv")])
        let report = data.report
        let graph = data.graph
        #expect(report.files[0].layouts == [.statement])
        #expect(report.transfers == 4 && report.rejected == 0)
        #expect(report.skippedByReason == [.failed: 1, .preamble: 1, .emptyReturn: 1])
        // DB2 time, at the case's +08:00: 2024-03-01 14:22:05.123 = 06:22:05.123 UTC.
        let first = try Self.transfer(graph, id: "Q0001")
        #expect(graph.time(first) == 1_709_274_125_123)
        #expect(graph.payer(first).map { graph.name(of: $0) } == "6228480000000011")
        #expect(graph.attributes.value("ip", row: first) == "10.1.1.1")
        #expect(graph.attributes.value("mac", row: first) == "00-1A-2B-3C-4D-5E")
        #expect(graph.attributes.value("counterparty_bank", row: first) == "103100000026")
        // 现金标志 01 with no counterparty and a negative amount with a blank 收付标志: a cash withdrawal.
        let cash = try Self.transfer(graph, id: "Q0004")
        #expect(graph.channel(cash) == .cashWithdrawal && graph.amount(cash).decimalString == "400.00")
        // A blank 收付标志 on a positive amount: the balance went 100.00 → 150.00, so money in.
        let inferred = try Self.transfer(graph, id: "Q0005")
        #expect(graph.payee(inferred).map { graph.name(of: $0) } == "6217300000000001")
        #expect(data.holders.holders.contains { $0.id == "110101198001010011" })
        #expect(report.ledgerGaps.isEmpty, "the failed row's balance is not a gap")
    }

    @Test func aBlankDirectionTheBalanceCannotExplainIsRejectedNamingTheColumn() throws {
        let text = """
            交易卡号,交易时间,交易金额,交易余额,收付标志,交易对手账卡号
            6217300000000009,2024-03-01 10:00:00,100.00,100.00,,6228480000000011
            6217300000000009,2024-03-01 10:05:00,50.00,150.00,进,6228480000000011
            6217300000000009,2024-03-01 10:06:00,70.00,10.00,,6228480000000011

            """
        let data = try Fixtures.read([try Fixtures.temporaryFile(text, name: "blank_direction.csv")])
        #expect(data.report.transfers == 1 && data.report.rejected == 2)
        #expect(data.report.rejectedRows.allSatisfy { $0.column == "收付标志" && $0.reason.contains("blank") })
    }

    @Test func theVariantWithADateColumnAndIntegerTimes() throws {
        let data = try Fixtures.read([Fixtures.path("query-feedback/bank_variant.csv")])
        let graph = data.graph
        #expect(data.report.transfers == 3 && data.report.rejected == 0)
        // 90000 in the time column is 09:00:00 (2024-03-01 01:00:00 UTC); the row is a shop
        // payment whose counterparty is the merchant (商户号).
        let shop = try Self.transfer(graph, id: "V0002")
        #expect(graph.time(shop) == 1_709_254_800_000)
        #expect(graph.payee(shop).map { graph.name(of: $0) } == "M123456")
        #expect(graph.attributes.value("terminal_id", row: shop) == "T9001")
        // The holder's ID is read from 开户人证件号码 and the name from 账户开户名称.
        #expect(data.holders.holders.contains { $0.id == "440301199505050033" && $0.names.contains("陈小红") })
    }

    @Test func aPaymentInstitutionsReturnSeenFromTwoWalletsMergesEachOrderOnce() throws {
        let data = try Fixtures.read([Fixtures.path("query-feedback/payment_institution.csv")])
        let graph = data.graph
        #expect(data.report.files[0].layouts == [.statement])
        #expect(data.report.transfers == 5 && data.report.merged == 1 && data.report.rejected == 0)
        #expect(Set(data.ledgerAccounts) == ["pay_wallet_10001", "pay_wallet_20002"])
        let shared = try Self.transfer(graph, id: "P202403010002")
        #expect(graph.payer(shared).map { graph.name(of: $0) } == "pay_wallet_10001")
        #expect(graph.payee(shared).map { graph.name(of: $0) } == "pay_wallet_20002")
        // A withdrawal to a card and a top-up from one: the card is the other side.
        let withdrawal = try Self.transfer(graph, id: "P202403010003")
        #expect(graph.payee(withdrawal).map { graph.name(of: $0) } == "6222020000000055")
        let topUp = try Self.transfer(graph, id: "P202403010005")
        #expect(graph.payer(topUp).map { graph.name(of: $0) } == "6228480000000066")
        let shop = try Self.transfer(graph, id: "P202403010004")
        #expect(graph.channel(shop) == .qrPayment)
    }

    @Test func headersSpellingZhangOrZhangAreOneColumn() {
        #expect(HeaderMap.normalize("付款方支付帐号") == HeaderMap.normalize("付款方支付账号"))
        let map = HeaderMap(header: ["查询账号", "付款方支付帐号", "收款方支付帐号", "交易时间", "借贷标志", "交易金额"])
        #expect(map.layout == .statement && map.columns[.from] == 1 && map.columns[.to] == 2 && map.missing.isEmpty)
    }
}
