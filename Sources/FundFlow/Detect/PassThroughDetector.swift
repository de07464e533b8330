/// `pass_through` (快进快出): money in and out again quickly, little staying.
///
/// For each burst of inflows starting at an inflow and lasting `window`, if they total at least
/// `min_inflow` and at least `min_out_percent` of it leaves between the burst's start and
/// `window` after its last inflow, the burst is an event; an account's events make one finding,
/// stronger when repeated, when the money leaves within minutes, or when the account is new.
///
/// Look-alikes stay silent: payroll leaves days after the client's payment, shops and landlords
/// keep their takings for days, salaries are withdrawn days after payday.
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
            guard !ins.isEmpty, !graph.outgoing(account).isEmpty else { continue }
            var events: [(ins: ArraySlice<Int32>, outs: ArraySlice<Int32>, inSum: Int64, outSum: Int64)] = []
            var i = ins.startIndex
            var j = i
            var sum: Int64 = 0
            while i < ins.endIndex {
                let start = graph.times[Int(ins[i])]
                while j < ins.endIndex && graph.times[Int(ins[j])] < start + r.window {
                    sum += graph.amounts[Int(ins[j])]
                    j += 1
                }
                if sum >= r.minInflow {
                    let lastIn = graph.times[Int(ins[j - 1])]
                    let outs = graph.outgoing(account, in: start...(lastIn + r.window))
                    let outSum = context.outSum(outs)
                    if outSum * 100 >= sum * r.minOutPercent {
                        events.append((ins[i..<j], outs, sum, outSum))
                        i = j
                        sum = 0
                        continue
                    }
                }
                sum -= graph.amounts[Int(ins[i])]
                i += 1
            }
            guard let first = events.first else { continue }
            var transfers: [TransferIndex] = []
            var totalIn: Int64 = 0
            var totalOut: Int64 = 0
            var fast = true
            for event in events {
                transfers += event.ins.map { Int($0) } + event.outs.map { Int($0) }
                totalIn += event.inSum
                totalOut += event.outSum
                if let lastOut = event.outs.last, let firstIn = event.ins.first,
                   graph.times[Int(lastOut)] - graph.times[Int(firstIn)] > 30 * 60_000 { fast = false }
            }
            var score = 0.6 + 0.1 * Double(min(3, events.count - 1))
            if fast { score += 0.1 }
            if context.isNew(account, at: graph.times[Int(first.ins.first!)], span: context.rules.cashMule.newAccount) { score += 0.1 }
            let lastTime = graph.times[Int(events.last!.outs.last ?? events.last!.ins.last!)]
            let summary = "\(context.name(account)) received \(context.money(totalIn)) and sent \(context.money(totalOut)) on "
                + "within \(r.window / 60_000) minutes, \(events.count) time\(events.count == 1 ? "" : "s"), "
                + "from \(context.clock(graph.times[Int(first.ins.first!)])) to \(context.clock(lastTime))"
            findings.append(Finding(pattern: pattern, accounts: [account], transfers: context.evidence(transfers),
                                    amount: Amount(fen: totalIn), score: score, summary: summary, graph: graph))
        }
        return findings
    }
}
