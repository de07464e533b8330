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
