import Testing
@testable import FundFlow

/// Every fixture read alone gives the counts and totals worked out by hand from its rows.
@Suite struct FixtureCountsTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var rows: Int, transfers: Int, merged: Int, skipped: Int, rejected: Int, accounts: Int
        var amount: String
        var testDescription: String { file }
    }

    static let cases: [Expected] = [
        Expected(file: "canonical/mixed_en.csv", rows: 19, transfers: 14, merged: 0, skipped: 1, rejected: 4, accounts: 14, amount: "114573.00"),
        Expected(file: "statements/police_export_gb18030.csv", rows: 10, transfers: 5, merged: 0, skipped: 5, rejected: 0, accounts: 5, amount: "99200.00"),
        Expected(file: "statements/bank_a_statement.csv", rows: 5, transfers: 5, merged: 0, skipped: 0, rejected: 0, accounts: 3, amount: "40000.00"),
        Expected(file: "statements/bank_b_statement.tsv", rows: 5, transfers: 4, merged: 0, skipped: 0, rejected: 1, accounts: 3, amount: "34100.00"),
        Expected(file: "tenpay/TenpayTrades_2024030101.txt", rows: 7, transfers: 6, merged: 1, skipped: 0, rejected: 0, accounts: 7, amount: "22300.00"),
        Expected(file: "xlsx/openpyxl_numeric.xlsx", rows: 2000, transfers: 2000, merged: 0, skipped: 0, rejected: 0, accounts: 40, amount: "5035652.49"),
        Expected(file: "xlsx/bank_c_transfers.xlsx", rows: 5, transfers: 4, merged: 0, skipped: 1, rejected: 0, accounts: 4, amount: "28999.50"),
        Expected(file: "xlsx/bank_c_transfers_zip64.xlsx", rows: 5, transfers: 4, merged: 0, skipped: 1, rejected: 0, accounts: 4, amount: "28999.50"),
        Expected(file: "aml/amlworld_trans.csv", rows: 8, transfers: 7, merged: 0, skipped: 0, rejected: 1, accounts: 8, amount: "60543.19"),
        Expected(file: "aml/amlsim_transactions.csv", rows: 5, transfers: 5, merged: 0, skipped: 0, rejected: 0, accounts: 7, amount: "3053.48"),
    ]

    @Test(arguments: cases)
    func countsAddUp(expected: Expected) throws {
        let result = try Fixtures.read([Fixtures.path(expected.file)])
        let report = result.report
        #expect(report.rows == expected.rows)
        #expect(report.transfers == expected.transfers)
        #expect(report.merged == expected.merged)
        #expect(report.skipped == expected.skipped)
        #expect(report.rejected == expected.rejected)
        #expect(report.addsUp)
        #expect(result.graph.transferCount == expected.transfers)
        #expect(result.graph.accountCount == expected.accounts)
        #expect(Amount(fen: Int64(result.graph.totalFen)).decimalString == expected.amount)
        #expect(report.rejectedRows.count == expected.rejected)
    }

    @Test func canonicalRowsKeepTheirQuirks() throws {
        let graph = try Fixtures.read([Fixtures.path("canonical/mixed_en.csv")]).graph
        let report = try Fixtures.read([Fixtures.path("canonical/mixed_en.csv")]).report
        #expect(report.files[0].encoding == .utf8)
        #expect(report.rejectedRows.map(\.line) == [17, 18, 19, 20])
        #expect(report.rejectedRows.map { $0.column ?? "" } == ["amount", "time", "to", "amount"])
        #expect(report.skippedByReason == [.zeroAmount: 1])

        let salary = try #require(graph.transfers(withID: "P005").first)
        #expect(graph.amount(salary) == Amount(fen: 880_000))  // ¥8800
        let withdrawal = try #require(graph.transfers(withID: "W001").first)
        #expect(graph.channel(withdrawal) == .cashWithdrawal)
        #expect(graph.payee(withdrawal) == nil)
        #expect(graph.attributes.value("place", row: withdrawal) == "ATM Chaoyang Rd 12")
        let deposit = try #require(graph.transfers(withID: "D001").first)
        #expect(graph.payer(deposit) == nil)
        #expect(graph.attributes.value("memo", row: deposit) == "two\r\nlines")  // the file is CRLF throughout
        let quoted = try #require(graph.transfers(withID: "R002").first)
        #expect(graph.attributes.value("memo", row: quoted) == "He said \"happy new year\"")
        #expect(graph.channel(quoted) == .redPacket)
        let unknownChannel = try #require(graph.transfers(withID: "E001").first)
        #expect(graph.channel(unknownChannel) == .other)
        #expect(graph.attributes.value("channel_text", row: unknownChannel) == "wire_xfer")
        let device = try #require(graph.transfers(withID: "Q002").first)
        #expect(graph.attributes.value("device_id", row: device) == "dev-2")
        #expect(graph.source(of: device) == (Fixtures.path("canonical/mixed_en.csv"), 9))
    }

    @Test func policeExportIsReadAsGB18030Statement() throws {
        let result = try Fixtures.read([Fixtures.path("statements/police_export_gb18030.csv")])
        let report = result.report
        #expect(report.files[0].encoding == .gb18030)
        #expect(report.files[0].layouts == [.statement])
        #expect(report.skippedByReason == [.preamble: 1, .zeroAmount: 1, .failed: 1, .repeatedHeader: 1, .summary: 1])
        let graph = result.graph
        // The trailing _ and the trailing space are not part of the card numbers.
        let card = try #require(graph.account(named: "6217000011112222"))
        #expect(graph.account(named: "6217000011112222_") == nil)
        #expect(graph.account(named: "6217000044445555") != nil)
        #expect(graph.incoming(card).count == 1)
        #expect(graph.outgoing(card).count == 4)
        let cash = try #require(graph.transfers(withID: "SN1006").first)
        #expect(graph.channel(cash) == .cashWithdrawal)
        #expect(graph.attributes.value("place", row: cash) == "北京朝阳支行ATM")
        let redPacket = try #require(graph.transfers(withID: "SN1007").first)
        #expect(graph.channel(redPacket) == .redPacket)
        #expect(graph.attributes.value("account_name", row: redPacket) == "张三")
        // The victim's payment: the credit row, seen from the first-level card.
        let loss = try #require(graph.transfers(withID: "SN1001").first)
        #expect(graph.name(of: try #require(graph.payer(loss))) == "6228480000000001")
        #expect(graph.amount(loss) == Amount(fen: 5_000_000))
    }

    @Test func xlsxSheetsAreReadAsTables() throws {
        let graph = try Fixtures.read([Fixtures.path("xlsx/bank_c_transfers.xlsx")]).graph
        let serialTime = try #require(graph.transfers(withID: "C-002").first)
        #expect(TimeFormatter.string(graph.time(serialTime), offsetSeconds: cst) == "2024-03-02 09:45:00")
        #expect(graph.amount(serialTime) == Amount(fen: 1_180_050))
        let redPacket = try #require(graph.transfers(withID: "C-003").first)
        #expect(graph.channel(redPacket) == .redPacket)
        #expect(graph.attributes.value("to_name", row: redPacket) == "微信零钱")
        let first = try #require(graph.transfers(withID: "C-001").first)
        #expect(graph.attributes.value("memo", row: first) == "货款 R&D")
        let cash = try #require(graph.transfers(withID: "C-004").first)
        #expect(graph.channel(cash) == .cashWithdrawal)
    }

    /// The same workbook with every size and offset in zip64 form (`scripts/make-zip64-xlsx.py`:
    /// 0xFFFFFFFF in the headers, the values in zip64 extra fields, the zip64 end records) reads
    /// to the same transfers, ids, times, amounts and attributes.
    @Test func zip64WorkbooksReadAsTheirPlainForm() throws {
        let plain = try Fixtures.read([Fixtures.path("xlsx/bank_c_transfers.xlsx")]).graph
        let zip64 = try Fixtures.read([Fixtures.path("xlsx/bank_c_transfers_zip64.xlsx")]).graph
        #expect(zip64.transferCount == plain.transferCount)
        for t in 0..<plain.transferCount {
            #expect(zip64.id(t) == plain.id(t) && zip64.time(t) == plain.time(t) && zip64.amount(t) == plain.amount(t))
            #expect(zip64.attributes.value("memo", row: t) == plain.attributes.value("memo", row: t))
        }
    }

    @Test func amlworldAccountsAreBankPlusAccount() throws {
        let result = try Fixtures.read([Fixtures.path("aml/amlworld_trans.csv")])
        let graph = result.graph
        #expect(result.report.files[0].layouts == [.amlworld])
        #expect(graph.account(named: "03208:8000F4580") != nil)
        #expect(graph.account(named: "001:8000F5340") != nil)
        // Sorted by time; rows of equal time keep input order.
        #expect(graph.id(0) == "4")  // the 00:00 row: no serial, so its line number
        #expect(graph.attributes.value("Is Laundering", row: try #require(graph.transfers(withID: "9").first)) == "1")
        let card = try #require(graph.transfers(withID: "9").first)
        #expect(graph.channel(card) == .cardPayment)
        #expect(graph.amount(card) == Amount(fen: 54_012))  // Amount Paid, not Amount Received
        #expect(result.report.rejectedRows.first?.column == "Amount Paid")
    }

    @Test func amlsimIsACanonicalDumpWithItsOwnNames() throws {
        let graph = try Fixtures.read([Fixtures.path("aml/amlsim_transactions.csv")]).graph
        #expect(graph.time(0) == 1_483_228_800_000)  // 2017-01-01T00:00:00Z
        #expect(graph.attributes.value("is_sar", row: try #require(graph.transfers(withID: "3").first)) == "True")
        #expect(graph.name(of: try #require(graph.payer(0))) == "0")
    }
}
