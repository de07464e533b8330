/// The chart around accounts as `fundflow render --account …` draws it, and `fundflow serve`'s
/// graph view: one definition, so that the server's DOT equals the command's for the same options.
public struct NeighbourhoodChart: Sendable {
    /// The accounts to draw around, as given (ids).
    public var accounts: [String]
    public var hops = 2
    public var direction: FlowDirection = .both
    /// Only transfers in this window (inclusive), when given.
    public var window: ClosedRange<EpochMilliseconds>?
    /// Only transfers of at least this amount.
    public var minimumAmount: Amount = .zero
    public var summary: EdgeSummary = .directed
    public var maxNodes = 150
    /// Accounts left out of the chart with their transfers (a shop everyone pays, say).
    public var hidden: [String] = []

    public init(accounts: [String]) {
        self.accounts = accounts
    }

    /// The chart's request on `graph`; throws when an account is not in the data.
    public func request(on graph: TransferGraph) throws(NeighbourhoodChartError) -> ChartRequest {
        var seeds: [AccountID] = []
        for name in accounts {
            guard let id = graph.account(named: name) else { throw NeighbourhoodChartError(account: name) }
            seeds.append(id)
        }
        let label = direction.rawValue
        var request = ChartSelection.around(
            graph, seeds: seeds,
            query: NeighborhoodQuery(hops: hops, direction: direction, window: window, minimumAmount: minimumAmount),
            title: "\(accounts.joined(separator: ", ")): \(hops) hop\(hops == 1 ? "" : "s") \(label)")
        request.summary = summary
        request.maxNodes = maxNodes
        let hiddenIDs = Set(hidden.compactMap { graph.account(named: $0) }).subtracting(seeds)
        if !hiddenIDs.isEmpty {
            request.accounts.removeAll { hiddenIDs.contains($0) }
            request.transfers.removeAll { t in
                graph.payer(t).map(hiddenIDs.contains) == true || graph.payee(t).map(hiddenIDs.contains) == true
            }
        }
        return request
    }
}

/// An account named in a chart that the data does not hold.
public struct NeighbourhoodChartError: Error, CustomStringConvertible, Sendable {
    /// The account, as given.
    public var account: String
    public var description: String { "no such account in the data: \(account)" }
}
