/// The rows of per-account statements read so far, each seen from its subject account, waiting
/// to be merged with the other side of the same transfer (formats.md §2; ``StatementMerger``).
///
/// Data layout: one array per column, serial numbers back to back in one byte arena with a hash
/// each (the merge compares hashes, and bytes only where they are equal), and the text
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
    /// The serial numbers, trimmed (exports pad them with a tab so that a spreadsheet keeps
    /// their digits): entry `i`'s is `serialBytes[serialEnds[i - 1] ..< serialEnds[i]]`.
    private var serialBytes: [UInt8] = []
    private var serialEnds: [Int] = []
    /// Each serial's ``HashFilter/hash(_:)-(UnsafeBufferPointer<UInt8>)`` (entries without one: 0).
    private(set) var serialHashes: [UInt64] = []
    /// The text attributes of the entries being appended, keyed by the builder's attribute ids:
    /// add an entry's values here before ``append(subject:counterparty:outgoing:amount:time:channel:serial:file:line:balance:provisional:)``.
    /// Its row `i` is entry `attributeStarts.last! + i`'s.
    var attributes = AttributeStore()
    /// Stores of earlier entries, each taken whole (a part read on another thread keeps its own:
    /// appending it to one store copied every value once more and faulted in its pages, 100 ms
    /// of a 500,000-row bank export's read), and the entry each one's first row is.
    private var attributeSegments: [AttributeStore] = []
    private var attributeStarts: [Int] = [0]

    static let noBalance = Int64.min
    /// Placeholder attribute ids, in ``attributes`` only, for the names of the transfer's payer
    /// and payee (`from_name`, `to_name`), copied from the subject's and counterparty's names as
    /// the entry is read; the merge gives them their ids.
    static let payerNameKey = UInt16.max, payeeNameKey = UInt16.max - 1

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
        serialBytes.append(contentsOf: trimmed)
        serialEnds.append(serialBytes.count)
        serialHashes.append(trimmed.isEmpty ? 0 : HashFilter.hash(trimmed))
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
        let byteBase = serialBytes.count
        serialBytes += part.serialBytes
        serialEnds.reserveCapacity(total)
        for end in part.serialEnds { serialEnds.append(end + byteBase) }
        serialHashes += part.serialHashes
        // The part's stores are kept as they are, after this one's so far.
        attributeSegments.append(attributes)
        for (k, store) in part.attributeSegments.enumerated() {
            attributeStarts.append(total - part.count + part.attributeStarts[k])
            attributeSegments.append(store)
        }
        attributeStarts.append(total - part.count + part.attributeStarts[part.attributeStarts.count - 1])
        attributeSegments.append(part.attributes)
        attributeStarts.append(total)
        attributes = AttributeStore()
    }

    /// Which store holds entry `i`'s attributes (``attributeSegments`` count: the current one) and
    /// its row there.
    @inline(__always) private func attributePlace(_ i: Int) -> (segment: Int, row: Int) {
        // The last store that starts at or before `i` (few: one per part read).
        var k = attributeStarts.count - 1
        while attributeStarts[k] > i { k -= 1 }
        return (k, i - attributeStarts[k])
    }

    /// The attribute store `k` of ``attributePlace(_:)``.
    @inline(__always) private func attributeStore(_ k: Int) -> AttributeStore {
        k < attributeSegments.count ? attributeSegments[k] : attributes
    }

    /// Calls `body(store, first, count)` for each store of attributes in entry order: entries
    /// `first ..< first + count` are its rows `0 ..< count` (for passes over every entry: one
    /// store reached per store, not per entry).
    func forEachAttributeStore(_ body: (AttributeStore, Int, Int) -> Void) {
        for k in 0..<attributeStarts.count {
            let first = attributeStarts[k], end = k + 1 < attributeStarts.count ? attributeStarts[k + 1] : count
            guard end > first else { continue }
            body(attributeStore(k), first, end - first)
        }
    }

    /// Adds entry `i`'s attribute values to the row `store` is building (see
    /// ``AttributeStore/addValues(of:row:onlyNewKeys:placeholders:ids:)``).
    func addAttributes(of i: Int, to store: inout AttributeStore, onlyNewKeys: Bool, placeholders: (UInt16, UInt16), ids: (UInt16, UInt16)) {
        let (k, row) = attributePlace(i)
        store.addValues(of: attributeStore(k), row: row, onlyNewKeys: onlyNewKeys, placeholders: placeholders, ids: ids)
    }

    /// Appends the attribute rows of entries `range` to `store` as rows of their own (see
    /// ``AttributeStore/appendRows(of:rows:placeholders:ids:)``).
    func appendAttributeRows(_ range: Range<Int>, to store: inout AttributeStore, placeholders: (UInt16, UInt16), ids: (UInt16, UInt16)) {
        var at = range.lowerBound
        while at < range.upperBound {
            let (k, row) = attributePlace(at)
            let end = min(range.upperBound, k + 1 < attributeStarts.count ? attributeStarts[k + 1] : range.upperBound)
            store.appendRows(of: attributeStore(k), rows: row..<row + (end - at), placeholders: placeholders, ids: ids)
            at = end
        }
    }

    /// The values and bytes of all entries' attributes.
    var attributeSize: (values: Int, bytes: Int) {
        (attributeSegments + [attributes]).reduce((0, 0)) { ($0.0 + $1.size.values, $0.1 + $1.size.bytes) }
    }

    /// The payer of the transfer entry `i` records.
    @inline(__always) func payer(_ i: Int) -> Int32 { outgoing[i] ? subjects[i] : counterparties[i] }
    /// The payee of the transfer entry `i` records.
    @inline(__always) func payee(_ i: Int) -> Int32 { outgoing[i] ? counterparties[i] : subjects[i] }

    /// Whether entry `i` has a serial number.
    @inline(__always) func hasSerial(_ i: Int) -> Bool { serialEnds[i] > (i == 0 ? 0 : serialEnds[i - 1]) }

    /// Whether entries `i` and `j` have the same serial number (both have one).
    func sameSerial(_ i: Int, _ j: Int) -> Bool {
        guard serialHashes[i] == serialHashes[j], hasSerial(i), hasSerial(j) else { return false }
        return withSerial(i) { a in withSerial(j) { b in a.elementsEqual(b) } }
    }

    /// Sets entry `i`'s subject, or its counterparty: once its key is interned, or to a return's
    /// real account for a bill's (``Ingestor/resolveBills(_:)``).
    mutating func setAccount(_ i: Int, counterparty: Bool, _ id: Int32) {
        if counterparty { counterparties[i] = id } else { subjects[i] = id }
    }

    /// Calls `body` with entry `i`'s serial bytes (empty when it has none).
    func withSerial<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = i == 0 ? 0 : serialEnds[i - 1]
        return serialBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<serialEnds[i]])) }
    }

    /// The entries that share their serial number with another (each list in entry order; the
    /// lists in no particular order).
    func serialGroups() -> [[Int]] {
        var seen = HashFilter(expected: count), twice = HashFilter(expected: count)
        for i in 0..<count where hasSerial(i) {
            let hash = serialHashes[i]
            if seen.mayContain(hash) { twice.insert(hash) } else { seen.insert(hash) }
        }
        // Only entries whose hash may have come twice are grouped exactly; equal hashes with
        // different bytes (a collision) are told apart by their bytes.
        var groups: [[Int]] = []
        var groupOf: [UInt64: [Int]] = [:]  // hash → indices into `groups`
        for i in 0..<count where hasSerial(i) && twice.mayContain(serialHashes[i]) {
            let hash = serialHashes[i]
            if let candidates = groupOf[hash], let g = candidates.first(where: { sameSerial(groups[$0][0], i) }) {
                groups[g].append(i)
            } else {
                groupOf[hash, default: []].append(groups.count)
                groups.append([i])
            }
        }
        return groups.filter { $0.count > 1 }
    }
}
