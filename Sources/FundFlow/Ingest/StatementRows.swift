/// The rows of per-account statements read so far, each seen from its subject account, waiting
/// to be merged with the other side of the same transfer (formats.md §2; ``StatementMerger``).
///
/// Data layout: one array per column, serial numbers interned to dense ids (an ``AccountTable``
/// of serials: equal serials are equal ids, so the merge groups integers), and the text
/// attributes of every row back to back in one ``AttributeStore`` (one row per entry, with the
/// graph builder's attribute ids). No String and no array is made per row. A struct per row
/// holding a `String` serial and an array of `(key, String)` attributes spent most of reading
/// a 500,000-row TenpayTrades return on allocating, retaining and releasing them (the merge
/// copied entries out of the array to compare them); figures in Benchmarks/README.md.
struct StatementRows: Sendable {
    private(set) var subjects: [Int32] = []
    /// -1: none (a cash entry).
    private(set) var counterparties: [Int32] = []
    private(set) var outgoing: [Bool] = []
    /// Magnitudes, in fen.
    private(set) var amounts: [Int64] = []
    private(set) var times: [EpochMilliseconds] = []
    private(set) var channels: [Channel] = []
    private(set) var files: [UInt16] = []
    private(set) var lines: [Int32] = []
    /// The balance after the entry in fen, ``noBalance`` when the row gives none.
    private(set) var balances: [Int64] = []
    /// From a person's own bill: its accounts are how the bill names them (a nickname, a masked
    /// phone number), to be replaced by a return's real accounts where a serial ties them.
    private(set) var provisional: [Bool] = []
    /// Each entry's serial number as an index into ``serials`` (-1: none).
    private(set) var serialIDs: [Int32] = []
    /// The serial numbers, trimmed (exports pad them with a tab so that a spreadsheet keeps
    /// their digits).
    private(set) var serials = AccountTable(capacity: 1024)
    /// The entries' text attributes: row `i` is entry `i`'s, keyed by the builder's attribute ids.
    /// Add an entry's values here before ``append(subject:counterparty:outgoing:amount:time:channel:serial:file:line:balance:provisional:)``.
    var attributes = AttributeStore()

    static let noBalance = Int64.min

    var count: Int { subjects.count }
    var isEmpty: Bool { subjects.isEmpty }

    /// Appends one entry and ends its attribute row.
    mutating func append(
        subject: Int32, counterparty: Int32, outgoing isOut: Bool, amount: Int64, time: EpochMilliseconds, channel: Channel,
        serial: UnsafeBufferPointer<UInt8>, file: UInt16, line: Int32, balance: Int64?, provisional isProvisional: Bool
    ) {
        subjects.append(subject)
        counterparties.append(counterparty)
        outgoing.append(isOut)
        amounts.append(amount)
        times.append(time)
        channels.append(channel)
        files.append(file)
        lines.append(line)
        balances.append(balance ?? Self.noBalance)
        provisional.append(isProvisional)
        let trimmed = RawRecord.trim(serial)
        serialIDs.append(trimmed.isEmpty ? -1 : serials.intern(trimmed).index)
        attributes.endRow()
    }

    /// Appends the entries of `part` — read from a later part of the same file on another thread,
    /// its accounts mapped to this read's by `accountMap` — as if they had been appended here one
    /// by one; `lineOffset` is added to their lines. Its attribute ids must be this read's.
    mutating func append(contentsOf part: StatementRows, accountMap: [Int32], lineOffset: Int32) {
        let total = count + part.count
        subjects.reserveCapacity(total)
        for subject in part.subjects { subjects.append(accountMap[Int(subject)]) }
        counterparties.reserveCapacity(total)
        for counterparty in part.counterparties { counterparties.append(counterparty >= 0 ? accountMap[Int(counterparty)] : -1) }
        outgoing += part.outgoing
        amounts += part.amounts
        times += part.times
        channels += part.channels
        files += part.files
        lines.reserveCapacity(total)
        for line in part.lines { lines.append(line &+ lineOffset) }
        balances += part.balances
        provisional += part.provisional
        // The part's serials in the order it first saw them: ids as one by one.
        var serialMap = [Int32](repeating: -1, count: part.serials.count)
        for index in 0..<part.serials.count {
            serialMap[index] = part.serials.withName(AccountID(index)) { serials.intern($0).index }
        }
        serialIDs.reserveCapacity(total)
        for serial in part.serialIDs { serialIDs.append(serial >= 0 ? serialMap[Int(serial)] : -1) }
        attributes.append(rowsOf: part.attributes)
    }

    /// The payer of the transfer entry `i` records.
    @inline(__always) func payer(_ i: Int) -> Int32 { outgoing[i] ? subjects[i] : counterparties[i] }
    /// The payee of the transfer entry `i` records.
    @inline(__always) func payee(_ i: Int) -> Int32 { outgoing[i] ? counterparties[i] : subjects[i] }

    /// Replaces a bill entry's accounts by the real ones (``Ingestor/resolveBills(_:)``).
    mutating func setAccounts(_ i: Int, subject: Int32, counterparty: Int32) {
        subjects[i] = subject
        counterparties[i] = counterparty
    }

    /// Calls `body` with entry `i`'s serial bytes (empty when it has none).
    func withSerial<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let id = serialIDs[i]
        guard id >= 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return serials.withName(AccountID(id), body)
    }
}
