@testable import FundFlow

/// A small graph written as `id time from to amount [channel]` lines; `-` for no account.
func makeGraph(_ spec: String) -> TransferGraph {
    var builder = GraphBuilder()
    let file = builder.addSourceFile("spec")
    for (n, line) in spec.split(separator: "\n").enumerated() {
        let f = line.split(separator: " ").map(String.init)
        guard f.count >= 5 else { continue }
        let payer = f[2] == "-" ? nil : builder.accounts.intern(f[2])
        let payee = f[3] == "-" ? nil : builder.accounts.intern(f[3])
        let channel = f.count > 5 ? Channel(name: f[5])! : (payee == nil ? .cashWithdrawal : .transfer)
        if f.count > 6 { builder.attributes.add(builder.attributes.keyID("place"), f[6]) }
        builder.append(time: Int64(f[1])! * 1000, amount: Int64(f[4])!, payer: payer, payee: payee, channel: channel,
                       id: f[0], file: file, line: n + 1)
    }
    return builder.build()
}

/// A report of `amount` fen by `victim` (optionally to `payee`, from `time` seconds).
func report(_ victim: String, _ amount: Int64, to payee: String? = nil, time: Int64? = nil, line: Int = 2, caseID: String? = nil) -> VictimReport {
    VictimReport(line: line, victim: victim, amount: Amount(fen: amount), time: time.map { $0 * 1000 }, payee: payee,
                 caseID: caseID ?? "C-\(victim)", name: nil)
}

/// Traces and returns held fen per "account/victim".
func trace(_ graph: TransferGraph, _ reports: [VictimReport], _ policy: TracePolicy, asOf: Int64? = nil) -> TraceResult {
    let resolution = LossResolution(reports, in: graph, asOf: asOf.map { $0 * 1000 }, offsetSeconds: cst)
    return Tracer(graph: graph, resolution: resolution, policy: policy, asOf: asOf.map { $0 * 1000 }).run()
}

extension TraceResult {
    /// Held fen as "account/victim" → fen.
    var heldMap: [String: Int64] {
        var map: [String: Int64] = [:]
        for holding in held {
            for (label, fen) in holding.byLabel { map["\(graph.name(of: holding.account))/\(victim(label))"] = fen }
        }
        return map
    }

    /// Cashed-out fen as "account/victim" → fen.
    var cashMap: [String: Int64] {
        var map: [String: Int64] = [:]
        for cashout in cashouts {
            for (label, fen) in cashout.byLabel { map["\(graph.name(of: cashout.account))/\(victim(label))"] = fen }
        }
        return map
    }

    /// Hops of the account named `name`.
    func hops(of name: String) -> Int? {
        guard let account = graph.account(named: name), hops[Int(account.index)] < .max else { return nil }
        return Int(hops[Int(account.index)])
    }
}
