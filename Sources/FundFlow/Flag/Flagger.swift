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

    /// The flagged accounts, by score descending, then account id.
    public func flag(_ findings: [Finding], trace: TraceResult?, graph: TransferGraph) -> [FlaggedAccount] {
        var keep = [Int32: (miss: Double, findings: [Int])]()
        let secondary = Double(rules.secondaryWeightPercent) / 100
        for (index, finding) in findings.enumerated() {
            for (position, account) in finding.accounts.enumerated() {
                let weight = position == 0 ? 1 : secondary
                var entry = keep[account.index] ?? (1, [])
                if entry.findings.last == index { continue }  // an account named twice in one finding
                entry.miss *= 1 - weight * finding.score
                entry.findings.append(index)
                keep[account.index] = entry
            }
        }
        var holdings: [Int32: Int64] = [:]
        if let trace, trace.policy.conserves || trace.policy == .poison {
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
