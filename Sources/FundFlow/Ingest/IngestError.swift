/// A problem that stops a whole file from being read (a bad row never does: it is rejected).
///
/// Every case names the file, and the line and column where they apply, so the message can be
/// shown to an investigator as it is.
public struct IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened or read (the system's reason).
        case unreadable(String)
        /// The bytes are neither UTF-8 nor GB18030 (nor UTF-16 with a byte-order mark).
        case unknownEncoding
        /// The file holds binary data (NUL bytes), not text.
        case binary
        /// The file has no rows at all.
        case empty
        /// No header row maps the fields a transfer needs; the missing fields are named.
        case missingColumns([String])
        /// A record is longer than the reader accepts (often an unbalanced quote).
        case recordTooLong(limit: Int)
        /// The file is not a table fundflow knows (e.g. a zip that is not an xlsx workbook).
        case notATable(String)
        /// A part of an xlsx workbook is damaged (its bytes do not inflate to what the zip
        /// directory declares): the workbook is refused, whichever sheet it is.
        case damagedWorkbook(String)
        /// An option given to the reader is invalid.
        case invalidOption(String)
    }

    /// The file's path as given.
    public var file: String
    /// The 1-based line, where it applies.
    public var line: Int?
    /// The column, where it applies.
    public var column: String?
    /// What went wrong.
    public var kind: Kind

    /// Creates an error about `file`.
    public init(file: String, line: Int? = nil, column: String? = nil, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " (column \(column))" }
        let reason: String
        switch kind {
        case .unreadable(let why): reason = "cannot read file: \(why)"
        case .unknownEncoding: reason = "unknown text encoding (expected UTF-8 or GB18030)"
        case .binary: reason = "binary data, not a text table (NUL bytes)"
        case .empty: reason = "no rows: the file is empty"
        case .missingColumns(let fields):
            reason = "no column for required field(s) \(fields.joined(separator: ", ")) in the header"
        case .recordTooLong(let limit):
            reason = "a record is longer than \(limit / (1 << 20)) MiB (an unbalanced quote?)"
        case .notATable(let why): reason = "not a table: \(why)"
        case .damagedWorkbook(let why): reason = "damaged xlsx workbook: \(why)"
        case .invalidOption(let why): reason = why
        }
        return "\(place): \(reason)"
    }
}
