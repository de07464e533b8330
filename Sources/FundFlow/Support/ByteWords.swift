/// A small set of words matched against a field's bytes without making a `String`: exact for
/// non-ASCII bytes, case-insensitive for ASCII letters. For the handful of spellings a column
/// may hold (出/入, 交易关闭, `fail`): a linear scan of words of the field's length.
struct ByteWords: Sendable {
    private let words: [[UInt8]]

    init(_ words: [String]) {
        self.words = words.map { Array($0.utf8).map(\.lowercasedASCII) }
    }

    func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        for word in words where word.count == field.count {
            var same = true
            for k in 0..<word.count where field[k].lowercasedASCII != word[k] { same = false; break }
            if same { return true }
        }
        return false
    }
}
