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

    /// Creates a builder sized for about `expectedTransfers` transfers.
    public init(expectedTransfers: Int = 0) {
        accounts = AccountTable(capacity: max(1024, expectedTransfers / 64))
        rows = RowColumns(capacity: max(expectedTransfers, 1024), pendingCapacity: 2 * Self.batchSize)
    }

    /// The number of transfers appended.
    public var count: Int { segments.reduce(rows.count) { $0 + $1.rows.count } }

    /// Registers an input file and returns its index for ``append(time:amount:payer:payee:channel:id:file:line:)``.
    public mutating func addSourceFile(_ path: String) -> UInt16 {
        sourceFiles.append(path)
        return UInt16(truncatingIfNeeded: sourceFiles.count - 1)
    }

    /// Appends one transfer; `id` may be empty (the line then serves as id). Ends the attribute
    /// row of this transfer, so add its attributes to ``attributes`` before calling this.
    @inline(__always)
    public mutating func append(
        time: EpochMilliseconds, amount: Int64, payer: AccountID?, payee: AccountID?, channel: Channel,
        id: UnsafeBufferPointer<UInt8>, file: UInt16, line: Int
    ) {
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        rows.append(time: time, amount: amount, payer: payer?.index ?? -1, payee: payee?.index ?? -1,
                    channel: channel.rawValue, file: file, line: Int32(truncatingIfNeeded: line), id: id)
        attributes.endRow()
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
        if rows.pendingCount >= Self.batchSize { resolvePendingAccounts() }
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
        let targets = rows.pendingTargets.base, payers = rows.payers.base, payees = rows.payees.base
        for i in 0..<count {
            let target = targets[i]
            if target & 1 == 0 { payers[target >> 1] = result[i] } else { payees[target >> 1] = result[i] }
        }
        rows.pendingCount = 0
        rows.pendingBytes = 0
    }

    /// Appends the transfers of `part` — a builder that read a later part of the same input on
    /// another thread, starting from ``partBuilder(expectedTransfers:)`` — as if they had been
    /// appended here one by one: its accounts are interned here in the order it first saw them
    /// (so ids come out as a one-by-one read gives them), and `lineOffset` is added to its lines.
    /// Its rows are not copied here: ``build()`` lays them out with the others.
    mutating func absorb(_ part: consuming GraphBuilder, lineOffset: Int32) {
        resolvePendingAccounts()
        part.resolvePendingAccounts()
        precondition(part.segments.isEmpty, "a part builder has no parts of its own")
        var map = [Int32](repeating: -1, count: part.accounts.count)
        for index in 0..<part.accounts.count {
            map[index] = part.accounts.withName(AccountID(index)) { accounts.intern($0).index }
        }
        attributes.append(rowsOf: part.attributes)
        segments.append(Segment(position: rows.count, rows: part.rows, accountMap: map, lineOffset: lineOffset))
    }

    /// An empty builder for reading a later part of this builder's input on another thread:
    /// it has this builder's source files and attribute names, so ``absorb(_:lineOffset:)`` can
    /// take its rows as they are.
    func partBuilder(expectedTransfers: Int) -> GraphBuilder {
        var part = GraphBuilder(expectedTransfers: expectedTransfers)
        part.sourceFiles = sourceFiles
        part.attributes = attributes.keysOnly
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
        resolvePendingAccounts()
        // Columns are freed as they are copied, so no copy of this builder may share them.
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
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
        let times = layout.gather(\.times)
        let amounts = layout.gather(\.amounts)
        let payers = layout.gatherAccounts(\.payers)
        let payees = layout.gatherAccounts(\.payees)
        let channels = layout.gather(\.channels)
        let fileIndices = layout.gather(\.files)
        let lines = layout.gatherLines()
        let (idEnds, idArena) = layout.gatherIDs()
        rows = RowColumns(capacity: 0, pendingCapacity: 0)
        var sorted = true
        for i in times.indices.dropFirst() where times[i] < times[i - 1] {
            sorted = false
            break
        }
        if sorted {
            return TransferGraph(
                accounts: accounts, times: times, amounts: amounts, payers: payers, payees: payees, channels: channels,
                attributes: attributes, sourceFiles: sourceFiles, fileIndices: fileIndices, lines: lines,
                idEnds: idEnds, idArena: idArena, threads: buildThreads)
        }
        let order = Self.sortedOrder(times)
        func permute<T>(_ values: [T]) -> [T] { order.map { values[Int($0)] } }
        var newIDEnds: [Int] = []
        var newIDArena: [UInt8] = []
        newIDEnds.reserveCapacity(order.count)
        newIDArena.reserveCapacity(idArena.count)
        for old in order {
            let i = Int(old)
            let start = i == 0 ? 0 : idEnds[i - 1]
            newIDArena.append(contentsOf: idArena[start..<idEnds[i]])
            newIDEnds.append(newIDArena.count)
        }
        return TransferGraph(
            accounts: accounts, times: permute(times), amounts: permute(amounts), payers: permute(payers),
            payees: permute(payees), channels: permute(channels), attributes: attributes.permuted(by: order),
            sourceFiles: sourceFiles, fileIndices: permute(fileIndices), lines: permute(lines),
            idEnds: newIDEnds, idArena: newIDArena, threads: buildThreads)
    }

    /// Copies columns of row ranges of several ``RowColumns`` into arrays, in order, freeing
    /// each column of the sources once it is copied (so the rows are held about once, not twice).
    private struct Layout {
        let pieces: [(rows: RowColumns, range: Range<Int>, map: [Int32]?, lineOffset: Int32)]
        let total: Int

        init(pieces: [(rows: RowColumns, range: Range<Int>, map: [Int32]?, lineOffset: Int32)]) {
            self.pieces = pieces
            total = pieces.reduce(0) { $0 + $1.range.count }
        }

        private func release<T>(_ column: ReferenceWritableKeyPath<RowColumns, RawColumn<T>>) {
            var freed: Set<ObjectIdentifier> = []
            for piece in pieces where freed.insert(ObjectIdentifier(piece.rows)).inserted { piece.rows[keyPath: column].discard() }
        }

        func gather<T>(_ column: ReferenceWritableKeyPath<RowColumns, RawColumn<T>>) -> [T] {
            let values = [T](unsafeUninitializedCapacity: total) { buffer, count in
                var offset = 0
                for piece in pieces {
                    (buffer.baseAddress! + offset).initialize(
                        from: piece.rows[keyPath: column].base + piece.range.lowerBound, count: piece.range.count)
                    offset += piece.range.count
                }
                count = total
            }
            release(column)
            return values
        }

        /// Payers or payees, mapped to this builder's accounts for the parts.
        func gatherAccounts(_ column: ReferenceWritableKeyPath<RowColumns, RawColumn<Int32>>) -> [Int32] {
            let values = [Int32](unsafeUninitializedCapacity: total) { buffer, count in
                var offset = 0
                for piece in pieces {
                    let source = piece.rows[keyPath: column].base
                    if let map = piece.map {
                        map.withUnsafeBufferPointer { map in
                            for i in piece.range {
                                let account = source[i]
                                (buffer.baseAddress! + offset + i - piece.range.lowerBound).initialize(to: account >= 0 ? map[Int(account)] : -1)
                            }
                        }
                    } else {
                        (buffer.baseAddress! + offset).initialize(from: source + piece.range.lowerBound, count: piece.range.count)
                    }
                    offset += piece.range.count
                }
                count = total
            }
            release(column)
            return values
        }

        func gatherLines() -> [Int32] {
            let values = [Int32](unsafeUninitializedCapacity: total) { buffer, count in
                var offset = 0
                for piece in pieces {
                    let source = piece.rows.lines.base
                    for i in piece.range {
                        (buffer.baseAddress! + offset + i - piece.range.lowerBound).initialize(to: source[i] &+ piece.lineOffset)
                    }
                    offset += piece.range.count
                }
                count = total
            }
            release(\.lines)
            return values
        }

        /// The ids' ends (into the new arena) and the arena.
        func gatherIDs() -> ([Int], [UInt8]) {
            let byteRanges = pieces.map { piece -> Range<Int> in
                let ends = piece.rows.idEnds.base
                let start = piece.range.lowerBound == 0 ? 0 : ends[piece.range.lowerBound - 1]
                return start..<(piece.range.isEmpty ? start : ends[piece.range.upperBound - 1])
            }
            let bytes = byteRanges.reduce(0) { $0 + $1.count }
            let arena = [UInt8](unsafeUninitializedCapacity: bytes) { buffer, count in
                var offset = 0
                for (piece, range) in zip(pieces, byteRanges) {
                    (buffer.baseAddress! + offset).initialize(from: piece.rows.idArena.base + range.lowerBound, count: range.count)
                    offset += range.count
                }
                count = bytes
            }
            release(\.idArena)
            let ends = [Int](unsafeUninitializedCapacity: total) { buffer, count in
                var offset = 0, byteOffset = 0
                for (piece, range) in zip(pieces, byteRanges) {
                    let source = piece.rows.idEnds.base
                    let shift = byteOffset - range.lowerBound
                    for i in piece.range {
                        (buffer.baseAddress! + offset + i - piece.range.lowerBound).initialize(to: source[i] + shift)
                    }
                    offset += piece.range.count
                    byteOffset += range.count
                }
                count = total
            }
            release(\.idEnds)
            return (ends, arena)
        }
    }

    /// Input positions ordered by (time, position): a stable sort on the time key.
    static func sortedOrder(_ times: [EpochMilliseconds]) -> [Int32] {
        var keyed = times.enumerated().map { (time: $0.element, index: Int32($0.offset)) }
        keyed.sort { $0.time != $1.time ? $0.time < $1.time : $0.index < $1.index }
        return keyed.map(\.index)
    }
}
