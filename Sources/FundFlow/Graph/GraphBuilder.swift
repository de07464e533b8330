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
    private var times: [EpochMilliseconds] = []
    private var amounts: [Int64] = []
    private var payers: [Int32] = []
    private var payees: [Int32] = []
    private var channels: [UInt8] = []
    private var fileIndices: [UInt16] = []
    private var lines: [Int32] = []
    private var idEnds: [Int] = []
    // The id bytes back to back; only the first `idBytes` are in use (see `appendBytes`).
    private var idArena: [UInt8] = []
    private var idBytes = 0
    // Account keys of appended rows not yet interned: resolved in batches (see AccountTable).
    private var pendingKeys: [UInt8] = []
    private var pendingBytes = 0
    private var pendingEnds: [Int] = []
    private var pendingTargets: [Int] = []  // transfer * 2 (payer) or transfer * 2 + 1 (payee)
    private var pendingResult: [Int32] = []
    static let batchSize = 1024

    /// Creates a builder sized for about `expectedTransfers` transfers.
    public init(expectedTransfers: Int = 0) {
        accounts = AccountTable(capacity: max(1024, expectedTransfers / 8))
        if expectedTransfers > 0 {
            times.reserveCapacity(expectedTransfers)
            amounts.reserveCapacity(expectedTransfers)
            payers.reserveCapacity(expectedTransfers)
            payees.reserveCapacity(expectedTransfers)
            channels.reserveCapacity(expectedTransfers)
            fileIndices.reserveCapacity(expectedTransfers)
            lines.reserveCapacity(expectedTransfers)
            idEnds.reserveCapacity(expectedTransfers)
        }
    }

    /// The number of transfers appended.
    public var count: Int { times.count }

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
        times.append(time)
        amounts.append(amount)
        payers.append(payer?.index ?? -1)
        payees.append(payee?.index ?? -1)
        channels.append(channel.rawValue)
        fileIndices.append(file)
        lines.append(Int32(truncatingIfNeeded: line))
        Self.appendBytes(id, to: &idArena, used: &idBytes)
        idEnds.append(idBytes)
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
        let transfer = times.count
        append(time: time, amount: amount, payer: nil, payee: nil, channel: channel, id: id, file: file, line: line)
        if !payerKey.isEmpty {
            Self.appendBytes(payerKey, to: &pendingKeys, used: &pendingBytes)
            pendingEnds.append(pendingBytes)
            pendingTargets.append(transfer * 2)
        }
        if !payeeKey.isEmpty {
            Self.appendBytes(payeeKey, to: &pendingKeys, used: &pendingBytes)
            pendingEnds.append(pendingBytes)
            pendingTargets.append(transfer * 2 + 1)
        }
        if pendingEnds.count >= Self.batchSize { resolvePendingAccounts() }
    }

    /// Interns the account keys of rows appended with ``append(time:amount:payerKey:payeeKey:channel:id:file:line:)``.
    public mutating func resolvePendingAccounts() {
        let count = pendingEnds.count
        guard count > 0 else { return }
        if pendingResult.count < count { pendingResult = [Int32](repeating: 0, count: max(count, Self.batchSize)) }
        pendingKeys.withUnsafeBufferPointer { spare in
            let keys = UnsafeBufferPointer(rebasing: spare[0..<pendingBytes])
            pendingEnds.withUnsafeBufferPointer { ends in
                pendingResult.withUnsafeMutableBufferPointer { result in
                    accounts.intern(batch: keys, ends: ends, into: UnsafeMutableBufferPointer(rebasing: result[0..<count]))
                }
            }
        }
        for i in 0..<count {
            let target = pendingTargets[i]
            if target & 1 == 0 { payers[target >> 1] = pendingResult[i] } else { payees[target >> 1] = pendingResult[i] }
        }
        pendingBytes = 0
        pendingEnds.removeAll(keepingCapacity: true)
        pendingTargets.removeAll(keepingCapacity: true)
    }

    /// Appends one transfer with a string id.
    public mutating func append(
        time: EpochMilliseconds, amount: Int64, payer: AccountID?, payee: AccountID?, channel: Channel,
        id: String, file: UInt16, line: Int
    ) {
        var copy = id
        copy.withUTF8 { append(time: time, amount: amount, payer: payer, payee: payee, channel: channel, id: $0, file: file, line: line) }
    }

    /// Appends `bytes` after the first `used` bytes of `array` (whose spare tail is zeros), growing
    /// it by doubling: one copy, where `append(contentsOf:)` goes element by element through a
    /// generic path (ids and account keys are short, and there are two or three a row).
    @inline(__always)
    static func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, to array: inout [UInt8], used: inout Int) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if used + bytes.count > array.count {
            array.append(contentsOf: repeatElement(0, count: max(array.count, bytes.count, 4096)))
        }
        let offset = used
        array.withUnsafeMutableBufferPointer { whole in
            whole.baseAddress?.advanced(by: offset).update(from: source, count: bytes.count)
        }
        used += bytes.count
    }

    /// Sorts the transfers by (time, input order) and builds the graph.
    public consuming func build() -> TransferGraph {
        resolvePendingAccounts()
        idArena.removeLast(idArena.count - idBytes)
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
