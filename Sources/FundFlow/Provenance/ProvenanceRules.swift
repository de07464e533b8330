/// Thresholds of the provenance stage (``SuspiciousMoney``, ``CollectionSeeds``): section
/// `[provenance]` of a rules file.
///
/// The defaults describe what victims and gangs do, not any one data set: a victim pays a stranger
/// at least a thousand yuan, the stranger's account passes it on within two hours and had little
/// else coming in around it; people who receive such money and hold, split or withdraw it are
/// mostly funded by it.
public struct ProvenanceRules: Sendable, Equatable {
    public init() {}
    /// A payment into a collection account: at least this much (fen).
    public var minInflow: Int64 = 100_000
    /// The payer and payee first dealt with each other at most this long before (ms).
    public var newPair: Int64 = 3 * 86_400_000
    /// How soon the collection account passes the payment on (ms).
    public var forwardWindow: Int64 = 2 * 3_600_000
    /// Of the payment passed on within the window.
    public var minForwardPercent: Int64 = 80
    /// An outflow larger than this share of the last window's inflows is the account's own money.
    public var ownMoneyPercent: Int64 = 120
    /// The collected payments make at least this share of the account's inflow around them.
    public var minCollectionSharePercent: Int64 = 50
    /// "Around": this long before the first and after the last collected payment (ms).
    public var collectionSpan: Int64 = 3 * 86_400_000
    /// Collected payments an account needs, unless they add up to `single_collection`.
    public var minCollections: Int64 = 2
    /// Collected payments adding up to this much count however few (fen) ...
    public var singleCollection: Int64 = 1_000_000
    /// ... when the account first appeared at most this long before them (ms): a lone payment is
    /// weak evidence, and an old account relaying one is more often a victim paying with borrowed
    /// money than a first-level card, which is fresh.
    public var singleNewAccount: Int64 = 7 * 86_400_000
    /// An account is flagged for suspicious money only from this much on (fen).
    public var minSuspicious: Int64 = 5_000
    /// ... and only when it makes at least this share of what came in while it arrived.
    public var dominancePercent: Int64 = 30
    /// "While it arrived": from the first suspicious arrival to this long after the last (ms).
    public var dominanceWindow: Int64 = 86_400_000
    /// An account paid by QR code by this many distinct payers is a merchant: money it takes is
    /// a sale, and it is flagged only as a collection account (a 跑分 QR code), never for being
    /// paid by a gang member.
    public var merchantPayers: Int64 = 5
    /// A payer that pays this many accounts within `payroll_window`, as a business or with a
    /// salary memo, is a payroll: what it pays is wages, never suspicious.
    public var payrollPayees: Int64 = 10
    /// The payroll batch (ms).
    public var payrollWindow: Int64 = 10 * 60_000
}
