/// What a graph holds when it is a part of the data rather than all of it (detection over rows
/// fetched from a database): the accounts whose transfers are all there, and the start of the
/// whole data.
///
/// A pattern about one principal account (pass-through, cash mule, fan-in/out, red-packet split,
/// QR collection, structuring) is only believed for an account whose transfers are all in the
/// graph; the findings on other accounts, which see part of their history, are dropped before
/// anything builds on them. Chains and cycles (`layering_chain`, `round_trip`) and `victim_mule`
/// are kept as found: the fetch that made the graph holds every transfer they can be made of
/// (see `fetchForDetection` in FundFlowPostgres), and the trace behind `victim_mule` is exact.
/// `red_packet_collect` is kept when its splitter is complete.
public struct DetectionScope: Sendable {
    /// The accounts (ids as in the data) whose every transfer is in the graph; `nil` when every
    /// account's are (the whole data was read, and only ``dataStart`` matters).
    public var completeAccounts: Set<String>?
    /// The time of the first transfer of the whole data, for "new in the data" (a part's first
    /// transfer is later, and would make old accounts look new).
    public var dataStart: EpochMilliseconds?

    /// A scope of `completeAccounts` in data starting at `dataStart`.
    public init(completeAccounts: Set<String>?, dataStart: EpochMilliseconds?) {
        self.completeAccounts = completeAccounts
        self.dataStart = dataStart
    }

    /// Whether `finding`, made from the part in `graph`, is one the whole data makes too.
    public func keeps(_ finding: Finding, in graph: TransferGraph) -> Bool {
        guard let completeAccounts else { return true }
        switch DetectorRegistry.detector(of: finding.pattern)?.scopeAccount ?? .principal {
        case .none:
            return true
        case .last:
            guard let splitter = finding.accounts.last else { return false }
            return completeAccounts.contains(graph.name(of: splitter))
        case .principal:
            guard let principal = finding.accounts.first else { return false }
            return completeAccounts.contains(graph.name(of: principal))
        }
    }
}
