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
    func clean(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
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

    /// An account id as typed or pasted, cleaned the same way as the data's.
    public static func clean(_ text: String) -> String {
        let key = AccountKey()
        var copy = text
        return copy.withUTF8 { String(decoding: key.clean($0), as: UTF8.self) }
    }
}
