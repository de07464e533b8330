/// `fan_in` (聚合): many payers into one account in a burst, then forwarded.
///
/// At least `min_payers` distinct payers pay the account at least `min_total` within `window`,
/// and at least `min_forward_percent` of that leaves within `forward_window` of the last inflow.
///
/// Look-alikes stay silent: a landlord collecting rent or a shop collecting takings keeps the
/// money (nothing is forwarded within a day), and their payers pay small sums.
public struct FanInDetector: Detector {
    public var pattern: Pattern { .fanIn }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.fanIn
        var findings: [Finding] = []
        var counts = [Int32](repeating: 0, count: graph.accountCount)
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let ins = graph.incoming(account)
            guard ins.count >= Int(r.minPayers), !graph.outgoing(account).isEmpty else { continue }
            var start = ins.startIndex
            var distinct = 0
            var sum: Int64 = 0
            // Where the burst is, not the runs themselves: an optional tuple of two runs was
            // copied through a generic outlined copy, 7% of the detector's instructions.
            var found: (start: Int, end: Int, outWindow: ClosedRange<EpochMilliseconds>, sum: Int64, forwarded: Int64)?
            for end in ins.indices {
                let t = Int(ins[end])
                let p = graph.payerIndex(t)
                if p >= 0 { if counts[Int(p)] == 0 { distinct += 1 }; counts[Int(p)] += 1 }
                sum += graph.fen(t)
                while graph.time(Int(ins[start])) < graph.time(t) - r.window {
                    let old = Int(ins[start])
                    let q = graph.payerIndex(old)
                    if q >= 0 { counts[Int(q)] -= 1; if counts[Int(q)] == 0 { distinct -= 1 } }
                    sum -= graph.fen(old)
                    start += 1
                }
                if distinct >= Int(r.minPayers) && sum >= r.minTotal && found == nil {
                    let outWindow = graph.time(Int(ins[start]))...(graph.time(t) + r.forwardWindow)
                    let outs = graph.outgoing(account, in: outWindow)
                    let forwarded = context.outSum(outs)
                    if !outs.isEmpty && forwarded * 100 >= sum * r.minForwardPercent { found = (start, end, outWindow, sum, forwarded) }
                }
            }
            for t in ins { let p = graph.payerIndex(Int(t)); if p >= 0 { counts[Int(p)] = 0 } }
            guard let (start, end, outWindow, total, forwarded) = found else { continue }
            let burst = ins[start...end], outs = graph.outgoing(account, in: outWindow)
            let payers = Set(burst.compactMap { graph.payer(Int($0)) })
            var score = Double(r.scorePercent) / 100
            if context.isNew(account, at: graph.time(Int(burst.first!)), span: context.rules.cashMule.newAccount) { score += Double(r.newAccountBonusPercent) / 100 }
            let summary = "\(context.name(account)) received \(context.money(total)) from \(payers.count) payers between "
                + "\(context.clock(graph.time(Int(burst.first!)))) and \(context.clock(graph.time(Int(burst.last!)))) and sent "
                + "\(context.money(forwarded)) on by \(context.clock(graph.time(Int(outs.last!))))"
            findings.append(Finding(
                pattern: pattern, accounts: [account] + context.byName(payers), others: .source, transfers: context.evidence(burst.map { Int($0) } + outs.map { Int($0) }),
                amount: Amount(fen: total), score: score, summary: summary, graph: graph))
        }
        return findings
    }
}

extension Pattern {
    /// `fan_in`: many payers into one account in a burst, then forwarded.
    public static let fanIn = Pattern("fan_in")
}

/// The thresholds of `[fan_in]` in a rules file: many payers into one account in a burst, then forwarded.
public struct FanInRules: RuleSet {
    public static let sectionName = "fan_in"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minPayers: Int64 = 5
    public var minTotal: Int64 = 2_000_000
    public var minForwardPercent: Int64 = 80
    public var forwardWindow: Int64 = 24 * 3_600_000
    public var scorePercent: Int64 = 65
    public var newAccountBonusPercent: Int64 = 10
}

extension Rules {
    /// The thresholds of ``FanInDetector``.
    public var fanIn: FanInRules {
        get { self[FanInRules.self] }
        set { self[FanInRules.self] = newValue }
    }
}

extension FanInDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.fanIn
        return .collection(qrOnly: false, minPayments: r.minPayers, payersPerDay: CandidateFilter.perDay(r.minPayers, over: r.window),
                           inflowPerDay: CandidateFilter.perDay(r.minTotal, over: r.window),
                           forwardPerDay: CandidateFilter.perDay(CandidateFilter.share(r.minTotal, r.minForwardPercent), over: r.window + r.forwardWindow),
                           sendsOn: true)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(FanInRules.self, help: "many payers into one account in a burst, then forwarded", fields: [
            Rules.Field(key: "window", kind: .duration, help: "the burst", path: \.fanIn.window),
            Rules.Field(key: "min_payers", kind: .count, help: "distinct payers in the burst", path: \.fanIn.minPayers),
            Rules.Field(key: "min_total", kind: .amount, help: "received in the burst", path: \.fanIn.minTotal),
            Rules.Field(key: "min_forward_percent", kind: .percent, help: "of it forwarded", path: \.fanIn.minForwardPercent),
            Rules.Field(key: "forward_window", kind: .duration, help: "how soon it is forwarded", path: \.fanIn.forwardWindow),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a fan-in", path: \.fanIn.scorePercent),
            Rules.Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.fanIn.newAccountBonusPercent),
        ])
    }
}

