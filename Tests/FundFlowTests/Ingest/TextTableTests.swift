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
        #expect(fromTable.graph.amounts == fromFile.graph.amounts)
        #expect(fromTable.graph.times == fromFile.graph.times)
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
}
