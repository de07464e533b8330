/// A byte-string search over UTF-8 text.
enum ByteSearch {
    /// Whether `haystack` holds the bytes of `needle` (UTF-8 is self-synchronising, so a byte
    /// match is a character match); used by the memo inference and ``SourceOfFunds``.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// The byte offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard start >= 0, needle.count <= haystack.count - start, let first = needle.first else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
