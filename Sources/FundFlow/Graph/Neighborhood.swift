/// Which way a neighbourhood grows from its seed accounts.
public enum FlowDirection: String, Sendable, CaseIterable {
    /// Along the money: to the payees of the seeds, their payees, …
    case forward
    /// Against the money: to the payers of the seeds, their payers, …
    case backward
    /// Both ways at every hop.
    case both
}

/// What a k-hop neighbourhood keeps.
public struct NeighborhoodQuery: Sendable {
    /// How many hops from the seeds (0 = the seeds' own transfers among themselves only).
    public var hops: Int
    /// Which way to grow.
    public var direction: FlowDirection
    /// Only transfers with times in this window (inclusive), when given.
    public var window: ClosedRange<EpochMilliseconds>?
    /// Only transfers of at least this amount.
    public var minimumAmount: Amount
    /// For `forward`: follow a transfer only if it leaves an account at or after the time money
    /// first reached that account (for `backward`: at or before it last left). Seeds have no
    /// constraint. Ignored for `both`.
    public var timeRespecting: Bool

    /// A query of `hops` hops in `direction`, with no time or amount filter.
    public init(
        hops: Int, direction: FlowDirection = .forward, window: ClosedRange<EpochMilliseconds>? = nil,
        minimumAmount: Amount = .zero, timeRespecting: Bool = false
    ) {
        self.hops = hops
        self.direction = direction
        self.window = window
        self.minimumAmount = minimumAmount
        self.timeRespecting = timeRespecting
    }
}

/// A part of a graph: accounts with their hop distance from the seeds, and the transfers that
/// connect them (including cash withdrawals and deposits of those accounts, which have one side).
public struct Subgraph: Sendable {
    /// The accounts, seeds first, then by hop distance, then by id.
    public var accounts: [AccountID]
    /// The hop distance of each account in ``accounts`` (seeds: 0).
    public var distances: [Int]
    /// The transfers, ascending (so in time order).
    public var transfers: [TransferIndex]
}

extension TransferGraph {
    /// The accounts and transfers within `query.hops` hops of `seeds` (breadth first).
    ///
    /// A transfer is kept when it passes the filters and was followed from an account of the
    /// neighbourhood; accounts reached at the last hop contribute no further transfers.
    public func neighborhood(around seeds: [AccountID], _ query: NeighborhoodQuery) -> Subgraph {
        var distance = [Int32](repeating: -1, count: accountCount)
        // Earliest arrival (forward) or latest departure (backward) per account, for time-respecting walks.
        var reach = [EpochMilliseconds](repeating: 0, count: query.timeRespecting ? accountCount : 0)
        var order: [AccountID] = []
        var frontier: [AccountID] = []
        for seed in seeds where Int(seed.index) < accountCount && distance[Int(seed.index)] < 0 {
            distance[Int(seed.index)] = 0
            if query.timeRespecting { reach[Int(seed.index)] = query.direction == .backward ? .max : .min }
            order.append(seed)
            frontier.append(seed)
        }
        var taken = Set<Int32>()
        let respecting = query.timeRespecting && query.direction != .both

        func passes(_ t: Int32) -> Bool {
            if fen(Int(t)) < query.minimumAmount.fen { return false }
            if let window = query.window, !window.contains(time(Int(t))) { return false }
            return true
        }

        /// Follows `run` (an account's outgoing transfers when `later`, else its incoming ones) to
        /// the accounts at its other end; `later` also says whether time-respecting steps go
        /// forward in time or back.
        func expand<Side>(_ a: Int, _ run: TransferRun<Side>, later: Bool, hop: Int32, expanding: Bool,
                    into next: inout [AccountID]) {
            for t in run where passes(t) {
                let time = self.time(Int(t))
                if respecting && (later ? time < reach[a] : time > reach[a]) { continue }
                let other = later ? payeeIndex(Int(t)) : payerIndex(Int(t))
                if other < 0 { taken.insert(t); continue }  // cash: the transfer, no account
                let o = Int(other)
                if distance[o] < 0 {
                    guard expanding else { continue }
                    distance[o] = hop + 1
                    next.append(AccountID(other))
                    if respecting { reach[o] = time }
                } else if respecting && distance[o] == hop + 1 {
                    reach[o] = later ? min(reach[o], time) : max(reach[o], time)
                }
                taken.insert(t)
            }
        }

        var hop: Int32 = 0
        while !frontier.isEmpty && hop <= Int32(query.hops) {
            var next: [AccountID] = []
            let expanding = hop < Int32(query.hops)
            for account in frontier {
                let a = Int(account.index)
                if query.direction != .backward {
                    expand(a, outgoing(account), later: true, hop: hop, expanding: expanding, into: &next)
                }
                if query.direction != .forward {
                    expand(a, incoming(account), later: false, hop: hop, expanding: expanding, into: &next)
                }
            }
            next.sort()
            order.append(contentsOf: next)
            frontier = next
            hop += 1
        }
        return Subgraph(
            accounts: order, distances: order.map { Int(distance[Int($0.index)]) },
            transfers: taken.sorted().map { Int($0) })
    }
}
