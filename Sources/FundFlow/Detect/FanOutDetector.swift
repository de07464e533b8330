/// `fan_out` (分散): one inflow dispersed to many payees within a day.
///
/// After an inflow of at least `min_inflow`, at least `min_payees` distinct payees receive at
/// least `min_share_percent` of it within `window` — and at most `max_share_percent` of all that came
/// in within the window: sending out far more than came in is the account's own money, not a
/// dispersal of the inflow. Full strength needs the payees to act like
/// tiers: at least `pass_on_percent` of them pass half of what they got on within the window.
///
/// Look-alikes stay weak: employees keep their salaries (payroll fans out, but nobody passes it
/// on), suppliers keep a shop's payments, relatives keep red packets — such a fan-out scores 0.4,
/// below the flag threshold on its own.
public struct FanOutDetector: Detector {
    public var pattern: Pattern { .fanOut }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.fanOut
        var findings: [Finding] = []
        var stamp = [Int32](repeating: -1, count: graph.accountCount)
        var stampValue: Int32 = 0
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let outgoing = graph.outgoing(account)
            guard outgoing.count >= Int(r.minPayees) else { continue }
            var nextAllowed = EpochMilliseconds.min
            for t in graph.incoming(account) {
                let inflow = graph.fen(Int(t))
                let time = graph.time(Int(t))
                guard inflow >= r.minInflow, time >= nextAllowed else { continue }
                let outs = graph.outgoing(account, from: time + 1, through: time + r.window)
                let sentOut = context.outSum(outs)
                guard !outs.isEmpty, outs.count >= Int(r.minPayees), sentOut * 100 >= inflow * r.minSharePercent else { continue }
                // Sending far more than came in over the window is the account's own money.
                let cameIn = context.inSum(graph.incoming(account, in: time...(time + r.window)))
                guard sentOut * 100 <= cameIn * r.maxSharePercent else { continue }
                stampValue += 1
                var payees: [Int32] = []
                for o in outs {
                    let p = graph.payeeIndex(Int(o))
                    if p >= 0 && stamp[Int(p)] != stampValue { stamp[Int(p)] = stampValue; payees.append(p) }
                }
                guard payees.count >= Int(r.minPayees) else { continue }
                // Do the payees pass it on? (Each payee once: what it received here, against what
                // it sent on within the window after the first payment.)
                var receivedBy: [Int32: (fen: Int64, first: EpochMilliseconds)] = [:]
                for o in outs {
                    let p = graph.payeeIndex(Int(o))
                    guard p >= 0 else { continue }
                    let entry = receivedBy[p] ?? (0, graph.time(Int(o)))
                    receivedBy[p] = (entry.fen + graph.fen(Int(o)), entry.first)
                }
                var passing = 0
                for (p, entry) in receivedBy {
                    let onward = context.outSum(graph.outgoing(AccountID(p), from: entry.first + 1, through: entry.first + r.window))
                    if onward * 2 >= entry.fen { passing += 1 }
                }
                let passShare = Double(passing) / Double(payees.count)
                // Nobody passing it on is not layering, however new the payer.
                var score = Double(r.loneScorePercent) / 100
                if passShare * 100 >= Double(r.passOnPercent) {
                    score = Double(r.scorePercent) / 100 + Double(r.passOnBonusPercent) / 100 * passShare
                    if context.isNew(account, at: time, span: context.rules.cashMule.newAccount) { score += Double(r.newAccountBonusPercent) / 100 }
                }
                let last = graph.time(Int(outs.last!))
                let summary = "\(context.name(account)) received \(context.money(inflow)) at \(context.clock(time)) and sent "
                    + "\(context.money(sentOut)) to \(payees.count) accounts by \(context.clock(last)); \(passing) of the \(payees.count) passed it on"
                findings.append(Finding(
                    pattern: pattern, accounts: [account] + payees.map { AccountID($0) }, others: .destination,
                    transfers: context.evidence([Int(t)] + outs.map { Int($0) }), amount: Amount(fen: inflow), score: score,
                    summary: summary, graph: graph))
                nextAllowed = time + r.window
            }
        }
        return findings
    }
}

extension Pattern {
    /// `fan_out`: one inflow dispersed to many payees.
    public static let fanOut = Pattern("fan_out")
}

/// The thresholds of `[fan_out]` in a rules file: one inflow dispersed to many payees.
public struct FanOutRules: RuleSet {
    public static let sectionName = "fan_out"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 500_000
    public var minPayees: Int64 = 5
    public var minSharePercent: Int64 = 80
    public var passOnPercent: Int64 = 50
    public var maxSharePercent: Int64 = 150
    public var loneScorePercent: Int64 = 40
    public var scorePercent: Int64 = 60
    public var passOnBonusPercent: Int64 = 30
    public var newAccountBonusPercent: Int64 = 10
}

extension Rules {
    /// The thresholds of ``FanOutDetector``.
    public var fanOut: FanOutRules {
        get { self[FanOutRules.self] }
        set { self[FanOutRules.self] = newValue }
    }
}

extension FanOutDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.fanOut
        let payees = CandidateFilter.perDay(r.minPayees, over: r.window)
        return .relay(inflow: r.minInflow,
                      outflows: [.total(CandidateFilter.perDay(CandidateFilter.share(r.minInflow, r.minSharePercent), over: r.window)),
                                 CandidateFilter.DayCondition(name: "out_payees_\(payees)", sql: "payees >= \(payees)")],
                      reach: CandidateFilter.days(r.window) - 1)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(FanOutRules.self, help: "one inflow dispersed to many payees", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how soon after the inflow", path: \.fanOut.window),
            Rules.Field(key: "min_inflow", kind: .amount, help: "the inflow dispersed", path: \.fanOut.minInflow),
            Rules.Field(key: "min_payees", kind: .count, help: "distinct payees", path: \.fanOut.minPayees),
            Rules.Field(key: "min_share_percent", kind: .percent, help: "of the inflow dispersed", path: \.fanOut.minSharePercent),
            Rules.Field(key: "pass_on_percent", kind: .percent, help: "payees that pass half of it on within the window, for full strength", path: \.fanOut.passOnPercent),
            Rules.Field(key: "max_share_percent", kind: .count, help: "at most this much of the inflow sent (more is the account's own money)", path: \.fanOut.maxSharePercent),
            Rules.Field(key: "lone_score_percent", kind: .percent, help: "score when too few payees pass it on", path: \.fanOut.loneScorePercent),
            Rules.Field(key: "score_percent", kind: .percent, help: "score when they do", path: \.fanOut.scorePercent),
            Rules.Field(key: "pass_on_bonus_percent", kind: .percent, help: "added times the share of payees passing it on", path: \.fanOut.passOnBonusPercent),
            Rules.Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.fanOut.newAccountBonusPercent),
        ])
    }
}

