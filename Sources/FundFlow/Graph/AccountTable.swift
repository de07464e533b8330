/// A dense integer id for an account, valid within one ``TransferGraph``.
public struct AccountID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index of the account in the graph's account table (0 ..< accountCount).
    public let index: Int32

    /// Creates the id of the account at `index`.
    public init(_ index: Int32) { self.index = index }

    /// Creates the id of the account at `index`.
    public init(_ index: Int) { self.index = Int32(index) }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.index < rhs.index }
    public var description: String { "#\(index)" }
}

/// Interns account id strings to dense integers without allocating per lookup.
///
/// Names are stored back to back in one byte arena; an open-addressing table maps a name's hash to
/// its index. Each slot packs the index with 32 bits of the hash, so a probe rejects other names
/// without touching the arena: `intern` on a name already seen costs one hash, usually one cache
/// line of the table, and one `memcmp`.
public struct AccountTable: Sendable {
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    /// Per account, its name's first 23 bytes and its length in 3 words, so that a probe compares
    /// names in one cache line without a call (names longer than 23 bytes go on to the arena).
    private var prefixes: [UInt64] = []
    private var slots: [UInt64]  // (hash << 32) | (index + 1); 0 = empty
    private var mask: Int

    /// Creates an empty table sized for about `capacity` accounts.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        ends.reserveCapacity(capacity)
        prefixes.reserveCapacity(capacity * 3)
    }

    /// The number of accounts.
    public var count: Int { ends.count }

    /// The account id string of `id`.
    public func name(_ id: AccountID) -> String {
        let i = Int(id.index)
        let start = i == 0 ? 0 : ends[i - 1]
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[i]]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the name of `id`.
    func withName<R>(_ id: AccountID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let i = Int(id.index)
        let start = i == 0 ? 0 : ends[i - 1]
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// The id of `name`, if it is in the table.
    public func find(_ name: String) -> AccountID? {
        var copy = name
        return copy.withUTF8 { find($0) }
    }

    /// The id of the account whose name is `bytes`, if it is in the table.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> AccountID? {
        let key = Key(bytes)
        let hash = key.hash(bytes)
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key, bytes) { return AccountID(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `name`, adding it when new.
    public mutating func intern(_ name: String) -> AccountID {
        var copy = name
        return copy.withUTF8 { intern($0) }
    }

    /// The id of the account whose name is `bytes`, adding it when new.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> AccountID {
        let key = Key(bytes)
        return intern(bytes, key: key, hash: key.hash(bytes))
    }

    @inline(__always)
    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, key: Key, hash: UInt32) -> AccountID {
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key, bytes) { return AccountID(index) }
            }
            slot = (slot + 1) & mask
        }
        let index = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        prefixes.append(key.w0)
        prefixes.append(key.w1)
        prefixes.append(key.w2)
        slots[slot] = UInt64(hash) << 32 | UInt64(index + 1)
        if ends.count * 2 > slots.count { grow() }
        return AccountID(index)
    }

    /// Interns many names at once, in order, writing each one's index to `result`.
    ///
    /// The lookups are done in phases over the whole batch — hash every name, load every home
    /// slot, load every candidate's key, then resolve — so that the cache misses of different
    /// names are in flight together instead of one after another. Ids are assigned in the order
    /// the names appear, exactly as one-by-one interning would.
    public mutating func intern(
        batch arena: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, into result: UnsafeMutableBufferPointer<Int32>
    ) {
        let count = ends.count
        guard count > 0, let base = arena.baseAddress else { return }
        let hashes = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count)
        let entries = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        let keys = UnsafeMutableBufferPointer<Key>.allocate(capacity: count)
        defer { hashes.deallocate(); entries.deallocate(); words.deallocate(); keys.deallocate() }
        func name(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let start = i == 0 ? 0 : ends[i - 1]
            return UnsafeBufferPointer(start: base + start, count: ends[i] - start)
        }
        for i in 0..<count {
            let bytes = name(i)
            let key = Key(bytes)
            keys[i] = key
            hashes[i] = key.hash(bytes)
        }
        slots.withUnsafeBufferPointer { table in
            for i in 0..<count { entries[i] = table[Int(hashes[i]) & mask] }
        }
        prefixes.withUnsafeBufferPointer { stored in
            for i in 0..<count {
                let index = Int(entries[i] & 0xFFFF_FFFF) - 1
                words[i] = index >= 0 ? stored[index * 3] : 0
            }
        }
        for i in 0..<count {
            let bytes = name(i)
            let entry = entries[i]
            let index = Int(entry & 0xFFFF_FFFF) - 1
            // The snapshot stays true after earlier inserts in this batch: indices never move.
            if index >= 0 && UInt32(truncatingIfNeeded: entry >> 32) == hashes[i] && words[i] == keys[i].w0
                && equals(index, keys[i], bytes) {
                result[i] = Int32(index)
            } else {
                result[i] = intern(bytes, key: keys[i], hash: hashes[i]).index
            }
        }
    }

    @inline(__always)
    private func equals(_ index: Int, _ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard prefixes[index * 3] == key.w0, prefixes[index * 3 + 1] == key.w1, prefixes[index * 3 + 2] == key.w2
        else { return false }
        if bytes.count <= 23 { return true }
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// A name's first 23 bytes, zero-padded, with its length (capped at 255) in the last byte:
    /// three words that are compared instead of the bytes, and hashed.
    struct Key {
        var w0: UInt64, w1: UInt64, w2: UInt64

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let n = bytes.count
            guard let p = bytes.baseAddress, n > 0 else { w0 = 0; w1 = 0; w2 = 0; return }
            w0 = Self.load(p, min(n, 8))
            w1 = n > 8 ? Self.load(p + 8, min(n - 8, 8)) : 0
            w2 = (n > 16 ? Self.load(p + 16, min(n - 16, 7)) : 0) | UInt64(min(n, 255)) << 56
        }

        /// The `k` (0...8) bytes at `p` as a little-endian word, zero above them, without
        /// reading outside them: overlapping loads of four bytes for 4...7, single bytes below.
        @inline(__always)
        static func load(_ p: UnsafePointer<UInt8>, _ k: Int) -> UInt64 {
            let raw = UnsafeRawPointer(p)
            if k == 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
            if k >= 4 {
                let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: k - 4, as: UInt32.self)))
                return low | high << UInt64(8 * (k - 4))
            }
            if k == 0 { return 0 }
            return UInt64(p[0]) | UInt64(p[k >> 1]) << UInt64(8 * (k >> 1)) | UInt64(p[k - 1]) << UInt64(8 * (k - 1))
        }

        /// A multiply-xor hash of the three words (and of the bytes past the 23rd, for longer
        /// names), with a final mix so that card numbers differing in one digit spread.
        @inline(__always)
        func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var h = (w0 ^ 0x243F_6A88_85A3_08D3) &* k
            h = (h ^ (h >> 29) ^ w1) &* k
            h = (h ^ (h >> 29) ^ w2) &* k
            if bytes.count > 23, let p = bytes.baseAddress {
                var i = 23
                while i < bytes.count {
                    let w = Self.load(p + i, min(bytes.count - i, 8))
                    h = (h ^ (h >> 29) ^ w) &* k
                    i += 8
                }
            }
            h ^= h >> 32
            h = h &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            return UInt32(truncatingIfNeeded: h)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & newMask
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = entry
        }
        slots = newSlots
        mask = newMask
    }

    /// Bytes of memory held (for the benchmark's accounting).
    var memoryFootprint: Int { arena.count + ends.count * 8 + prefixes.count * 8 + slots.count * 8 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
