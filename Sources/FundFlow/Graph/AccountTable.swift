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

    /// The id of `name`, if it is in the table.
    public func find(_ name: String) -> AccountID? {
        var copy = name
        return copy.withUTF8 { find($0) }
    }

    /// The id of the account whose name is `bytes`, if it is in the table.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> AccountID? {
        let hash = Self.hash(bytes)
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, bytes) { return AccountID(index) }
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
        intern(bytes, hash: Self.hash(bytes))
    }

    @inline(__always)
    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> AccountID {
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, bytes) { return AccountID(index) }
            }
            slot = (slot + 1) & mask
        }
        let index = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        let (p0, p1, p2) = Self.prefix(bytes)
        prefixes.append(p0)
        prefixes.append(p1)
        prefixes.append(p2)
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
        defer { hashes.deallocate(); entries.deallocate(); words.deallocate() }
        func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let start = i == 0 ? 0 : ends[i - 1]
            return UnsafeBufferPointer(start: base + start, count: ends[i] - start)
        }
        for i in 0..<count { hashes[i] = Self.hash(key(i)) }
        slots.withUnsafeBufferPointer { table in
            for i in 0..<count { entries[i] = table[Int(hashes[i]) & mask] }
        }
        prefixes.withUnsafeBufferPointer { keys in
            for i in 0..<count {
                let index = Int(entries[i] & 0xFFFF_FFFF) - 1
                words[i] = index >= 0 ? keys[index * 3] : 0
            }
        }
        for i in 0..<count {
            let name = key(i)
            let entry = entries[i]
            let index = Int(entry & 0xFFFF_FFFF) - 1
            // The snapshot stays true after earlier inserts in this batch: indices never move.
            if index >= 0 && UInt32(truncatingIfNeeded: entry >> 32) == hashes[i] && words[i] == Self.prefix(name).0
                && equals(index, name) {
                result[i] = Int32(index)
            } else {
                result[i] = intern(name, hash: hashes[i]).index
            }
        }
    }

    @inline(__always)
    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (p0, p1, p2) = Self.prefix(bytes)
        guard prefixes[index * 3] == p0, prefixes[index * 3 + 1] == p1, prefixes[index * 3 + 2] == p2 else { return false }
        if bytes.count <= 23 { return true }
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// The first 23 bytes of a name, zero-padded, with its length (capped at 255) in the last byte.
    @inline(__always)
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let n = min(bytes.count, 23)
        withUnsafeMutableBytes(of: &words) { raw in
            if n > 0 { raw.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: n) }
            raw[23] = UInt8(truncatingIfNeeded: min(bytes.count, 255))
        }
        return words
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

    /// FNV-1a over the bytes, folded to 32 bits, with a final mix so nearby card numbers spread.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    /// Bytes of memory held (for the benchmark's accounting).
    var memoryFootprint: Int { arena.count + ends.count * 8 + prefixes.count * 8 + slots.count * 8 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
