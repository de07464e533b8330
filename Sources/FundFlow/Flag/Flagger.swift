/// An account flagged for freezing or review: the list a bank acts on (`flagged.csv`).
public struct FlaggedAccount: Sendable {
    /// The account.
    public var account: AccountID
    /// The combined score, 0–1.
    public var score: Double
    /// The patterns found for it, strongest first.
    public var patterns: [Pattern]
    /// Whether it holds traced victim money.
    public var holdsTracedMoney: Bool
    /// Whether it is funded by suspicious money (``SuspiciousMoney``).
    public var fundedBySuspiciousMoney: Bool = false
    /// One sentence: why.
    public var reason: String
    /// The indices (into the findings) of its findings, strongest first.
    public var findings: [Int]
}

/// Combines findings (and the trace, when victims were given) into one score per account.
///
/// A finding counts fully for its principal account and with `secondary_weight_percent` for the
/// others it names; an account's score is 1 − ∏(1 − weight × score) over its findings, so several
/// independent signals add up and none alone exceeds its own strength. An account that holds
/// traced victim money is always flagged, whatever its shape. The default threshold (50%) flags
/// an account on one full-strength pattern, or on two weaker ones.
public struct Flagger: Sendable {
    public let rules: FlagRules

    public init(rules: FlagRules = FlagRules()) {
        self.rules = rules
    }

    /// The flagged accounts when money is followed (issue 16): an account is flagged when it is
    /// funded by suspicious money (``SuspiciousMoney``; victims' losses are suspicious money when
    /// reports are given), and for nothing else — a cash-out, fan-out or pass-through funded by
    /// clean money stays silent, and so does a shop or an OTC trader that took a little of it
    /// among much clean money (freeze.csv still lists what it holds). A reported victim is
    /// flagged only when other victims' (or a collection's) money funds it. Findings whose
    /// principal is a flagged account are listed among its patterns. Score: 0.99 when it also
    /// holds traced victim money; else 0.5 + half the share of the account's inflow that the
    /// suspicious money made. By score descending, then account id.
    public func flag(_ findings: [Finding], trace: TraceResult?, provenance: SuspiciousMoney, graph: TransferGraph,
                     offsetSeconds: Int) -> [FlaggedAccount] {
        var principalOf: [Int32: [Int]] = [:]
        for (index, finding) in findings.enumerated() {
            if let first = finding.accounts.first { principalOf[first.index, default: []].append(index) }
        }
        var holdings: [Int32: Int64] = [:]
        var inferred: [Int32: Int64] = [:]
        if let trace {
            for holding in trace.held where holding.total > 0 {
                holdings[holding.account.index] = holding.total
                if holding.inferred > 0 { inferred[holding.account.index] = holding.inferred }
            }
        }
        var funded: [Int32: SuspiciousMoney.Funded] = [:]
        for entry in provenance.funded { funded[entry.account.index] = entry }
        let collections = Dictionary(uniqueKeysWithValues: provenance.collections.map { ($0.account.index, $0) })
        let victims = Set(trace?.resolution.victims.compactMap { graph.account(named: $0)?.index } ?? [])
        var flagged: [FlaggedAccount] = []
        for account in funded.keys {
            let held = holdings[account]
            let entry = funded[account]
            let ordered = (principalOf[account] ?? []).sorted { findings[$0].score > findings[$1].score }
            var patterns: [Pattern] = []
            for index in ordered where !patterns.contains(findings[index].pattern) { patterns.append(findings[index].pattern) }
            var parts: [String] = []
            if let held, let trace {
                let crossed = inferred[account].map { "; \(Amount(fen: $0).groupedString) of it inferred, across a cash bridge" } ?? ""
                parts.append("holds \(Amount(fen: held).groupedString) of victims' money (traced, \(trace.policy.rawValue)\(crossed))")
            }
            if let entry {
                parts.append(FlagReason.describe(entry, collection: collections[account], collections: collections,
                                                 victims: victims, graph: graph, offsetSeconds: offsetSeconds))
            }
            var score = entry.map { 0.5 + $0.share / 2 } ?? 0
            if held != nil { score = 0.99 }
            score = min(score, 0.99)
            flagged.append(FlaggedAccount(
                account: AccountID(account), score: (score * 1000).rounded() / 1000, patterns: patterns,
                holdsTracedMoney: held != nil, fundedBySuspiciousMoney: entry != nil, reason: parts.joined(separator: "; "),
                findings: ordered))
        }
        deviceLinks(findings, into: &flagged, graph: graph)
        return flagged.sorted { $0.score != $1.score ? $0.score > $1.score : graph.name(of: $0.account) < graph.name(of: $1.account) }
    }

    /// `shared_device` findings beside the money: a device shared with a flagged account is listed
    /// among that account's patterns, and flags a device-mate only when another finding already
    /// names the mate on the gang side (score: the device's and that finding's, combined as in
    /// ``flag(_:trace:graph:)``). A device alone flags no one: a family's home network is one too.
    func deviceLinks(_ findings: [Finding], into flagged: inout [FlaggedAccount], graph: TransferGraph) {
        guard findings.contains(where: { $0.pattern == .sharedDevice }) else { return }
        var position: [Int32: Int] = [:]
        for (index, account) in flagged.enumerated() { position[account.account.index] = index }
        var namedBy: [Int32: [Int]] = [:]
        for (index, finding) in findings.enumerated() where finding.pattern != .sharedDevice {
            for (k, account) in finding.accounts.enumerated() where finding.roles[k].isGangSide {
                if namedBy[account.index]?.last != index { namedBy[account.index, default: []].append(index) }
            }
        }
        for (index, finding) in findings.enumerated() where finding.pattern == .sharedDevice {
            let mates = finding.accounts.filter { position[$0.index] != nil }
            guard !mates.isEmpty else { continue }
            for account in finding.accounts {
                let others = mates.filter { $0 != account }.prefix(3).map { graph.name(of: $0) }
                if let at = position[account.index] {
                    if !flagged[at].patterns.contains(.sharedDevice) { flagged[at].patterns.append(.sharedDevice) }
                    flagged[at].findings.append(index)
                    let clause = "; transacted from one device with flagged \(others.joined(separator: ", "))"
                    // One clause however many of the device's names (MAC, IP) link the same accounts.
                    if !others.isEmpty && !flagged[at].reason.hasSuffix(clause) && !flagged[at].reason.contains(clause + ";") { flagged[at].reason += clause }
                    continue
                }
                guard !others.isEmpty, let own = namedBy[account.index]?.max(by: { findings[$0].score < findings[$1].score }) else { continue }
                let score = 1 - (1 - finding.score) * (1 - findings[own].score)
                guard score >= Double(rules.thresholdPercent) / 100 else { continue }
                position[account.index] = flagged.count
                flagged.append(FlaggedAccount(
                    account: account, score: (score * 1000).rounded() / 1000, patterns: [findings[own].pattern, .sharedDevice],
                    holdsTracedMoney: false, reason: "transacted from one device with flagged \(others.joined(separator: ", ")); \(findings[own].summary)",
                    findings: [own, index]))
            }
        }
    }

    /// The flagged accounts from findings alone (no money followed): the combined score of each
    /// account's findings. By score descending, then account id.
    public func flag(_ findings: [Finding], trace: TraceResult?, graph: TransferGraph) -> [FlaggedAccount] {
        var keep = [Int32: (miss: Double, findings: [Int])]()
        let secondary = Double(rules.secondaryWeightPercent) / 100
        // A device link counts only where another finding or traced money names one of its accounts.
        var pointedAt = Set<Int32>()
        for finding in findings where finding.pattern != .sharedDevice {
            for (k, account) in finding.accounts.enumerated() where finding.roles[k].isGangSide { pointedAt.insert(account.index) }
        }
        if let trace { for holding in trace.held where holding.total > 0 { pointedAt.insert(holding.account.index) } }
        for (index, finding) in findings.enumerated() {
            if finding.pattern == .sharedDevice && !finding.accounts.contains(where: { pointedAt.contains($0.index) }) { continue }
            for (position, account) in finding.accounts.enumerated() where finding.roles[position].isGangSide {
                let weight = position == 0 ? 1 : secondary
                var entry = keep[account.index] ?? (1, [])
                if entry.findings.last == index { continue }  // an account named twice in one finding
                entry.miss *= 1 - weight * finding.score
                entry.findings.append(index)
                keep[account.index] = entry
            }
        }
        var holdings: [Int32: Int64] = [:]
        if let trace {
            for holding in trace.held where holding.total > 0 { holdings[holding.account.index] = holding.total }
        }
        let threshold = Double(rules.thresholdPercent) / 100
        var flagged: [FlaggedAccount] = []
        for account in Set(keep.keys).union(holdings.keys) {
            let entry = keep[account] ?? (1, [])
            var score = 1 - entry.miss
            let held = holdings[account]
            if held != nil { score = max(score, 0.99) }
            guard score >= threshold || held != nil else { continue }
            let ordered = entry.findings.sorted { findings[$0].score > findings[$1].score }
            var patterns: [Pattern] = []
            for index in ordered where !patterns.contains(findings[index].pattern) { patterns.append(findings[index].pattern) }
            var reason = ordered.first.map { findings[$0].summary } ?? ""
            if let held, let trace {
                let note = "holds \(Amount(fen: held).groupedString) of victims' money (traced, \(trace.policy.rawValue))"
                reason = reason.isEmpty ? note : note + "; " + reason
            }
            flagged.append(FlaggedAccount(
                account: AccountID(account), score: (score * 1000).rounded() / 1000, patterns: patterns,
                holdsTracedMoney: held != nil, reason: reason, findings: ordered))
        }
        return flagged.sorted { $0.score != $1.score ? $0.score > $1.score : graph.name(of: $0.account) < graph.name(of: $1.account) }
    }
}
