/// How parallel transfers between two accounts are drawn (after i2's link summarization).
public enum EdgeSummary: String, Sendable, CaseIterable {
    /// One edge per pair of accounts, whatever the direction.
    case single
    /// One edge per direction between two accounts (the default).
    case directed
    /// Every transfer its own edge.
    case every
    /// One edge per pair, in the direction of the net flow, labelled with the net amount.
    case net
}

/// What to draw: accounts, transfers among them, how each account looks and where it stands.
public struct ChartRequest: Sendable {
    public var title: String
    /// The accounts, most important first (kept first when the chart is capped).
    public var accounts: [AccountID]
    /// The transfers to draw (those between two drawn accounts, and their cash withdrawals and deposits).
    public var transfers: [TransferIndex]
    /// How each account is drawn (default `.account`).
    public var styles: [AccountID: FlowChart.Style] = [:]
    /// Each account's rank (column), when known: tiers of a trace, hops from the seeds.
    public var ranks: [AccountID: Int] = [:]
    /// Extra label lines per account (held amounts, roles).
    public var notes: [AccountID: [String]] = [:]
    public var summary: EdgeSummary = .directed
    /// At most this many account nodes; the rest are summarised in a note.
    public var maxNodes = 150
    /// Accounts drawn alike (same style, same payers, same payees) in groups of at least this many
    /// are drawn as one node ("12 wallets").
    public var collapseAlike = 5

    public init(title: String, accounts: [AccountID], transfers: [TransferIndex]) {
        self.title = title
        self.accounts = accounts
        self.transfers = transfers
    }
}

/// Builds a ``FlowChart`` from a graph and a ``ChartRequest``.
public enum FlowChartBuilder {
    public static func build(_ graph: TransferGraph, _ request: ChartRequest, offsetSeconds: Int) -> FlowChart {
        var chart = FlowChart(title: request.title)
        var order: [AccountID] = []
        var seen = Set<AccountID>()
        for account in request.accounts where seen.insert(account).inserted { order.append(account) }

        // Cap: keep the first accounts (seeds), then the nearest to them through the chart's
        // transfers, the ones that moved the most money first among equally near. Nearest first
        // keeps the chart in one piece: every kept account has a kept neighbour one step closer
        // (by money alone, a busy account's chart fell into pieces not connected to it).
        var dropped: [FlowChart.Style: Int] = [:]
        if order.count > request.maxNodes {
            var moved: [AccountID: Int64] = [:]
            var neighbours: [AccountID: [AccountID]] = [:]
            for t in request.transfers {
                let p = graph.payer(t), q = graph.payee(t)
                if let p { moved[p] = Self.saturating(moved[p, default: 0], graph.fen(t)) }
                if let q { moved[q] = Self.saturating(moved[q, default: 0], graph.fen(t)) }
                if let p, let q { neighbours[p, default: []].append(q); neighbours[q, default: []].append(p) }
            }
            let seeds = Array(order.prefix(max(1, request.maxNodes / 10)))
            var distance: [AccountID: Int] = [:]
            var frontier = seeds
            for seed in seeds { distance[seed] = 0 }
            var hop = 0
            while !frontier.isEmpty {
                hop += 1
                var next: [AccountID] = []
                for account in frontier {
                    for other in neighbours[account] ?? [] where distance[other] == nil {
                        distance[other] = hop
                        next.append(other)
                    }
                }
                frontier = next
            }
            let rest = order.dropFirst(seeds.count).sorted { a, b in
                let (da, db) = (distance[a] ?? Int.max, distance[b] ?? Int.max)
                if da != db { return da < db }
                let (ma, mb) = (moved[a, default: 0], moved[b, default: 0])
                return ma != mb ? ma > mb : graph.name(of: a) < graph.name(of: b)
            }
            let kept = seeds + rest.prefix(request.maxNodes - seeds.count)
            for account in rest.dropFirst(request.maxNodes - seeds.count) {
                dropped[request.styles[account] ?? .account, default: 0] += 1
            }
            order = kept
        }
        let drawn = Set(order)
        let transfers = request.transfers.filter { t in
            let p = graph.payer(t), q = graph.payee(t)
            return (p.map { drawn.contains($0) } ?? true) && (q.map { drawn.contains($0) } ?? true) && (p != nil || q != nil)
        }.sorted()

        // Collapse alike accounts into one node.
        var payersOf: [AccountID: Set<Int32>] = [:]
        var payeesOf: [AccountID: Set<Int32>] = [:]
        for t in transfers {
            if let q = graph.payee(t) { payersOf[q, default: []].insert(graph.payerIndex(t)) }
            if let p = graph.payer(t) { payeesOf[p, default: []].insert(graph.payeeIndex(t)) }
        }
        struct Signature: Hashable { var style: String; var payers: [Int32]; var payees: [Int32] }
        var groups: [Signature: [AccountID]] = [:]
        for account in order.dropFirst() {
            let style = request.styles[account] ?? .account
            guard style != .victim else { continue }
            let signature = Signature(style: style.rawValue, payers: (payersOf[account] ?? []).sorted(), payees: (payeesOf[account] ?? []).sorted())
            groups[signature, default: []].append(account)
        }
        var nodeOf: [AccountID: String] = [:]
        var groupNodes: [String: [AccountID]] = [:]
        // In a fixed order (a dictionary's is not, from one run to the next), by names rather than
        // account indices (which depend on the reading).
        let ordered = groups.values.filter { $0.count >= request.collapseAlike }.sorted { graph.name(of: $0[0]) < graph.name(of: $1[0]) }
        for members in ordered {
            let id = "n\(chart.nodes.count)"
            for member in members { nodeOf[member] = id }
            groupNodes[id] = members
            let style = request.styles[members[0]] ?? .account
            // What the group did in the chart: a group of payers received nothing drawn.
            let memberSet = Set(members)
            var received: Int64 = 0, paid: Int64 = 0
            for t in transfers {
                if let q = graph.payee(t), memberSet.contains(q) { received = Self.saturating(received, graph.fen(t)) }
                if let p = graph.payer(t), memberSet.contains(p) { paid = Self.saturating(paid, graph.fen(t)) }
            }
            var lines = ["\(members.count) \(Self.plural(style))"]
            if received > 0 || paid == 0 { lines.append("received \(Amount(fen: received).groupedString)") }
            if paid > 0 { lines.append("paid \(Amount(fen: paid).groupedString)") }
            var node = FlowChart.Node(
                id: id, lines: lines,
                style: style, rank: members.compactMap { request.ranks[$0] }.min(),
                tooltip: members.prefix(50).map { graph.name(of: $0) }.joined(separator: "\n"))
            node.members = members
            chart.nodes.append(node)
        }
        for account in order where nodeOf[account] == nil {
            let id = "n\(chart.nodes.count)"
            nodeOf[account] = id
            var lines = [graph.name(of: account)]
            if let name = graph.holderName(of: account) { lines.append(name) }
            lines += request.notes[account] ?? []
            chart.nodes.append(FlowChart.Node(
                id: id, lines: lines, style: request.styles[account] ?? .account, rank: request.ranks[account],
                tooltip: lines.joined(separator: "\n"), account: account))
        }

        // Cash points: one node per place (or per account without a place).
        var cashNode: [String: String] = [:]
        let maxRank = chart.nodes.compactMap(\.rank).max() ?? 0
        func cash(_ place: String) -> String {
            if let id = cashNode[place] { return id }
            let id = "n\(chart.nodes.count)"
            cashNode[place] = id
            chart.nodes.append(FlowChart.Node(id: id, lines: [place], style: .cash, rank: maxRank + 1, tooltip: place))
            return id
        }
        if !dropped.isEmpty {
            let text = dropped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
                .map { "+\($0.value) \(Self.plural($0.key))" }
            chart.nodes.append(FlowChart.Node(id: "n\(chart.nodes.count)", lines: ["left out"] + text, style: .note, rank: nil,
                                              tooltip: "Not drawn (the chart is capped at \(request.maxNodes) accounts): " + text.joined(separator: ", ")))
        }

        // Edges.
        struct Key: Hashable { var from: String; var to: String }
        var grouped: [Key: [TransferIndex]] = [:]
        var keys: [Key] = []
        for t in transfers {
            let from = graph.payer(t).map { nodeOf[$0]! } ?? cash("cash deposit")
            let to = graph.payee(t).map { nodeOf[$0]! } ?? cash(graph.attributes.value("place", row: t) ?? "cash")
            var key = Key(from: from, to: to)
            switch request.summary {
            case .every: key = Key(from: from + "#\(t)", to: to)
            case .single, .net: if to < from { key = Key(from: to, to: from) }
            case .directed: break
            }
            if grouped[key] == nil { keys.append(key) }
            grouped[key, default: []].append(t)
        }
        for key in keys {
            let list = grouped[key]!
            var from = key.from.split(separator: "#").first.map(String.init) ?? key.from
            var to = key.to
            var total = list.reduce(Int64(0)) { $0 + graph.fen($1) }
            if request.summary == .net || request.summary == .single {
                // Orient by the larger direction; net shows the difference.
                let forward = list.filter { graph.payer($0).map { nodeOf[$0] } == from }.reduce(Int64(0)) { $0 + graph.fen($1) }
                let backward = total - forward
                if backward > forward { swap(&from, &to) }
                if request.summary == .net {
                    total = abs(forward - backward)
                    if total == 0 { continue }
                }
            }
            let first = TimeFormatter.string(graph.time(list.first!), offsetSeconds: offsetSeconds).dropFirst(5).dropLast(3)
            let last = TimeFormatter.string(graph.time(list.last!), offsetSeconds: offsetSeconds).dropFirst(5).dropLast(3)
            let ids = list.map { graph.id($0) }
            let label = list.count == 1
                ? "\(Amount(fen: total).groupedString)\n\(first)"
                : "\(list.count)× \(Amount(fen: total).groupedString)\n\(first)–\(last)"
            let tooltip = "\(list.count) transfer\(list.count == 1 ? "" : "s"), \(Amount(fen: total).groupedString), \(first)–\(last): "
                + ids.prefix(30).joined(separator: ", ") + (ids.count > 30 ? ", …" : "")
            chart.edges.append(FlowChart.Edge(from: from, to: to, label: request.summary == .net ? "net " + label : label, fen: total,
                                              transferIDs: ids, tooltip: tooltip))
        }
        return chart
    }

    /// The holder name of an account, from the first transfer that names it.
    /// `a + b` in fen, held at `Int64.max` rather than trapping: a chart's ranking and labels must
    /// not stop a render over sums no real case reaches (the money outputs check overflow).
    static func saturating(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// How several accounts drawn in `style` are called: "accounts", "wallets", "first level accounts".
    static func plural(_ style: FlowChart.Style) -> String {
        switch style {
        case .wallets: return "wallets"
        case .account: return "accounts"
        default: return "\(style.rawValue.replacingAll("_", with: " ")) accounts"
        }
    }
}
