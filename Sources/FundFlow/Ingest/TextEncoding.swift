/// The text encodings fundflow reads. Everything is converted to UTF-8 before parsing.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 that starts with the byte-order mark EF BB BF (Excel's "CSV UTF-8").
    case utf8BOM = "UTF-8 (BOM)"
    /// GB18030 (a superset of GBK and GB2312): the usual encoding of Chinese bank exports.
    case gb18030 = "GB18030"
    /// UTF-16, little-endian, with a byte-order mark.
    case utf16LE = "UTF-16LE"
    /// UTF-16, big-endian, with a byte-order mark.
    case utf16BE = "UTF-16BE"

    /// The iconv name of the encoding, for those that need converting.
    var iconvName: String? {
        switch self {
        case .utf8, .utf8BOM: return nil
        case .gb18030: return "GB18030"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        }
    }

    /// The encoding of text after the start of a file: UTF-8 for UTF-8 with a BOM (no BOM mid-file).
    var withoutBOM: TextEncoding { self == .utf8BOM ? .utf8 : self }

    /// The length of the byte-order mark this encoding starts with.
    var bomLength: Int {
        switch self {
        case .utf8: return 0
        case .utf8BOM: return 3
        case .gb18030: return 0
        case .utf16LE, .utf16BE: return 2
        }
    }

    /// Detects the encoding of a file from its first bytes.
    ///
    /// A byte-order mark decides; otherwise the bytes are checked as UTF-8 (a sequence cut at the
    /// end of `prefix` is allowed when `isWholeFile` is false) and then as GB18030. Returns `nil`
    /// when neither fits: the caller reports an unknown encoding.
    public static func detect(_ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> TextEncoding? {
        if prefix.count >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF { return .utf8BOM }
        if prefix.count >= 2 && prefix[0] == 0xFF && prefix[1] == 0xFE { return .utf16LE }
        if prefix.count >= 2 && prefix[0] == 0xFE && prefix[1] == 0xFF { return .utf16BE }
        if isValidUTF8(prefix, allowTruncatedEnd: !isWholeFile) { return .utf8 }
        if isValidGB18030(prefix, allowTruncatedEnd: !isWholeFile) { return .gb18030 }
        return nil
    }

    /// Whether `bytes` is well-formed UTF-8.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while i < n {
            // Eight ASCII bytes at a time (the first megabyte of a dump is mostly ASCII).
            if n - i >= 8, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b >= 0xC2 && b <= 0xDF { length = 2 }
            else if b >= 0xE0 && b <= 0xEF { length = 3 }
            else if b >= 0xF0 && b <= 0xF4 { length = 4 }
            else { return false }
            if i + length > n { return allowTruncatedEnd }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            if length == 3 {
                let b1 = bytes[i + 1]
                if b == 0xE0 && b1 < 0xA0 { return false }
                if b == 0xED && b1 >= 0xA0 { return false }
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if b == 0xF0 && b1 < 0x90 { return false }
                if b == 0xF4 && b1 >= 0x90 { return false }
            }
            i += length
        }
        return true
    }

    /// Whether `bytes` is well-formed GB18030 (one-, two- and four-byte sequences), with at least
    /// one multi-byte character (pure ASCII is reported as UTF-8 before this is asked).
    static func isValidGB18030(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0x81 && b <= 0xFE else { return false }
            guard i + 1 < n else { return allowTruncatedEnd }
            let b1 = bytes[i + 1]
            if (b1 >= 0x40 && b1 <= 0x7E) || (b1 >= 0x80 && b1 <= 0xFE) {
                i += 2
            } else if b1 >= 0x30 && b1 <= 0x39 {
                guard i + 3 < n else { return allowTruncatedEnd }
                let b2 = bytes[i + 2], b3 = bytes[i + 3]
                guard b2 >= 0x81 && b2 <= 0xFE && b3 >= 0x30 && b3 <= 0x39 else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
