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
    ///
    /// Tested byte by byte on the UTF-8: a scan of `Character`s (grapheme breaking on every
    /// Chinese name) was a third of writing a trace's files. Bytes are also what CSV means: a
    /// quote followed by a combining mark is one `Character` that is not `"`, yet its quote byte
    /// must be doubled.
    public static func escape(_ field: String) -> String {
        var value = field
        if let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@"),
           (try? AmountParser.parse(value)) == nil {
            value = "'" + value
        }
        let quote = UInt8(ascii: "\"")
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
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
