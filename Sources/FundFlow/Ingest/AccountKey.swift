/// Cleans account ids as exports write them, so that one account is one key.
///
/// Removed: surrounding spaces and tabs, trailing `_` (some banks pad card numbers with it), a
/// leading `'` (Excel's text marker), the `="…"` wrapper of Excel-safe CSV, and spaces inside an
/// id made only of digits and spaces (`6222 0212 3456 7890`).
public final class AccountKey {
    private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private var capacity = 64

    init() {}

    deinit { scratch.deallocate() }

    /// Returns the cleaned bytes of `field`; the result may point into `field` or into scratch
    /// storage that stays valid until the next call.
    @inline(__always)
    func clean(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Most ids begin and end with a letter or digit and hold no space: nothing to remove.
        if let p = field.baseAddress, field.count > 0, Self.isLetterOrDigit(p[0]), Self.isLetterOrDigit(p[field.count - 1]),
           !Self.containsSpace(p, p + field.count) {
            return field
        }
        return cleanGeneral(field)
    }

    @inline(__always)
    static func isLetterOrDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 }

    /// ``clean(_:)`` for every field, byte by byte.
    func cleanGeneral(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard var start = field.baseAddress else { return field }
        var end = start + field.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        while start < end && isSpace(start.pointee) { start += 1 }
        while end > start && (isSpace(end[-1]) || end[-1] == UInt8(ascii: "_")) { end -= 1 }
        if end - start >= 3 && start[0] == UInt8(ascii: "=") && start[1] == UInt8(ascii: "\"") && end[-1] == UInt8(ascii: "\"") {
            start += 2
            end -= 1
        }
        if start < end && start.pointee == UInt8(ascii: "'") { start += 1 }
        // Most ids have no space or tab inside: nothing more to remove.
        guard Self.containsSpace(start, end) else { return UnsafeBufferPointer(start: start, count: end - start) }
        // Inner spaces in a digits-only id.
        var hasSpace = false
        var p = start
        while p < end {
            let b = p.pointee
            if isSpace(b) { hasSpace = true } else if b < 0x30 || b > 0x39 { return UnsafeBufferPointer(start: start, count: end - start) }
            p += 1
        }
        guard hasSpace else { return UnsafeBufferPointer(start: start, count: end - start) }
        if end - start > capacity {
            scratch.deallocate()
            capacity = end - start
            scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
        var count = 0
        p = start
        while p < end {
            if !isSpace(p.pointee) { scratch[count] = p.pointee; count += 1 }
            p += 1
        }
        return UnsafeBufferPointer(start: scratch, count: count)
    }

    /// Whether a space or a tab lies in `start..<end`, eight bytes at a time (a zero byte of
    /// `word ^ (c × 0x01…01)` is a byte equal to `c`; see ``CSVReader``'s field scan).
    @inline(__always)
    static func containsSpace(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var p = start
        while end - p >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            let a = word ^ 0x2020_2020_2020_2020, b = word ^ 0x0909_0909_0909_0909
            if ((a &- ones) & ~a | (b &- ones) & ~b) & highs != 0 { return true }
            p += 8
        }
        while p < end {
            if p.pointee == 0x20 || p.pointee == 0x09 { return true }
            p += 1
        }
        return false
    }

    /// An account id as typed or pasted, cleaned the same way as the data's.
    public static func clean(_ text: String) -> String {
        let key = AccountKey()
        var copy = text
        return copy.withUTF8 { String(decoding: key.clean($0), as: UTF8.self) }
    }
}
