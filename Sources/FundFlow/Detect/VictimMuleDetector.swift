/// `victim_mule` (受害人被利用): a reported victim whose account receives other victims' money.
///
/// Needs a trace: a victim account that received at least `min_amount` of another victim's
/// traced money is being used to move it (often to withdraw it for the gang).
///
/// Look-alikes stay silent: without traced money of another victim it never fires.
public struct VictimMuleDetector: Detector {
    public var pattern: Pattern { .victimMule }
    public init() {}

    public func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding] {
        guard let trace = context.trace else { return [] }
        let graph = context.graph
        var byAccount: [Int32: (fen: Int64, labels: Set<Int32>, transfers: [Int])] = [:]
        for flow in trace.flows {
            let t = Int(flow.transfer)
            let payee = graph.payeeIndex(t)
            guard payee >= 0, context.victims.contains(payee), trace.victim(flow.label) != graph.name(of: AccountID(payee)) else { continue }
            var entry = byAccount[payee] ?? (0, [], [])
            entry.fen += flow.fen
            entry.labels.insert(flow.label)
            if entry.transfers.last != t { entry.transfers.append(t) }
            byAccount[payee] = entry
        }
        return byAccount.sorted { $0.key < $1.key }.compactMap { account, entry in
            guard entry.fen >= context.rules.victimMule.minAmount else { return nil }
            let summary = "reported victim \(context.name(AccountID(account))) received \(context.money(entry.fen)) of "
                + "\(entry.labels.count) other victim\(entry.labels.count == 1 ? "'s" : "s'") money from \(context.clock(graph.time(entry.transfers[0])))"
            return Finding(pattern: pattern, accounts: [AccountID(account)], transfers: context.evidence(entry.transfers),
                           amount: Amount(fen: entry.fen), score: Double(context.rules.victimMule.scorePercent) / 100, summary: summary, graph: graph)
        }
    }
}

extension Pattern {
    /// `victim_mule`: a reported victim whose account moves other victims' money (needs victim reports).
    public static let victimMule = Pattern("victim_mule")
}

/// The thresholds of `[victim_mule]` in a rules file: a reported victim whose account moves other victims' money (needs victim reports).
public struct VictimMuleRules: RuleSet {
    public static let sectionName = "victim_mule"
    public init() {}
    public var minAmount: Int64 = 1
    public var scorePercent: Int64 = 90
}

extension Rules {
    /// The thresholds of ``VictimMuleDetector``.
    public var victimMule: VictimMuleRules {
        get { self[VictimMuleRules.self] }
        set { self[VictimMuleRules.self] = newValue }
    }
}

extension VictimMuleDetector {
    /// Kept from any part of the data: the victims' money it names is in the part that made it.
    public var scopeAccount: ScopeAccount { .none }

    public var rulesSection: Rules.Section {
        Rules.Section(VictimMuleRules.self, help: "a reported victim whose account moves other victims' money (needs victim reports)", fields: [
            Rules.Field(key: "min_amount", kind: .amount, help: "other victims' money received", path: \.victimMule.minAmount),
            Rules.Field(key: "score_percent", kind: .percent, help: "score of a victim mule", path: \.victimMule.scorePercent),
        ])
    }
}

