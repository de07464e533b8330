/// A table of text rows that does not come from a file — a database query's result — read exactly
/// as a CSV file with the same header would be (header mapping, parsing, accounting, merge).
public struct TextTable: Sendable {
    /// What the table is called in reports and rejected rows (a file name, `postgres:transfers`).
    public var name: String
    /// The column names, mapped like a CSV header.
    public var header: [String]
    var rows: [OwnedRecord] = []
    var lines: [Int] = []

    /// An empty table with these columns.
    public init(name: String, header: [String]) {
        self.name = name
        self.header = header
    }

    /// The number of rows appended.
    public var count: Int { rows.count }

    /// Appends a row; `line` is what rejected rows cite (default: the row's position, header = 1).
    public mutating func append(_ fields: [String], line: Int? = nil) {
        var record = OwnedRecord()
        for (index, field) in fields.enumerated() { record.set(index, field.utf8) }
        rows.append(record)
        lines.append(line ?? rows.count + 1)
    }

    func forEachRecord(_ body: (RawRecord) throws(IngestError) -> Void) throws(IngestError) {
        var header = OwnedRecord()
        for (index, name) in self.header.enumerated() { header.set(index, name.utf8) }
        var failure: IngestError?
        header.withRecord(line: 1) { (record: RawRecord) in
            do throws(IngestError) { try body(record) } catch { failure = error }
        }
        for (row, line) in zip(rows, lines) where failure == nil {
            row.withRecord(line: line) { (record: RawRecord) in
                do throws(IngestError) { try body(record) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }
}
