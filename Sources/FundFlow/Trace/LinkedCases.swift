/// Linked cases (串并案): victims whose traced money passed through a common account belong to
/// one cluster.
///
/// Two victims are linked when the trace puts both their money into one account (as a payee of
/// their tainted transfers): a shared first-level card, a shared second-tier card, a mule who
/// withdrew both. Links are transitive (union–find over the victims). A victim who paid two gangs
/// therefore joins their clusters into one — which is what an investigator wants to see, since
/// the two gangs share a victim, and which the cluster's `first_level` column makes visible (two
/// sets of first-level cards). Clusters are numbered by the loss they hold, largest first.
public struct LinkedCases: Sendable {
    /// One cluster of linked victims.
    public struct Cluster: Sendable {
        /// 1 = the largest loss.
        public var number: Int
        /// The victims' labels (trace order).
        public var labels: [Int32]
        /// Every account the cluster's money reached (victims' own accounts excluded), by index.
        public var accounts: [AccountID]
        /// The accounts one hop from the victims.
        public var firstLevel: [AccountID]
        /// Traced loss, held, cashed out (fen).
        public var loss: Int64
        public var held: Int64
        public var cashedOut: Int64
        /// The part of ``held`` that crossed a cash bridge (0 unless the trace followed them).
        public var inferred: Int64 = 0
    }

    public let clusters: [Cluster]

    public init(_ trace: TraceResult) {
        let graph = trace.graph
        let count = trace.resolution.victims.count
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var isVictim = [Bool](repeating: false, count: graph.accountCount)
        for name in trace.resolution.victims { if let id = graph.account(named: name) { isVictim[Int(id.index)] = true } }
        // The first label seen in each account (dense: no hashing per flow). Every label that
        // reaches an account is joined to that one, so an account's cluster is its first label's.
        // Money that crossed a cash bridge is an inference: it never links two victims.
        var inferred = Set<Int64>()
        for flow in trace.inferredFlows { inferred.insert(Int64(flow.transfer) << 32 | Int64(flow.label)) }
        var firstLabel = [Int32](repeating: -1, count: graph.accountCount)
        for flow in trace.flows where flow.fen > 0 {
            let payee = graph.payeeIndex(Int(flow.transfer))
            guard payee >= 0 else { continue }
            let label = Int(flow.label)
            let other = firstLabel[Int(payee)]
            if other >= 0 {
                if !inferred.isEmpty && inferred.contains(Int64(flow.transfer) << 32 | Int64(flow.label)) { continue }
                let a = find(Int(other)), b = find(label)
                if a != b { parent[max(a, b)] = min(a, b) }
            } else {
                firstLabel[Int(payee)] = flow.label
            }
        }
        var members: [Int: [Int32]] = [:]
        for label in 0..<count { members[find(label), default: []].append(Int32(label)) }
        var reachedByRoot: [Int: [Int32]] = [:]
        for account in 0..<graph.accountCount where firstLabel[account] >= 0 && !isVictim[account] {
            reachedByRoot[find(Int(firstLabel[account])), default: []].append(Int32(account))
        }
        let totals = trace.totalsByLabel
        var inferredHeld = [Int64](repeating: 0, count: count)
        for holding in trace.held { for (label, fen) in holding.inferredByLabel { inferredHeld[Int(label)] += fen } }
        var clusters: [Cluster] = members.map { root, labels in
            // Accounts by index (a poison trace reaches many: no name is made for each); the
            // first-level ones, which are shown, by id.
            let accounts = (reachedByRoot[root] ?? []).map(AccountID.init)
            let firstLevel = accounts.filter { trace.hops[Int($0.index)] == 1 }
                .map { (graph.name(of: $0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            return Cluster(
                number: 0, labels: labels, accounts: accounts,
                firstLevel: firstLevel,
                loss: labels.reduce(0) { $0 + totals[Int($1)].resolved },
                held: labels.reduce(0) { $0 + totals[Int($1)].held },
                cashedOut: labels.reduce(0) { $0 + totals[Int($1)].cashedOut },
                inferred: labels.reduce(0) { $0 + inferredHeld[Int($1)] })
        }
        clusters.sort { $0.loss != $1.loss ? $0.loss > $1.loss : $0.labels[0] < $1.labels[0] }
        for k in clusters.indices { clusters[k].number = k + 1 }
        self.clusters = clusters
    }

    /// `clusters.csv`: `cluster,victims,cases,accounts,loss,held,cashed_out,first_level` (victims,
    /// cases and first-level accounts `;`-separated; `accounts` is how many accounts the money
    /// reached), and `inferred` (the part of `held` that crossed a cash bridge) when the trace
    /// followed bridges. Money that crossed a bridge never links two victims: the link would be
    /// an inference.
    public func csv(_ trace: TraceResult) -> String {
        let graph = trace.graph
        let marked = trace.followedBridges
        var writer = CSVWriter(header: ["cluster", "victims", "cases", "accounts", "loss", "held", "cashed_out", "first_level"] + (marked ? ["inferred"] : []))
        for cluster in clusters {
            var cases: [String] = []
            for label in cluster.labels { for c in trace.resolution.cases[Int(label)] where !cases.contains(c) { cases.append(c) } }
            writer.appendRow([
                String(cluster.number), cluster.labels.map { trace.victim($0) }.joined(separator: ";"), cases.joined(separator: ";"),
                String(cluster.accounts.count), Amount(fen: cluster.loss).decimalString, Amount(fen: cluster.held).decimalString,
                Amount(fen: cluster.cashedOut).decimalString, cluster.firstLevel.map { graph.name(of: $0) }.joined(separator: ";"),
            ] + (marked ? [Amount(fen: cluster.inferred).decimalString] : []))
        }
        return writer.text
    }
}
