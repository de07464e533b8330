import DequeModule

/// `pass_through` (快进快出): money in and out again quickly, little staying.
///
/// An inflow of at least `min_inflow` passes through when at least `min_out_percent` of it leaves
/// within `window`. Which outflow carries which inflow is matched newest first (money just
/// received is what goes on), over the inflows of the last `window`; an outflow larger than
/// `max_out_percent` of those recent inflows is the account spending its own money and carries
/// none of them. An account's passing inflows make one finding, stronger when repeated, when the
/// money leaves within `fast` (30 minutes), or when the account is new in the data.
///
/// Look-alikes stay silent: payroll leaves days after the client's payment, shops and landlords
/// keep their takings for days, salaries are withdrawn days after payday, and a large purchase
/// right after a small transfer in is the account's own money.
public struct PassThroughDetector: Detector {
    public var pattern: Pattern { .passThrough }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.passThrough
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let ins = graph.incoming(account)
            let outs = graph.outgoing(account)
            guard !ins.isEmpty, !outs.isEmpty,
                  ins.contains(where: { graph.fen(Int($0)) >= r.minInflow }) else { continue }
            // Recent inflows (within the window of the current outflow), oldest first.
            var recent = Deque<(position: Int, remaining: Int64)>()
            var available: Int64 = 0
            var within = [Int64](repeating: 0, count: ins.count)
            var carriedBy = [[Int]](repeating: [], count: ins.count)
            var i = ins.startIndex
            for o in outs {
                let outTime = graph.time(Int(o))
                while i < ins.endIndex && (graph.time(Int(ins[i])) < outTime || (graph.time(Int(ins[i])) == outTime && ins[i] < o)) {
                    recent.append((i - ins.startIndex, graph.fen(Int(ins[i]))))
                    available += graph.fen(Int(ins[i]))
                    i += 1
                }
                while let oldest = recent.first, graph.time(Int(ins[ins.startIndex + oldest.position])) < outTime - r.window {
                    available -= oldest.remaining
                    recent.removeFirst()
                }
                var need = graph.fen(Int(o))
                guard need * 100 <= available * r.maxOutPercent else { continue }  // mostly its own money
                var k = recent.count - 1
                while need > 0 && k >= 0 {
                    let take = min(need, recent[k].remaining)
                    if take > 0 {
                        recent[k].remaining -= take
                        available -= take
                        need -= take
                        within[recent[k].position] += take
                        carriedBy[recent[k].position].append(Int(o))
                    }
                    k -= 1
                }
            }
            var passing: [Int] = []
            for position in 0..<ins.count {
                let amount = graph.fen(Int(ins[ins.startIndex + position]))
                if amount >= r.minInflow && within[position] * 100 >= amount * r.minOutPercent { passing.append(position) }
            }
            guard !passing.isEmpty else { continue }
            var transfers: [TransferIndex] = []
            var totalIn: Int64 = 0
            var fast = true
            for position in passing {
                let t = Int(ins[ins.startIndex + position])
                transfers.append(t)
                transfers += carriedBy[position]
                totalIn += graph.fen(t)
                if let last = carriedBy[position].max(), graph.time(last) - graph.time(t) > r.fast { fast = false }
            }
            transfers = Array(Set(transfers))
            let firstTime = graph.time(Int(ins[ins.startIndex + passing[0]]))
            var score = Double(r.scorePercent) / 100 + Double(r.repeatBonusPercent) / 100 * Double(min(3, passing.count - 1))
            if fast { score += Double(r.fastBonusPercent) / 100 }
            if context.isNew(account, at: firstTime, span: context.rules.cashMule.newAccount) { score += Double(r.newAccountBonusPercent) / 100 }
            let lastTime = transfers.map { graph.time($0) }.max()!
            let summary = "\(context.name(account)) passed \(passing.count) inflow\(passing.count == 1 ? "" : "s") of "
                + "\(context.money(totalIn)) on within \(r.window / 60_000) minutes each, between \(context.clock(firstTime)) "
                + "and \(context.clock(lastTime))"
            findings.append(Finding(pattern: pattern, accounts: [account], transfers: context.evidence(transfers),
                                    amount: Amount(fen: totalIn), score: score, summary: summary, graph: graph))
        }
        return findings
    }
}

extension Pattern {
    /// `pass_through`: money in and out again quickly (快进快出).
    public static let passThrough = Pattern("pass_through")
}

/// The thresholds of `[pass_through]` in a rules file: money in and out again quickly (快进快出).
public struct PassThroughRules: RuleSet {
    public static let sectionName = "pass_through"
    public init() {}
    public var window: Int64 = 2 * 3_600_000
    public var minInflow: Int64 = 1_000_000
    public var minOutPercent: Int64 = 90
    public var maxOutPercent: Int64 = 110
    public var fast: Int64 = 30 * 60_000
    public var scorePercent: Int64 = 60
    public var repeatBonusPercent: Int64 = 10
    public var fastBonusPercent: Int64 = 10
    public var newAccountBonusPercent: Int64 = 10
}

extension Rules {
    /// The thresholds of ``PassThroughDetector``.
    public var passThrough: PassThroughRules {
        get { self[PassThroughRules.self] }
        set { self[PassThroughRules.self] = newValue }
    }
}

extension PassThroughDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.passThrough
        return .relay(inflow: r.minInflow,
                      outflows: [.total(CandidateFilter.perDay(CandidateFilter.share(r.minInflow, r.minOutPercent), over: r.window))],
                      reach: CandidateFilter.days(r.window) - 1)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(PassThroughRules.self, help: "money in and out again quickly (快进快出)", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how soon it leaves", path: \.passThrough.window),
            Rules.Field(key: "min_inflow", kind: .amount, help: "money in within the window", path: \.passThrough.minInflow),
            Rules.Field(key: "min_out_percent", kind: .percent, help: "of it out again", path: \.passThrough.minOutPercent),
            Rules.Field(key: "max_out_percent", kind: .count, help: "at most this much of it out (more is the account's own money)", path: \.passThrough.maxOutPercent),
            Rules.Field(key: "fast", kind: .duration, help: "every passing inflow out within this is fast", path: \.passThrough.fast),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of one passing inflow", path: \.passThrough.scorePercent),
            Rules.Field(key: "repeat_bonus_percent", kind: .percent, help: "added per further inflow (at most 3)", path: \.passThrough.repeatBonusPercent),
            Rules.Field(key: "fast_bonus_percent", kind: .percent, help: "added when fast", path: \.passThrough.fastBonusPercent),
            Rules.Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.passThrough.newAccountBonusPercent),
        ])
    }
}

