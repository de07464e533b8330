/// Collects transfers in input order and builds a ``TransferGraph``.
///
/// Readers append rows as they parse them (no per-row objects); ``build()`` sorts them by
/// (time, input order) and lays out the adjacency.
public struct GraphBuilder: Sendable {
    /// The account table; readers intern account ids through it.
    public var accounts: AccountTable
    /// The attributes of the rows appended so far.
    public var attributes = AttributeStore()
    private(set) var sourceFiles: [String] = []
    /// The rows' columns and the account keys waiting to be interned, copied on write.
    private var rows: RowColumns
    /// Parts read on other threads (``absorb(_:lineOffset:)``), in the order they go.
    private var segments: [Segment] = []

    /// The rows of a part read on another thread: they go after the first `position` rows of
    /// `rows` (and the segments before), their accounts mapped to this builder's.
    private struct Segment {
        let position: Int
        var rows: RowColumns
        let accountMap: [Int32]
        let lineOffset: Int32
    }
    static let batchSize = 1024
    /// Threads ``build()`` may use (the graph's two adjacency runs are built side by side).
    var buildThreads = 1
    /// Below this many transfers ``build()`` lays out the columns on one thread: a thread costs
    /// more than it saves (tests lower it).
    var helpedBuildMinimum = 1 << 16

    /// Creates a builder sized for about `expectedTransfers` transfers.
    /// A small input starts small (the tables grow): a few-kilobyte file, as the fuzzer reads
    /// thousands of a second, need not zero and poison hundreds of kilobytes of tables first.
    /// 0 means not known (a pipe): rows are then staged in full blocks.
    public init(expectedTransfers: Int = 0) {
        accounts = AccountTable(capacity: max(64, expectedTransfers / 16))
        attributes.expectedRows = expectedTransfers
        rows = RowColumns(
            capacity: max(expectedTransfers, 64), pendingCapacity: min(2 * Self.batchSize, max(64, expectedTransfers)),
            stagingCapacity: expectedTransfers > 0 ? min(RowColumns.stagingRows, max(16, expectedTransfers)) : RowColumns.stagingRows)
    }

    /// The number of transfers appended.
    public var count: Int { segments.reduce(rows.count) { $0 + $1.rows.count } }

    /// Registers an input file and returns its index for ``append(time:amount:payer:payee:channel:id:file:line:)``.
    public mutating func addSourceFile(_ path: String) -> UInt16 {
        sourceFiles.append(path)
        return UInt16(truncatingIfNeeded: sourceFiles.count - 1)
    }

    /// Appends one transfer; `id` may be empty (the line then serves as id). Ends the attribute
    /// row of this transfer, so add its attributes to ``attributes`` before calling this — unless
    /// `endsAttributeRow` is false: its row is then appended to ``attributes`` whole, in order,
    /// before any other row's values (``AttributeStore/appendRows(of:rows:placeholders:ids:)``).
    @inline(__always)
    public mutating func append(
        time: EpochMilliseconds, amount: Int64, payer: AccountID?, payee: AccountID?, channel: Channel,
        id: UnsafeBufferPointer<UInt8>, file: UInt16, line: Int, endsAttributeRow: Bool = true
    ) {
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        rows.append(time: time, amount: amount, payer: payer?.index ?? -1, payee: payee?.index ?? -1,
                    channel: channel.rawValue, file: file, line: Int32(truncatingIfNeeded: line), id: id)
        if endsAttributeRow { attributes.endRow() }
        if rows.staged == rows.stagingCapacity { flushRows() }
    }

    /// Interns the queued keys (their rows are staged), then moves the staged rows to the arrays.
    private mutating func flushRows() {
        resolvePendingAccounts()
        rows.flush()
    }

    /// Appends one transfer whose accounts are given by their id bytes (empty: none). The names
    /// are interned in batches, so the ids of these accounts are known only after ``build()``
    /// (or ``resolvePendingAccounts()``); the order ids are given in is the same as one by one.
    @inline(__always)
    public mutating func append(
        time: EpochMilliseconds, amount: Int64, payerKey: UnsafeBufferPointer<UInt8>, payeeKey: UnsafeBufferPointer<UInt8>,
        channel: Channel, id: UnsafeBufferPointer<UInt8>, file: UInt16, line: Int
    ) {
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        let transfer = rows.count
        rows.append(time: time, amount: amount, payer: -1, payee: -1,
                    channel: channel.rawValue, file: file, line: Int32(truncatingIfNeeded: line), id: id)
        attributes.endRow()
        if !payerKey.isEmpty { rows.appendPending(payerKey, target: transfer &* 2) }
        if !payeeKey.isEmpty { rows.appendPending(payeeKey, target: transfer &* 2 &+ 1) }
        if rows.staged == rows.stagingCapacity {
            flushRows()
        } else if rows.pendingCount >= Self.batchSize {
            resolvePendingAccounts()
        }
    }

    /// Interns the account keys of rows appended with ``append(time:amount:payerKey:payeeKey:channel:id:file:line:)``.
    public mutating func resolvePendingAccounts() {
        let count = rows.pendingCount
        guard count > 0 else { return }
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        let result = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer { result.deallocate() }
        accounts.intern(batch: UnsafeBufferPointer(start: rows.pendingKeys.base, count: rows.pendingBytes),
                        ends: UnsafeBufferPointer(start: rows.pendingEnds.base, count: count), into: result)
        // Every queued key's row is staged: keys are interned before each flush.
        let targets = rows.pendingTargets.base, payers = rows.stagedPayers.base, payees = rows.stagedPayees.base
        let firstStaged = rows.count - rows.staged
        for i in 0..<count {
            let target = targets[i]
            let row = (target >> 1) - firstStaged
            if target & 1 == 0 { payers[row] = result[i] } else { payees[row] = result[i] }
        }
        rows.pendingCount = 0
        rows.pendingBytes = 0
    }

    /// Appends the transfers of `part` — a builder that read a later part of the same input on
    /// another thread, starting from ``partBuilder(expectedTransfers:)`` — as if they had been
    /// appended here one by one: its accounts are interned here in the order it first saw them
    /// (so ids come out as a one-by-one read gives them), and `lineOffset` is added to its lines.
    /// Its rows are not copied here: ``build()`` lays them out with the others. A part of
    /// `parallelMinimum` accounts or more, with `threads` above 1, has its attributes appended
    /// on a second thread while its accounts are looked up.
    /// Returns where each of the part's accounts went (its index → this builder's), for rows the
    /// part kept elsewhere (statement entries).
    @discardableResult
    mutating func absorb(_ part: consuming GraphBuilder, lineOffset: Int32, threads: Int = 1, parallelMinimum: Int = 1 << 12) -> [Int32] {
        flushRows()
        part.flushRows()
        precondition(part.segments.isEmpty, "a part builder has no parts of its own")
        let count = part.accounts.count
        var map = [Int32](repeating: -1, count: count)
        // Its accounts are looked up here (reads only), then the new ones interned in the part's
        // order, so ids come out as one by one; meanwhile, for a large part, its attributes are
        // appended on a second thread (the realistic 1M dump's second part: 120,000 accounts and
        // 500,000 rows of names: trace 0.36 → 0.34 s, medians of 15 paired runs).
        final class Attributes: @unchecked Sendable {
            var store: AttributeStore
            init(_ store: AttributeStore) { self.store = store }
        }
        let appended = Attributes(attributes)
        attributes = AttributeStore()  // the box holds the only reference: appended in place
        let theirs = part.attributes
        let appendTheirs: @Sendable () -> Void = { appended.store.append(rowsOf: theirs) }
        let worker = threads > 1 && count >= parallelMinimum ? WorkerThread(appendTheirs) : nil
        if worker == nil { appendTheirs() }
        do {
            let names = part.accounts
            for index in 0..<count {
                map[index] = names.withName(AccountID(index)) { accounts.find($0)?.index ?? -1 }
            }
        }
        worker?.join()
        attributes = appended.store
        appended.store = AttributeStore()
        for index in 0..<count where map[index] < 0 {
            map[index] = part.accounts.withName(AccountID(index)) { accounts.intern($0).index }
        }
        if part.rows.count > 0 {
            segments.append(Segment(position: rows.count, rows: part.rows, accountMap: map, lineOffset: lineOffset))
        }
        return map
    }

    /// An empty builder for reading a later part of this builder's input on another thread:
    /// it has this builder's source files and attribute names, so ``absorb(_:lineOffset:)`` can
    /// take its rows as they are.
    func partBuilder(expectedTransfers: Int) -> GraphBuilder {
        var part = GraphBuilder(expectedTransfers: expectedTransfers)
        part.sourceFiles = sourceFiles
        part.attributes = attributes.keysOnly
        part.attributes.expectedRows = expectedTransfers
        return part
    }

    /// Appends one transfer with a string id.
    public mutating func append(
        time: EpochMilliseconds, amount: Int64, payer: AccountID?, payee: AccountID?, channel: Channel,
        id: String, file: UInt16, line: Int
    ) {
        var copy = id
        copy.withUTF8 { append(time: time, amount: amount, payer: payer, payee: payee, channel: channel, id: $0, file: file, line: line) }
    }

    /// Sorts the transfers by (time, input order) and builds the graph.
    public consuming func build() -> TransferGraph {
        // Columns are emptied as they are taken, so no copy of this builder may share them.
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        flushRows()
        var parts = segments
        segments = []
        for i in parts.indices where !isKnownUniquelyReferenced(&parts[i].rows) { parts[i].rows = parts[i].rows.copy() }
        // The rows in order: this builder's, cut where each part goes, and the parts'.
        var pieces: [(rows: RowColumns, range: Range<Int>, map: [Int32]?, lineOffset: Int32)] = []
        var at = 0
        for part in parts {
            if part.position > at { pieces.append((rows, at..<part.position, nil, 0)) }
            pieces.append((part.rows, 0..<part.rows.count, part.accountMap, part.lineOffset))
            at = part.position
        }
        if rows.count > at || pieces.isEmpty { pieces.append((rows, at..<rows.count, nil, 0)) }
        let layout = Self.Layout(pieces: pieces)
        rows = RowColumns(capacity: 0, pendingCapacity: 0)
        // With a second thread, the cold columns are laid out beside the hot ones and their sort,
        // and half the hot columns are permuted there (the realistic 1M dump read on two threads:
        // build 73 → 43 ms, timed around each step).
        let helped = buildThreads > 1 && layout.total >= helpedBuildMinimum
        final class Cold: @unchecked Sendable {
            var fileIndices: [UInt16] = [], lines: [Int32] = [], idEnds: [Int] = [], idArena: [UInt8] = []
        }
        let cold = Cold()
        let gatherCold: @Sendable () -> Void = {
            cold.fileIndices = layout.gather(\.files)
            cold.lines = layout.gatherLines()
            (cold.idEnds, cold.idArena) = layout.gatherIDs()
        }
        let coldWorker = helped ? WorkerThread(gatherCold) : nil
        if !helped { gatherCold() }
        let times = layout.gather(\.times)
        let amounts = layout.gather(\.amounts)
        let payers = layout.gatherAccounts(\.payers)
        let payees = layout.gatherAccounts(\.payees)
        let channels = layout.gather(\.channels)
        let order = TimeOrder.sortedOrder(times)
        coldWorker?.join()
        guard let order else {
            return TransferGraph(
                accounts: accounts, times: times, amounts: amounts, payers: payers, payees: payees, channels: channels,
                attributes: attributes, sourceFiles: sourceFiles, fileIndices: cold.fileIndices, lines: cold.lines,
                idEnds: cold.idEnds, idArena: cold.idArena, threads: buildThreads)
        }
        // The hot columns are moved; the cold ones (ids, lines, attributes) are reached through `order`.
        final class Moved: @unchecked Sendable { var amounts: [Int64] = [], payers: [Int32] = [] }
        let moved = Moved()
        let permuteWorker = helped ? WorkerThread {
            moved.amounts = TimeOrder.permute(amounts, by: order)
            moved.payers = TimeOrder.permute(payers, by: order)
        } : nil
        if !helped {
            moved.amounts = TimeOrder.permute(amounts, by: order)
            moved.payers = TimeOrder.permute(payers, by: order)
        }
        let sortedTimes = TimeOrder.permute(times, by: order)
        let sortedPayees = TimeOrder.permute(payees, by: order)
        let sortedChannels = TimeOrder.permute(channels, by: order)
        permuteWorker?.join()
        return TransferGraph(
            accounts: accounts, times: sortedTimes, amounts: moved.amounts, payers: moved.payers,
            payees: sortedPayees, channels: sortedChannels, attributes: attributes.permuted(by: order),
            sourceFiles: sourceFiles, fileIndices: cold.fileIndices, lines: cold.lines,
            idEnds: cold.idEnds, idArena: cold.idArena, inputRows: order, threads: buildThreads)
    }

    /// Lays out columns of row ranges of several ``RowColumns`` as the graph's arrays, in order:
    /// one piece's arrays are taken as they are; several are joined, and each column of the
    /// sources is emptied once it is copied (so the rows are held about once, not twice).
    private struct Layout {
        typealias Piece = (rows: RowColumns, range: Range<Int>, map: [Int32]?, lineOffset: Int32)
        let pieces: [Piece]
        let total: Int

        init(pieces: [Piece]) {
            self.pieces = pieces
            total = pieces.reduce(0) { $0 + $1.range.count }
        }

        /// The one piece, when it is a whole builder's rows as they are.
        private var whole: RowColumns? {
            guard pieces.count == 1, let piece = pieces.first, piece.range == 0..<piece.rows.count,
                  piece.map == nil, piece.lineOffset == 0 else { return nil }
            return piece.rows
        }

        private func release<T>(_ column: ReferenceWritableKeyPath<RowColumns, [T]>) {
            for piece in pieces { piece.rows[keyPath: column] = [] }
        }

        /// Column `column` of every piece, each value passed through `transform` with its piece.
        private func join<T>(_ column: ReferenceWritableKeyPath<RowColumns, [T]>, _ transform: ((T, Piece) -> T)? = nil) -> [T] {
            if let rows = whole {  // no map and no line offset: `transform` changes nothing
                let values = rows[keyPath: column]
                rows[keyPath: column] = []
                return values
            }
            // The first piece, when it is a builder's rows from the start and passes unchanged,
            // is extended in place: its pages are written already and its array has room for
            // the input's rows (``RowColumns`` reserves them), so only the later pieces move.
            var values: [T] = []
            var rest = pieces[...]
            if let first = pieces.first, first.range == 0..<first.rows[keyPath: column].count, first.map == nil, first.lineOffset == 0 {
                values = first.rows[keyPath: column]
                first.rows[keyPath: column] = []
                rest = pieces.dropFirst()
            }
            values.reserveCapacity(total)
            for piece in rest {
                let source = piece.rows[keyPath: column][piece.range]
                if let transform { values.append(contentsOf: source.lazy.map { transform($0, piece) }) } else { values.append(contentsOf: source) }
            }
            release(column)
            return values
        }

        func gather<T>(_ column: ReferenceWritableKeyPath<RowColumns, [T]>) -> [T] { join(column) }

        /// Payers or payees, mapped to this builder's accounts for the parts.
        func gatherAccounts(_ column: ReferenceWritableKeyPath<RowColumns, [Int32]>) -> [Int32] {
            join(column) { account, piece in
                guard let map = piece.map, account >= 0 else { return account }
                return map[Int(account)]
            }
        }

        func gatherLines() -> [Int32] {
            join(\.lines) { line, piece in line &+ piece.lineOffset }
        }

        /// The ids' ends (into the new arena) and the arena.
        func gatherIDs() -> ([Int], [UInt8]) {
            if let rows = whole {
                let ends = rows.idEnds, arena = rows.idArena
                rows.idEnds = []
                rows.idArena = []
                return (ends, arena)
            }
            let byteRanges = pieces.map { piece -> Range<Int> in
                let ends = piece.rows.idEnds
                let start = piece.range.lowerBound == 0 ? 0 : ends[piece.range.lowerBound - 1]
                return start..<(piece.range.isEmpty ? start : ends[piece.range.upperBound - 1])
            }
            var arena: [UInt8] = []
            var ends: [Int] = []
            var first = 0
            // As in ``join(_:_:)``: a first piece from the start of its builder is extended in place.
            if let piece = pieces.first, piece.range == 0..<piece.rows.idEnds.count, byteRanges[0] == 0..<piece.rows.idArena.count {
                (arena, ends) = (piece.rows.idArena, piece.rows.idEnds)
                (piece.rows.idArena, piece.rows.idEnds) = ([], [])
                first = 1
            }
            arena.reserveCapacity(byteRanges.reduce(0) { $0 + $1.count })
            ends.reserveCapacity(total)
            for (piece, range) in zip(pieces, byteRanges).dropFirst(first) {
                let shift = arena.count - range.lowerBound
                arena.append(contentsOf: piece.rows.idArena[range])
                ends.append(contentsOf: piece.rows.idEnds[piece.range].lazy.map { $0 + shift })
            }
            release(\.idArena)
            release(\.idEnds)
            return (ends, arena)
        }
    }

}
