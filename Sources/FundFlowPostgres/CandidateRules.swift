import FundFlow

/// What SQL aggregates say about one account, from its days (24-hour buckets of epoch time): the
/// days on which each of ``CandidateRules``' day conditions held, and a few figures over all days.
struct AccountActivity: Sendable {
    /// Per day condition (by ``CandidateRules/DayCondition/name``), the days it held, sorted.
    var days: [String: [Int64]] = [:]
    /// Outflows in all, and inflows in all.
    var outCount: Int64 = 0
    var inCount: Int64 = 0
    /// The largest day's outflow total, in fen.
    var outDaySum: Int64 = 0
    /// The largest day's inflow total, and the most distinct payers in a day.
    var inDaySum: Int64 = 0
    var inDayPayers: Int64 = 0
    /// The largest day's total of inflows that may be QR payments, and their most distinct payers
    /// in a day.
    var qrDaySum: Int64 = 0
    var qrDayPayers: Int64 = 0
    /// Per day with outflows in the structuring band: the day and how many.
    var nearDays: [(day: Int64, count: Int64)] = []
}

/// The detectors' pre-filters (``CandidateFilter``, each in its detector's file) evaluated on
/// per-account aggregates: an account failing all of them cannot be the principal account of any
/// finding, nor a link of a chain or a cycle, so its transfers need not be fetched. This type
/// only turns the filters into the aggregates' SQL conditions and checks them.
struct CandidateRules: Sendable {
    typealias DayCondition = CandidateFilter.DayCondition
    let rules: Rules
    /// Each registered detector with a filter, and its filter under `rules`.
    let filters: [(pattern: Pattern, filter: CandidateFilter)]

    init(rules: Rules) {
        self.rules = rules
        filters = DetectorRegistry.all.compactMap { detector in detector.candidateFilter(rules).map { (detector.pattern, $0) } }
    }

    /// The inflow condition of a relay: a day with one inflow of at least `fen`.
    static func inflow(_ fen: Int64) -> DayCondition { DayCondition(name: "in_\(fen)", sql: "biggest >= \(fen)") }

    private var relays: [(inflow: Int64, outflows: [DayCondition])] {
        filters.compactMap { if case let .relay(inflow, outflows, _) = $0.filter { (inflow, outflows) } else { nil } }
    }

    private var collections: [(qrOnly: Bool, payersPerDay: Int64, forwardPerDay: Int64)] {
        filters.compactMap {
            if case let .collection(qrOnly, _, payersPerDay, _, forwardPerDay, _) = $0.filter { (qrOnly, payersPerDay, forwardPerDay) } else { nil }
        }
    }

    /// The one band counted per day (``CandidateFilter/band(low:high:count:reach:)``): an empty
    /// band when no detector has one.
    var band: (low: Int64, high: Int64) {
        for entry in filters { if case let .band(low, high, _, _) = entry.filter { return (low, high) } }
        return (0, 0)
    }

    /// Every distinct day condition on inflows, and on outflows.
    var inflowConditions: [DayCondition] { distinct(relays.map { Self.inflow($0.inflow) }) }
    var outflowConditions: [DayCondition] { distinct(relays.flatMap(\.outflows)) }

    private func distinct(_ conditions: [DayCondition]) -> [DayCondition] {
        var seen = Set<String>()
        return conditions.filter { seen.insert($0.name).inserted }
    }

    /// The fewest payers a day needs for some collection (all payers, and QR payers); `Int64.max`
    /// when no detector collects that way.
    var collectionPayers: Int64 { collections.filter { !$0.qrOnly }.map(\.payersPerDay).min() ?? .max }
    var qrCollectionPayers: Int64 { collections.filter(\.qrOnly).map(\.payersPerDay).min() ?? .max }

    /// The least a day's outflow total must be for some collection (whose inflow side is many
    /// payers rather than one inflow).
    var collectorOutflow: Int64 { collections.map(\.forwardPerDay).min() ?? .max }

    /// The patterns `a` could be the principal account of (or, for the chains, a link of).
    func patterns(_ a: AccountActivity) -> [Pattern] {
        var found: [Pattern] = []
        for (pattern, filter) in filters {
            switch filter {
            case let .relay(inflow, outflows, reach):
                if Self.follows(a.days[Self.inflow(inflow).name] ?? [], outflows.map { a.days[$0.name] ?? [] }, within: reach) {
                    found.append(pattern)
                }
            case let .collection(qrOnly, minPayments, payersPerDay, inflowPerDay, forwardPerDay, sendsOn):
                let (payers, total) = qrOnly ? (a.qrDayPayers, a.qrDaySum) : (a.inDayPayers, a.inDaySum)
                if a.inCount >= minPayments && payers >= payersPerDay && total >= inflowPerDay && (!sendsOn || a.outCount > 0)
                    && a.outDaySum >= forwardPerDay {
                    found.append(pattern)
                }
            case let .band(_, _, count, reach):
                // At least `count` band amounts on days no further apart than the window reaches.
                var first = 0
                var inWindow: Int64 = 0
                for entry in a.nearDays {
                    inWindow += entry.count
                    while entry.day - a.nearDays[first].day > reach { inWindow -= a.nearDays[first].count; first += 1 }
                    if inWindow >= count { found.append(pattern); break }
                }
            }
        }
        return found.sorted { $0.rawValue < $1.rawValue }
    }

    /// Whether some day of `inDays` has, within `reach` days after it (itself included), a day of
    /// each of `outDays`. All lists are sorted.
    static func follows(_ inDays: [Int64], _ outDays: [[Int64]], within reach: Int64) -> Bool {
        var positions = [Int](repeating: 0, count: outDays.count)
        for d in inDays {
            var all = true
            for (k, list) in outDays.enumerated() {
                while positions[k] < list.count && list[positions[k]] < d { positions[k] += 1 }
                if positions[k] == list.count { return false }  // no later day at all
                if list[positions[k]] - d > reach { all = false }
            }
            if all { return true }
        }
        return false
    }
}
