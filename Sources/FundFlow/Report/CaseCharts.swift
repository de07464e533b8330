/// The charts of a case: the requests for a trace's paths and for a finding's evidence, which
/// ``ChartSelection`` then draws (Render knows no trace and no pattern).
public enum CaseCharts {
    /// Victims → tiers → where the money is: every account the traced money passed through, in
    /// columns by hops (victims first), with the amounts each still holds. With `labels`, only
    /// those victims' money (one victim followed, or one cluster of linked cases).
    public static func trace(_ result: TraceResult, title: String, labels: Set<Int32>? = nil) -> ChartRequest {
        let graph = result.graph
        var accounts: [AccountID] = []
        var seen = Set<Int32>()
        var transfers = Set<Int>()
        func add(_ index: Int32) { if index >= 0 && seen.insert(index).inserted { accounts.append(AccountID(index)) } }
        func wanted(_ label: Int32) -> Bool { labels?.contains(label) ?? true }
        for (label, name) in result.resolution.victims.enumerated() where wanted(Int32(label)) {
            if let id = graph.account(named: name) { add(id.index) }
        }
        for flow in result.flows where wanted(flow.label) {
            let t = Int(flow.transfer)
            transfers.insert(t)
            add(graph.payerIndex(t))
            add(graph.payeeIndex(t))
        }
        var request = ChartRequest(title: title, accounts: accounts, transfers: transfers.sorted())
        let victims = Set(result.resolution.victims.compactMap { graph.account(named: $0) })
        let cashing = Set(result.cashouts.filter { $0.byLabel.contains { wanted($0.label) && $0.fen > 0 } }.map(\.account))
        for account in accounts {
            let hops = result.hops[Int(account.index)]
            if victims.contains(account) && hops == .max {
                request.styles[account] = .victim
                request.ranks[account] = 0
            } else {
                request.ranks[account] = hops == .max ? 0 : Int(hops)
                request.styles[account] = cashing.contains(account) ? .mule : hops == 1 ? .firstLevel : victims.contains(account) ? .mule : .tier
            }
        }
        for holding in result.held {
            let fen = holding.byLabel.reduce(Int64(0)) { wanted($1.label) ? $0 + $1.fen : $0 }
            let total = labels == nil ? holding.total : fen
            if total > 0 { request.notes[holding.account, default: []].append("holds \(Amount(fen: total).groupedString)") }
        }
        for cashout in result.cashouts {
            let fen = cashout.byLabel.reduce(Int64(0)) { wanted($1.label) ? $0 + $1.fen : $0 }
            if fen > 0 { request.notes[cashout.account, default: []].append("cash \(Amount(fen: fen).groupedString)") }
        }
        return request
    }

    /// A finding's accounts and evidence transfers, the principal account highlighted.
    public static func finding(_ finding: Finding, graph: TransferGraph) -> ChartRequest {
        var request = ChartRequest(title: "\(finding.pattern.rawValue): \(finding.summary)", accounts: finding.accounts,
                                   transfers: finding.transfers)
        if let principal = finding.accounts.first { request.styles[principal] = .flagged }
        // Columns along the money: payers left of payees.
        var rank: [AccountID: Int] = [:]
        if let principal = finding.accounts.first { rank[principal] = 0 }
        for _ in 0..<4 {
            for t in finding.transfers {
                guard let p = graph.payer(t), let q = graph.payee(t) else { continue }
                if let rp = rank[p], rank[q] == nil { rank[q] = rp + 1 }
                if let rq = rank[q], rank[p] == nil { rank[p] = rq - 1 }
            }
        }
        for t in finding.transfers {
            if let p = graph.payer(t), rank[p] == nil { rank[p] = 0 }
            if let q = graph.payee(t), rank[q] == nil { rank[q] = 1 }
        }
        let low = rank.values.min() ?? 0
        request.ranks = rank.mapValues { $0 - low }
        var accounts = finding.accounts
        for t in finding.transfers {
            for account in [graph.payer(t), graph.payee(t)].compactMap({ $0 }) where !accounts.contains(account) { accounts.append(account) }
        }
        request.accounts = accounts
        if finding.pattern == .redPacketSplit || finding.pattern == .redPacketCollect {
            for account in accounts.dropFirst() where request.styles[account] == nil { request.styles[account] = .wallets }
        }
        return request
    }
}
