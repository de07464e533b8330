import Testing
@testable import FundFlow

/// Conservation on random graphs, and agreement with a plain reference implementation.
@Suite struct TracePropertyTests {
    /// A random graph of `accounts` accounts and `transfers` transfers (some cash, some deposits)
    /// and random victim reports.
    func randomCase(seed: UInt64) -> (TransferGraph, [VictimReport]) {
        var rng = SplitMix64(seed: seed)
        let accounts = rng.int(3...12)
        let count = rng.int(5...60)
        var lines: [String] = []
        var time = 0
        for n in 0..<count {
            time += rng.int(0...2)  // ties happen
            let from = "a\(rng.int(0...(accounts - 1)))"
            var to = "a\(rng.int(0...(accounts - 1)))"
            let kind = rng.int(0...9)
            if kind == 0 { to = "-" }
            let payer = kind == 1 ? "-" : from
            if to == "-" && payer == "-" { to = "a0" }
            let channel = to == "-" ? "cash_withdrawal" : payer == "-" ? "cash_deposit" : "transfer"
            lines.append("t\(n) \(time) \(payer) \(to) \(rng.int(1...1000)) \(channel)")
        }
        let graph = makeGraph(lines.joined(separator: "\n"))
        var reports: [VictimReport] = []
        for n in 0..<rng.int(1...4) {
            reports.append(report("a\(rng.int(0...(accounts - 1)))", Int64(rng.int(1...3000)), line: n + 2))
        }
        return (graph, reports)
    }

    @Test(arguments: [TracePolicy.fifo, .lifo, .proportional])
    func resolvedLossIsHeldPlusCashedOut(policy: TracePolicy) {
        for seed in 0..<3000 as Range<UInt64> {
            let (graph, reports) = randomCase(seed: seed)
            let result = trace(graph, reports, policy)
            for (label, totals) in result.totalsByLabel.enumerated() {
                #expect(totals.resolved == totals.held + totals.cashedOut, "seed \(seed), victim \(result.victim(Int32(label)))")
            }
            for holding in result.held {
                #expect(holding.byLabel.allSatisfy { $0.fen > 0 }, "seed \(seed)")
            }
        }
    }

    @Test(arguments: [TracePolicy.fifo, .lifo, .proportional])
    func agreesWithThePlainReference(policy: TracePolicy) {
        for seed in 0..<1500 as Range<UInt64> {
            let (graph, reports) = randomCase(seed: seed)
            let result = trace(graph, reports, policy)
            let reference = ReferenceTracer(graph: graph, resolution: result.resolution, policy: policy).run()
            #expect(result.heldMap == reference.held, "seed \(seed)")
            #expect(result.cashMap == reference.cashed, "seed \(seed)")
        }
    }
}

/// tracing.md written out as plainly as possible: every account a list of lots, no merging, no
/// clean-only shortcut, shares computed one by one. Independent of the tracer's data structures.
struct ReferenceTracer {
    let graph: TransferGraph
    let resolution: LossResolution
    let policy: TracePolicy

    func run() -> (held: [String: Int64], cashed: [String: Int64]) {
        let clean = "(clean)"
        var lots: [String: [(label: String, fen: Int64)]] = [:]
        var cashed: [String: Int64] = [:]
        for t in 0..<graph.transferCount {
            let amount = graph.fen(t)
            let payer = graph.payer(t).map { graph.name(of: $0) }
            let payee = graph.payee(t).map { graph.name(of: $0) }
            if let loss = resolution.losses[t] {
                if let payee {
                    lots[payee, default: []].append((resolution.victims[Int(loss.label)], loss.fen))
                    if amount > loss.fen { lots[payee, default: []].append((clean, amount - loss.fen)) }
                }
                continue
            }
            var drawn: [(label: String, fen: Int64)] = []
            if let payer {
                var mine = lots[payer] ?? []
                let held = mine.reduce(0) { $0 + $1.fen }
                var need = min(amount, held)
                switch policy {
                case .fifo, .lifo:
                    while need > 0 {
                        let i = policy == .fifo ? mine.firstIndex { $0.fen > 0 }! : mine.lastIndex { $0.fen > 0 }!
                        let take = min(need, mine[i].fen)
                        drawn.append((mine[i].label, take))
                        mine[i].fen -= take
                        need -= take
                    }
                    mine.removeAll { $0.fen == 0 }
                default:
                    // Per label totals; shares floor(need*h/H), leftover to largest remainders, ties
                    // victim ids ascending by UTF-8 bytes, clean last.
                    var totals: [String: Int64] = [:]
                    for lot in mine { totals[lot.label, default: 0] += lot.fen }
                    let labels = totals.keys.sorted { a, b in
                        if a == clean { return false }
                        if b == clean { return true }
                        return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
                    }
                    var shares: [String: Int64] = [:]
                    var remainders: [String: Int64] = [:]
                    for label in labels where held > 0 {
                        shares[label] = need * totals[label]! / held
                        remainders[label] = need * totals[label]! % held
                    }
                    var leftover = need - shares.values.reduce(0, +)
                    for label in labels.sorted(by: { remainders[$0]! > remainders[$1]! }) where leftover > 0 {
                        shares[label]! += 1
                        leftover -= 1
                    }
                    // The sort above is stable, so equal remainders keep the label order.
                    mine = []
                    for label in labels {
                        if shares[label]! > 0 { drawn.append((label, shares[label]!)) }
                        if totals[label]! - shares[label]! > 0 { mine.append((label, totals[label]! - shares[label]!)) }
                    }
                }
                lots[payer] = mine
                let taken = drawn.reduce(0) { $0 + $1.fen }
                if let payee {
                    for lot in drawn { lots[payee, default: []].append(lot) }
                    if amount > taken { lots[payee, default: []].append((clean, amount - taken)) }
                } else {
                    for lot in drawn where lot.label != clean { cashed["\(payer)/\(lot.label)", default: 0] += lot.fen }
                }
            } else if let payee {
                lots[payee, default: []].append((clean, amount))
            }
        }
        var held: [String: Int64] = [:]
        for (account, list) in lots {
            for lot in list where lot.label != clean && lot.fen > 0 { held["\(account)/\(lot.label)", default: 0] += lot.fen }
        }
        return (held, cashed)
    }
}
