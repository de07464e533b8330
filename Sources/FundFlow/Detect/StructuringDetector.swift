/// `structuring` (拆分规避): amounts kept just below a reporting threshold.
///
/// At least `min_count` cash withdrawals or transfers from one account within `window`, each
/// within `band_percent` below `threshold` (by default 45,000–49,999.99 under 50,000).
///
/// Look-alikes stay silent: salaries and rent are not repeatedly just under the threshold.
public struct StructuringDetector: Detector {
    public var pattern: Pattern { .structuring }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.structuring
        let low = r.threshold - r.threshold * r.bandPercent / 100
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let near = graph.outgoing(account).filter {
                let a = graph.fen(Int($0))
                let c = graph.channelCode(Int($0))
                return a >= low && a < r.threshold && (c == Channel.transfer.rawValue || c == Channel.cashWithdrawal.rawValue)
            }
            guard near.count >= Int(r.minCount) else { continue }
            var start = 0
            for end in near.indices {
                while graph.time(Int(near[end])) - graph.time(Int(near[start])) > r.window { start += 1 }
                guard end - start + 1 >= Int(r.minCount) else { continue }
                let run = near[start...end].map { Int($0) }
                let total = run.reduce(Int64(0)) { $0 + graph.fen($1) }
                let summary = "\(context.name(account)) moved \(run.count) amounts between \(context.money(low)) and "
                    + "\(context.money(r.threshold)) (\(context.money(total)) in all) between \(context.clock(graph.time(run[0]))) and "
                    + "\(context.clock(graph.time(run.last!)))"
                findings.append(Finding(pattern: pattern, accounts: [account], transfers: run, amount: Amount(fen: total),
                                        score: Double(r.scorePercent) / 100 + Double(r.countBonusPercent) / 100 * Double(min(5, run.count - Int(r.minCount))), summary: summary, graph: graph))
                break
            }
        }
        return findings
    }
}

extension Pattern {
    /// `structuring`: amounts kept just below a reporting threshold (拆分规避).
    public static let structuring = Pattern("structuring")
}

/// The thresholds of `[structuring]` in a rules file: amounts kept just below a reporting threshold (拆分规避).
public struct StructuringRules: RuleSet {
    public static let sectionName = "structuring"
    public init() {}
    public var window: Int64 = 7 * 86_400_000
    public var threshold: Int64 = 5_000_000
    public var bandPercent: Int64 = 10
    public var minCount: Int64 = 3
    public var scorePercent: Int64 = 55
    public var countBonusPercent: Int64 = 5
}

extension Rules {
    /// The thresholds of ``StructuringDetector``.
    public var structuring: StructuringRules {
        get { self[StructuringRules.self] }
        set { self[StructuringRules.self] = newValue }
    }
}

extension StructuringDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.structuring
        return .band(low: r.threshold - r.threshold * r.bandPercent / 100, high: r.threshold, count: r.minCount,
                     reach: CandidateFilter.days(r.window) - 1)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(StructuringRules.self, help: "amounts kept just below a reporting threshold (拆分规避)", fields: [
            Rules.Field(key: "window", kind: .duration, help: "period", path: \.structuring.window),
            Rules.Field(key: "threshold", kind: .amount, help: "the reporting threshold", path: \.structuring.threshold),
            Rules.Field(key: "band_percent", kind: .percent, help: "how far below it counts", path: \.structuring.bandPercent),
            Rules.Field(key: "min_count", kind: .count, help: "such amounts in the period", path: \.structuring.minCount),
            Rules.Field(key: "score_percent", kind: .percent, help: "score at min_count", path: \.structuring.scorePercent),
            Rules.Field(key: "count_bonus_percent", kind: .percent, help: "added per further amount (at most 5)", path: \.structuring.countBonusPercent),
        ])
    }
}

