import Dispatch
import Synchronization

/// Runs every detector over a graph.
///
/// Detectors that stand alone run in parallel (they only read the graph); those that build on
/// other findings (`red_packet_collect` on `red_packet_split`) run after them.
public struct DetectionEngine: Sendable {
    /// The detectors that stand alone, the longest first (``DetectorRegistry/startOrder``):
    /// `concurrentPerform` hands them out in this order, so the long one starts while the short
    /// ones share the other core.
    public static let independent: [any Detector] = DetectorRegistry.startOrder.filter { !$0.readsEarlierFindings }
    /// The detectors that read earlier findings.
    public static let dependent: [any Detector] = DetectorRegistry.all.filter(\.readsEarlierFindings)

    /// Wall time per detector, in milliseconds, of the last run (for the benchmark).
    public struct Timing: Sendable {
        public var pattern: Pattern
        public var milliseconds: Double
    }

    public init() {}

    /// All findings, ordered by score (descending), then time, then pattern, then principal
    /// account. With a ``DetectionScope`` only the findings it keeps are returned, and only those
    /// reach the detectors that build on others.
    public func run(_ context: DetectionContext) -> (findings: [Finding], timings: [Timing]) {
        let detectors = Self.independent
        let results = Mutex([[Finding]](repeating: [], count: detectors.count))
        let timings = Mutex([Timing](repeating: Timing(pattern: .fanIn, milliseconds: 0), count: detectors.count + Self.dependent.count))
        DispatchQueue.concurrentPerform(iterations: detectors.count) { index in
            let start = ContinuousClock.now
            let found = detectors[index].detect(context, earlier: [])
            let elapsed = ContinuousClock.now - start
            results.withLock { $0[index] = found }
            timings.withLock { $0[index] = Timing(pattern: detectors[index].pattern, milliseconds: elapsed.milliseconds) }
        }
        var findings = results.withLock { $0.flatMap { $0 } }
        let graph = context.graph
        // Moving money between one's own accounts is no chain, pass-through or dispersal by itself.
        if let own = context.ownAccounts, own.count > 0 {
            findings.removeAll { Self.onlyOwnAccountMoves($0, own, graph) }
        }
        if let scope = context.scope { findings.removeAll { !scope.keeps($0, in: graph) } }
        Self.order(&findings, graph)  // the dependent detectors see them in a fixed order
        for (offset, detector) in Self.dependent.enumerated() {
            let start = ContinuousClock.now
            var found = detector.detect(context, earlier: findings)
            if let scope = context.scope { found.removeAll { !scope.keeps($0, in: graph) } }
            findings += found
            let elapsed = ContinuousClock.now - start
            timings.withLock { $0[detectors.count + offset] = Timing(pattern: detector.pattern, milliseconds: elapsed.milliseconds) }
        }
        Self.order(&findings, graph)
        return (findings, timings.withLock { $0 })
    }

    /// Whether a `pass_through` or `fan_out` sent its money on only to the principal's own
    /// accounts, or a `layering_chain` moved it on only between one holder's accounts after the
    /// money came in (``OwnAccountTransfers``).
    static func onlyOwnAccountMoves(_ finding: Finding, _ own: OwnAccountTransfers, _ graph: TransferGraph) -> Bool {
        let onward: [TransferIndex]
        switch finding.pattern {
        case .passThrough, .fanOut:
            guard let principal = finding.accounts.first else { return false }
            onward = finding.transfers.filter { graph.payerIndex(Int($0)) == principal.index }
        case .layeringChain:
            onward = Array(finding.transfers.dropFirst())
        default:
            return false
        }
        return !onward.isEmpty && onward.allSatisfy { own.contains(Int($0)) }
    }

    /// Score (descending), time, pattern, principal account, first transfer. Names, not account
    /// indices, break ties: the order must not depend on how the accounts were numbered (a part
    /// of the data numbers them differently).
    static func order(_ findings: inout [Finding], _ graph: TransferGraph) {
        func principal(_ f: Finding) -> String { f.accounts.first.map { graph.name(of: $0) } ?? "" }
        findings.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.start != $1.start { return $0.start < $1.start }
            if $0.pattern != $1.pattern { return $0.pattern.rawValue < $1.pattern.rawValue }
            let (a, b) = (principal($0), principal($1))
            if a != b { return a < b }
            return ($0.transfers.first.map(graph.id) ?? "") < ($1.transfers.first.map(graph.id) ?? "")
        }
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

