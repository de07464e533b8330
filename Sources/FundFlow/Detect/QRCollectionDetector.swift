/// `qr_collection` (扫码跑分): a "merchant" QR code collecting large payments from many payers,
/// then emptied in a few lumps.
///
/// Within `window`: at least `min_payers` distinct QR payers paying at least `min_total`, on
/// average at least `min_average`; and the `max_lumps` largest outflows within `window` of the
/// last payment carry at least `min_forward_percent` of it.
///
/// Look-alikes stay silent: a shop's or canteen's payers pay small sums (below `min_average`),
/// and its weekly supplier payments do not follow each day's takings.
public struct QRCollectionDetector: Detector {
    public var pattern: Pattern { .qrCollection }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        let graph = context.graph
        let r = context.rules.qrCollection
        var findings: [Finding] = []
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let qr = graph.incoming(account).filter { graph.channelCode(Int($0)) == Channel.qrPayment.rawValue }
            guard qr.count >= Int(r.minPayers) else { continue }
            var start = 0
            var sum: Int64 = 0
            for end in qr.indices {
                sum += graph.fen(Int(qr[end]))
                let endTime = graph.time(Int(qr[end]))
                while graph.time(Int(qr[start])) < endTime - r.window {
                    sum -= graph.fen(Int(qr[start]))
                    start += 1
                }
                let burst = qr[start...end]
                guard sum >= r.minTotal, sum >= r.minAverage * Int64(burst.count) else { continue }
                let payers = Set(burst.compactMap { graph.payer(Int($0)) })
                guard payers.count >= Int(r.minPayers) else { continue }
                let outs = graph.outgoing(account, in: graph.time(Int(burst.first!))...(endTime + r.window))
                let lumps = outs.sorted { graph.fen(Int($0)) > graph.fen(Int($1)) }.prefix(Int(r.maxLumps))
                let lumpSum = lumps.reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
                guard lumpSum * 100 >= sum * r.minForwardPercent else { continue }
                let summary = "QR code \(context.name(account)) collected \(context.money(sum)) from \(payers.count) payers between "
                    + "\(context.clock(graph.time(Int(burst.first!)))) and \(context.clock(endTime)) and was emptied in "
                    + "\(lumps.count) transfer\(lumps.count == 1 ? "" : "s") of \(context.money(lumpSum))"
                findings.append(Finding(
                    pattern: pattern, accounts: [account] + context.byName(payers), others: .source, transfers: context.evidence(burst.map { Int($0) } + lumps.map { Int($0) }),
                    amount: Amount(fen: sum), score: Double(r.scorePercent) / 100, summary: summary, graph: graph))
                break
            }
        }
        return findings
    }
}

extension Pattern {
    /// `qr_collection`: a merchant QR code collecting large payments from many new payers, emptied in lumps (扫码跑分).
    public static let qrCollection = Pattern("qr_collection")
}

/// The thresholds of `[qr_collection]` in a rules file: a merchant QR code collecting large payments from many new payers, emptied in lumps (扫码跑分).
public struct QRCollectionRules: RuleSet {
    public static let sectionName = "qr_collection"
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minPayers: Int64 = 5
    public var minTotal: Int64 = 2_000_000
    public var minAverage: Int64 = 50_000
    public var maxLumps: Int64 = 3
    public var minForwardPercent: Int64 = 80
    public var scorePercent: Int64 = 80
}

extension Rules {
    /// The thresholds of ``QRCollectionDetector``.
    public var qrCollection: QRCollectionRules {
        get { self[QRCollectionRules.self] }
        set { self[QRCollectionRules.self] = newValue }
    }
}

extension QRCollectionDetector {
    /// The database path's pre-filter (``CandidateFilter``).
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? {
        let r = rules.qrCollection
        return .collection(qrOnly: true, minPayments: 0, payersPerDay: CandidateFilter.perDay(r.minPayers, over: r.window),
                           inflowPerDay: CandidateFilter.perDay(r.minTotal, over: r.window),
                           forwardPerDay: CandidateFilter.perDay(CandidateFilter.share(r.minTotal, r.minForwardPercent), over: 2 * r.window),
                           sendsOn: false)
    }

    public var rulesSection: Rules.Section {
        Rules.Section(QRCollectionRules.self, help: "a merchant QR code collecting large payments from many new payers, emptied in lumps (扫码跑分)", fields: [
            Rules.Field(key: "window", kind: .duration, help: "the collection burst and the emptying", path: \.qrCollection.window),
            Rules.Field(key: "min_payers", kind: .count, help: "distinct QR payers in the burst", path: \.qrCollection.minPayers),
            Rules.Field(key: "min_total", kind: .amount, help: "collected in the burst", path: \.qrCollection.minTotal),
            Rules.Field(key: "min_average", kind: .amount, help: "average payment (shops take small ones)", path: \.qrCollection.minAverage),
            Rules.Field(key: "max_lumps", kind: .count, help: "transfers that empty it", path: \.qrCollection.maxLumps),
            Rules.Field(key: "min_forward_percent", kind: .percent, help: "of it sent on", path: \.qrCollection.minForwardPercent),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a collection", path: \.qrCollection.scorePercent),
        ])
    }
}

