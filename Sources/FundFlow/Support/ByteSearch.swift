/// A byte-string search over UTF-8 text.
enum ByteSearch {
    /// Whether `haystack` holds the bytes of `needle` (UTF-8 is self-synchronising, so a byte
    /// match is a character match); used by the memo inference and ``SourceOfFunds``.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
