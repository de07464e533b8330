/// Writes RFC 4180 CSV text: fields with a comma, quote, CR or LF are quoted, quotes doubled.
///
/// A field that starts with `=`, `+`, `-` or `@` and is not a number is prefixed with `'`, so a
/// spreadsheet does not run it as a formula (account ids and memos come from untrusted data).
public struct CSVWriter: Sendable {
    /// The text written so far.
    public private(set) var text = ""

    /// Creates a writer whose first row is `header`.
    public init(header: [String]) {
        appendRow(header)
    }

    /// Appends one row.
    public mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += CSVWriter.escape(field)
        }
        text += "\n"
    }

    /// One field, quoted where needed.
    public static func escape(_ field: String) -> String {
        var value = field
        if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first),
           (try? AmountParser.parse(value)) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        }
        return value
    }
}

extension String {
    /// The string with every `target` character replaced by `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
