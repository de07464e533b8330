/// `cash_mule` (取现交付): money received and withdrawn as cash soon after, for a courier.
///
/// After an inflow of at least `min_inflow`, at least `min_cash_percent` of it leaves as cash
/// withdrawals within `window`. Stronger when the account withdraws at several places, is new in
/// the data (first seen within `new_account` before), or is itself a reported victim.
///
/// Look-alikes stay silent: people withdraw their salary days after payday, not within the day.
public struct CashMuleDetector: Detector {
    public var pattern: Pattern { .cashMule }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.cashMule
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            guard graph.outgoing(account).contains(where: { graph.channels[Int($0)] == Channel.cashWithdrawal.rawValue }) else { continue }
            var transfers: [TransferIndex] = []
            var received: Int64 = 0
            var withdrawn: Int64 = 0
            var places = Set<String>()
            var first: EpochMilliseconds?
            var nextAllowed = EpochMilliseconds.min
            for t in graph.incoming(account) {
                let inflow = graph.amounts[Int(t)]
                let time = graph.times[Int(t)]
                guard inflow >= r.minInflow, time >= nextAllowed else { continue }
                let cash = graph.outgoing(account, in: (time + 1)...(time + r.window)).filter {
                    graph.channels[Int($0)] == Channel.cashWithdrawal.rawValue
                }
                let sum = cash.reduce(Int64(0)) { $0 + graph.amounts[Int($1)] }
                guard sum * 100 >= inflow * r.minCashPercent else { continue }
                transfers += [Int(t)] + cash.map { Int($0) }
                received += inflow
                withdrawn += sum
                first = first ?? time
                for c in cash { if let place = graph.attributes.value("place", row: Int(c)) { places.insert(place) } }
                nextAllowed = graph.times[Int(cash.last!)] + 1
            }
            guard let first else { continue }
            var score = 0.65
            if places.count >= 2 { score += 0.1 }
            if context.isNew(account, at: first, span: r.newAccount) { score += 0.1 }
            if context.victims.contains(account.index) { score += 0.15 }
            let summary = "\(context.name(account)) received \(context.money(received)) and withdrew \(context.money(withdrawn)) in cash"
                + (places.isEmpty ? "" : " at \(places.count) place\(places.count == 1 ? "" : "s")")
                + " between \(context.clock(first)) and \(context.clock(graph.times[transfers.max()!]))"
                + (context.victims.contains(account.index) ? "; the account is a reported victim's" : "")
            findings.append(Finding(pattern: pattern, accounts: [account], transfers: context.evidence(transfers),
                                    amount: Amount(fen: received), score: score, summary: summary, graph: graph))
        }
        return findings
    }
}
