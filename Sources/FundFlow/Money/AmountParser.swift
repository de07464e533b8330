/// Parses amounts from the bytes of a field, as the exports spell them.
///
/// Accepted: an optional sign (`-` or `+`, also after a currency sign), digits with optional
/// thousands separators (`,`), an optional `.` and fraction digits, surrounded by spaces, tabs,
/// currency signs (`¥`, `￥`, `RMB`, `CNY`) or a trailing `元`. More than two fraction digits are
/// accepted only when the extra digits are zeros (`12.500`); otherwise the amount is rejected
/// rather than rounded, because a fen must never be invented or lost.
public enum AmountParser {
    /// Parses a string; see ``parse(_:)-(UnsafeBufferPointer<UInt8>)``.
    public static func parse(_ text: String) throws(AmountError) -> Amount {
        var copy = text
        let result = copy.withUTF8 { buffer in
            Result { () throws(AmountError) -> Amount in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses the UTF-8 bytes of one field into an amount in fen (negative amounts keep their sign).
    @inline(__always)
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(AmountError) -> Amount {
        if let fen = plain(bytes) { return Amount(fen: fen) }
        return try parseGeneral(bytes)
    }

    /// The form nearly every dump uses — digits, then optionally `.` and one or two digits, at
    /// most 16 digits before the point (so no overflow) — read in one pass; `nil` for anything
    /// else, which ``parseGeneral(_:)`` then reads or refuses. It gives what that gives.
    @inline(__always)
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let p = bytes.baseAddress else { return nil }
        let n = bytes.count
        var value: Int64 = 0
        var i = 0
        while i < n {
            let digit = p[i] &- 0x30
            if digit > 9 { break }
            value = value &* 10 &+ Int64(digit)
            i += 1
        }
        guard i > 0 && i <= 16 else { return nil }
        if i == n { return value &* 100 }
        guard p[i] == UInt8(ascii: "."), n - i == 2 || n - i == 3 else { return nil }
        let tenths = p[i + 1] &- 0x30
        guard tenths <= 9 else { return nil }
        if n - i == 2 { return value &* 100 &+ Int64(tenths) &* 10 }
        let hundredths = p[i + 2] &- 0x30
        guard hundredths <= 9 else { return nil }
        return value &* 100 &+ Int64(tenths) &* 10 &+ Int64(hundredths)
    }

    /// Every accepted spelling, byte by byte (see the type's documentation).
    static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>) throws(AmountError) -> Amount {
        var start = 0
        var end = bytes.count
        var negative = false
        var sawSign = false

        // Strip surrounding decoration: spaces, currency signs and units, in any order.
        var trimming = true
        while trimming && start < end {
            trimming = false
            let byte = bytes[start]
            if byte == 0x20 || byte == 0x09 {
                start += 1; trimming = true
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                if sawSign { throw .invalidCharacter(String(decoding: bytes, as: UTF8.self)) }
                negative = byte == UInt8(ascii: "-")
                sawSign = true
                start += 1; trimming = true
            } else if let length = currencyPrefixLength(bytes, at: start, end: end) {
                start += length; trimming = true
            }
        }
        trimming = true
        while trimming && start < end {
            trimming = false
            let byte = bytes[end - 1]
            if byte == 0x20 || byte == 0x09 {
                end -= 1; trimming = true
            } else if let length = currencySuffixLength(bytes, start: start, end: end) {
                end -= length; trimming = true
            }
        }
        if start >= end { throw .empty }

        var integer: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDot = false
        var sawDigit = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                let digit = Int64(byte - 0x30)
                sawDigit = true
                if sawDot {
                    if fractionDigits < 2 {
                        fraction = fraction * 10 + digit
                        fractionDigits += 1
                    } else if digit != 0 {
                        throw .tooManyFractionDigits
                    }
                } else {
                    let (times10, o1) = integer.multipliedReportingOverflow(by: 10)
                    let (next, o2) = times10.addingReportingOverflow(digit)
                    if o1 || o2 { throw .overflow }
                    integer = next
                }
            } else if byte == UInt8(ascii: ",") && !sawDot && sawDigit {
                // thousands separator
            } else if byte == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else {
                throw .invalidCharacter(String(decoding: bytes, as: UTF8.self))
            }
            index += 1
        }
        if !sawDigit { throw .invalidCharacter(String(decoding: bytes, as: UTF8.self)) }
        while fractionDigits < 2 {
            fraction *= 10
            fractionDigits += 1
        }
        let (scaled, o1) = integer.multipliedReportingOverflow(by: 100)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { throw .overflow }
        return Amount(fen: negative ? -total : total)
    }

    // ¥ is C2 A5, ￥ is EF BF A5; RMB / CNY as ASCII.
    private static func currencyPrefixLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        if i + 1 < end && b[i] == 0xC2 && b[i + 1] == 0xA5 { return 2 }
        if i + 2 < end && b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xA5 { return 3 }
        if i + 2 < end {
            let word = (b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20)
            if word == (0x72, 0x6D, 0x62) || word == (0x63, 0x6E, 0x79) { return 3 }  // rmb, cny
        }
        return nil
    }

    // 元 is E5 85 83; also RMB / CNY as a suffix.
    private static func currencySuffixLength(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        if end - start >= 3 && b[end - 3] == 0xE5 && b[end - 2] == 0x85 && b[end - 1] == 0x83 { return 3 }
        if end - start >= 3 {
            let word = (b[end - 3] | 0x20, b[end - 2] | 0x20, b[end - 1] | 0x20)
            if word == (0x72, 0x6D, 0x62) || word == (0x63, 0x6E, 0x79) { return 3 }
        }
        return nil
    }
}
