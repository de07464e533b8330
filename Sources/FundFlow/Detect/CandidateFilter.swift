/// What a detector needs to see in an account's per-day aggregates before its transfers are worth
/// fetching: the database path's pre-filter (`FundFlowPostgres`' `CandidateRules` evaluates it
/// for every account from SQL aggregates over 24-hour buckets of epoch time). A necessary
/// condition, never a sufficient one: an account that fails every detector's filter cannot be
/// the principal account of any finding, nor a link of a chain or a cycle.
///
/// A window of length W touches at most ``days(_:)`` day buckets, so a window holding a count or
/// total N has a day holding at least ``perDay(_:over:)`` of it (and the same for distinct
/// counterparties, whose daily counts add up to at least the window's).
public enum CandidateFilter: Sendable {
    /// A day with an inflow of at least `inflow` fen, and within `reach` days after it (the same
    /// day included) a day meeting each of `outflows` (not necessarily the same day for each).
    case relay(inflow: Int64, outflows: [DayCondition], reach: Int64)
    /// Money collected from many payers: a day with at least `payersPerDay` distinct payers (QR
    /// payers only when `qrOnly`) paying at least `inflowPerDay` fen in all, at least
    /// `minPayments` payments in all, and a day sending at least `forwardPerDay` fen on (and, with
    /// `sendsOn`, at least one outflow at all).
    case collection(qrOnly: Bool, minPayments: Int64, payersPerDay: Int64, inflowPerDay: Int64, forwardPerDay: Int64, sendsOn: Bool)
    /// At least `count` outflows (transfers or cash) in `low..<high` fen on days at most `reach`
    /// days apart. The database counts one band per query: at most one detector has one.
    case band(low: Int64, high: Int64, count: Int64, reach: Int64)

    /// A condition on one day of an account's outflows, in SQL over the per-day aggregates
    /// `total`, `biggest`, `payees`, `cash` (withdrawn), `packets`, `packet_payees`,
    /// `packet_total` (red packets of at most `red_packet_split.max_packet`).
    public struct DayCondition: Sendable, Equatable {
        /// A name unique to the condition's meaning (conditions with one name are computed once).
        public var name: String
        public var sql: String

        public init(name: String, sql: String) {
            self.name = name
            self.sql = sql
        }

        /// A day sending at least `fen` in all.
        public static func total(_ fen: Int64) -> DayCondition { DayCondition(name: "out_total_\(fen)", sql: "total >= \(fen)") }
        /// A day with one outflow of at least `fen`.
        public static func biggest(_ fen: Int64) -> DayCondition { DayCondition(name: "out_biggest_\(fen)", sql: "biggest >= \(fen)") }
    }

    /// One day, in milliseconds.
    public static let day: Int64 = 86_400_000

    /// The days a window of `window` milliseconds can touch.
    public static func days(_ window: Int64) -> Int64 { (max(0, window) + day - 1) / day + 1 }

    /// The least one day must hold for a window of `window` to hold `total`.
    public static func perDay(_ total: Int64, over window: Int64) -> Int64 {
        let k = days(window)
        return (max(0, total) + k - 1) / k
    }

    /// ⌈amount × percent / 100⌉ without overflow for any amount in fen.
    public static func share(_ amount: Int64, _ percent: Int64) -> Int64 {
        Int64(clamping: (Int128(amount) * Int128(percent) + 99) / 100)
    }
}
