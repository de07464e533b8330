/// A small set of words matched against a field's bytes without making a `String`: exact for
/// non-ASCII bytes, case-insensitive for ASCII letters. For the handful of spellings a column
/// may hold (出/入, 交易关闭, `fail`): a linear scan of the words' lengths and first eight bytes
/// packed in one integer each, the rest compared only for a word that matches both (comparing
/// byte by byte from the start, a status column's 支付成功 against a dozen four-character
/// failure words was 7% of reading a WeChat bill).
struct ByteWords: Sendable {
    private let words: [[UInt8]]
    /// Per word: its length and its first eight bytes (lowercased), little-endian.
    private let heads: [(count: Int, head: UInt64)]

    init(_ words: [String]) {
        self.words = words.map { Array($0.utf8).map(\.lowercasedASCII) }
        heads = self.words.map { word in (word.count, Self.head(word.count) { word[$0] }) }
    }

    func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = field.count
        let head = Self.head(count) { field[$0].lowercasedASCII }
        for (index, candidate) in heads.enumerated() where candidate.count == count && candidate.head == head {
            if count <= 8 { return true }
            let word = words[index]
            var same = true
            for k in 8..<count where field[k].lowercasedASCII != word[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    @inline(__always) private static func head(_ count: Int, _ byte: (Int) -> UInt8) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<min(count, 8) { value |= UInt64(byte(k)) << (8 * UInt64(k)) }
        return value
    }
}
