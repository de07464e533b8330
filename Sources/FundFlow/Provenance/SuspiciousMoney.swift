/// The provenance stage: follows suspicious money — victims' losses when reports are given, and
/// the payments of ``CollectionSeeds`` — through the graph, and says which accounts are mostly
/// funded by it (issue 16 §1).
///
/// One pass over the transfers in time order. Each account keeps its balance and the suspicious
/// part of it; an outflow carries suspicious money in proportion (rounded down to the fen), so
/// money mixed into a large clean pool — an OTC trader's, a shop's — comes out diluted, while a
/// conduit that holds nothing else passes it on whole. Opening balances are 0; an outflow beyond
/// the balance is unobserved clean money. Wages paid by a payroll (a business or a salary memo,
/// `payroll_payees` accounts within `payroll_window`) arrive clean: an employer's money is not its
/// employees' suspicion.
///
/// An account is *funded by* suspicious money when it received at least `min_suspicious` of it,
/// and that is at least `dominance_percent` of all it received from the first suspicious arrival
/// to `dominance_window` after the last — a mule, a tier, a collector wallet — and it is a person's
/// account or itself a collection account: a business (by its name) or a merchant (paid by QR
/// code by `merchant_payers` people) that a gang member paid for a meal is not.
public struct SuspiciousMoney: Sendable {
    /// What one funded account did with the suspicious money.
    public struct Funded: Sendable {
        /// The account.
        public var account: AccountID
        /// Suspicious money received (fen), and the share of the account's inflow it made (0–1).
        public var received: Int64
        public var share: Double
        /// Sent on to other accounts, withdrawn as cash, still held (fen).
        public var sentOn: Int64
        public var cashedOut: Int64
        public var held: Int64
        /// First and last suspicious arrival.
        public var first: EpochMilliseconds
        public var last: EpochMilliseconds
        /// Where it came from and where it went: (account, fen), largest first; a cash
        /// withdrawal is account −1.
        public var sources: [(account: Int32, fen: Int64)]
        public var destinations: [(account: Int32, fen: Int64)]
        /// The transfers that carried it in and out, in time order.
        public var transfers: [TransferIndex]
    }

    /// The collections found (the structural origin of suspicion).
    public let collections: [MoneyCollection]
    /// The funded accounts, by account index.
    public let funded: [Funded]
    /// Accounts whose payments count as payroll.
    public let payrolls: Set<Int32>

    /// Runs the stage: `losses` are victims' loss transfers (fen of each that is loss), `victims`
    /// the reported victims' accounts, which never count as collection accounts.
    public init(graph: TransferGraph, rules r: ProvenanceRules, losses: [TransferIndex: Int64] = [:], victims: Set<Int32> = []) {
        let collections = CollectionSeeds.find(in: graph, rules: r, excluding: victims)
        self.collections = collections
        var seeds = losses
        for collection in collections { for t in collection.payments where seeds[t] == nil { seeds[t] = graph.fen(t) } }
        let payrolls = Self.payrolls(graph, rules: r)
        self.payrolls = payrolls
        var isPayroll = [Bool](repeating: false, count: graph.accountCount)
        for account in payrolls { isPayroll[Int(account)] = true }
        // The seeds in transfer order, met by a cursor as the pass goes (no lookup per transfer).
        let seedList = seeds.sorted { $0.key < $1.key }
        var nextSeed = 0
        let collecting = Set(collections.map(\.account.index))

        let n = graph.accountCount
        var balance = [Int64](repeating: 0, count: n)
        var suspicious = [Int64](repeating: 0, count: n)
        var received = [Int64](repeating: 0, count: n)
        var sent = [Int64](repeating: 0, count: n)
        var cashed = [Int64](repeating: 0, count: n)
        var first = [EpochMilliseconds](repeating: .max, count: n)
        var last = [EpochMilliseconds](repeating: .min, count: n)
        var moves: [(transfer: Int32, drawn: Int64, arrived: Int64)] = []
        for t in 0..<graph.transferCount {
            let amount = graph.fen(t)
            let payer = Int(graph.payerIndex(t)), payee = Int(graph.payeeIndex(t))
            var carried: Int64 = 0
            var drawn: Int64 = 0
            if payer >= 0 {
                let covered = min(amount, max(0, balance[payer]))
                if covered > 0 && suspicious[payer] > 0 {
                    carried = Self.share(covered, of: suspicious[payer], over: balance[payer])
                    suspicious[payer] -= carried
                    drawn = carried
                    if payee >= 0 { sent[payer] += carried } else { cashed[payer] += carried }
                }
                balance[payer] -= covered
            }
            guard payee >= 0 else {
                if drawn > 0 { moves.append((Int32(t), drawn, 0)) }
                continue
            }
            if payer >= 0 && isPayroll[payer] { carried = 0 }
            while nextSeed < seedList.count && seedList[nextSeed].key < t { nextSeed += 1 }
            if nextSeed < seedList.count && seedList[nextSeed].key == t { carried = max(carried, min(seedList[nextSeed].value, amount)) }
            balance[payee] += amount
            if drawn > 0 || carried > 0 { moves.append((Int32(t), drawn, carried)) }
            guard carried > 0 else { continue }
            suspicious[payee] += carried
            received[payee] += carried
            if first[payee] == .max { first[payee] = graph.time(t) }
            last[payee] = graph.time(t)
        }

        var funded: [Int32: Funded] = [:]
        for account in 0..<n where received[account] >= max(1, r.minSuspicious) {
            let id = AccountID(account)
            let window = first[account]...(last[account] + r.dominanceWindow)
            let inflow = graph.incoming(id, in: window).reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
            guard received[account] * 100 >= inflow * r.dominancePercent else { continue }
            guard collecting.contains(Int32(account))
                || (!SourceOfFunds.isBusiness(graph.holderName(of: id)) && !Self.isMerchant(id, graph, payers: Int(r.merchantPayers))) else { continue }
            funded[Int32(account)] = Funded(
                account: id, received: received[account], share: inflow == 0 ? 1 : min(1, Double(received[account]) / Double(inflow)),
                sentOn: sent[account], cashedOut: cashed[account], held: max(0, suspicious[account]),
                first: first[account], last: last[account], sources: [], destinations: [], transfers: [])
        }
        // Sources and destinations of the funded accounts, from the moves.
        var sources: [Int32: [Int32: Int64]] = [:], destinations: [Int32: [Int32: Int64]] = [:]
        for move in moves {
            let t = Int(move.transfer)
            let payer = graph.payerIndex(t), payee = graph.payeeIndex(t)
            if payee >= 0, move.arrived > 0, funded[payee] != nil {
                sources[payee, default: [:]][payer, default: 0] += move.arrived
                funded[payee]!.transfers.append(t)
            }
            if payer >= 0, move.drawn > 0, funded[payer] != nil {
                destinations[payer, default: [:]][payee, default: 0] += move.drawn
                if funded[payer]!.transfers.last != t { funded[payer]!.transfers.append(t) }
            }
        }
        // Largest first; equal sums by account id, not by the order the accounts were first read
        // (a database returns rows in its own order: on Citus, shard by shard).
        func ranked(_ sums: [Int32: Int64]?) -> [(account: Int32, fen: Int64)] {
            (sums ?? [:]).map { (account: $0.key, fen: $0.value) }.sorted {
                if $0.fen != $1.fen { return $0.fen > $1.fen }
                if $0.account < 0 || $1.account < 0 { return $0.account < $1.account }  // cash (-1) first
                return graph.name(of: AccountID($0.account)) < graph.name(of: AccountID($1.account))
            }
        }
        for key in funded.keys {
            funded[key]!.sources = ranked(sources[key])
            funded[key]!.destinations = ranked(destinations[key])
        }
        self.funded = funded.values.sorted { $0.account.index < $1.account.index }
    }

    /// `part` × `numerator` / `denominator`, rounded down, without overflow (`part` ≤ `denominator`).
    static func share(_ part: Int64, of numerator: Int64, over denominator: Int64) -> Int64 {
        guard denominator > 0 else { return 0 }
        let product = part.multipliedFullWidth(by: numerator)
        let (quotient, _) = denominator.dividingFullWidth(product)
        return min(quotient, numerator)
    }

    /// Payers that pay `payroll_payees` distinct accounts by transfer within `payroll_window`,
    /// as a business or with a salary memo among those transfers.
    static func payrolls(_ graph: TransferGraph, rules r: ProvenanceRules) -> Set<Int32> {
        var found = Set<Int32>()
        let needed = Int(r.payrollPayees)
        guard needed > 0 else { return found }
        for index in 0..<graph.accountCount where graph.outgoing(AccountID(index)).count >= needed {
            let outs = graph.outgoing(AccountID(index)).filter {
                graph.channelCode(Int($0)) == Channel.transfer.rawValue && graph.payeeIndex(Int($0)) >= 0
            }
            guard outs.count >= needed else { continue }
            var counts: [Int32: Int] = [:]
            var start = 0
            for end in outs.indices {
                let t = Int(outs[end])
                counts[graph.payeeIndex(t), default: 0] += 1
                while graph.time(Int(outs[start])) < graph.time(t) - r.payrollWindow {
                    let old = graph.payeeIndex(Int(outs[start]))
                    counts[old]! -= 1
                    if counts[old] == 0 { counts[old] = nil }
                    start += 1
                }
                guard counts.count >= needed else { continue }
                let batch = outs[start...end]
                if SourceOfFunds.isBusiness(graph.attributes.value("from_name", row: t))
                    || batch.contains(where: { SourceOfFunds.namesSalary(graph.attributes.value("memo", row: Int($0))) }) {
                    found.insert(Int32(index))
                    break
                }
            }
        }
        return found
    }

    /// Whether at least `payers` distinct accounts paid `account` by QR code.
    static func isMerchant(_ account: AccountID, _ graph: TransferGraph, payers: Int) -> Bool {
        guard payers > 0 else { return false }
        var seen = Set<Int32>()
        for t in graph.incoming(account) where graph.channelCode(Int(t)) == Channel.qrPayment.rawValue {
            seen.insert(graph.payerIndex(Int(t)))
            if seen.count >= payers { return true }
        }
        return false
    }

}
