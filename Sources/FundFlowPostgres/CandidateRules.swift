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

/// Necessary conditions, one per detector, that per-account aggregates can check: an account
/// failing all of them cannot be the principal account of any finding, nor a link of a chain or a
/// cycle, so its transfers need not be fetched.
///
/// A window of length W touches at most `days(W)` = ⌈W / 1 day⌉ + 1 day buckets, so a window
/// holding a count or total N has a day holding at least ⌈N / days(W)⌉ (and the same for distinct
/// counterparties, whose daily counts add up to at least the window's). A detector that starts
/// from an inflow (pass-through, cash mule, fan-out, red-packet split, the links of chains and
/// cycles) needs a day with that inflow and, within the days its window reaches, a day meeting
/// each of its outflow bounds (not necessarily the same day for each bound).
struct CandidateRules: Sendable {
    static let day: Int64 = 86_400_000
    let rules: Rules

    /// A condition on one day of one account's outflows (or inflows), in SQL over the per-day
    /// aggregates `total`, `biggest`, `payees`, `cash`, `packets`, `packet_payees`,
    /// `packet_total` (outflows) or `total`, `biggest` (inflows).
    struct DayCondition: Sendable {
        var name: String
        var sql: String
    }

    /// The days a window of `window` milliseconds can touch.
    static func days(_ window: Int64) -> Int64 { (max(0, window) + day - 1) / day + 1 }

    /// The least one day must hold for a window of `window` to hold `total`.
    static func perDay(_ total: Int64, over window: Int64) -> Int64 {
        let k = days(window)
        return (max(0, total) + k - 1) / k
    }

    /// ⌈amount × percent / 100⌉ without overflow for any amount in fen.
    static func share(_ amount: Int64, _ percent: Int64) -> Int64 {
        Int64(clamping: (Int128(amount) * Int128(percent) + 99) / 100)
    }

    /// The smallest transfer a layering chain can hold: its first amount kept through every hop.
    var chainFloor: Int64 {
        let r = rules.layeringChain
        var floor = r.minAmount
        for _ in 1..<max(1, Int(r.minHops)) { floor = floor * r.minKeepPercent / 100 }
        return floor
    }

    /// The smallest transfer a round trip can hold.
    var tripFloor: Int64 { rules.roundTrip.minAmount * rules.roundTrip.minKeepPercent / 100 }

    /// The band of `structuring`: at least this, below the threshold.
    var nearLow: Int64 { rules.structuring.threshold - rules.structuring.threshold * rules.structuring.bandPercent / 100 }

    /// One detector's inflow-then-outflows condition: a day meeting `inflow`, and within `reach`
    /// days after it (the same day included) a day meeting each of `outflows`.
    struct Relay: Sendable {
        var pattern: Pattern
        var inflow: DayCondition
        var outflows: [DayCondition]
        var reach: Int64
    }

    var relays: [Relay] {
        let pass = rules.passThrough, cash = rules.cashMule, fanOut = rules.fanOut, split = rules.redPacketSplit
        func inflow(_ fen: Int64) -> DayCondition { DayCondition(name: "in_\(fen)", sql: "biggest >= \(fen)") }
        func outTotal(_ fen: Int64) -> DayCondition { DayCondition(name: "out_total_\(fen)", sql: "total >= \(fen)") }
        func outBiggest(_ fen: Int64) -> DayCondition { DayCondition(name: "out_biggest_\(fen)", sql: "biggest >= \(fen)") }
        let splitWindow = split.window
        return [
            Relay(pattern: .passThrough, inflow: inflow(pass.minInflow),
                  outflows: [outTotal(Self.perDay(Self.share(pass.minInflow, pass.minOutPercent), over: pass.window))],
                  reach: Self.days(pass.window) - 1),
            Relay(pattern: .cashMule, inflow: inflow(cash.minInflow),
                  outflows: [DayCondition(name: "cash", sql: "cash >= \(Self.perDay(Self.share(cash.minInflow, cash.minCashPercent), over: 2 * cash.window))")],
                  reach: Self.days(2 * cash.window) - 1),
            Relay(pattern: .fanOut, inflow: inflow(fanOut.minInflow),
                  outflows: [outTotal(Self.perDay(Self.share(fanOut.minInflow, fanOut.minSharePercent), over: fanOut.window)),
                             DayCondition(name: "payees", sql: "payees >= \(Self.perDay(fanOut.minPayees, over: fanOut.window))")],
                  reach: Self.days(fanOut.window) - 1),
            Relay(pattern: .redPacketSplit, inflow: inflow(split.minInflow),
                  outflows: [DayCondition(name: "packets", sql: "packets >= \(Self.perDay(split.minPackets, over: splitWindow))"),
                             DayCondition(name: "packet_payees", sql: "packet_payees >= \(Self.perDay(split.minPayees, over: splitWindow))"),
                             DayCondition(name: "packet_total", sql: "packet_total >= \(Self.perDay(Self.share(split.minInflow, split.minSharePercent), over: splitWindow))")],
                  reach: Self.days(splitWindow) - 1),
            Relay(pattern: .layeringChain, inflow: inflow(chainFloor), outflows: [outBiggest(chainFloor)],
                  reach: Self.days(rules.layeringChain.hopWindow) - 1),
            Relay(pattern: .roundTrip, inflow: inflow(tripFloor), outflows: [outBiggest(tripFloor)],
                  reach: Self.days(rules.roundTrip.window) - 1),
        ]
    }

    /// Every distinct day condition on inflows, and on outflows.
    var inflowConditions: [DayCondition] { distinct(relays.map(\.inflow)) }
    var outflowConditions: [DayCondition] { distinct(relays.flatMap(\.outflows)) }

    private func distinct(_ conditions: [DayCondition]) -> [DayCondition] {
        var seen = Set<String>()
        return conditions.filter { seen.insert($0.name).inserted }
    }

    var fanInForward: Int64 {
        Self.perDay(Self.share(rules.fanIn.minTotal, rules.fanIn.minForwardPercent), over: rules.fanIn.window + rules.fanIn.forwardWindow)
    }
    var fanInPayers: Int64 { Self.perDay(rules.fanIn.minPayers, over: rules.fanIn.window) }
    var qrForward: Int64 {
        Self.perDay(Self.share(rules.qrCollection.minTotal, rules.qrCollection.minForwardPercent), over: 2 * rules.qrCollection.window)
    }
    var qrPayers: Int64 { Self.perDay(rules.qrCollection.minPayers, over: rules.qrCollection.window) }

    /// The least a day's outflow total must be for fan-in or QR collection (whose inflow side is
    /// many payers rather than one inflow).
    var collectorOutflow: Int64 { min(fanInForward, qrForward) }

    /// The patterns `a` could be the principal account of (or, for the chains, a link of).
    func patterns(_ a: AccountActivity) -> [Pattern] {
        var found: [Pattern] = []
        for relay in relays
        where Self.follows(a.days[relay.inflow.name] ?? [], relay.outflows.map { a.days[$0.name] ?? [] }, within: relay.reach) {
            found.append(relay.pattern)
        }
        let fanIn = rules.fanIn, qr = rules.qrCollection
        if a.inCount >= fanIn.minPayers && a.inDayPayers >= fanInPayers
            && a.inDaySum >= Self.perDay(fanIn.minTotal, over: fanIn.window) && a.outCount > 0 && a.outDaySum >= fanInForward {
            found.append(.fanIn)
        }
        if a.qrDayPayers >= qrPayers && a.qrDaySum >= Self.perDay(qr.minTotal, over: qr.window) && a.outDaySum >= qrForward {
            found.append(.qrCollection)
        }
        // At least `min_count` band amounts on days no further apart than the window reaches.
        let reach = Self.days(rules.structuring.window) - 1
        var first = 0
        var count: Int64 = 0
        for entry in a.nearDays {
            count += entry.count
            while entry.day - a.nearDays[first].day > reach { count -= a.nearDays[first].count; first += 1 }
            if count >= rules.structuring.minCount { found.append(.structuring); break }
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
