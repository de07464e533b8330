/// Where the victims' money is after a trace: held per account and victim, cashed out, the hops,
/// and the taint flows that are the evidence.
public struct TraceResult: Sendable {
    /// Tainted money one account still holds.
    public struct Holding: Sendable {
        /// The account.
        public var account: AccountID
        /// Fen held per victim label, labels ascending.
        public var byLabel: [(label: Int32, fen: Int64)]
        /// Fewest transfers from a victim to this account (一级卡 = 1).
        public var hops: Int?
        /// For `poison`: the account's whole balance (the upper bound it holds).
        public var poisonBalance: Int64?
        /// The part of ``byLabel`` that reached the account across a cash bridge (inferred, not
        /// observed), per label; empty unless the trace followed bridges.
        public var inferredByLabel: [(label: Int32, fen: Int64)] = []

        /// The inferred part of ``total``.
        public var inferred: Int64 { inferredByLabel.reduce(0) { $0 + $1.fen } }
        /// The inferred part of what it holds of `label`.
        public func inferred(_ label: Int32) -> Int64 { inferredByLabel.first { $0.label == label }?.fen ?? 0 }

        /// The tainted fen held (for `poison`, the balance).
        public var total: Int64 { poisonBalance ?? byLabel.reduce(0) { $0 + $1.fen } }
    }

    /// Money that left the system as cash at one account.
    public struct Cashout: Sendable {
        /// The account that withdrew.
        public var account: AccountID
        /// Fen per victim label.
        public var byLabel: [(label: Int32, fen: Int64)]
        /// The withdrawals, in time order.
        public var transfers: [TransferIndex]
        /// The part of ``total`` whose money had crossed a cash bridge before (inferred).
        public var inferred: Int64 = 0
        /// The total.
        public var total: Int64 { byLabel.reduce(0) { $0 + $1.fen } }
    }

    /// The graph traced.
    public let graph: TransferGraph
    /// The victim reports and their loss transfers.
    public let resolution: LossResolution
    /// The policy used.
    public let policy: TracePolicy
    /// Where the clock stopped, when it did.
    public let asOf: EpochMilliseconds?
    /// Accounts holding tainted money, in account order.
    public let held: [Holding]
    /// Every tainted part of a cash withdrawal, in time order.
    public let cashoutFlows: [TaintFlow]
    /// Every tainted part of every transfer (losses included), in time order.
    public let flows: [TaintFlow]
    /// Hops per account index (`Int32.max`: never reached).
    public let hops: [Int32]
    /// The cash bridges matched in the graph, when the trace was given them.
    public private(set) var bridges: CashBridges?
    /// Whether the trace crossed the unambiguous bridges (`--cash-bridges`).
    public let followedBridges: Bool
    /// The parts of ``flows`` whose money had crossed a cash bridge: inferred, not observed.
    public let inferredFlows: [TaintFlow]
    /// The parts of ``cashoutFlows`` whose money had crossed a cash bridge.
    public let inferredCashoutFlows: [TaintFlow]
    /// The bridges whose withdrawal carried victims' money, in deposit order, with that money and
    /// whether the trace followed them; empty when the trace was not given bridges. Made once
    /// here: bridges.csv, the console, the report and every `serve` summary read it.
    public private(set) var tracedBridges: [TracedBridge]

    init(graph: TransferGraph, resolution: LossResolution, policy: TracePolicy, asOf: EpochMilliseconds?,
         held: [Holding], cashouts: [TaintFlow], flows: [TaintFlow], hops: [Int32], bridges: CashBridges? = nil,
         followedBridges: Bool = false, inferredFlows: [TaintFlow] = [], inferredCashouts: [TaintFlow] = []) {
        self.graph = graph
        self.resolution = resolution
        self.policy = policy
        self.asOf = asOf
        self.held = held
        self.cashoutFlows = cashouts
        self.flows = flows
        self.hops = hops
        self.bridges = bridges
        self.followedBridges = followedBridges
        self.inferredFlows = inferredFlows
        self.inferredCashoutFlows = inferredCashouts
        self.tracedBridges = TracedBridge.list(bridges, flows: flows, followed: followedBridges)
    }

    /// This result beside `bridges` matched apart from the trace (one that did not follow them,
    /// so its flows are the same either way): what ``init`` with them gives.
    func listing(_ bridges: CashBridges?) -> TraceResult {
        precondition(!followedBridges, "a trace that followed bridges was given them")
        var copy = self
        copy.bridges = bridges
        copy.tracedBridges = TracedBridge.list(bridges, flows: flows, followed: false)
        return copy
    }

    /// The victim id of a label.
    public func victim(_ label: Int32) -> String { resolution.victims[Int(label)] }

    /// Holdings ordered as `freeze.csv` lists them: amount descending, then account id.
    public var freezeOrder: [Holding] {
        held.filter { $0.total > 0 }.map { ($0, graph.name(of: $0.account)) }
            .sorted { $0.0.total != $1.0.total ? $0.0.total > $1.0.total : $0.1 < $1.1 }.map(\.0)
    }

    /// Cash-outs per account, largest first.
    public var cashouts: [Cashout] {
        var byAccount: [Int32: (labels: [Int32: Int64], transfers: [TransferIndex])] = [:]
        for flow in cashoutFlows {
            let account = graph.payerIndex(Int(flow.transfer))
            var entry = byAccount[account] ?? ([:], [])
            entry.labels[flow.label, default: 0] += flow.fen
            if entry.transfers.last != Int(flow.transfer) { entry.transfers.append(Int(flow.transfer)) }
            byAccount[account] = entry
        }
        var inferred: [Int32: Int64] = [:]
        for flow in inferredCashoutFlows { inferred[graph.payerIndex(Int(flow.transfer)), default: 0] += flow.fen }
        return byAccount.map { account, entry in
            Cashout(account: AccountID(account), byLabel: entry.labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    transfers: entry.transfers, inferred: inferred[account] ?? 0)
        }.sorted { $0.total != $1.total ? $0.total > $1.total : graph.name(of: $0.account) < graph.name(of: $1.account) }
    }

    /// The case's money in fen: what the victims reported, what the data resolves of it, and of
    /// that what is held and what was cashed out — the figures every summary prints.
    public struct MoneyTotals: Sendable, Equatable {
        public var reported: Int64
        public var resolved: Int64
        public var held: Int64
        public var cashedOut: Int64
    }

    /// The totals over every victim (``totalsByLabel`` summed, and the reports' amounts).
    public var moneyTotals: MoneyTotals {
        let byLabel = totalsByLabel
        return MoneyTotals(reported: resolution.reports.reduce(Int64(0)) { $0 + $1.report.amount.fen },
                           resolved: byLabel.reduce(Int64(0)) { $0 + $1.resolved },
                           held: byLabel.reduce(Int64(0)) { $0 + $1.held },
                           cashedOut: byLabel.reduce(Int64(0)) { $0 + $1.cashedOut })
    }

    /// Per victim label: resolved loss, held and cashed out (fen). For conserving policies
    /// resolved = held + cashed out.
    public var totalsByLabel: [(resolved: Int64, held: Int64, cashedOut: Int64)] {
        var totals = resolution.resolvedByLabel.map { ($0, Int64(0), Int64(0)) }
        for holding in held where policy != .poison {
            for (label, fen) in holding.byLabel { totals[Int(label)].1 += fen }
        }
        for flow in cashoutFlows where policy != .poison { totals[Int(flow.label)].2 += flow.fen }
        return totals
    }

    /// The widest chain of transfers that carried victim `label`'s money into `account`: from the
    /// loss transfer to the last transfer into the account, each leaving its payer no earlier
    /// than money arrived there, maximising the smallest tainted amount along the chain. `nil`
    /// when no tainted money of the label reached the account.
    public func evidencePath(to account: AccountID, label: Int32) -> [TaintFlow]? {
        // Forward over the label's flows in time order: best[a] is the widest chain seen so far
        // that ends at a (as a record: its last flow and the record before it).
        let bridgedFrom = followedBridges ? bridges?.byDeposit ?? [:] : [:]
        var records: [(flow: TaintFlow, previous: Int)] = []
        var best: [Int32: (width: Int64, record: Int)] = [:]
        for flow in flows where flow.label == label {
            let t = Int(flow.transfer)
            let payee = graph.payeeIndex(t)
            if resolution.losses[t]?.label == label {
                records.append((flow, -1))
                if payee >= 0, flow.fen > best[payee]?.width ?? 0 { best[payee] = (flow.fen, records.count - 1) }
                continue
            }
            // A bridged deposit continues the chain that cashed out at its withdrawal's account.
            let payer = graph.payerIndex(t) >= 0 ? graph.payerIndex(t) : bridgedFrom[Int32(t)].map { -2 - graph.payerIndex(Int($0)) } ?? -1
            guard let from = best[payer] else { continue }
            records.append((flow, from.record))
            let width = min(from.width, flow.fen)
            let key = payee >= 0 ? payee : -2 - graph.payerIndex(t)  // cash: keyed per withdrawing account
            if width > best[key]?.width ?? 0 { best[key] = (width, records.count - 1) }
        }
        let key = account.index
        let ends = [best[key], best[-2 - key]].compactMap { $0 }
        guard let end = ends.max(by: { $0.width < $1.width }) else { return nil }
        var path: [TaintFlow] = []
        var record = end.record
        while record >= 0 {
            path.append(records[record].flow)
            record = records[record].previous
        }
        return path.reversed()
    }
}
