/// How one victim report resolved to loss transfers.
public struct ResolvedReport: Sendable {
    /// The report.
    public var report: VictimReport
    /// The loss transfers and how many fen of each serve this report, in time order.
    public var parts: [(transfer: TransferIndex, fen: Int64)]
    /// The total of ``parts``.
    public var resolved: Amount
    /// Why the report resolved to less than its amount (or not at all), when it did.
    public var warning: String?
}

/// Resolves victim reports to loss transfers (formats.md §3).
///
/// A report takes the victim's outgoing transfers (to its `to` account where given) at or after
/// its `time`, in time order, until their sum reaches the reported amount; the last one counts in
/// part. Reports resolve in file order, and a fen of a transfer serves at most one report. Cash
/// withdrawals are not losses (the money did not go to anyone).
public struct LossResolution: Sendable {
    /// Every report, resolved or not, in file order.
    public var reports: [ResolvedReport]
    /// The victim account ids that resolved to at least one fen, in ascending UTF-8 byte order:
    /// the index of a victim here is its label in the trace.
    public var victims: [String]
    /// Per loss transfer, the victim label and the fen of it that are loss.
    public var losses: [TransferIndex: (label: Int32, fen: Int64)]
    /// Per victim label, the case ids of its reports (`;`-joined in outputs).
    public var cases: [[String]]

    /// Resolves `reports` against `graph`; reports whose accounts are not in the data, or whose
    /// time is after the data ends, resolve to nothing, with a warning.
    /// Warnings write times at `offsetSeconds` (the `--timezone` in force).
    public init(_ reports: [VictimReport], in graph: TransferGraph, asOf: EpochMilliseconds? = nil, offsetSeconds: Int) {
        var used: [TransferIndex: Int64] = [:]
        var resolved: [ResolvedReport] = []
        let lastTime = min(graph.timeSpan?.upperBound ?? .min, asOf ?? .max)
        for report in reports {
            var entry = ResolvedReport(report: report, parts: [], resolved: .zero, warning: nil)
            defer { resolved.append(entry) }
            guard let victim = graph.account(named: report.victim) else {
                entry.warning = "victim account \(report.victim) is not in the data"
                continue
            }
            var payee: AccountID?
            if let name = report.payee {
                guard let account = graph.account(named: name) else {
                    entry.warning = "payee account \(name) is not in the data"
                    continue
                }
                payee = account
            }
            if let time = report.time, time > lastTime {
                entry.warning = "the reported time \(TimeFormatter.string(time, offsetSeconds: offsetSeconds)) is after the data ends"
                continue
            }
            var remaining = report.amount.fen
            for t32 in graph.outgoing(victim) where remaining > 0 {
                let t = Int(t32)
                if let time = report.time, graph.time(t) < time { continue }
                if let asOf, graph.time(t) > asOf { break }
                guard let to = graph.payee(t), payee == nil || to == payee else { continue }
                let free = graph.fen(t) - used[t, default: 0]
                guard free > 0 else { continue }
                let take = min(free, remaining)
                used[t, default: 0] += take
                entry.parts.append((t, take))
                remaining -= take
            }
            entry.resolved = Amount(fen: report.amount.fen - remaining)
            if remaining > 0 {
                entry.warning = entry.parts.isEmpty
                    ? "no transfer of the victim matches the report"
                    : "the data covers \(entry.resolved.decimalString) of the reported \(report.amount.decimalString)"
            }
        }
        // Labels: victims in ascending UTF-8 byte order (the tie order of the proportional policy).
        let names = Set(resolved.filter { !$0.parts.isEmpty }.map(\.report.victim))
        victims = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let labelOf = Dictionary(uniqueKeysWithValues: victims.enumerated().map { ($1, Int32($0)) })
        var losses: [TransferIndex: (label: Int32, fen: Int64)] = [:]
        var cases = [[String]](repeating: [], count: victims.count)
        for entry in resolved where !entry.parts.isEmpty {
            let label = labelOf[entry.report.victim]!
            if !cases[Int(label)].contains(entry.report.caseID) { cases[Int(label)].append(entry.report.caseID) }
            for part in entry.parts {
                losses[part.transfer, default: (label, 0)].fen += part.fen
            }
        }
        self.reports = resolved
        self.losses = losses
        self.cases = cases
    }

    /// The total resolved loss of each victim label.
    public var resolvedByLabel: [Int64] {
        var totals = [Int64](repeating: 0, count: victims.count)
        for (_, loss) in losses { totals[Int(loss.label)] += loss.fen }
        return totals
    }
}
