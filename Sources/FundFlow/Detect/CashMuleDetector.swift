/// `cash_mule` (取现交付): money received and withdrawn as cash soon after, for a courier.
///
/// Inflows within `window` of one of at least `min_inflow` form a burst; when between
/// `min_cash_percent` and `max_cash_percent` of the burst leaves as cash withdrawals within
/// `window` of its last inflow, it is an event. A mule's signature makes it strong: several
/// withdrawals or several places, cash starting within `fast`, an account new in the data, a
/// reported victim's account. One slow withdrawal at one place scores 0.45, below the flag
/// threshold on its own.
///
/// Look-alikes stay silent: people withdraw their salary days after payday, in one go at one
/// ATM; withdrawing more than came in is the account's own money.
public struct CashMuleDetector: Detector {
    public var pattern: Pattern { .cashMule }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.cashMule
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            guard graph.outgoing(account).contains(where: { graph.channelCode(Int($0)) == Channel.cashWithdrawal.rawValue }) else { continue }
            var transfers: [TransferIndex] = []
            var received: Int64 = 0
            var withdrawn: Int64 = 0
            var places = Set<String>()
            var first: EpochMilliseconds?
            var nextAllowed = EpochMilliseconds.min
            var withdrawals = 0
            var fast = false
            let ins = graph.incoming(account)
            var i = ins.startIndex
            while i < ins.endIndex {
                let t = ins[i]
                let time = graph.time(Int(t))
                guard graph.fen(Int(t)) >= r.minInflow, time >= nextAllowed else { i += 1; continue }
                // The burst always holds its own inflow, however short the window.
                var j = i + 1
                var burst = graph.fen(Int(t))
                while j < ins.endIndex && graph.time(Int(ins[j])) < time + r.window {
                    burst += graph.fen(Int(ins[j]))
                    j += 1
                }
                let lastIn = graph.time(Int(ins[j - 1]))
                let cash = graph.outgoing(account, from: time + 1, through: lastIn + r.window).filter {
                    graph.channelCode(Int($0)) == Channel.cashWithdrawal.rawValue
                }
                let sum = cash.reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
                guard !cash.isEmpty, sum * 100 >= burst * r.minCashPercent, sum * 100 <= burst * r.maxCashPercent else {
                    i += 1
                    continue
                }
                transfers += ins[i..<j].map { Int($0) } + cash.map { Int($0) }
                received += burst
                withdrawn += sum
                withdrawals += cash.count
                if graph.time(Int(cash[0])) - time <= r.fast { fast = true }
                first = first ?? time
                for c in cash { if let place = graph.attributes.value("place", row: Int(c)) { places.insert(place) } }
                nextAllowed = graph.time(Int(cash.last!)) + 1
                i = j
            }
            guard let first else { continue }
            var score = Double(r.scorePercent) / 100
            if places.count >= 2 || withdrawals >= 2 { score += Double(r.repeatBonusPercent) / 100 }
            if fast { score += Double(r.fastBonusPercent) / 100 }
            if context.isNew(account, at: first, span: r.newAccount) { score += Double(r.newAccountBonusPercent) / 100 }
            if context.victims.contains(account.index) { score += Double(r.victimBonusPercent) / 100 }
            let summary = "\(context.name(account)) received \(context.money(received)) and withdrew \(context.money(withdrawn)) in cash"
                + (places.isEmpty ? "" : " at \(places.count) place\(places.count == 1 ? "" : "s")")
                + " between \(context.clock(first)) and \(context.clock(graph.time(transfers.max()!)))"
                + (context.victims.contains(account.index) ? "; the account is a reported victim's" : "")
            findings.append(Finding(pattern: pattern, accounts: [account], transfers: context.evidence(transfers),
                                    amount: Amount(fen: received), score: score, summary: summary, graph: graph))
        }
        return findings
    }
}

extension Pattern {
    /// `cash_mule`: money received and withdrawn as cash soon after.
    public static let cashMule = Pattern("cash_mule")
}

/// The thresholds of `[cash_mule]` in a rules file: money received and withdrawn as cash soon after.
public struct CashMuleRules: RuleSet {
    public static let sectionName = "cash_mule"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 300_000
    public var minCashPercent: Int64 = 80
    public var maxCashPercent: Int64 = 110
    public var fast: Int64 = 6 * 3_600_000
    public var newAccount: Int64 = 3 * 86_400_000
    public var scorePercent: Int64 = 45
    public var repeatBonusPercent: Int64 = 20
    public var fastBonusPercent: Int64 = 10
    public var newAccountBonusPercent: Int64 = 10
    public var victimBonusPercent: Int64 = 15
}

extension Rules {
    /// The thresholds of ``CashMuleDetector``.
    public var cashMule: CashMuleRules {
        get { self[CashMuleRules.self] }
        set { self[CashMuleRules.self] = newValue }
    }
}

extension CashMuleDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.cashMule
        let cash = CandidateFilter.perDay(CandidateFilter.share(r.minInflow, r.minCashPercent), over: 2 * r.window)
        return .relay(inflow: r.minInflow, outflows: [CandidateFilter.DayCondition(name: "out_cash_\(cash)", sql: "cash >= \(cash)")],
                      reach: CandidateFilter.days(2 * r.window) - 1)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(CashMuleRules.self, help: "money received and withdrawn as cash soon after", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how soon the cash leaves", path: \.cashMule.window),
            Rules.Field(key: "min_inflow", kind: .amount, help: "the inflow withdrawn", path: \.cashMule.minInflow),
            Rules.Field(key: "min_cash_percent", kind: .percent, help: "of the inflow withdrawn", path: \.cashMule.minCashPercent),
            Rules.Field(key: "max_cash_percent", kind: .count, help: "at most this much of it withdrawn (more is the account's own money)", path: \.cashMule.maxCashPercent),
            Rules.Field(key: "fast", kind: .duration, help: "cash starting this soon after the inflow is fast", path: \.cashMule.fast),
            Rules.Field(key: "new_account", kind: .duration, help: "an account first seen this shortly before is new", path: \.cashMule.newAccount),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of one slow withdrawal at one place", path: \.cashMule.scorePercent),
            Rules.Field(key: "repeat_bonus_percent", kind: .percent, help: "added for several withdrawals or places", path: \.cashMule.repeatBonusPercent),
            Rules.Field(key: "fast_bonus_percent", kind: .percent, help: "added when cash starts within fast", path: \.cashMule.fastBonusPercent),
            Rules.Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.cashMule.newAccountBonusPercent),
            Rules.Field(key: "victim_bonus_percent", kind: .percent, help: "added for a reported victim's account", path: \.cashMule.victimBonusPercent),
        ])
    }
}

