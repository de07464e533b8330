/// The parameters of one query (`$1`, `$2`, …), sent as text: the query's casts (`$1::bigint`,
/// `$1::text[]`) or the column compared with tell the server their types, so no type ids are sent.
struct SQLBindings: Sendable {
    /// The parameters' text, in order.
    private(set) var values: [String] = []

    /// How many parameters there are: the number of the last one appended.
    var count: Int { values.count }

    /// Appends a text parameter.
    mutating func append(_ text: String) { values.append(text) }

    /// Appends an integer parameter (times in milliseconds, counts).
    mutating func append(_ value: Int64) { values.append(String(value)) }

    /// Appends a `text[]` parameter, written as an array literal: every element quoted, with `"` and
    /// `\` escaped, so that commas, braces, quotes and `NULL` in an account id stay data.
    mutating func append(_ texts: [String]) {
        var literal = "{"
        for (k, text) in texts.enumerated() {
            if k > 0 { literal += "," }
            literal += "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { literal += "\\" }
                literal.unicodeScalars.append(scalar)
            }
            literal += "\""
        }
        values.append(literal + "}")
    }

    /// Appends a `bigint[]` parameter; `nil` elements are SQL `NULL`.
    mutating func append(_ values: [Int64?]) {
        self.values.append("{" + values.map { $0.map(String.init) ?? "NULL" }.joined(separator: ",") + "}")
    }
}
