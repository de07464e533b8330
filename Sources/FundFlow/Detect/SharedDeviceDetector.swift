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
/// is shared by design — a campus or hotel Wi-Fi behind one address, a carrier's NAT, a bank's
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
        let kinds = Self.deviceKeys.filter { graph.attributes.keys.contains($0) }
        guard !kinds.isEmpty else { return [] }
        var uses: [String: [(time: EpochMilliseconds, transfer: Int, account: Int32)]] = [:]
        for t in 0..<graph.transferCount {
            let account = graph.payers[t] >= 0 ? graph.payers[t] : graph.payees[t]
            guard account >= 0 else { continue }
            for kind in kinds {
                guard let value = graph.attributes.value(kind, row: t), !Self.isPlaceholder(value) else { continue }
                uses[kind + " " + value, default: []].append((graph.times[t], t, account))
            }
        }
        var findings: [Finding] = []
        for (device, list) in uses {
            let accounts = Set(list.map(\.account))
            guard accounts.count >= 2, accounts.count <= Int(r.maxAccounts) else { continue }
            let sorted = list.sorted { ($0.time, $0.transfer) < ($1.time, $1.transfer) }
            // A use is evidence when another account used the device within the window of it.
            var evidence = Set<Int>()
            var start = 0
            for end in sorted.indices {
                while sorted[end].time - sorted[start].time > r.window { start += 1 }
                for k in start..<end where sorted[k].account != sorted[end].account {
                    evidence.insert(sorted[k].transfer)
                    evidence.insert(sorted[end].transfer)
                }
            }
            let used = sorted.filter { evidence.contains($0.transfer) }
            var order: [Int32] = []
            for use in used where !order.contains(use.account) { order.append(use.account) }
            guard order.count >= 2, let first = used.first, let last = used.last else { continue }
            let names = order.prefix(6).map { account -> String in
                let mine = used.filter { $0.account == account }
                return "\(context.name(AccountID(account))) (\(mine.count) transfer\(mine.count == 1 ? "" : "s") from \(context.clock(mine[0].time)))"
            }
            let total = used.reduce(Int64(0)) { $0 + graph.amounts[$1.transfer] }
            let summary = "\(order.count) accounts transacted from one device (\(device)) within \(DurationText.string(r.window)) of each other between "
                + "\(context.clock(first.time)) and \(context.clock(last.time)): \(names.joined(separator: ", "))\(order.count > 6 ? ", …" : ""); "
                + "\(used.count) transfers, \(context.money(total)); the device is used by \(accounts.count) accounts in all"
            findings.append(Finding(pattern: pattern, accounts: order.map { AccountID($0) }, transfers: used.map(\.transfer),
                                    amount: Amount(fen: total), score: Double(r.scorePercent) / 100, summary: summary, graph: graph))
        }
        return findings
    }

    /// Values exports write where there is no device: `0.0.0.0`, `-`, `无`, all zeros.
    static func isPlaceholder(_ value: String) -> Bool {
        let bare = value.filter { $0 != "0" && $0 != "." && $0 != ":" && $0 != "-" }
        return bare.isEmpty || value == "无" || value.lowercased() == "null" || value.lowercased() == "unknown"
    }
}
