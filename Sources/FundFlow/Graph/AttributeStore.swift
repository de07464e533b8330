/// Text attributes of transfers (names, banks, place, memo, unknown columns), kept aside from the
/// graph's hot arrays.
///
/// Values live back to back in one byte arena; each transfer owns a run of (key, value) entries.
/// A graph read from files without such columns spends nothing here.
public struct AttributeStore: Sendable {
    /// Attribute names, in the order first seen. Known fields use their canonical names
    /// (`from_name`, `to_name`, `from_bank`, `to_bank`, `place`, `memo`, `currency`); other columns
    /// keep their header text.
    public private(set) var keys: [String] = []
    private var keyIndex: [String: UInt16] = [:]
    private var rowStarts: [Int] = []  // per row, start into entries; empty while no row has any
    private var entryKeys: [UInt16] = []
    private var entryEnds: [Int] = []
    private var arena: [UInt8] = []
    private(set) var rowCount = 0
    /// Where row `i`'s entries are when the rows were reordered (``permuted(by:)``); nil: at `i`.
    private var rowMap: [Int32]?
    /// The most rows the input could hold: storage is reserved for them when the first value
    /// comes, so the arrays never regrow (a regrowth copies everything and faults in new pages:
    /// most of the page faults of reading a dump with names and memos). Reserved pages that are
    /// never written cost no resident memory.
    var expectedRows = 0

    /// Creates an empty store.
    public init() {}

    /// The index of attribute `key`, adding it when new.
    /// The id of `key` when some row holds it.
    func existingKeyID(_ key: String) -> UInt16? { keyIndex[key] }

    mutating func keyID(_ key: String) -> UInt16 {
        if let id = keyIndex[key] { return id }
        let id = UInt16(truncatingIfNeeded: keys.count)
        keys.append(key)
        keyIndex[key] = id
        return id
    }

    /// Adds a value to the row being built (row `rowCount`); empty values are not stored.
    mutating func add(_ key: UInt16, _ value: UnsafeBufferPointer<UInt8>) {
        let trimmed = RawRecord.trim(value)
        if trimmed.isEmpty { return }
        startRows()
        arena.append(contentsOf: trimmed)
        entryKeys.append(key)
        entryEnds.append(arena.count)
    }

    /// Adds to the row being built a copy of its first value of `key`, as attribute `newKey`,
    /// unless the row has no such value or already has one of `newKey` or `alsoPresent`.
    mutating func addCopy(of key: UInt16, as newKey: UInt16, unlessPresent alsoPresent: UInt16?) {
        guard let first = rowStarts.last else { return }
        var found = -1
        for entry in first..<entryKeys.count {
            let k = entryKeys[entry]
            if k == newKey || k == alsoPresent { return }
            if k == key && found < 0 { found = entry }
        }
        guard found >= 0 else { return }
        let start = found == 0 ? 0 : entryEnds[found - 1], end = entryEnds[found]
        // Grown, then copied within: a slice of the arena appended to it would hold a second
        // reference to its storage and make the append copy the whole arena.
        let at = arena.count
        arena.append(contentsOf: repeatElement(0, count: end - start))
        arena.withUnsafeMutableBufferPointer { bytes in (bytes.baseAddress! + at).update(from: bytes.baseAddress! + start, count: end - start) }
        entryKeys.append(newKey)
        entryEnds.append(arena.count)
    }

    /// Adds to the row being built the values of row `row` of `other`, whose attribute ids are
    /// this store's but for `placeholders`, which become `ids`. With `onlyNewKeys`, a value of a
    /// key the row already has is left out.
    mutating func addValues(of other: AttributeStore, row: Int, onlyNewKeys: Bool,
                            placeholders: (UInt16, UInt16), ids: (UInt16, UInt16)) {
        guard !other.rowStarts.isEmpty, row >= 0, row < other.rowCount else { return }
        let from = other.stored(row)
        let range = other.rowStarts[from]..<other.rowStarts[from + 1]
        guard !range.isEmpty else { return }
        startRows()
        if !onlyNewKeys {
            // The row's values lie back to back: their bytes and keys are copied at once.
            appendEntries(of: other, range, placeholders: placeholders, ids: ids)
            return
        }
        let first = rowStarts[rowStarts.count - 1]
        for entry in range {
            var key = other.entryKeys[entry]
            if key == placeholders.0 { key = ids.0 } else if key == placeholders.1 { key = ids.1 }
            if entryKeys[first...].contains(key) { continue }
            let start = entry == 0 ? 0 : other.entryEnds[entry - 1]
            arena.append(contentsOf: other.arena[start..<other.entryEnds[entry]])
            entryKeys.append(key)
            entryEnds.append(arena.count)
        }
    }

    /// Appends rows `rows` of `other` whole, as rows of their own, its ids translated as in
    /// ``addValues(of:row:onlyNewKeys:placeholders:ids:)``: the values of many rows copied at
    /// once (one by one, a row's copy cost more than its values for a 500,000-row bill).
    mutating func appendRows(of other: AttributeStore, rows: Range<Int>, placeholders: (UInt16, UInt16), ids: (UInt16, UInt16)) {
        precondition(other.rowMap == nil && rows.upperBound <= other.rowCount, "rows of a store in input order")
        guard !rows.isEmpty else { return }
        guard !other.rowStarts.isEmpty else {
            rowCount += rows.count
            if !rowStarts.isEmpty { rowStarts += repeatElement(entryKeys.count, count: rows.count) }
            return
        }
        let entries = other.rowStarts[rows.lowerBound]..<other.rowStarts[rows.upperBound]
        guard !entries.isEmpty || !rowStarts.isEmpty else {
            rowCount += rows.count
            return
        }
        startRows()
        let entryShift = entryKeys.count - entries.lowerBound
        for row in rows { rowStarts.append(other.rowStarts[row + 1] + entryShift) }
        rowCount += rows.count
        appendEntries(of: other, entries, placeholders: placeholders, ids: ids)
    }

    /// Appends the values `entries` of `other` (back to back in its arena) to the row being
    /// built: bytes and keys at once, `placeholders` ids becoming `ids`.
    private mutating func appendEntries(of other: AttributeStore, _ entries: Range<Int>, placeholders: (UInt16, UInt16), ids: (UInt16, UInt16)) {
        guard !entries.isEmpty else { return }
        let byteStart = entries.lowerBound == 0 ? 0 : other.entryEnds[entries.lowerBound - 1]
        let byteShift = arena.count - byteStart
        arena.append(contentsOf: other.arena[byteStart..<other.entryEnds[entries.upperBound - 1]])
        let keyStart = entryKeys.count
        entryKeys.append(contentsOf: other.entryKeys[entries])
        for k in keyStart..<entryKeys.count {
            if entryKeys[k] == placeholders.0 { entryKeys[k] = ids.0 } else if entryKeys[k] == placeholders.1 { entryKeys[k] = ids.1 }
        }
        entryEnds.reserveCapacity(entryEnds.count + entries.count)
        for entry in entries { entryEnds.append(other.entryEnds[entry] + byteShift) }
    }

    /// Reserves room for `rows` more rows holding `values` values of `bytes` bytes in all.
    mutating func reserve(rows: Int, values: Int, bytes: Int) {
        guard values > 0 else { return }
        startRows()
        rowStarts.reserveCapacity(rowStarts.count + rows)
        entryKeys.reserveCapacity(entryKeys.count + values)
        entryEnds.reserveCapacity(entryEnds.count + values)
        arena.reserveCapacity(arena.count + bytes)
    }

    /// The values and bytes this store holds (for ``reserve(rows:values:bytes:)``).
    var size: (values: Int, bytes: Int) { (entryKeys.count, arena.count) }

    /// Makes the row index when the first value comes.
    @inline(__always) private mutating func startRows() {
        if rowStarts.isEmpty {
            rowStarts = [Int](repeating: 0, count: rowCount + 1)
            rowStarts.reserveCapacity(max(expectedRows, rowCount) + 1)
            // `expectedRows` already assumes short rows (32 input bytes), so two values and 16
            // bytes a row cover real dumps; more only regrows once.
            entryKeys.reserveCapacity(expectedRows * 2)
            entryEnds.reserveCapacity(expectedRows * 2)
            arena.reserveCapacity(expectedRows * 16)
        }
    }

    /// Adds a string value to the row being built.
    mutating func add(_ key: UInt16, _ value: String) {
        var copy = value
        copy.withUTF8 { add(key, $0) }
    }

    /// Ends the row being built.
    mutating func endRow() {
        rowCount += 1
        if !rowStarts.isEmpty { rowStarts.append(entryKeys.count) }
    }

    /// The value of `key` for row `row`, if any.
    public func value(_ key: String, row: Int) -> String? {
        guard let id = keyIndex[key], !rowStarts.isEmpty, row >= 0, row < rowCount else { return nil }
        let row = stored(row)
        for entry in rowStarts[row]..<rowStarts[row + 1] where entryKeys[entry] == id {
            return string(entry)
        }
        return nil
    }


    /// Calls `body` with the bytes of row `row`'s first value of attribute `a` and of `b` (nil
    /// when it has none) — no String made: for passes over every row; nil when the row has no
    /// value of `a`.
    func withValues<R>(_ a: UInt16, _ b: UInt16?, row: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> R) -> R? {
        guard !rowStarts.isEmpty, row >= 0, row < rowCount else { return nil }
        let row = stored(row)
        var first = -1, second = -1
        for entry in rowStarts[row]..<rowStarts[row + 1] {
            let key = entryKeys[entry]
            if first < 0 && key == a { first = entry }
            if second < 0 && key == b { second = entry }
        }
        guard first >= 0 else { return nil }
        return arena.withUnsafeBufferPointer { arena in
            let start = first == 0 ? 0 : entryEnds[first - 1]
            let value = UnsafeBufferPointer(rebasing: arena[start..<entryEnds[first]])
            guard second >= 0 else { return body(value, nil) }
            let otherStart = second == 0 ? 0 : entryEnds[second - 1]
            return body(value, UnsafeBufferPointer(rebasing: arena[otherStart..<entryEnds[second]]))
        }
    }

    /// Calls `body(k, row, bytes)` for every row holding attribute `ids[k]`, walking the rows in
    /// the order they are stored (the order they were read) rather than in row order: a pass over
    /// every row of a graph whose rows were put in time order reads the arena sequentially
    /// instead of a cache miss per row (what made `shared_device` 1.2 s on 1.1M rows).
    func forEachValue(of ids: [UInt16], _ body: (Int, Int, UnsafeBufferPointer<UInt8>) -> Void) {
        guard !rowStarts.isEmpty, !ids.isEmpty else { return }
        var rowOf = [Int32](repeating: 0, count: rowCount)  // stored position → row
        if let rowMap {
            for row in 0..<rowCount { rowOf[Int(rowMap[row])] = Int32(row) }
        } else {
            for row in 0..<rowCount { rowOf[row] = Int32(row) }
        }
        arena.withUnsafeBufferPointer { arena in
            for position in 0..<rowCount {
                for entry in rowStarts[position]..<rowStarts[position + 1] {
                    guard let k = ids.firstIndex(of: entryKeys[entry]) else { continue }
                    let start = entry == 0 ? 0 : entryEnds[entry - 1]
                    body(k, Int(rowOf[position]), UnsafeBufferPointer(rebasing: arena[start..<entryEnds[entry]]))
                }
            }
        }
    }

    /// All attributes of row `row`, in the order they were added.
    public func attributes(row: Int) -> [(key: String, value: String)] {
        guard !rowStarts.isEmpty, row >= 0, row < rowCount else { return [] }
        let row = stored(row)
        return (rowStarts[row]..<rowStarts[row + 1]).map { (keys[Int(entryKeys[$0])], string($0)) }
    }

    @inline(__always) private func stored(_ row: Int) -> Int { rowMap.map { Int($0[row]) } ?? row }

    /// Whether any row has any attribute.
    public var isEmpty: Bool { rowStarts.isEmpty }

    private func string(_ entry: Int) -> String {
        let start = entry == 0 ? 0 : entryEnds[entry - 1]
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<entryEnds[entry]]), as: UTF8.self)
        }
    }

    /// A store with this one's attribute names (the same ids) and no rows.
    var keysOnly: AttributeStore {
        var store = AttributeStore()
        store.keys = keys
        store.keyIndex = keyIndex
        return store
    }

    /// Appends the rows of `other`, whose attribute ids must be this store's (a store made from
    /// ``keysOnly`` that added names in the same order as this one).
    mutating func append(rowsOf other: AttributeStore) {
        precondition(rowMap == nil && other.rowMap == nil, "rows are appended before they are reordered")
        for key in other.keys.dropFirst(keys.count) { _ = keyID(key) }
        if other.rowStarts.isEmpty {
            rowCount += other.rowCount
            if !rowStarts.isEmpty { rowStarts += repeatElement(entryKeys.count, count: other.rowCount) }
            return
        }
        if rowStarts.isEmpty { rowStarts = [Int](repeating: 0, count: rowCount + 1) }
        // Appended in place, without mapped copies of the part's arrays (a two-part read of the
        // realistic 1M dump: peak RSS 240 → 229 MB, `fundflow-bench read --threads 2`).
        let entryBase = entryKeys.count, byteBase = arena.count
        rowStarts.reserveCapacity(rowStarts.count + other.rowStarts.count)
        for start in other.rowStarts.dropFirst() { rowStarts.append(start + entryBase) }
        entryKeys += other.entryKeys
        entryEnds.reserveCapacity(entryEnds.count + other.entryEnds.count)
        for end in other.entryEnds { entryEnds.append(end + byteBase) }
        arena += other.arena
        rowCount += other.rowCount
    }

    /// The store with rows reordered: row `i` of the result is row `order[i]` of this one.
    /// The values are not moved: the result reaches them through `order` (a graph keeps its
    /// attributes in input order; see ``TimeOrder``).
    func permuted(by order: [Int32]) -> AttributeStore {
        var copy = self
        copy.rowCount = order.count
        guard !rowStarts.isEmpty else { return copy }
        if let map = rowMap {
            copy.rowMap = TimeOrder.permute(map, by: order)
        } else {
            copy.rowMap = order
        }
        return copy
    }
}
