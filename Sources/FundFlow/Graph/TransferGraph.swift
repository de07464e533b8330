/// The position of a transfer in a ``TransferGraph``'s time order (0 ..< transferCount).
public typealias TransferIndex = Int

/// The temporal transaction graph: accounts and the transfers between them, in time order.
///
/// Layout (the one place that knows it):
/// - accounts are interned to dense ``AccountID``s (``AccountTable``);
/// - transfers are struct-of-arrays sorted by (time, input order): ``times``, ``amounts`` (fen),
///   ``payers``, ``payees`` (`-1` where there is none: the payee of a cash withdrawal, the payer
///   of a cash deposit), ``channels``; plus the source file and line of each;
/// - each account's outgoing and incoming transfers are contiguous runs of transfer indices
///   (CSR), each run in time order, so a time window is a binary search away;
/// - text attributes (names, memo, place, other columns) live aside in ``attributes``.
///
/// The graph is immutable once built; it is a value and can be shared between threads.
public struct TransferGraph: Sendable {
    /// The accounts.
    public let accounts: AccountTable
    // The hot columns, read through the accessors below (``time(_:)``, ``fen(_:)``,
    // ``payerIndex(_:)``, ``payeeIndex(_:)``, ``channelCode(_:)``), which the optimizer inlines:
    // no other file knows the layout, so it can change here alone.
    /// Transfer times, epoch milliseconds, ascending.
    private let times: [EpochMilliseconds]
    /// Transfer amounts in fen, all > 0.
    private let amounts: [Int64]
    /// Payer account indices; `-1` for a cash deposit.
    private let payers: [Int32]
    /// Payee account indices; `-1` for a cash withdrawal.
    private let payees: [Int32]
    /// Transfer channels (``Channel`` raw values).
    private let channels: [UInt8]
    /// Text attributes by transfer index.
    public let attributes: AttributeStore
    /// The input files, in the order read; ``source(of:)`` indexes into it.
    public let sourceFiles: [String]

    // The cold columns (where each transfer was read, and its id) stay in input order: for a
    // transfer `t`, its input row is `inputRows[t]`, or `t` itself when the rows came in order.
    // Moving them would copy tens of bytes a row to save one lookup when an id is printed.
    let fileIndices: [UInt16]
    let lines: [Int32]
    let idEnds: [Int]
    let idArena: [UInt8]
    let inputRows: [Int32]?
    let outStarts: [Int]
    let outList: [Int32]
    let inStarts: [Int]
    let inList: [Int32]

    init(
        accounts: AccountTable, times: [EpochMilliseconds], amounts: [Int64], payers: [Int32], payees: [Int32],
        channels: [UInt8], attributes: AttributeStore, sourceFiles: [String], fileIndices: [UInt16],
        lines: [Int32], idEnds: [Int], idArena: [UInt8], inputRows: [Int32]? = nil, threads: Int = 1
    ) {
        self.accounts = accounts
        self.times = times
        self.amounts = amounts
        self.payers = payers
        self.payees = payees
        self.channels = channels
        self.attributes = attributes
        self.sourceFiles = sourceFiles
        self.fileIndices = fileIndices
        self.lines = lines
        self.idEnds = idEnds
        self.idArena = idArena
        self.inputRows = inputRows
        if threads > 1 {
            // The two runs are independent: the incoming one on another thread.
            final class Box: @unchecked Sendable { var value: ([Int], [Int32]) = ([], []) }
            let box = Box()
            let count = accounts.count
            let worker = WorkerThread { box.value = Self.adjacency(payees, accountCount: count) }
            (outStarts, outList) = Self.adjacency(payers, accountCount: count)
            worker.join()
            (inStarts, inList) = box.value
        } else {
            (outStarts, outList) = Self.adjacency(payers, accountCount: accounts.count)
            (inStarts, inList) = Self.adjacency(payees, accountCount: accounts.count)
        }
    }

    /// Counting sort of transfer indices by account: runs stay in time order because transfers
    /// are visited in time order. Cursors are 32-bit so the random updates stay in cache longer.
    private static func adjacency(_ ends: [Int32], accountCount: Int) -> ([Int], [Int32]) {
        var counts = [Int32](repeating: 0, count: accountCount)
        counts.withUnsafeMutableBufferPointer { c in
            for account in ends where account >= 0 { c[Int(account)] &+= 1 }
        }
        var starts = [Int](repeating: 0, count: accountCount + 1)
        var cursor = [Int32](repeating: 0, count: accountCount)
        var total = 0
        for account in 0..<accountCount {
            starts[account] = total
            cursor[account] = Int32(truncatingIfNeeded: total)
            total += Int(counts[account])
        }
        starts[accountCount] = total
        counts = []
        var list = [Int32](repeating: 0, count: total)
        // Partition first: (transfer, account) pairs grouped by account range, each group's
        // output region small enough for the cache, so the final scatter does not miss on
        // every write. Within a group pairs stay in transfer (time) order.
        let shift = Self.partitionShift(accountCount: accountCount, total: total)
        let groups = (accountCount >> shift) + 1
        var groupStarts = [Int](repeating: 0, count: groups + 1)
        for account in ends where account >= 0 { groupStarts[Int(account) >> shift + 1] += 1 }
        for g in 0..<groups { groupStarts[g + 1] += groupStarts[g] }
        var pairs = [UInt64](repeating: 0, count: total)
        var groupNext = groupStarts
        pairs.withUnsafeMutableBufferPointer { p in
            groupNext.withUnsafeMutableBufferPointer { gn in
                ends.withUnsafeBufferPointer { accountOf in
                    for transfer in 0..<accountOf.count {
                        let account = accountOf[transfer]
                        if account < 0 { continue }
                        let g = Int(account) >> shift
                        p[gn[g]] = UInt64(UInt32(bitPattern: account)) << 32 | UInt64(UInt32(truncatingIfNeeded: transfer))
                        gn[g] += 1
                    }
                }
            }
        }
        list.withUnsafeMutableBufferPointer { out in
            cursor.withUnsafeMutableBufferPointer { next in
                pairs.withUnsafeBufferPointer { p in
                    for pair in p {
                        let account = Int(pair >> 32)
                        out[Int(next[account])] = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
                        next[account] &+= 1
                    }
                }
            }
        }
        return (starts, list)
    }

    /// Accounts per partition group, as a shift: about 256 KiB of output per group.
    private static func partitionShift(accountCount: Int, total: Int) -> Int {
        let perAccount = max(1, total / max(1, accountCount))
        var shift = 0
        while (1 << (shift + 1)) * perAccount * 4 <= 256 << 10 && (1 << shift) < accountCount { shift += 1 }
        return shift
    }

    // MARK: - Sizes

    /// The number of transfers.
    public var transferCount: Int { times.count }
    /// The number of accounts.
    public var accountCount: Int { accounts.count }

    // MARK: - Transfers

    /// The time of transfer `t`.
    @inline(__always) public func time(_ t: TransferIndex) -> EpochMilliseconds { times[t] }
    /// The amount of transfer `t`.
    @inline(__always) public func amount(_ t: TransferIndex) -> Amount { Amount(fen: amounts[t]) }
    /// The channel of transfer `t`.
    @inline(__always) public func channel(_ t: TransferIndex) -> Channel { Channel(rawValue: channels[t]) ?? .other }
    /// The payer of transfer `t`; `nil` for a cash deposit.
    @inline(__always) public func payer(_ t: TransferIndex) -> AccountID? { payers[t] >= 0 ? AccountID(payers[t]) : nil }
    /// The payee of transfer `t`; `nil` for a cash withdrawal.
    @inline(__always) public func payee(_ t: TransferIndex) -> AccountID? { payees[t] >= 0 ? AccountID(payees[t]) : nil }
    /// The amount of transfer `t` in fen (> 0), for sums in hot loops.
    @inline(__always) public func fen(_ t: TransferIndex) -> Int64 { amounts[t] }
    /// The index of transfer `t`'s payer account, `-1` for a cash deposit (for hot loops; else
    /// ``payer(_:)``).
    @inline(__always) public func payerIndex(_ t: TransferIndex) -> Int32 { payers[t] }
    /// The index of transfer `t`'s payee account, `-1` for a cash withdrawal (for hot loops;
    /// else ``payee(_:)``).
    @inline(__always) public func payeeIndex(_ t: TransferIndex) -> Int32 { payees[t] }
    /// Transfer `t`'s ``Channel`` raw value (for hot loops; else ``channel(_:)``).
    @inline(__always) public func channelCode(_ t: TransferIndex) -> UInt8 { channels[t] }

    /// The sum of all transfers' amounts, in fen (wide enough for any count of Int64 amounts).
    public var totalFen: Int128 { amounts.reduce(Int128(0)) { $0 + Int128($1) } }

    /// Running sums of amounts along every account's outgoing and incoming runs, so that the
    /// total of any run or window of one (``outgoing(_:in:)``, ``incoming(_:in:)``) is two
    /// lookups. One pass over the transfers; 16 bytes a transfer.
    public struct RunSums: Sendable {
        fileprivate let outgoing: [Int64]
        fileprivate let incoming: [Int64]

        /// The total amount of `run`, in fen.
        @inline(__always) public func total(_ run: OutgoingRun) -> Int64 { outgoing[run.endIndex] &- outgoing[run.startIndex] }
        /// The total amount of `run`, in fen.
        @inline(__always) public func total(_ run: IncomingRun) -> Int64 { incoming[run.endIndex] &- incoming[run.startIndex] }
    }

    /// The running sums of this graph's runs.
    public func runSums() -> RunSums {
        func prefix(_ list: [Int32]) -> [Int64] {
            var sums = [Int64](repeating: 0, count: list.count + 1)
            for (k, t) in list.enumerated() { sums[k + 1] = sums[k] &+ amounts[Int(t)] }
            return sums
        }
        return RunSums(outgoing: prefix(outList), incoming: prefix(inList))
    }

    /// The id of transfer `t`: its serial number, or, when the input had none, its line number.
    public func id(_ t: TransferIndex) -> String {
        let row = inputRow(t)
        let start = row == 0 ? 0 : idEnds[row - 1]
        let end = idEnds[row]
        if start == end { return String(lines[row]) }
        return idArena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// Where transfer `t` was read: file path and 1-based line (for a merged statement transfer,
    /// the debit side's row when there is one).
    public func source(of t: TransferIndex) -> (file: String, line: Int) {
        let row = inputRow(t)
        return (sourceFiles[Int(fileIndices[row])], Int(lines[row]))
    }

    /// The position of transfer `t` among the rows as they were read.
    @inline(__always) func inputRow(_ t: TransferIndex) -> Int { inputRows.map { Int($0[t]) } ?? t }

    /// The transfers with times in `window`, as a range of indices (transfers are in time order).
    public func transfers(in window: ClosedRange<EpochMilliseconds>) -> Range<TransferIndex> {
        lowerBound(window.lowerBound)..<lowerBound(window.upperBound &+ 1)
    }

    private func lowerBound(_ time: EpochMilliseconds) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first and last transfer times, or `nil` for an empty graph.
    public var timeSpan: ClosedRange<EpochMilliseconds>? {
        guard let first = times.first, let last = times.last else { return nil }
        return first...last
    }

    // MARK: - Accounts

    /// The id string of `account`.
    public func name(of account: AccountID) -> String { accounts.name(account) }

    /// The account with id string `name`, if present.
    public func account(named name: String) -> AccountID? { accounts.find(name) }

    /// The transfers `account` paid, in time order.
    @inline(__always)
    public func outgoing(_ account: AccountID) -> OutgoingRun {
        let a = Int(account.index)
        return OutgoingRun(outList[outStarts[a]..<outStarts[a + 1]])
    }

    /// The transfers `account` received, in time order.
    @inline(__always)
    public func incoming(_ account: AccountID) -> IncomingRun {
        let a = Int(account.index)
        return IncomingRun(inList[inStarts[a]..<inStarts[a + 1]])
    }

    /// The transfers `account` paid with times in `window`, in time order.
    public func outgoing(_ account: AccountID, in window: ClosedRange<EpochMilliseconds>) -> OutgoingRun {
        slice(outgoing(account), window)
    }

    /// The transfers `account` paid at times from `start` through `end`; empty when `end` is
    /// before `start` (a window of zero length after an event, say).
    public func outgoing(_ account: AccountID, from start: EpochMilliseconds, through end: EpochMilliseconds) -> OutgoingRun {
        guard start <= end else { return outgoing(account).prefix(0) }
        return outgoing(account, in: start...end)
    }

    /// The transfers `account` received with times in `window`, in time order.
    public func incoming(_ account: AccountID, in window: ClosedRange<EpochMilliseconds>) -> IncomingRun {
        slice(incoming(account), window)
    }

    /// The part of `run` with times in `window`.
    public func window<Side>(_ run: TransferRun<Side>, _ window: ClosedRange<EpochMilliseconds>) -> TransferRun<Side> { slice(run, window) }

    private func slice<Side>(_ run: TransferRun<Side>, _ window: ClosedRange<EpochMilliseconds>) -> TransferRun<Side> {
        // Transfer indices in a run ascend, and so do their times: search on the index order.
        func bound(_ time: EpochMilliseconds, after: Bool) -> Int {
            var low = run.startIndex
            var high = run.endIndex
            while low < high {
                let mid = (low + high) / 2
                let t = times[Int(run[mid])]
                if after ? t <= time : t < time { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return run[bound(window.lowerBound, after: false)..<bound(window.upperBound, after: true)]
    }

    /// Bytes used by the hot arrays, the id store, the adjacency and the account table (not the
    /// attributes), counted by their elements, not their reserved capacity.
    public var coreMemoryBytes: Int {
        times.count * 8 + amounts.count * 8 + payers.count * 4 + payees.count * 4 + channels.count
            + fileIndices.count * 2 + lines.count * 4 + idEnds.count * 8 + idArena.count + (inputRows?.count ?? 0) * 4
            + outStarts.count * 8 + outList.count * 4 + inStarts.count * 8 + inList.count * 4
            + accounts.memoryFootprint
    }
}
