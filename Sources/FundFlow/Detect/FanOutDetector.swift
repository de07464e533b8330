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
