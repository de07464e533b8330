/// `red_packet_collect`: wallets that gather a splitter's red packets and pass them on.
///
/// For every `red_packet_split` finding, each wallet that received its packets and sent at least
/// `min_forward_percent` of them on within `window` of the last packet is a finding, with the
/// accounts it forwarded to (a consolidation account, typically) after it.
///
/// Look-alikes stay silent: it only looks at wallets of a split already found, and relatives
/// keep festival red packets.
public struct RedPacketCollectDetector: Detector {
    public var pattern: Pattern { .redPacketCollect }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.redPacketCollect
        var findings: [Finding] = []
        var seen = Set<Int32>()
        for split in earlier where split.pattern == .redPacketSplit {
            let splitter = split.accounts[0]
            var received: [Int32: (fen: Int64, first: EpochMilliseconds, last: EpochMilliseconds, transfers: [Int])] = [:]
            for t in split.transfers where graph.payerIndex(t) == splitter.index && graph.channelCode(t) == Channel.redPacket.rawValue {
                let wallet = graph.payeeIndex(t)
                guard wallet >= 0 else { continue }
                var entry = received[wallet] ?? (0, graph.time(t), graph.time(t), [])
                entry.fen += graph.fen(t)
                entry.last = graph.time(t)
                entry.transfers.append(t)
                received[wallet] = entry
            }
            for (wallet, entry) in received.sorted(by: { $0.key < $1.key }) where !seen.contains(wallet) {
                let outs = graph.outgoing(AccountID(wallet), in: entry.first...(entry.last + r.window))
                let forwarded = context.outSum(outs)
                guard forwarded * 100 >= entry.fen * r.minForwardPercent, let lastOut = outs.last else { continue }
                seen.insert(wallet)
                let destinations = context.byName(Set(outs.compactMap { graph.payee(Int($0)) }))
                let summary = "\(context.name(AccountID(wallet))) received \(entry.transfers.count) red packets "
                    + "(\(context.money(entry.fen))) from splitter \(context.name(splitter)) and forwarded \(context.money(forwarded)) to "
                    + destinations.prefix(3).map { context.name($0) }.joined(separator: ", ") + " by \(context.clock(graph.time(Int(lastOut))))"
                var finding = Finding(
                    pattern: pattern, accounts: [AccountID(wallet)] + destinations + [splitter], others: .destination,
                    transfers: context.evidence(entry.transfers + outs.map { Int($0) }), amount: Amount(fen: entry.fen),
                    score: Double(context.rules.redPacketCollect.scorePercent) / 100, summary: summary, graph: graph)
                finding.roles[finding.roles.count - 1] = .conduit  // the splitter that sent the packets
                findings.append(finding)
            }
        }
        return findings
    }
}

extension Pattern {
    /// `red_packet_collect`: wallets that gather a splitter's red packets and pass them on.
    public static let redPacketCollect = Pattern("red_packet_collect")
}

/// The thresholds of `[red_packet_collect]` in a rules file: wallets that gather a splitter's red packets and pass them on.
public struct RedPacketCollectRules: RuleSet {
    public static let sectionName = "red_packet_collect"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minForwardPercent: Int64 = 80
    public var scorePercent: Int64 = 80
}

extension Rules {
    /// The thresholds of ``RedPacketCollectDetector``.
    public var redPacketCollect: RedPacketCollectRules {
        get { self[RedPacketCollectRules.self] }
        set { self[RedPacketCollectRules.self] = newValue }
    }
}

extension RedPacketCollectDetector {
    /// It gathers the wallets of `red_packet_split` findings.
    public var readsEarlierFindings: Bool { true }
    /// A wallet is judged by the splitter whose packets it gathers.
    public var scopeAccount: ScopeAccount { .last }

    public var rulesSection: Rules.Section {
        Rules.Section(RedPacketCollectRules.self, help: "wallets that gather a splitter's red packets and pass them on", fields: [
            Rules.Field(key: "window", kind: .duration, help: "how soon the wallet forwards", path: \.redPacketCollect.window),
            Rules.Field(key: "min_forward_percent", kind: .percent, help: "of the packets forwarded", path: \.redPacketCollect.minForwardPercent),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a collecting wallet", path: \.redPacketCollect.scorePercent),
        ])
    }
}

