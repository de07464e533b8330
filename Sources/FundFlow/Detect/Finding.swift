/// The laundering patterns of patterns.md, by their stable names.
public enum Pattern: String, CaseIterable, Sendable, Codable {
    case redPacketSplit = "red_packet_split"
    case redPacketCollect = "red_packet_collect"
    case cashMule = "cash_mule"
    case victimMule = "victim_mule"
    case fanIn = "fan_in"
    case fanOut = "fan_out"
    case passThrough = "pass_through"
    case layeringChain = "layering_chain"
    case qrCollection = "qr_collection"
    case roundTrip = "round_trip"
    case structuring
}

/// One detected instance of a pattern, with the evidence that makes it.
public struct Finding: Sendable {
    /// The pattern.
    public var pattern: Pattern
    /// The accounts involved, the principal account first.
    public var accounts: [AccountID]
    /// The transfers that prove it, in time order.
    public var transfers: [TransferIndex]
    /// The money the finding is about (e.g. the inflow that was split), in fen.
    public var amount: Amount
    /// When it happened: the first and last evidence transfer.
    public var start: EpochMilliseconds
    /// When it ended.
    public var end: EpochMilliseconds
    /// How strongly it indicates laundering, 0–1.
    public var score: Double
    /// One sentence an investigator can read, with amounts and times.
    public var summary: String

    /// Creates a finding; `transfers` are sorted and their span sets `start` and `end`.
    public init(pattern: Pattern, accounts: [AccountID], transfers: [TransferIndex], amount: Amount, score: Double,
                summary: String, graph: TransferGraph) {
        self.pattern = pattern
        self.accounts = accounts
        self.transfers = transfers.sorted()
        self.amount = amount
        self.start = self.transfers.first.map { graph.times[$0] } ?? 0
        self.end = self.transfers.last.map { graph.times[$0] } ?? 0
        self.score = min(1, max(0, score))
        self.summary = summary
    }
}
