/// Tainted money one transfer carried: the evidence a trace is built from.
public struct TaintFlow: Sendable, Equatable {
    /// The transfer.
    public var transfer: Int32
    /// The victim label whose money it carried.
    public var label: Int32
    /// How many fen of that victim's money (for `poison`: the whole transfer).
    public var fen: Int64
}

/// Traces victims' money forward through a ``TransferGraph`` (tracing.md).
///
/// One pass over the transfers in time order (ties in input order). Every account holds lots;
/// an account that has never held tainted money is just a clean balance, so the pass costs
/// memory for the accounts that hold victims' money and their distinct labels, not for the
/// transfers. Opening balances are taken as 0; an outflow beyond what an account holds is
/// unobserved money and counts as clean. Lots drawn by one transfer arrive at the payee in the
/// order they were drawn, after which the unobserved clean part arrives.
public struct Tracer: Sendable {
    /// The graph traced.
    public let graph: TransferGraph
    /// The resolved victim losses.
    public let resolution: LossResolution
    /// The policy.
    public let policy: TracePolicy
    /// Stop the clock here (inclusive): later transfers are not traced.
    public let asOf: EpochMilliseconds?
    /// The cash bridges matched in the graph (listed with the result); ``follow`` says whether
    /// the trace crosses them.
    public let bridges: CashBridges?
    /// Whether money withdrawn in cash goes on into the deposit its unambiguous bridge names
    /// (`trace --cash-bridges`); what crosses one is marked inferred. Conserving policies only.
    public let follow: Bool

    /// Creates a tracer; ``run()`` does the pass. With `followBridges` (which needs `bridges` and
    /// a conserving policy) the trace follows the unambiguous ``CashBridges``.
    public init(graph: TransferGraph, resolution: LossResolution, policy: TracePolicy = .fifo, asOf: EpochMilliseconds? = nil,
                bridges: CashBridges? = nil, followBridges: Bool = false) {
        precondition(!followBridges || (bridges != nil && policy.conserves), "following cash bridges needs the bridges and a conserving policy")
        self.graph = graph
        self.resolution = resolution
        self.policy = policy
        self.asOf = asOf
        self.bridges = bridges
        self.follow = followBridges
    }

    /// Traces and returns where the money is.
    public func run() -> TraceResult {
        policy == .poison ? runPoison() : runConserving()
    }

    /// What the conserving pass keeps per account, in one 16-byte record so that a transfer
    /// touches one cache line per account (the accounts of a large graph are out of cache).
    private struct AccountState {
        var balance: Int64 = 0
        /// The account's lot ledger in `ledgers`, or -1 while it holds only clean money.
        var ledger: Int32 = -1
        /// Hops from a victim (1 = 一级卡); `.max` while it has received no tainted money.
        var hops: Int32 = .max
    }

    private func runConserving() -> TraceResult {
        let accountCount = graph.accountCount
        var states = [AccountState](repeating: AccountState(), count: accountCount)
        var ledgers: [LotLedger] = []
        var freeLedgers: [Int32] = []
        var flows: [TaintFlow] = []
        var cashouts: [TaintFlow] = []
        var drawn: [Lot] = []
        // The losses in transfer order, met by a cursor as the pass goes (no lookup per transfer).
        let losses = resolution.losses.sorted { $0.key < $1.key }
        var nextLoss = 0
        let byLabel = policy == .proportional
        let end = asOf.map { graph.transfers(in: .min...$0).upperBound } ?? graph.transferCount
        // Money that crossed a cash bridge travels under a twin label (label + victims) so that
        // ledgers keep it apart from observed money; the twins are folded back at the end.
        let bridged = follow ? bridges?.byWithdrawal ?? [:] : [:]
        let twinBase: Int32 = bridged.isEmpty ? .max : Int32(resolution.victims.count)
        var carried: [Int32: (withdrawal: Int32, lots: [Lot], hops: Int32)] = [:]  // by deposit, while the cash is on its way

        states.withUnsafeMutableBufferPointer { state in
            func receive(_ account: Int, _ lot: Lot) {
                state[account].balance += lot.fen
                var slot = state[account].ledger
                if slot < 0 {
                    guard lot.isTainted else { return }  // clean money into a clean account: just the balance
                    var ledger = LotLedger()
                    let before = state[account].balance - lot.fen
                    if before > 0 { ledger.lots.append(Lot(label: Lot.clean, fen: before)) }
                    if let reused = freeLedgers.popLast() {
                        ledgers[Int(reused)] = ledger
                        slot = reused
                    } else {
                        ledgers.append(ledger)
                        slot = Int32(ledgers.count - 1)
                    }
                    state[account].ledger = slot
                }
                if byLabel { ledgers[Int(slot)].addByLabel(lot) } else { ledgers[Int(slot)].appendOrdered(lot) }
            }

            for t in 0..<end {
                let amount = graph.fen(t)
                let payer = Int(graph.payerIndex(t))
                let payee = Int(graph.payeeIndex(t))
                if nextLoss < losses.count && losses[nextLoss].key == t {
                    // A loss: the payee receives the victim's lot, the rest of the transfer clean;
                    // the victim's own lots are not drawn.
                    let loss = losses[nextLoss].value
                    nextLoss += 1
                    flows.append(TaintFlow(transfer: Int32(t), label: loss.label, fen: loss.fen))
                    if payee >= 0 {
                        receive(payee, Lot(label: loss.label, fen: loss.fen))
                        if amount > loss.fen { receive(payee, Lot(label: Lot.clean, fen: amount - loss.fen)) }
                        state[payee].hops = 1
                    }
                    continue
                }
                var taken: Int64 = 0
                var carriesTaint = false
                if payer >= 0 {
                    taken = min(amount, state[payer].balance)
                    if taken > 0 {
                        state[payer].balance -= taken
                        let slot = state[payer].ledger
                        if slot >= 0 {
                            drawn.removeAll(keepingCapacity: true)
                            switch policy {
                            case .fifo: ledgers[Int(slot)].drawOldest(taken, into: &drawn)
                            case .lifo: ledgers[Int(slot)].drawNewest(taken, into: &drawn)
                            default: ledgers[Int(slot)].drawProportionally(taken, total: taken + state[payer].balance, into: &drawn)
                            }
                            if ledgers[Int(slot)].tainted == 0 {
                                // Nothing tainted left: back to a clean balance.
                                ledgers[Int(slot)] = LotLedger()
                                freeLedgers.append(slot)
                                state[payer].ledger = -1
                            }
                            for lot in drawn where lot.isTainted {
                                carriesTaint = true
                                flows.append(TaintFlow(transfer: Int32(t), label: lot.label, fen: lot.fen))
                            }
                            if payee < 0 && carriesTaint {
                                if let deposit = bridged.isEmpty ? nil : bridged[Int32(t)] {
                                    // The cash goes on: as much as is paid in, in drawing order, under twin labels.
                                    var room = graph.fen(Int(deposit))
                                    var lots: [Lot] = []
                                    for lot in drawn {
                                        let moved = min(room, lot.fen)
                                        room -= moved
                                        if moved > 0 { lots.append(Lot(label: lot.isTainted && lot.label < twinBase ? lot.label + twinBase : lot.label, fen: moved)) }
                                        if lot.isTainted && lot.fen > moved { cashouts.append(TaintFlow(transfer: Int32(t), label: lot.label, fen: lot.fen - moved)) }
                                    }
                                    carried[deposit] = (Int32(t), lots, state[payer].hops)
                                } else {
                                    for lot in drawn where lot.isTainted { cashouts.append(TaintFlow(transfer: Int32(t), label: lot.label, fen: lot.fen)) }
                                }
                            }
                        }
                    }
                } else if !carried.isEmpty, payee >= 0, let cash = carried.removeValue(forKey: Int32(t)) {
                    // A bridged deposit: the cash carried from its withdrawal arrives, the rest is clean.
                    var arrived: Int64 = 0
                    for lot in cash.lots {
                        receive(payee, lot)
                        arrived += lot.fen
                        if lot.isTainted { flows.append(TaintFlow(transfer: Int32(t), label: lot.label, fen: lot.fen)) }
                    }
                    if amount > arrived { receive(payee, Lot(label: Lot.clean, fen: amount - arrived)) }
                    if cash.hops < .max { state[payee].hops = min(state[payee].hops, cash.hops + 1) }
                    continue
                }
                guard payee >= 0 else { continue }  // a cash withdrawal leaves the system
                if carriesTaint {
                    for lot in drawn { receive(payee, lot) }
                    if amount > taken { receive(payee, Lot(label: Lot.clean, fen: amount - taken)) }
                    if state[payer].hops < .max { state[payee].hops = min(state[payee].hops, state[payer].hops + 1) }
                } else {
                    // Only clean money moves (drawn lots, if any, were all clean): one clean arrival.
                    receive(payee, Lot(label: Lot.clean, fen: amount))
                }
            }
        }

        // Cash still on its way when the clock stopped (the deposit is later): cashed out at its withdrawal.
        if !carried.isEmpty {
            for cash in carried.values.sorted(by: { $0.withdrawal < $1.withdrawal }) {
                for lot in cash.lots where lot.isTainted { cashouts.append(TaintFlow(transfer: cash.withdrawal, label: lot.label, fen: lot.fen)) }
            }
            cashouts.sort { $0.transfer < $1.transfer }  // back in time order (Swift's sort is stable)
        }
        var held: [TraceResult.Holding] = []
        let hops = states.map(\.hops)
        for account in 0..<accountCount where states[account].ledger >= 0 {
            var byLabel: [Int32: Int64] = [:]
            var inferred: [Int32: Int64] = [:]
            for lot in ledgers[Int(states[account].ledger)].held where lot.isTainted && lot.fen > 0 {
                if lot.label >= twinBase {
                    byLabel[lot.label - twinBase, default: 0] += lot.fen
                    inferred[lot.label - twinBase, default: 0] += lot.fen
                } else {
                    byLabel[lot.label, default: 0] += lot.fen
                }
            }
            if !byLabel.isEmpty {
                held.append(TraceResult.Holding(
                    account: AccountID(account), byLabel: byLabel.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    hops: hops[account] == .max ? nil : Int(hops[account]),
                    inferredByLabel: inferred.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            }
        }
        var inferredFlows: [TaintFlow] = []
        var inferredCashouts: [TaintFlow] = []
        if twinBase != .max {
            for k in flows.indices where flows[k].label >= twinBase {
                flows[k].label -= twinBase
                inferredFlows.append(flows[k])
            }
            for k in cashouts.indices where cashouts[k].label >= twinBase {
                cashouts[k].label -= twinBase
                inferredCashouts.append(cashouts[k])
            }
        }
        return TraceResult(graph: graph, resolution: resolution, policy: policy, asOf: asOf, held: held,
                           cashouts: cashouts, flows: flows, hops: hops, bridges: bridges, followedBridges: follow,
                           inferredFlows: inferredFlows, inferredCashouts: inferredCashouts)
    }

    /// Poison: any outflow from an account that holds money and has received tainted money is
    /// tainted in full by every label it has received. Held = the account's observed balance.
    private func runPoison() -> TraceResult {
        let accountCount = graph.accountCount
        var balance = [Int64](repeating: 0, count: accountCount)
        var labels = [Set<Int32>?](repeating: nil, count: accountCount)
        var hops = [Int32](repeating: .max, count: accountCount)
        var flows: [TaintFlow] = []
        var cashouts: [TaintFlow] = []
        let end = asOf.map { graph.transfers(in: .min...$0).upperBound } ?? graph.transferCount
        for t in 0..<end {
            let amount = graph.fen(t)
            let payer = Int(graph.payerIndex(t))
            let payee = Int(graph.payeeIndex(t))
            if let loss = resolution.losses[t] {
                flows.append(TaintFlow(transfer: Int32(t), label: loss.label, fen: amount))
                if payee >= 0 {
                    balance[payee] += amount
                    labels[payee] = (labels[payee] ?? []).union([loss.label])
                    hops[payee] = 1
                }
                continue
            }
            var carried: Set<Int32> = []
            if payer >= 0 {
                if let held = labels[payer], balance[payer] > 0 { carried = held }
                balance[payer] = max(0, balance[payer] - amount)
            }
            for label in carried.sorted() {
                let flow = TaintFlow(transfer: Int32(t), label: label, fen: amount)
                flows.append(flow)
                if payee < 0 { cashouts.append(flow) }
            }
            guard payee >= 0 else { continue }
            balance[payee] += amount
            if !carried.isEmpty {
                labels[payee] = (labels[payee] ?? []).union(carried)
                if hops[payer] < .max { hops[payee] = min(hops[payee], hops[payer] + 1) }
            }
        }
        var held: [TraceResult.Holding] = []
        for account in 0..<accountCount {
            guard let set = labels[account], balance[account] > 0 else { continue }
            // An upper bound: the whole balance, listed under every label (returns are not planned).
            held.append(TraceResult.Holding(
                account: AccountID(account), byLabel: set.sorted().map { ($0, balance[account]) },
                hops: hops[account] == .max ? nil : Int(hops[account]), poisonBalance: balance[account]))
        }
        return TraceResult(graph: graph, resolution: resolution, policy: policy, asOf: asOf, held: held,
                           cashouts: cashouts, flows: flows, hops: hops, bridges: bridges)
    }
}
