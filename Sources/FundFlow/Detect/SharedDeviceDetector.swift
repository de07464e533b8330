/// `shared_device` (一机多卡): accounts that transact from one device — the same MAC address,
/// terminal or IP address, where the inputs carry them (查询反馈's MAC地址, 终端号, IP地址) —
/// within `window` of each other.
///
/// Gangs run many cards from one phone or one laptop: a card bought from a student is operated,
/// minutes after its last transfer, from the phone that operated the last card. A device is the
/// initiator's: the payer's (the account itself for a cash deposit). One finding per device,
/// naming the accounts that used it within `window` of another account's use, with those
/// transfers as evidence.
///
/// Look-alikes stay silent: a device used by more than `max_accounts` accounts in the whole data
/// (below 2: every device, which turns the detector off) is shared by design — a campus or hotel Wi-Fi behind one address, a carrier's NAT, a bank's
/// own counter terminal — and makes no finding. A family's home network (two or three accounts)
/// does make one; it adds to a flag only when something else already points at the device's
/// accounts (``Flagger``), never on its own.
public struct SharedDeviceDetector: Detector {
    public var pattern: Pattern { .sharedDevice }
    public init() {}

    /// The attributes that name a device, strongest first: a MAC address or a terminal names one
    /// machine; an IP address may be a whole network.
    public static let deviceKeys = ["mac", "terminal_id", "ip"]

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.sharedDevice
        let kinds = Self.deviceKeys.compactMap { key in graph.attributes.existingKeyID(key).map { (key, $0) } }
        // `max_accounts = 0`: every device counts as shared by design, so nothing is read.
        guard !kinds.isEmpty, r.maxAccounts >= 2 else { return [] }
        let kindIDs = kinds.map(\.1)
        // Devices interned per kind on their bytes (a String and a dictionary entry per row made
        // this 5 s of a 1.1M-row dump with two device columns, Benchmarks/features.sh).
        var tables = kinds.map { _ in AccountTable(capacity: max(1 << 12, graph.accountCount)) }  // about one device an account
        var deviceBase: [Int32] = []  // per kind, the first global device number (filled below)
        // Each row's device per kind, written by row while the attribute arena is read in
        // storage order (reading it in time order was a cache miss per row: 1.2 s of 1.1M rows).
        // (Every transfer has a payer or a payee, so every row's device is its initiator's.)
        let n = graph.transferCount
        var deviceOf = [Int32](repeating: -1, count: kinds.count * n)  // kind k, transfer t at k * n + t
        deviceOf.withUnsafeMutableBufferPointer { deviceOf in
            // Interned in batches per kind (``AccountTable/intern(batch:ends:into:)``), so that
            // the cache misses of a table of 130K MAC addresses overlap: one value at a time,
            // interning was most of the detector's 350 ms on 1.1M rows with ip and mac; batched,
            // 235 ms, and 180 ms once the table's slots are made resident before they are probed
            // (``AlignedMemory/allocateTouched(_:count:)``; Benchmarks/features.sh).
            var batches = kinds.map { _ in DeviceBatch() }
            graph.attributes.forEachValue(of: kindIDs) { k, t, bytes in
                guard !Self.isPlaceholder(bytes) else { return }
                if batches[k].add(bytes, row: Int32(t)) { batches[k].flush(into: &tables[k], deviceOf, base: k * n) }
            }
            for k in kinds.indices { batches[k].flush(into: &tables[k], deviceOf, base: k * n) }
        }
        var total: Int32 = 0
        for table in tables { deviceBase.append(total); total += Int32(table.count) }
        // Uses grouped by device (a counting sort over the rows in time order, so that each
        // device's uses stay in time order).
        var starts = [Int32](repeating: 0, count: Int(total) + 1)
        for k in kinds.indices {
            for t in 0..<n where deviceOf[k * n + t] >= 0 { starts[Int(deviceBase[k] + deviceOf[k * n + t]) + 1] += 1 }
        }
        for d in 0..<Int(total) { starts[d + 1] += starts[d] }
        var fill = starts
        var grouped = [Int32](repeating: 0, count: Int(starts[Int(total)]))
        for k in kinds.indices {
            for t in 0..<n where deviceOf[k * n + t] >= 0 {
                let d = Int(deviceBase[k] + deviceOf[k * n + t])
                grouped[Int(fill[d])] = Int32(t)
                fill[d] += 1
            }
        }
        func account(_ t: Int32) -> Int32 { graph.payerIndex(Int(t)) >= 0 ? graph.payerIndex(Int(t)) : graph.payeeIndex(Int(t)) }
        var seen = [Int32](repeating: -1, count: graph.accountCount)  // the last device that counted an account
        var findings: [Finding] = []
        for (k, kind) in kinds.enumerated() {
            for local in 0..<tables[k].count {
                let d = Int(deviceBase[k]) + local
                let uses = grouped[Int(starts[d])..<Int(starts[d + 1])]
                guard uses.count >= 2 else { continue }
                var distinct = 0
                for t in uses where seen[Int(account(t))] != Int32(d) {
                    seen[Int(account(t))] = Int32(d)
                    distinct += 1
                    if distinct > Int(r.maxAccounts) { break }
                }
                guard distinct >= 2, distinct <= Int(r.maxAccounts) else { continue }
                let list = Array(uses)
                // A use is evidence when another account used the device within the window of it:
                // the nearest use by another account before it or after it is within the window.
                var evidence = [Bool](repeating: false, count: list.count)
                var previousOther = -1  // the latest earlier use whose account differs from list[i]'s
                for i in list.indices {
                    if i > 0 { previousOther = account(list[i - 1]) != account(list[i]) ? i - 1 : previousOther }
                    if previousOther >= 0 && graph.time(Int(list[i])) - graph.time(Int(list[previousOther])) <= r.window {
                        evidence[i] = true
                        evidence[previousOther] = true
                    }
                }
                var nextOther = -1  // the earliest later use whose account differs from list[i]'s
                for i in list.indices.reversed() {
                    if i + 1 < list.count { nextOther = account(list[i + 1]) != account(list[i]) ? i + 1 : nextOther }
                    if nextOther >= 0 && graph.time(Int(list[nextOther])) - graph.time(Int(list[i])) <= r.window { evidence[i] = true }
                }
                let used = list.indices.filter { evidence[$0] }.map { Int(list[$0]) }
                var order: [Int32] = []
                for t in used where !order.contains(account(Int32(t))) { order.append(account(Int32(t))) }
                guard order.count >= 2, let first = used.first, let last = used.last else { continue }
                let device = kind.0 + " " + tables[k].name(AccountID(Int32(local)))
                let names = order.prefix(6).map { who -> String in
                    let mine = used.filter { account(Int32($0)) == who }
                    return "\(context.name(AccountID(who))) (\(mine.count) transfer\(mine.count == 1 ? "" : "s") from \(context.clock(graph.time(mine[0]))))"
                }
                let sum = used.reduce(Int64(0)) { $0 + graph.fen($1) }
                let summary = "\(order.count) accounts transacted from one device (\(device)) within \(DurationText.string(r.window)) of each other between "
                    + "\(context.clock(graph.time(first))) and \(context.clock(graph.time(last))): \(names.joined(separator: ", "))\(order.count > 6 ? ", …" : ""); "
                    + "\(used.count) transfers, \(context.money(sum)); the device is used by \(distinct) accounts in all"
                findings.append(Finding(pattern: pattern, accounts: order.map { AccountID($0) }, transfers: used,
                                        amount: Amount(fen: sum), score: Double(r.scorePercent) / 100, summary: summary, graph: graph))
            }
        }
        return findings
    }

    /// Values exports write where there is no device: `0.0.0.0`, `-`, `无`, all zeros, `null`,
    /// `unknown` (any case).
    static func isPlaceholder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most values are real addresses: decide on the first byte before looking further.
        guard let first = value.first else { return true }
        switch first {
        case UInt8(ascii: "0"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "u"), UInt8(ascii: "U"), 0xE6:
            break
        default:
            return false
        }
        if value.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") }) { return true }
        if value.elementsEqual("无".utf8) { return true }
        func lowered(_ word: String) -> Bool {
            value.count == word.utf8.count && zip(value, word.utf8).allSatisfy { ($0 | 0x20) == $1 }
        }
        return lowered("null") || lowered("unknown")
    }

    /// The same on a string.
    static func isPlaceholder(_ value: String) -> Bool {
        var copy = value
        return copy.withUTF8 { isPlaceholder($0) }
    }
}

/// The device values of one kind waiting to be interned: their bytes back to back, where each
/// ends, and the row each belongs to.
private struct DeviceBatch {
    static let size = 4096
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var rows: [Int32] = []
    var ids = [Int32](repeating: 0, count: DeviceBatch.size)

    init() {
        bytes.reserveCapacity(Self.size * 24)
        ends.reserveCapacity(Self.size)
        rows.reserveCapacity(Self.size)
    }

    /// Adds a value; true when the batch is full.
    mutating func add(_ value: UnsafeBufferPointer<UInt8>, row: Int32) -> Bool {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        rows.append(row)
        return rows.count == Self.size
    }

    /// Interns the waiting values in `table`, writes each one's device to `deviceOf[base + row]`
    /// and empties the batch.
    mutating func flush(into table: inout AccountTable, _ deviceOf: UnsafeMutableBufferPointer<Int32>, base: Int) {
        guard !rows.isEmpty else { return }
        let count = rows.count
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                ids.withUnsafeMutableBufferPointer { ids in
                    table.intern(batch: bytes, ends: ends, into: UnsafeMutableBufferPointer(rebasing: ids[0..<count]))
                }
            }
        }
        for i in 0..<count { deviceOf[base + Int(rows[i])] = ids[i] }
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }
}

extension Pattern {
    /// `shared_device`: accounts transacting from one device (MAC, terminal, IP) within a window (一机多卡).
    public static let sharedDevice = Pattern("shared_device")
}

/// The thresholds of `[shared_device]` in a rules file: accounts transacting from one device (MAC, terminal, IP) within a window (一机多卡).
public struct SharedDeviceRules: RuleSet {
    public static let sectionName = "shared_device"
    public init() {}
    public var window: Int64 = 86_400_000
    public var maxAccounts: Int64 = 20
    public var scorePercent: Int64 = 50
}

extension Rules {
    /// The thresholds of ``SharedDeviceDetector``.
    public var sharedDevice: SharedDeviceRules {
        get { self[SharedDeviceRules.self] }
        set { self[SharedDeviceRules.self] = newValue }
    }
}

extension SharedDeviceDetector {
    /// Kept from any part of the data: every use of the device it names is in the part that made it.
    public var scopeAccount: ScopeAccount { .none }

    public var rulesSection: Rules.Section {
        Rules.Section(SharedDeviceRules.self, help: "accounts transacting from one device (MAC, terminal, IP) within a window (一机多卡)", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how close in time two accounts' uses are", path: \.sharedDevice.window),
            Rules.Field(key: "max_accounts", kind: .count, help: "a device used by more accounts is shared by design (public Wi-Fi, NAT, a bank's terminal) and ignored; 0 turns the detector off", path: \.sharedDevice.maxAccounts),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a device link (it adds to a flag only beside another signal)", path: \.sharedDevice.scorePercent),
        ])
    }
}

