#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable buffer of plain values in `malloc`ed memory (the builder's staged rows and queued
/// keys). It checks nothing per write: its owner (``RowColumns``) reserves room and keeps the count.
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

    /// Frees the column's memory; it must not be used after.
    func release() { free(base) }
}

/// The graph builder's per-row columns and its account keys waiting to be interned.
///
/// Rows are written to small staging columns (a few thousand rows, in cache) and moved to the
/// arrays in blocks (``flush()``): one uniqueness check per block and array, where appending to
/// each array per row checked each per row. The arrays become the graph's without a copy.
///
/// A reference type so that one uniqueness check per row (``GraphBuilder`` copies it on write)
/// stands for all columns. Only the builder uses it, and only after that check, so its
/// properties skip the runtime exclusivity checks.
final class RowColumns: @unchecked Sendable {
    /// Rows staged before they are moved to the arrays (fewer for a builder sized for fewer).
    static let stagingRows = 4096
    /// This builder's rows staged before they are moved: ``stagingRows``, or fewer when fewer
    /// rows are expected (16 at least).
    let stagingCapacity: Int

    @exclusivity(unchecked) var times: [EpochMilliseconds] = []
    @exclusivity(unchecked) var amounts: [Int64] = []
    @exclusivity(unchecked) var payers: [Int32] = []
    @exclusivity(unchecked) var payees: [Int32] = []
    @exclusivity(unchecked) var channels: [UInt8] = []
    @exclusivity(unchecked) var files: [UInt16] = []
    @exclusivity(unchecked) var lines: [Int32] = []
    /// Per row, the end of its id in ``idArena``.
    @exclusivity(unchecked) var idEnds: [Int] = []
    @exclusivity(unchecked) var idArena: [UInt8] = []
    /// Rows, the staged ones included.
    @exclusivity(unchecked) var count = 0
    /// Id bytes, the staged ones included.
    @exclusivity(unchecked) var idBytes = 0

    @exclusivity(unchecked) private var stagedTimes: RawColumn<EpochMilliseconds>
    @exclusivity(unchecked) private var stagedAmounts: RawColumn<Int64>
    @exclusivity(unchecked) var stagedPayers: RawColumn<Int32>
    @exclusivity(unchecked) var stagedPayees: RawColumn<Int32>
    @exclusivity(unchecked) private var stagedChannels: RawColumn<UInt8>
    @exclusivity(unchecked) private var stagedFiles: RawColumn<UInt16>
    @exclusivity(unchecked) private var stagedLines: RawColumn<Int32>
    @exclusivity(unchecked) private var stagedIDEnds: RawColumn<Int>
    @exclusivity(unchecked) private var stagedIDArena: RawColumn<UInt8>
    /// Rows staged (the last `staged` of `count`), and their id bytes.
    @exclusivity(unchecked) private(set) var staged = 0
    @exclusivity(unchecked) private var stagedBytes = 0

    /// Account keys back to back, their ends, and where each goes: transfer × 2 (payer) or
    /// transfer × 2 + 1 (payee), always a staged row (keys are interned before every flush).
    @exclusivity(unchecked) var pendingKeys: RawColumn<UInt8>
    @exclusivity(unchecked) var pendingEnds: RawColumn<Int>
    @exclusivity(unchecked) var pendingTargets: RawColumn<Int>
    @exclusivity(unchecked) var pendingCount = 0
    @exclusivity(unchecked) var pendingBytes = 0

    /// Columns with room for `capacity` rows reserved (pages not written cost no memory).
    init(capacity: Int, pendingCapacity: Int, stagingCapacity staging: Int = RowColumns.stagingRows) {
        self.stagingCapacity = staging
        stagedTimes = RawColumn(capacity: staging)
        stagedAmounts = RawColumn(capacity: staging)
        stagedPayers = RawColumn(capacity: staging)
        stagedPayees = RawColumn(capacity: staging)
        stagedChannels = RawColumn(capacity: staging)
        stagedFiles = RawColumn(capacity: staging)
        stagedLines = RawColumn(capacity: staging)
        stagedIDEnds = RawColumn(capacity: staging)
        stagedIDArena = RawColumn(capacity: staging * 16)
        times.reserveCapacity(capacity)
        amounts.reserveCapacity(capacity)
        payers.reserveCapacity(capacity)
        payees.reserveCapacity(capacity)
        channels.reserveCapacity(capacity)
        files.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        idEnds.reserveCapacity(capacity)
        idArena.reserveCapacity(capacity * 8)
        pendingKeys = RawColumn(capacity: pendingCapacity * 16)
        pendingEnds = RawColumn(capacity: pendingCapacity)
        pendingTargets = RawColumn(capacity: pendingCapacity)
    }

    private init(copying other: RowColumns) {
        stagingCapacity = other.stagingCapacity
        times = other.times
        amounts = other.amounts
        payers = other.payers
        payees = other.payees
        channels = other.channels
        files = other.files
        lines = other.lines
        idEnds = other.idEnds
        idArena = other.idArena
        count = other.count
        idBytes = other.idBytes
        stagedTimes = other.stagedTimes.copy(count: other.staged)
        stagedAmounts = other.stagedAmounts.copy(count: other.staged)
        stagedPayers = other.stagedPayers.copy(count: other.staged)
        stagedPayees = other.stagedPayees.copy(count: other.staged)
        stagedChannels = other.stagedChannels.copy(count: other.staged)
        stagedFiles = other.stagedFiles.copy(count: other.staged)
        stagedLines = other.stagedLines.copy(count: other.staged)
        stagedIDEnds = other.stagedIDEnds.copy(count: other.staged)
        stagedIDArena = other.stagedIDArena.copy(count: other.stagedBytes)
        staged = other.staged
        stagedBytes = other.stagedBytes
        pendingKeys = other.pendingKeys.copy(count: other.pendingBytes)
        pendingEnds = other.pendingEnds.copy(count: other.pendingCount)
        pendingTargets = other.pendingTargets.copy(count: other.pendingCount)
        pendingCount = other.pendingCount
        pendingBytes = other.pendingBytes
    }

    deinit {
        stagedTimes.release()
        stagedAmounts.release()
        stagedPayers.release()
        stagedPayees.release()
        stagedChannels.release()
        stagedFiles.release()
        stagedLines.release()
        stagedIDEnds.release()
        stagedIDArena.release()
        pendingKeys.release()
        pendingEnds.release()
        pendingTargets.release()
    }

    /// A copy that shares nothing mutable with this one.
    func copy() -> RowColumns { RowColumns(copying: self) }

    /// Stages one row; the caller flushes when ``staged`` reaches ``stagingCapacity``.
    @inline(__always)
    func append(
        time: EpochMilliseconds, amount: Int64, payer: Int32, payee: Int32, channel: UInt8, file: UInt16, line: Int32,
        id: UnsafeBufferPointer<UInt8>
    ) {
        let n = staged
        stagedTimes.base[n] = time
        stagedAmounts.base[n] = amount
        stagedPayers.base[n] = payer
        stagedPayees.base[n] = payee
        stagedChannels.base[n] = channel
        stagedFiles.base[n] = file
        stagedLines.base[n] = line
        if let bytes = id.baseAddress, !id.isEmpty {
            stagedIDArena.reserve(stagedBytes &+ id.count)
            (stagedIDArena.base + stagedBytes).update(from: bytes, count: id.count)
            stagedBytes &+= id.count
            idBytes &+= id.count
        }
        stagedIDEnds.base[n] = idBytes
        staged = n &+ 1
        count &+= 1
    }

    /// Moves the staged rows to the arrays.
    func flush() {
        let n = staged
        guard n > 0 else { return }
        times.append(contentsOf: UnsafeBufferPointer(start: stagedTimes.base, count: n))
        amounts.append(contentsOf: UnsafeBufferPointer(start: stagedAmounts.base, count: n))
        payers.append(contentsOf: UnsafeBufferPointer(start: stagedPayers.base, count: n))
        payees.append(contentsOf: UnsafeBufferPointer(start: stagedPayees.base, count: n))
        channels.append(contentsOf: UnsafeBufferPointer(start: stagedChannels.base, count: n))
        files.append(contentsOf: UnsafeBufferPointer(start: stagedFiles.base, count: n))
        lines.append(contentsOf: UnsafeBufferPointer(start: stagedLines.base, count: n))
        idEnds.append(contentsOf: UnsafeBufferPointer(start: stagedIDEnds.base, count: n))
        idArena.append(contentsOf: UnsafeBufferPointer(start: stagedIDArena.base, count: stagedBytes))
        staged = 0
        stagedBytes = 0
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
