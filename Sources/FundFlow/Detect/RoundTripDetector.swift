/// `round_trip` (资金回流): money that comes back to where it started.
///
/// A time-respecting cycle of `min_hops`–`max_hops` transfers starting with a transfer of at
/// least `min_amount` and returning to its payer within `window`, every transfer carrying at
/// least `min_keep_percent` of the first amount. A bounded depth-first search from each
/// qualifying transfer, in the spirit of 2SCENT and of Johnson's algorithm with a hop bound;
/// at most 16 branches per step and 4,000 steps per start keep hubs affordable.
///
/// Look-alikes stay silent: loans and repayments between two people rarely repeat the amount
/// within the window, and family red packets are far below `min_amount`.
public struct RoundTripDetector: Detector {
    public var pattern: Pattern { .roundTrip }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.roundTrip
        var findings: [Finding] = []
        var reported = Set<Int32>()
        for t0 in 0..<graph.transferCount {
            let amount = graph.fen(t0)
            let origin = graph.payerIndex(t0)
            guard amount >= r.minAmount, origin >= 0, graph.payeeIndex(t0) >= 0, !reported.contains(origin) else { continue }
            let floor = amount * r.minKeepPercent / 100
            let deadline = graph.time(t0) + r.window
            var steps = 0
            var path = [t0]
            var found: [Int]?
            func search(_ account: Int32, after time: EpochMilliseconds) {
                guard found == nil, steps < 4000, path.count < Int(r.maxHops) else { return }
                var branches = 0
                for t in graph.outgoing(AccountID(account), in: time...deadline) where Int(t) > path.last! {
                    if found != nil || branches >= 16 { return }
                    let ti = Int(t)
                    guard graph.fen(ti) >= floor, graph.fen(ti) <= amount, let next = graph.payee(ti) else { continue }
                    steps += 1
                    branches += 1
                    path.append(ti)
                    if next.index == origin {
                        if path.count >= Int(r.minHops) { found = path }
                    } else if !path.dropLast().contains(where: { graph.payeeIndex($0) == next.index }) {
                        search(next.index, after: graph.time(ti))
                    }
                    if found == nil { path.removeLast() }
                }
            }
            search(graph.payeeIndex(t0), after: graph.time(t0))
            guard let cycle = found else { continue }
            reported.insert(origin)
            var accounts = [AccountID(origin)]
            for t in cycle.dropLast() { if let p = graph.payee(t) { accounts.append(p) } }
            let back = graph.fen(cycle.last!)
            let summary = "\(context.money(amount)) left \(context.name(AccountID(origin))) at \(context.clock(graph.time(t0))) and "
                + "\(context.money(back)) came back through \(cycle.count - 1) account\(cycle.count == 2 ? "" : "s") by "
                + "\(context.clock(graph.time(cycle.last!)))"
            findings.append(Finding(pattern: pattern, accounts: accounts, transfers: cycle, amount: Amount(fen: amount),
                                    score: Double(r.scorePercent) / 100 + Double(r.hopBonusPercent) / 100 * Double(cycle.count), summary: summary, graph: graph))
        }
        return findings
    }
}

extension Pattern {
    /// `round_trip`: money that returns to where it started (资金回流).
    public static let roundTrip = Pattern("round_trip")
}

/// The thresholds of `[round_trip]` in a rules file: money that returns to where it started (资金回流).
public struct RoundTripRules: RuleSet {
    public static let sectionName = "round_trip"
    public init() {}
    public var window: Int64 = 7 * 86_400_000
    public var minHops: Int64 = 2
    public var maxHops: Int64 = 6
    public var minKeepPercent: Int64 = 80
    public var minAmount: Int64 = 500_000
    public var scorePercent: Int64 = 60
    public var hopBonusPercent: Int64 = 5
}

extension Rules {
    /// The thresholds of ``RoundTripDetector``.
    public var roundTrip: RoundTripRules {
        get { self[RoundTripRules.self] }
        set { self[RoundTripRules.self] = newValue }
    }
}

extension RoundTripDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        // The smallest transfer a cycle can hold.
        let r = rules.roundTrip
        let floor = r.minAmount * r.minKeepPercent / 100
        return .relay(inflow: floor, outflows: [.biggest(floor)], reach: CandidateFilter.days(r.window) - 1)
    }

    /// Kept from any part of the data: every transfer of a cycle is in the part that made it.
    public var scopeAccount: ScopeAccount { .none }

    public var rulesSection: Rules.Section {
        Rules.Section(RoundTripRules.self, help: "money that returns to where it started (资金回流)", fields: [
            Rules.Field(key: "window", kind: .duration, help: "the whole cycle", path: \.roundTrip.window),
            Rules.Field(key: "min_hops", kind: .count, help: "shortest cycle", path: \.roundTrip.minHops),
            Rules.Field(key: "max_hops", kind: .count, help: "longest cycle", path: \.roundTrip.maxHops),
            Rules.Field(key: "min_keep_percent", kind: .percent, help: "of the first amount that comes back", path: \.roundTrip.minKeepPercent),
            Rules.Field(key: "min_amount", kind: .amount, help: "the first transfer", path: \.roundTrip.minAmount),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a cycle, less its hops", path: \.roundTrip.scorePercent),
            Rules.Field(key: "hop_bonus_percent", kind: .percent, help: "added per hop", path: \.roundTrip.hopBonusPercent),
        ])
    }
}

