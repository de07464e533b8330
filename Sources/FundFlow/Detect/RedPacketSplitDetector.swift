/// `red_packet_split` (红包拆分): a large inflow split into many small red packets to many wallets.
///
/// Within `window` after an inflow of at least `min_inflow`: at least `min_packets` red packets of
/// at most `max_packet` each, to at least `min_payees` distinct accounts, summing to at least
/// `min_share_percent` of the inflow.
///
/// Look-alikes stay silent: festival red packets go to a handful of relatives, not five wallets
/// and more, and do not follow a large inflow with half of it.
public struct RedPacketSplitDetector: Detector {
    public var pattern: Pattern { .redPacketSplit }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.redPacketSplit
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            guard graph.outgoing(account).count >= Int(r.minPackets) else { continue }
            var nextAllowed = EpochMilliseconds.min
            for t in graph.incoming(account) {
                let inflow = graph.fen(Int(t))
                let time = graph.time(Int(t))
                guard inflow >= r.minInflow, time >= nextAllowed else { continue }
                let packets = graph.outgoing(account, from: time + 1, through: time + r.window).filter {
                    graph.channelCode(Int($0)) == Channel.redPacket.rawValue && graph.fen(Int($0)) <= r.maxPacket
                }
                guard !packets.isEmpty, packets.count >= Int(r.minPackets) else { continue }
                let wallets = Set(packets.compactMap { graph.payee(Int($0)) })
                let sum = packets.reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
                guard wallets.count >= Int(r.minPayees), sum * 100 >= inflow * r.minSharePercent else { continue }
                let score = min(1, Double(r.scorePercent) / 100 + Double(r.walletBonusPercent) / 100 * Double(wallets.count))
                let summary = "\(context.name(account)) received \(context.money(inflow)) at \(context.clock(time)) and split "
                    + "\(context.money(sum)) into \(packets.count) red packets to \(wallets.count) wallets by "
                    + "\(context.clock(graph.time(Int(packets.last!))))"
                findings.append(Finding(
                    pattern: pattern, accounts: [account] + context.byName(wallets), others: .wallet, transfers: context.evidence([Int(t)] + packets.map { Int($0) }),
                    amount: Amount(fen: inflow), score: score, summary: summary, graph: graph))
                nextAllowed = time + r.window
            }
        }
        return findings
    }
}

extension Pattern {
    /// `red_packet_split`: a large inflow split into many small red packets to many wallets.
    public static let redPacketSplit = Pattern("red_packet_split")
}

/// The thresholds of `[red_packet_split]` in a rules file: a large inflow split into many small red packets to many wallets.
public struct RedPacketSplitRules: RuleSet {
    public static let sectionName = "red_packet_split"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 500_000
    public var minPackets: Int64 = 10
    public var maxPacket: Int64 = 20_000
    public var minPayees: Int64 = 5
    public var minSharePercent: Int64 = 50
    public var scorePercent: Int64 = 70
    public var walletBonusPercent: Int64 = 1
}

extension Rules {
    /// The thresholds of ``RedPacketSplitDetector``.
    public var redPacketSplit: RedPacketSplitRules {
        get { self[RedPacketSplitRules.self] }
        set { self[RedPacketSplitRules.self] = newValue }
    }
}

extension RedPacketSplitDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.redPacketSplit
        let packets = CandidateFilter.perDay(r.minPackets, over: r.window)
        let payees = CandidateFilter.perDay(r.minPayees, over: r.window)
        let total = CandidateFilter.perDay(CandidateFilter.share(r.minInflow, r.minSharePercent), over: r.window)
        return .relay(inflow: r.minInflow,
                      outflows: [CandidateFilter.DayCondition(name: "out_packets_\(packets)", sql: "packets >= \(packets)"),
                                 CandidateFilter.DayCondition(name: "out_packet_payees_\(payees)", sql: "packet_payees >= \(payees)"),
                                 CandidateFilter.DayCondition(name: "out_packet_total_\(total)", sql: "packet_total >= \(total)")],
                      reach: CandidateFilter.days(r.window) - 1)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(RedPacketSplitRules.self, help: "a large inflow split into many small red packets to many wallets", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how long after the inflow the packets go", path: \.redPacketSplit.window),
            Rules.Field(key: "min_inflow", kind: .amount, help: "the inflow that is split", path: \.redPacketSplit.minInflow),
            Rules.Field(key: "min_packets", kind: .count, help: "red packets sent", path: \.redPacketSplit.minPackets),
            Rules.Field(key: "max_packet", kind: .amount, help: "the largest packet that counts", path: \.redPacketSplit.maxPacket),
            Rules.Field(key: "min_payees", kind: .count, help: "distinct wallets", path: \.redPacketSplit.minPayees),
            Rules.Field(key: "min_share_percent", kind: .percent, help: "of the inflow sent as packets", path: \.redPacketSplit.minSharePercent),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a split", path: \.redPacketSplit.scorePercent),
            Rules.Field(key: "wallet_bonus_percent", kind: .percent, help: "added per wallet paid", path: \.redPacketSplit.walletBonusPercent),
        ])
    }
}

