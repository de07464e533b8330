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
/// Names are stored back to back in one byte arena; an open-addressing table of `Int32` slots maps
/// a name's hash to its index. `intern` on a name already seen costs one hash and one `memcmp`.
public struct AccountTable: Sendable {
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    /// Creates an empty table sized for about `capacity` accounts.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        ends.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
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
            let candidate = slots[slot]
            if candidate < 0 { return nil }
            if hashes[Int(candidate)] == hash && equals(Int(candidate), bytes) { return AccountID(candidate) }
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
        let hash = Self.hash(bytes)
        var slot = Int(hash) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { break }
            if hashes[Int(candidate)] == hash && equals(Int(candidate), bytes) { return AccountID(candidate) }
            slot = (slot + 1) & mask
        }
        let index = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(hash)
        slots[slot] = index
        if ends.count * 2 > slots.count { grow() }
        return AccountID(index)
    }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        let length = ends[index] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: size)
        let newMask = size - 1
        for index in 0..<hashes.count {
            var slot = Int(hashes[index]) & newMask
            while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Int32(index)
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
    var memoryFootprint: Int { arena.capacity + ends.capacity * 8 + hashes.capacity * 4 + slots.capacity * 4 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
