/// A set of 64-bit hashes that may say yes for a hash never inserted — one bit per hash, taken
/// modulo a power of two — and never no for one that was: a cheap first pass over every entry
/// that leaves only the few that can match for exact grouping.
///
/// Written here rather than taken from a package: it is a dozen lines, and what it replaces (a
/// dictionary or a sort of every entry, when most entries of a return have no partner) was most
/// of the statement merge; figures in Benchmarks/README.md.
struct HashFilter {
    private var words: [UInt64]
    private let mask: UInt64

    /// A filter sized for about `expected` hashes: eight bits each, so that about one in eight
    /// absent hashes is taken for present when it is full.
    init(expected: Int) {
        var bits = 1 << 12
        while bits < expected * 8 && bits < 1 << 34 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        mask = UInt64(bits - 1)
    }

    mutating func insert(_ hash: UInt64) {
        let bit = hash & mask
        words[Int(bit >> 6)] |= 1 << (bit & 63)
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let bit = hash & mask
        return words[Int(bit >> 6)] & (1 << (bit & 63)) != 0
    }

    /// A well-mixed hash of the bytes (equal bytes, equal hash).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            h = mix(h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h ^ tail)
    }

    /// A well-mixed hash of three integers.
    @inline(__always) static func hash(_ a: Int32, _ b: Int32, _ c: Int64) -> UInt64 {
        mix(mix(UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))) ^ UInt64(bitPattern: c))
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xFF51_AFD7_ED55_8CCD
        z ^= z >> 33
        z = z &* 0xC4CE_B9FE_1A85_EC53
        z ^= z >> 29
        return z
    }
}
