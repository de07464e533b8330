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
    static let batchSize = 1024

    /// Creates a builder sized for about `expectedTransfers` transfers.
    public init(expectedTransfers: Int = 0) {
        accounts = AccountTable(capacity: max(1024, expectedTransfers / 64))
        rows = RowColumns(capacity: max(expectedTransfers, 1024), pendingCapacity: 2 * Self.batchSize)
    }

    /// The number of transfers appended.
    public var count: Int { rows.count }

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
    mutating func absorb(_ part: consuming GraphBuilder, lineOffset: Int32) {
        resolvePendingAccounts()
        part.resolvePendingAccounts()
        var map = [Int32](repeating: -1, count: part.accounts.count)
        for index in 0..<part.accounts.count {
            map[index] = part.accounts.withName(AccountID(index)) { accounts.intern($0).index }
        }
        if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
        let other = part.rows
        let n = other.count
        map.withUnsafeBufferPointer { map in
            for i in 0..<n {
                let payer = other.payers.base[i], payee = other.payees.base[i]
                let idStart = i == 0 ? 0 : other.idEnds.base[i - 1]
                rows.append(
                    time: other.times.base[i], amount: other.amounts.base[i],
                    payer: payer >= 0 ? map[Int(payer)] : -1, payee: payee >= 0 ? map[Int(payee)] : -1,
                    channel: other.channels.base[i], file: other.files.base[i], line: other.lines.base[i] &+ lineOffset,
                    id: UnsafeBufferPointer(start: other.idArena.base + idStart, count: other.idEnds.base[i] - idStart))
            }
        }
        attributes.append(rowsOf: part.attributes)
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
        // Each column becomes an array and its storage is freed before the next is copied.
        let n = rows.count
        let storage = isKnownUniquelyReferenced(&rows) ? rows : rows.copy()
        rows = RowColumns(capacity: 0, pendingCapacity: 0)
        let times = storage.times.take(count: n)
        let amounts = storage.amounts.take(count: n)
        let payers = storage.payers.take(count: n)
        let payees = storage.payees.take(count: n)
        let channels = storage.channels.take(count: n)
        let fileIndices = storage.files.take(count: n)
        let lines = storage.lines.take(count: n)
        let idEnds = storage.idEnds.take(count: n)
        let idArena = storage.idArena.take(count: storage.idBytes)
        var sorted = true
        for i in times.indices.dropFirst() where times[i] < times[i - 1] {
            sorted = false
            break
        }
        if sorted {
            return TransferGraph(
                accounts: accounts, times: times, amounts: amounts, payers: payers, payees: payees, channels: channels,
                attributes: attributes, sourceFiles: sourceFiles, fileIndices: fileIndices, lines: lines,
                idEnds: idEnds, idArena: idArena)
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
            idEnds: newIDEnds, idArena: newIDArena)
    }

    /// Input positions ordered by (time, position): a stable sort on the time key.
    static func sortedOrder(_ times: [EpochMilliseconds]) -> [Int32] {
        var keyed = times.enumerated().map { (time: $0.element, index: Int32($0.offset)) }
        keyed.sort { $0.time != $1.time ? $0.time < $1.time : $0.index < $1.index }
        return keyed.map(\.index)
    }
}
