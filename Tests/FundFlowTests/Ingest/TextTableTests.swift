import Testing
@testable import FundFlow

/// Tables that do not come from files (database results) are read as a CSV file with the same
/// header and rows would be.
@Suite struct TextTableTests {
    static let header = ["交易流水号", "交易时间", "付款账号", "收款账号", "交易金额", "channel", "place"]
    static let rows = [
        ["T1", "2024-03-01 10:00:00", "6217 0000 1111 2222", "6230000055556666", "1,000.00", "transfer", ""],
        ["T2", "2024-03-01T02:05:00.250Z", "6230000055556666", "", "300.00", "cash_withdrawal", "ATM 北京"],
        ["T3", "not a time", "6230000055556666", "6212000011110000", "5.00", "transfer", ""],
        ["T4", "2024-03-01 10:06:00", "6230000055556666", "6212000011110000", "0.00", "transfer", ""],
    ]

    @Test func aTextTableReadsLikeTheSameCSV() throws {
        var table = TextTable(name: "postgres:transfers", header: Self.header)
        for row in Self.rows { table.append(row) }
        let fromTable = try Ingestor.read(tables: [table])
        let csv = ([Self.header] + Self.rows).map { $0.joined(separator: ",").replacingOccurrences(of: "1,000.00", with: "\"1,000.00\"") }
        let fromFile = try Ingestor.read([try Fixtures.temporaryFile(csv.joined(separator: "\n") + "\n")])
        #expect((0..<fromTable.graph.transferCount).map(fromTable.graph.fen) == (0..<fromFile.graph.transferCount).map(fromFile.graph.fen))
        #expect((0..<fromTable.graph.transferCount).map(fromTable.graph.time) == (0..<fromFile.graph.transferCount).map(fromFile.graph.time))
        #expect((0..<fromTable.graph.transferCount).map { fromTable.graph.id($0) } == ["T1", "T2"])
        #expect(fromTable.graph.account(named: "6217000011112222") != nil)
        #expect(fromTable.graph.attributes.value("place", row: 1) == "ATM 北京")
        let report = fromTable.report
        #expect(report.rows == 4 && report.transfers == 2 && report.rejected == 1 && report.skipped == 1 && report.addsUp)
        #expect(report.rejectedRows.first?.file == "postgres:transfers" && report.rejectedRows.first?.line == 4)
        #expect(fromTable.accountingProblems.isEmpty)
    }

    @Test func aTableWithoutTheRequiredColumnsIsRefused() {
        let table = TextTable(name: "postgres:other", header: ["id", "note"])
        #expect(throws: IngestError.self) { try Ingestor.read(tables: [table]) }
    }

    /// A command that shows only cash-out places keeps only them; the transfers are the same.
    @Test func onlyTheKeptAttributesAreHeld() throws {
        let header = ["id", "time", "from", "to", "amount", "channel", "from_name", "place", "memo", "柜员号"]
        var table = TextTable(name: "dump.csv", header: header)
        table.append(["T1", "2024-03-01 10:00:00", "6217000011112222", "", "300.00", "cash_withdrawal", "王芳", "ATM 北京", "取款", "A07"])
        table.append(["T2", "2024-03-01 09:00:00", "6230000055556666", "6217000011112222", "500.00", "transfer", "李强", "", "生活费", "A08"])
        var options = IngestOptions()
        options.keptAttributes = ["place"]
        let few = try Ingestor.read(tables: [table], options: options).graph
        let all = try Ingestor.read(tables: [table]).graph
        #expect(few.fenColumn == all.fenColumn && few.timeColumn == all.timeColumn && few.payerColumn == all.payerColumn)
        #expect(few.attributes.attributes(row: 1).map(\.key) == ["place"])
        #expect(few.attributes.value("place", row: 1) == "ATM 北京")
        #expect(few.attributes.value("memo", row: 1) == nil && few.attributes.value("from_name", row: 0) == nil)
        #expect(all.attributes.attributes(row: 1).map(\.key) == ["from_name", "place", "memo", "柜员号"])
        #expect(all.attributes.value("memo", row: 0) == "生活费")
    }
}
