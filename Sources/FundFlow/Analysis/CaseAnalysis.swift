/// The whole investigation of a case: read → trace (when victim reports are given) → detect →
/// flag, and the files it writes. `fundflow analyze` and `fundflow detect` are this.
public struct CaseAnalysis: Sendable {
    /// What to analyse and how.
    public struct Request: Sendable {
        public var inputs: [String]
        /// Where the rows came from when not from `inputs` (a database; no password), for the
        /// manifest.
        public var source: String?
        public var ingest = IngestOptions()
        public var victims: String?
        /// The reports of `victims` and the problems of its rows, when the caller read them
        /// already (to fetch the rows their money reaches from a database); else `victims` is read.
        public var victimReports: (reports: [VictimReport], problems: [VictimReportProblem])?
        public var policy: TracePolicy = .fifo
        public var asOf: EpochMilliseconds?
        /// Follow the unambiguous cash bridges (``CashBridges``; conserving policies only — under
        /// `poison` they are listed, never followed).
        public var followCashBridges = false
        public var rules = Rules()
        /// The investigator's annotations (``AnnotatedFlags`` says what they change).
        public var annotations = AnnotationBook()

        public init(inputs: [String]) {
            self.inputs = inputs
        }
    }

    /// The request.
    public let request: Request
    /// What was read.
    public let data: IngestResult
    /// Problems of rows of the victims file (the rows left out).
    public let victimProblems: [VictimReportProblem]
    /// The trace, when victim reports were given.
    public let trace: TraceResult?
    /// The findings, strongest first.
    public let findings: [Finding]
    /// Suspicious money followed through the graph (the provenance stage).
    public let provenance: SuspiciousMoney
    /// The flagged accounts, highest score first, after the investigator's annotations.
    public let flagged: [FlaggedAccount]
    /// Accounts the investigator cleared, with the flag each would have had.
    public let cleared: [(annotation: Annotation, overruled: FlaggedAccount?)]
    /// The next statements to request and the linked cases, when victims were given and the
    /// policy conserves amounts (``NextSteps/of(_:data:)``).
    public let nextSteps: (requests: NextRequests, linkedCases: LinkedCases)?
    /// The next statements to request (``NextRequests``).
    public var requests: NextRequests? { nextSteps?.requests }
    /// The clusters of linked victims (``LinkedCases``).
    public var linkedCases: LinkedCases? { nextSteps?.linkedCases }
    /// Wall time per stage and per detector, in milliseconds.
    public let timings: [(stage: String, milliseconds: Double)]

    /// Runs the analysis; `progress` hears each stage's name as it starts.
    public static func run(_ request: Request, progress: ((String) -> Void)? = nil) throws -> CaseAnalysis {
        progress?("reading")
        let start = ContinuousClock.now
        let data = try Ingestor.read(request.inputs, options: request.ingest)
        return try run(request, data: data, readMilliseconds: (ContinuousClock.now - start).milliseconds, progress: progress)
    }

    /// Runs the analysis on `data` read already (rows fetched from a database, say); `scope` says
    /// what the data holds when it is a part of the whole (see ``DetectionScope``). Findings from
    /// a part are the whole's; flags are exact only when `data` holds every row (the provenance
    /// stage follows money through every account it reaches), which is why `analyze --source`
    /// reads the whole table.
    public static func run(
        _ request: Request, data: IngestResult, scope: DetectionScope? = nil, readMilliseconds: Double = 0,
        progress: ((String) -> Void)? = nil
    ) throws -> CaseAnalysis {
        var timings: [(String, Double)] = [("read", readMilliseconds)]
        var clock = ContinuousClock.now
        func lap(_ stage: String) {
            let now = ContinuousClock.now
            timings.append((stage, (now - clock).milliseconds))
            clock = now
        }
        var trace: TraceResult?
        var problems: [VictimReportProblem] = []
        if let victims = request.victims {
            progress?("tracing")
            let parser = TimeParser(defaultOffsetSeconds: request.ingest.timezoneOffsetSeconds)
            let (reports, rowProblems) = try request.victimReports ?? VictimReportReader.read(victims, timeParser: parser)
            problems = rowProblems
            var traceRequest = CaseTrace.Request(offsetSeconds: request.ingest.timezoneOffsetSeconds)
            traceRequest.policy = request.policy
            traceRequest.asOf = request.asOf
            traceRequest.bridgeRules = request.rules.cashBridge
            traceRequest.followsCashBridges = request.followCashBridges
            let traced = CaseTrace(traceRequest, reports: reports, data: data)
            trace = traced.result
            timings += [("cash_bridges", traced.bridgeMilliseconds), ("trace", traced.traceMilliseconds)]
            clock = ContinuousClock.now
        }
        progress?("detecting")
        let own = data.holders.holders.isEmpty ? nil : OwnAccountTransfers(graph: data.graph, holders: data.holders)
        let context = DetectionContext(graph: data.graph, rules: request.rules, trace: trace, scope: scope,
                                       ownAccounts: own, offsetSeconds: request.ingest.timezoneOffsetSeconds)
        let (findings, detectorTimings) = DetectionEngine().run(context)
        lap("detect")
        timings += detectorTimings.map { ("detect." + $0.pattern.rawValue, $0.milliseconds) }
        var losses: [TransferIndex: Int64] = [:]
        if let trace { for (t, loss) in trace.resolution.losses { losses[t] = loss.fen } }
        let provenance = SuspiciousMoney(graph: data.graph, rules: request.rules.provenance, losses: losses, victims: context.victims)
        lap("provenance")
        let detected = Flagger(rules: request.rules.flag).flag(
            findings, trace: trace, provenance: provenance, graph: data.graph, offsetSeconds: request.ingest.timezoneOffsetSeconds)
        let annotated = AnnotatedFlags(detected, annotations: request.annotations, graph: data.graph)
        lap("flag")
        return CaseAnalysis(request: request, data: data, victimProblems: problems, trace: trace, findings: findings,
                            provenance: provenance, flagged: annotated.flagged, cleared: annotated.cleared,
                            nextSteps: trace.flatMap { NextSteps.of($0, data: data) }, timings: timings)
    }
}
