#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One growable column of plain values in `malloc`ed memory, grown by `realloc`.
///
/// Growth neither zero-fills nor, for large blocks, copies (glibc moves the pages). The column
/// checks nothing per append: its owner (``RowColumns``) reserves room and keeps the count.
struct RawColumn<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = Self.allocate(self.capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        guard let raw = malloc(capacity * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    /// Makes room for at least `needed` elements.
    @inline(__always)
    mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(needed) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        guard let raw = realloc(base, newCapacity * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        base = raw.bindMemory(to: Element.self, capacity: newCapacity)
        capacity = newCapacity
    }

    /// A column with the same capacity holding a copy of the first `count` elements.
    func copy(count: Int) -> RawColumn {
        let copy = RawColumn(capacity: capacity)
        copy.base.update(from: base, count: count)
        return copy
    }

    /// Frees the column's memory, leaving it empty (its rows are gone).
    mutating func discard() {
        free(base)
        capacity = 16
        base = Self.allocate(capacity)
    }

    /// Frees the column's memory; it must not be used after.
    func release() { free(base) }
}

/// The graph builder's per-row columns and its account keys waiting to be interned.
///
/// A reference type so that one uniqueness check per row (``GraphBuilder`` copies it on write)
/// stands for all columns, where one array per column would check each. Only the builder uses
/// it, and only after that check, so its properties skip the runtime exclusivity checks.
final class RowColumns: @unchecked Sendable {
    @exclusivity(unchecked) var times: RawColumn<EpochMilliseconds>
    @exclusivity(unchecked) var amounts: RawColumn<Int64>
    @exclusivity(unchecked) var payers: RawColumn<Int32>
    @exclusivity(unchecked) var payees: RawColumn<Int32>
    @exclusivity(unchecked) var channels: RawColumn<UInt8>
    @exclusivity(unchecked) var files: RawColumn<UInt16>
    @exclusivity(unchecked) var lines: RawColumn<Int32>
    /// Per row, the end of its id in ``idArena``.
    @exclusivity(unchecked) var idEnds: RawColumn<Int>
    @exclusivity(unchecked) var idArena: RawColumn<UInt8>
    @exclusivity(unchecked) var count = 0
    @exclusivity(unchecked) var idBytes = 0

    /// Account keys back to back, their ends, and where each goes: transfer × 2 (payer) or
    /// transfer × 2 + 1 (payee).
    @exclusivity(unchecked) var pendingKeys: RawColumn<UInt8>
    @exclusivity(unchecked) var pendingEnds: RawColumn<Int>
    @exclusivity(unchecked) var pendingTargets: RawColumn<Int>
    @exclusivity(unchecked) var pendingCount = 0
    @exclusivity(unchecked) var pendingBytes = 0

    init(capacity: Int, pendingCapacity: Int) {
        times = RawColumn(capacity: capacity)
        amounts = RawColumn(capacity: capacity)
        payers = RawColumn(capacity: capacity)
        payees = RawColumn(capacity: capacity)
        channels = RawColumn(capacity: capacity)
        files = RawColumn(capacity: capacity)
        lines = RawColumn(capacity: capacity)
        idEnds = RawColumn(capacity: capacity)
        idArena = RawColumn(capacity: capacity * 8)
        pendingKeys = RawColumn(capacity: pendingCapacity * 16)
        pendingEnds = RawColumn(capacity: pendingCapacity)
        pendingTargets = RawColumn(capacity: pendingCapacity)
    }

    private init(copying other: RowColumns) {
        let n = other.count
        times = other.times.copy(count: n)
        amounts = other.amounts.copy(count: n)
        payers = other.payers.copy(count: n)
        payees = other.payees.copy(count: n)
        channels = other.channels.copy(count: n)
        files = other.files.copy(count: n)
        lines = other.lines.copy(count: n)
        idEnds = other.idEnds.copy(count: n)
        idArena = other.idArena.copy(count: other.idBytes)
        pendingKeys = other.pendingKeys.copy(count: other.pendingBytes)
        pendingEnds = other.pendingEnds.copy(count: other.pendingCount)
        pendingTargets = other.pendingTargets.copy(count: other.pendingCount)
        count = n
        idBytes = other.idBytes
        pendingCount = other.pendingCount
        pendingBytes = other.pendingBytes
    }

    deinit {
        times.release()
        amounts.release()
        payers.release()
        payees.release()
        channels.release()
        files.release()
        lines.release()
        idEnds.release()
        idArena.release()
        pendingKeys.release()
        pendingEnds.release()
        pendingTargets.release()
    }

    /// A copy that shares nothing with this one.
    func copy() -> RowColumns { RowColumns(copying: self) }

    @inline(__always)
    func append(
        time: EpochMilliseconds, amount: Int64, payer: Int32, payee: Int32, channel: UInt8, file: UInt16, line: Int32,
        id: UnsafeBufferPointer<UInt8>
    ) {
        let n = count
        if n == times.capacity { growRows(n + 1) }
        times.base[n] = time
        amounts.base[n] = amount
        payers.base[n] = payer
        payees.base[n] = payee
        channels.base[n] = channel
        files.base[n] = file
        lines.base[n] = line
        if let bytes = id.baseAddress, !id.isEmpty {
            idArena.reserve(idBytes &+ id.count)
            (idArena.base + idBytes).update(from: bytes, count: id.count)
            idBytes &+= id.count
        }
        idEnds.base[n] = idBytes
        count = n &+ 1
    }

    @inline(never)
    private func growRows(_ needed: Int) {
        times.reserve(needed)
        amounts.reserve(needed)
        payers.reserve(needed)
        payees.reserve(needed)
        channels.reserve(needed)
        files.reserve(needed)
        lines.reserve(needed)
        idEnds.reserve(needed)
    }

    /// Queues an account key for batched interning.
    @inline(__always)
    func appendPending(_ key: UnsafeBufferPointer<UInt8>, target: Int) {
        guard let bytes = key.baseAddress else { return }
        let i = pendingCount
        pendingKeys.reserve(pendingBytes &+ key.count)
        (pendingKeys.base + pendingBytes).update(from: bytes, count: key.count)
        pendingBytes &+= key.count
        pendingEnds.reserve(i &+ 1)
        pendingTargets.reserve(i &+ 1)
        pendingEnds.base[i] = pendingBytes
        pendingTargets.base[i] = target
        pendingCount = i &+ 1
    }
}
