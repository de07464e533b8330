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
/// Names are stored back to back in one byte arena. Per account, a 32-byte record, aligned so
/// that it never straddles two cache lines, holds the name's first 23 bytes and its length
/// (``Key``) and where its bytes start in the arena. An open-addressing table maps a name's
/// hash to its index; each slot packs the index with 32 bits of the hash, so a probe rejects
/// other names without reading their records. `intern` on a name already seen costs one hash,
/// usually one cache line of the table and one of the records.
///
/// A value type: copies share the storage until one of them interns a new name.
public struct AccountTable: Sendable {
    private var storage: Storage

    /// Creates an empty table sized for about `capacity` accounts.
    public init(capacity: Int = 1024) {
        storage = Storage(capacity: capacity)
    }

    /// The number of accounts.
    public var count: Int { storage.count }

    /// The account id string of `id`.
    public func name(_ id: AccountID) -> String {
        withName(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the name of `id`.
    func withName<R>(_ id: AccountID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = storage.nameRange(Int(id.index))
        return body(UnsafeBufferPointer(start: storage.arena + range.lowerBound, count: range.count))
    }

    /// The id of `name`, if it is in the table.
    public func find(_ name: String) -> AccountID? {
        var copy = name
        return copy.withUTF8 { find($0) }
    }

    /// The id of the account whose name is `bytes`, if it is in the table.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> AccountID? {
        let key = Key(bytes)
        let found = storage.probe(bytes, key: key, hash: key.hash(bytes))
        return found >= 0 ? AccountID(found) : nil
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
        let hash = key.hash(bytes)
        let found = storage.probe(bytes, key: key, hash: hash)
        if found >= 0 { return AccountID(found) }
        makeUnique()  // a copy has the same slots, so the empty one found is still the place
        return AccountID(storage.add(bytes, key: key, hash: hash, slot: -found - 1))
    }

    /// Interns many names at once, in order, writing each one's index to `result`.
    ///
    /// The lookups are done in phases over the whole batch — hash every name, walk every
    /// name's probe sequence to the first slot with its hash, load every candidate's record,
    /// then resolve — so that the cache misses of different names are in flight together
    /// instead of one after another. Ids are assigned in the order the names appear, exactly
    /// as one-by-one interning would.
    public mutating func intern(
        batch arena: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, into result: UnsafeMutableBufferPointer<Int32>
    ) {
        let count = ends.count
        guard count > 0, let base = arena.baseAddress else { return }
        let hashes = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count)
        let candidates = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        let keys = UnsafeMutableBufferPointer<Key>.allocate(capacity: count)
        defer { hashes.deallocate(); candidates.deallocate(); words.deallocate(); keys.deallocate() }
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
        let slots = storage.slots, mask = storage.mask
        // Home slots first, loads only (no branch to mispredict while their misses are pending),
        // then the walks from them, whose lines are in cache by then.
        for i in 0..<count { candidates[i] = Int(truncatingIfNeeded: slots[Int(hashes[i]) & mask]) }
        for i in 0..<count {
            let hash = hashes[i]
            var entry = UInt64(truncatingIfNeeded: candidates[i])
            var slot = Int(hash) & mask
            while entry != 0 && UInt32(truncatingIfNeeded: entry >> 32) != hash {
                slot = (slot + 1) & mask
                entry = slots[slot]
            }
            candidates[i] = Int(entry & 0xFFFF_FFFF) - 1
        }
        let records = storage.records
        for i in 0..<count {
            let index = candidates[i]
            words[i] = index >= 0 ? records[index &* 4] : 0
        }
        // A copy shares its storage until a name is added: a batch of known names copies nothing.
        var unique = false
        for i in 0..<count {
            let bytes = name(i)
            let index = candidates[i]
            // The candidate stays true after earlier inserts in this batch (indices never move),
            // and in a copy made for them (indices are the same).
            if index >= 0 && words[i] == keys[i].w0 && storage.equals(index, keys[i], bytes) {
                result[i] = Int32(index)
            } else {
                if !unique { makeUnique(); unique = true }
                result[i] = Int32(storage.intern(bytes, key: keys[i], hash: hashes[i]))
            }
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The table's memory: the slots, the records and the arena, in blocks of its own.
    ///
    /// Only ``AccountTable`` uses it, and mutates it only when it holds the one reference.
    private final class Storage: @unchecked Sendable {
        /// (hash << 32) | (index + 1); 0 = empty.
        var slots: UnsafeMutablePointer<UInt64>
        var mask: Int
        /// Per account, four words: its ``Key``'s three, and its name's start in ``arena``.
        var records: UnsafeMutablePointer<UInt64>
        var recordCapacity: Int
        var count = 0
        var arena: UnsafeMutablePointer<UInt8>
        var arenaCount = 0
        var arenaCapacity: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = AlignedMemory.allocateTouched(UInt64.self, count: size)  // probed before written
            mask = size - 1
            recordCapacity = max(capacity, 16)
            records = AlignedMemory.allocate(UInt64.self, count: recordCapacity * 4)
            arenaCapacity = max(capacity * 16, 256)
            arena = AlignedMemory.allocate(UInt8.self, count: arenaCapacity)
        }

        deinit {
            AlignedMemory.free(slots, count: mask + 1)
            AlignedMemory.free(records, count: recordCapacity * 4)
            AlignedMemory.free(arena, count: arenaCapacity)
        }

        /// A copy of `other`'s blocks, with its capacities.
        private init(copying other: Storage) {
            slots = Self.duplicate(other.slots, used: other.mask + 1, capacity: other.mask + 1)
            mask = other.mask
            records = Self.duplicate(other.records, used: other.count * 4, capacity: other.recordCapacity * 4)
            recordCapacity = other.recordCapacity
            count = other.count
            arena = Self.duplicate(other.arena, used: other.arenaCount, capacity: other.arenaCapacity)
            arenaCount = other.arenaCount
            arenaCapacity = other.arenaCapacity
        }

        func copy() -> Storage { Storage(copying: self) }

        /// A block of `capacity` values holding a copy of the first `used` of `source`.
        private static func duplicate<T: BitwiseCopyable>(
            _ source: UnsafeMutablePointer<T>, used: Int, capacity: Int
        ) -> UnsafeMutablePointer<T> {
            let copy = AlignedMemory.allocate(T.self, count: capacity)
            copy.update(from: source, count: used)
            return copy
        }

        /// Where the name of account `index` lies in the arena.
        @inline(__always)
        func nameRange(_ index: Int) -> Range<Int> {
            let start = Int(records[index &* 4 &+ 3])
            let end = index + 1 < count ? Int(records[(index &+ 1) &* 4 &+ 3]) : arenaCount
            return start..<end
        }

        @inline(__always)
        func equals(_ index: Int, _ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let record = records + index &* 4
            guard record[0] == key.w0, record[1] == key.w1, record[2] == key.w2 else { return false }
            if bytes.count <= 23 { return true }
            let range = nameRange(index)
            guard range.count == bytes.count, let p = bytes.baseAddress else { return false }
            return memcmp(arena + range.lowerBound, p, bytes.count) == 0
        }

        /// The index of `bytes` (≥ 0) or, when it is not in the table, `-(slot + 1)` for the empty
        /// slot where it goes.
        @inline(__always)
        func probe(_ bytes: UnsafeBufferPointer<UInt8>, key: Key, hash: UInt32) -> Int {
            var slot = Int(hash) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 { return -(slot + 1) }
                if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                    let index = Int(entry & 0xFFFF_FFFF) - 1
                    if equals(index, key, bytes) { return index }
                }
                slot = (slot + 1) & mask
            }
        }

        /// The index of `bytes`, added when new.
        @inline(__always)
        func intern(_ bytes: UnsafeBufferPointer<UInt8>, key: Key, hash: UInt32) -> Int {
            let found = probe(bytes, key: key, hash: hash)
            return found >= 0 ? found : add(bytes, key: key, hash: hash, slot: -found - 1)
        }

        /// Adds `bytes` as a new account at the empty `slot` (from ``probe(_:key:hash:)``).
        @inline(never)
        func add(_ bytes: UnsafeBufferPointer<UInt8>, key: Key, hash: UInt32, slot: Int) -> Int {
            let index = count
            if index == recordCapacity { growRecords() }
            if arenaCount + bytes.count > arenaCapacity { growArena(arenaCount + bytes.count) }
            if let p = bytes.baseAddress { (arena + arenaCount).update(from: p, count: bytes.count) }
            let record = records + index * 4
            record[0] = key.w0
            record[1] = key.w1
            record[2] = key.w2
            record[3] = UInt64(arenaCount)
            arenaCount += bytes.count
            count += 1
            slots[slot] = UInt64(hash) << 32 | UInt64(index + 1)
            if count * 2 > mask + 1 { growSlots() }
            return index
        }

        private func growRecords() {
            let newCapacity = recordCapacity * 2
            let grown = AlignedMemory.allocate(UInt64.self, count: newCapacity * 4)
            grown.update(from: records, count: count * 4)
            AlignedMemory.free(records, count: recordCapacity * 4)
            records = grown
            recordCapacity = newCapacity
        }

        private func growArena(_ needed: Int) {
            var newCapacity = arenaCapacity * 2
            while newCapacity < needed { newCapacity *= 2 }
            let grown = AlignedMemory.allocate(UInt8.self, count: newCapacity)
            grown.update(from: arena, count: arenaCount)
            AlignedMemory.free(arena, count: arenaCapacity)
            arena = grown
            arenaCapacity = newCapacity
        }

        private func growSlots() {
            let size = (mask + 1) * 2
            let grown = AlignedMemory.allocateTouched(UInt64.self, count: size)
            let newMask = size - 1
            for old in 0...mask {
                let entry = slots[old]
                if entry == 0 { continue }
                var slot = Int(entry >> 32) & newMask
                while grown[slot] != 0 { slot = (slot + 1) & newMask }
                grown[slot] = entry
            }
            AlignedMemory.free(slots, count: mask + 1)
            slots = grown
            mask = newMask
        }

        var memoryFootprint: Int { arenaCount + count * 32 + (mask + 1) * 8 }
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

    /// Bytes of memory held (for the benchmark's accounting).
    var memoryFootprint: Int { storage.memoryFootprint }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
