/// A laundering pattern of patterns.md, by its stable name (`fan_in`, `cash_mule`, …).
///
/// Each detector declares its own in its file (`extension Pattern { static let fanIn = … }`);
/// ``allCases`` are the registry's (``DetectorRegistry``), in its order.
public struct Pattern: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable name, as findings.json and flagged.csv write it.
    public let rawValue: String

    /// The registered pattern named `rawValue`; nil for a name no detector has.
    public init?(rawValue: String) {
        guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    /// A pattern named `name` (for a detector's own declaration).
    init(_ name: String) { rawValue = name }

    /// Every detector's pattern, in the registry's order.
    public static var allCases: [Pattern] { DetectorRegistry.patterns }

    public var description: String { rawValue }
}

/// What an account named by a finding did in it (issue 16 §3). Only gang-side roles count toward
/// a flag: a `source` — a payer into a collection, often a victim — never does on its own.
public enum FindingRole: String, Sendable, Codable {
    /// The account the finding is about.
    case principal
    /// Paid money into the pattern (a payer of a fan-in or QR collection: a possible victim).
    case source
    /// Passed the money on (a hop of a chain or a cycle).
    case conduit
    /// Received the money from the principal.
    case destination
    /// Withdrew it as cash.
    case cashOut = "cash_out"
    /// A wallet that received red packets.
    case wallet

    /// Whether the role is on the laundering side.
    public var isGangSide: Bool { self != .source }
}

/// One detected instance of a pattern, with the evidence that makes it.
public struct Finding: Sendable {
    /// The pattern.
    public var pattern: Pattern
    /// The accounts involved, the principal account first.
    public var accounts: [AccountID]
    /// What each of ``accounts`` did (same order; the first is the principal).
    public var roles: [FindingRole]
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

    /// Creates a finding; `transfers` are sorted and their span sets `start` and `end`. `others`
    /// is the role of every account after the principal.
    public init(pattern: Pattern, accounts: [AccountID], others: FindingRole = .conduit, transfers: [TransferIndex], amount: Amount,
                score: Double, summary: String, graph: TransferGraph) {
        self.pattern = pattern
        self.accounts = accounts
        self.roles = accounts.indices.map { $0 == 0 ? .principal : others }
        self.transfers = transfers.sorted()
        self.amount = amount
        self.start = self.transfers.first.map { graph.time($0) } ?? 0
        self.end = self.transfers.last.map { graph.time($0) } ?? 0
        self.score = min(1, max(0, score))
        self.summary = summary
    }
}
