/// `layering_chain` (多级转账): a chain of at least `min_hops` transfers, each leaving its payer
/// within `hop_window` of the transfer that paid it, each keeping `min_keep_percent`–100% of the
/// previous amount, the first at least `min_amount`.
///
/// One pass in time order: the longest chain ending at each transfer is one more than the
/// longest among the payer's recent inflows that it continues (the newest 64 in the window), so
/// the cost does not grow with a hub's history. Only maximal chains are reported.
///
/// Look-alikes stay silent: salaries, rent and shop takings are not passed on whole within a day,
/// hop after hop.
public struct LayeringChainDetector: Detector {
    public var pattern: Pattern { .layeringChain }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.layeringChain
        let minFirst = r.minAmount
        // The smallest amount a chain can reach: anything below cannot be part of one.
        var floor = minFirst
        for _ in 1..<max(1, Int(r.minHops)) { floor = floor * r.minKeepPercent / 100 }
        var length = [Int32](repeating: 0, count: graph.transferCount)
        var previous = [Int32](repeating: -1, count: graph.transferCount)
        var extended = [Bool](repeating: false, count: graph.transferCount)
        for t in 0..<graph.transferCount {
            let amount = graph.fen(t)
            let payer = graph.payerIndex(t)
            guard amount >= floor, payer >= 0, graph.payeeIndex(t) >= 0 else { continue }
            let time = graph.time(t)
            var best: Int32 = amount >= minFirst ? 1 : 0
            var bestPrevious: Int32 = -1
            let candidates = graph.incoming(AccountID(payer), in: (time - r.hopWindow)...time)
            var seen = 0
            for p in candidates.reversed() where Int(p) < t {
                seen += 1
                if seen > 64 { break }
                let pl = length[Int(p)]
                guard pl > 0 else { continue }
                let pa = graph.fen(Int(p))
                if amount <= pa && amount * 100 >= pa * r.minKeepPercent && pl + 1 > best {
                    best = pl + 1
                    bestPrevious = p
                }
            }
            length[t] = best
            previous[t] = bestPrevious
            if bestPrevious >= 0 { extended[Int(bestPrevious)] = true }
        }
        var findings: [Finding] = []
        for t in 0..<graph.transferCount where length[t] >= Int32(max(1, r.minHops)) && !extended[t] {
            var chain: [Int] = []
            var k = Int32(t)
            while k >= 0 { chain.append(Int(k)); k = previous[Int(k)] }
            chain.reverse()
            let accounts = chain.compactMap { graph.payee($0) }
            let origin = graph.payer(chain[0])
            let span = graph.time(chain.last!) - graph.time(chain[0])
            var score = Double(r.scorePercent) / 100 + Double(r.hopBonusPercent) / 100 * Double(min(3, chain.count - Int(r.minHops)))
            if span <= r.fast { score += Double(r.fastBonusPercent) / 100 }
            let summary = "\(context.money(graph.fen(chain[0]))) went through \(chain.count) transfers from "
                + "\(origin.map { context.name($0) } ?? "cash") to \(context.name(accounts.last!)) between "
                + "\(context.clock(graph.time(chain[0]))) and \(context.clock(graph.time(chain.last!))), "
                + "\(context.money(graph.fen(chain.last!))) arriving"
            findings.append(Finding(pattern: pattern, accounts: accounts, transfers: chain, amount: graph.amount(chain[0]),
                                    score: score, summary: summary, graph: graph))
        }
        return findings
    }
}

extension Pattern {
    /// `layering_chain`: a chain of transfers that keeps the amount (多级转账).
    public static let layeringChain = Pattern("layering_chain")
}

/// The thresholds of `[layering_chain]` in a rules file: a chain of transfers that keeps the amount (多级转账).
public struct LayeringChainRules: RuleSet {
    public static let sectionName = "layering_chain"
    public init() {}
    public var hopWindow: Int64 = 24 * 3_600_000
    public var minHops: Int64 = 3
    public var minKeepPercent: Int64 = 90
    public var minAmount: Int64 = 300_000
    public var fast: Int64 = 6 * 3_600_000
    public var scorePercent: Int64 = 55
    public var hopBonusPercent: Int64 = 10
    public var fastBonusPercent: Int64 = 15
}

extension Rules {
    /// The thresholds of ``LayeringChainDetector``.
    public var layeringChain: LayeringChainRules {
        get { self[LayeringChainRules.self] }
        set { self[LayeringChainRules.self] = newValue }
    }
}

extension LayeringChainDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        // The smallest transfer a chain can hold: its first amount kept through every hop.
        let r = rules.layeringChain
        var floor = r.minAmount
        for _ in 1..<max(1, Int(r.minHops)) { floor = floor * r.minKeepPercent / 100 }
        return .relay(inflow: floor, outflows: [.biggest(floor)], reach: CandidateFilter.days(r.hopWindow) - 1)
    }

    /// Kept from any part of the data: every transfer of a chain is in the part that made it.
    public var scopeAccount: ScopeAccount { .none }

    public var rulesSection: Rules.Section {
        Rules.Section(LayeringChainRules.self, help: "a chain of transfers that keeps the amount (多级转账)", fields: [
            Rules.Field(key: "hop_window", kind: .duration, help: "each hop within this of the last", path: \.layeringChain.hopWindow),
            Rules.Field(key: "min_hops", kind: .count, help: "transfers in the chain", path: \.layeringChain.minHops),
            Rules.Field(key: "min_keep_percent", kind: .percent, help: "each amount of the previous", path: \.layeringChain.minKeepPercent),
            Rules.Field(key: "min_amount", kind: .amount, help: "the first transfer", path: \.layeringChain.minAmount),
            Rules.Field(key: "fast", kind: .duration, help: "a whole chain within this is fast", path: \.layeringChain.fast),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a chain of min_hops", path: \.layeringChain.scorePercent),
            Rules.Field(key: "hop_bonus_percent", kind: .percent, help: "added per further hop (at most 3)", path: \.layeringChain.hopBonusPercent),
            Rules.Field(key: "fast_bonus_percent", kind: .percent, help: "added when fast", path: \.layeringChain.fastBonusPercent),
        ])
    }
}

