/// What every detector reads: the graph, the rules, the trace when victims were given, and a few
/// per-account facts computed once (first appearance, running sums over each account's runs).
public struct DetectionContext: Sendable {
    /// The graph.
    public let graph: TransferGraph
    /// The thresholds.
    public let rules: Rules
    /// The trace, when victim reports were given.
    public let trace: TraceResult?
    /// Accounts of reported victims (their indices), when victim reports were given.
    public let victims: Set<Int32>
    /// What the graph holds when it is a part of the data; `nil` when it is all of it.
    public let scope: DetectionScope?
    /// The UTC offset, in seconds, at which summaries write times (the `--timezone` in force).
    public let offsetSeconds: Int
    /// Transfers between one holder's own accounts, where the inputs give document numbers.
    public let ownAccounts: OwnAccountTransfers?
    /// The time of the data's first transfer.
    let dataStart: EpochMilliseconds?
    /// The time each account first appears in the data.
    let firstSeen: [EpochMilliseconds]
    /// Running sums of amounts along each account's runs: the total of any window is two lookups.
    let sums: TransferGraph.RunSums

    /// Prepares the context (one pass over the transfers); `scope` says what the graph holds when
    /// it is a part of the data.
    public init(graph: TransferGraph, rules: Rules = Rules(), trace: TraceResult? = nil, scope: DetectionScope? = nil,
                ownAccounts: OwnAccountTransfers? = nil, offsetSeconds: Int) {
        self.graph = graph
        self.ownAccounts = ownAccounts
        self.offsetSeconds = offsetSeconds
        self.rules = rules
        self.trace = trace
        self.scope = scope
        dataStart = scope?.dataStart ?? graph.timeSpan?.lowerBound
        var victims = Set<Int32>()
        if let trace {
            for name in trace.resolution.victims { if let id = graph.account(named: name) { victims.insert(id.index) } }
        }
        self.victims = victims
        var first = [EpochMilliseconds](repeating: .max, count: graph.accountCount)
        for t in 0..<graph.transferCount {
            let time = graph.time(t)
            let p = Int(graph.payerIndex(t)), q = Int(graph.payeeIndex(t))
            if p >= 0 && first[p] == .max { first[p] = time }
            if q >= 0 && first[q] == .max { first[q] = time }
        }
        firstSeen = first
        sums = graph.runSums()
    }

    /// The total amount of an outgoing run (or a window of one).
    @inline(__always)
    func outSum(_ run: OutgoingRun) -> Int64 { sums.total(run) }

    /// The total amount of an incoming run (or a window of one).
    @inline(__always)
    func inSum(_ run: IncomingRun) -> Int64 { sums.total(run) }

    /// Whether `account` first appeared at most `span` before `time`, and the data had already
    /// been running that long (at the very start of a dump every account looks new).
    func isNew(_ account: AccountID, at time: EpochMilliseconds, span: Int64) -> Bool {
        guard let start = dataStart, time - start > span else { return false }
        return time - firstSeen[Int(account.index)] <= span
    }

    /// `a` as an account id.
    func name(_ a: AccountID) -> String { graph.name(of: a) }

    /// A time as `MM-DD HH:MM` for summaries.
    func clock(_ time: EpochMilliseconds) -> String {
        String(TimeFormatter.string(time, offsetSeconds: offsetSeconds).dropFirst(5).dropLast(3))
    }

    /// `accounts` in order of their ids (not of their indices, which depend on the reading).
    func byName(_ accounts: some Collection<AccountID>) -> [AccountID] {
        accounts.map { ($0, graph.name(of: $0)) }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// An amount for summaries.
    func money(_ fen: Int64) -> String { Amount(fen: fen).groupedString }

    /// At most `limit` transfers for a finding's evidence: the first ones, which tell the story.
    func evidence(_ transfers: [TransferIndex], limit: Int = 200) -> [TransferIndex] {
        transfers.count <= limit ? transfers : Array(transfers.sorted().prefix(limit))
    }
}

/// A pattern detector: one per file under `Detect/`, holding its pattern, its thresholds (a
/// ``RuleSet`` and its ``rulesSection``) and its doc; ``DetectorRegistry`` lists them.
public protocol Detector: Sendable {
    /// The pattern it finds.
    var pattern: Pattern { get }
    /// Its `[section]` of a rules file: the keys, what each is written as and means.
    var rulesSection: Rules.Section { get }
    /// Whether it reads other detectors' findings (`earlier`): it then runs after them.
    var readsEarlierFindings: Bool { get }
    /// Which account of a finding must be wholly in the data for a part of it (a database
    /// fetch of candidates, ``DetectionScope``) to keep the finding.
    var scopeAccount: ScopeAccount { get }
    /// What an account's per-day aggregates must show for it to be a candidate (the database
    /// path's pre-filter); nil: no filter of its own (its findings come from the rows the other
    /// detectors' candidates and the trace fetch).
    func candidateFilter(_ rules: Rules) -> CandidateFilter?
    /// The findings in `context`. Detectors that build on others' findings get them in `earlier`.
    func detect(_ context: DetectionContext, earlier: [Finding]) -> [Finding]
}

extension Detector {
    public var readsEarlierFindings: Bool { false }
    public var scopeAccount: ScopeAccount { .principal }
    public func candidateFilter(_ rules: Rules) -> CandidateFilter? { nil }
}

/// Which account of a finding a part of the data must hold wholly (all its transfers) for the
/// finding to be one the whole data makes too.
public enum ScopeAccount: Sendable {
    /// The finding's first account, the one it is about.
    case principal
    /// Its last account (`red_packet_collect`: the splitter whose packets it gathers).
    case last
    /// None: the finding holds whatever else the data holds (chains, cycles, devices: every
    /// transfer they name is in the part).
    case none
}
