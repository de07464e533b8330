/// The trace of a case: the victims' reports resolved in the data, the cash bridges matched, the
/// tracer run. `fundflow trace` is this; ``CaseAnalysis`` runs it first when victims are given.
public struct CaseTrace: Sendable {
    /// How to trace.
    public struct Request: Sendable {
        public var policy: TracePolicy = .fifo
        /// Stop the clock here (inclusive).
        public var asOf: EpochMilliseconds?
        /// How cash bridges match (``CashBridges``).
        public var bridgeRules = CashBridgeRules()
        /// Whether to match cash bridges at all (conserving policies only). A part of the data
        /// fetched along the money (`trace --source`) holds none of the deposits a bridge needs.
        public var matchesCashBridges = true
        /// Follow the unambiguous bridges (else they are only listed).
        public var followsCashBridges = false
        /// The UTC offset at which warnings write times.
        public var offsetSeconds: Int

        public init(offsetSeconds: Int) { self.offsetSeconds = offsetSeconds }
    }

    /// The trace.
    public let result: TraceResult
    /// Wall time of matching the bridges and of tracing, in milliseconds.
    public let bridgeMilliseconds: Double
    public let traceMilliseconds: Double

    /// Traces `reports` through `data`.
    public init(_ request: Request, reports: [VictimReport], data: IngestResult) {
        let start = ContinuousClock.now
        let matches = request.policy.conserves && request.matchesCashBridges
        if matches && !request.followsCashBridges {
            // Bridges only listed beside the trace are matched on a second thread while it runs
            // (`trace`'s trace stage ~26 → ~18 ms on the realistic 1M dump); their time is then
            // the wait for them.
            final class Box: @unchecked Sendable { var bridges: CashBridges? }
            let box = Box()
            let graph = data.graph, rules = request.bridgeRules, holders = data.holders
            let worker = WorkerThread { box.bridges = CashBridges(graph: graph, rules: rules, holders: holders) }
            let resolution = LossResolution(reports, in: data.graph, asOf: request.asOf, offsetSeconds: request.offsetSeconds)
            let traced = Tracer(graph: data.graph, resolution: resolution, policy: request.policy, asOf: request.asOf).run()
            let ran = ContinuousClock.now
            worker.join()
            let matched = ContinuousClock.now
            result = traced.listing(box.bridges)
            bridgeMilliseconds = (matched - ran).milliseconds
            traceMilliseconds = (ran - start).milliseconds
            return
        }
        let resolution = LossResolution(reports, in: data.graph, asOf: request.asOf, offsetSeconds: request.offsetSeconds)
        let bridges = matches ? CashBridges(graph: data.graph, rules: request.bridgeRules, holders: data.holders) : nil
        let matched = ContinuousClock.now
        result = Tracer(graph: data.graph, resolution: resolution, policy: request.policy, asOf: request.asOf,
                        bridges: bridges, followBridges: request.followsCashBridges && bridges != nil).run()
        bridgeMilliseconds = (matched - start).milliseconds
        traceMilliseconds = (ContinuousClock.now - matched).milliseconds
    }
}
