import Dispatch
import Synchronization

/// Runs every detector over a graph.
///
/// Detectors that stand alone run in parallel (they only read the graph); those that build on
/// other findings (`red_packet_collect` on `red_packet_split`) run after them.
public struct DetectionEngine: Sendable {
    /// The detectors that stand alone.
    public static let independent: [any Detector] = [
        PassThroughDetector(), FanOutDetector(), FanInDetector(), RedPacketSplitDetector(), CashMuleDetector(),
        VictimMuleDetector(), LayeringChainDetector(), QRCollectionDetector(), RoundTripDetector(), StructuringDetector(),
    ]
    /// The detectors that read earlier findings.
    public static let dependent: [any Detector] = [RedPacketCollectDetector()]

    /// Wall time per detector, in milliseconds, of the last run (for the benchmark).
    public struct Timing: Sendable {
        public var pattern: Pattern
        public var milliseconds: Double
    }

    public init() {}

    /// All findings, ordered by score (descending), then time, then pattern.
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
        for (offset, detector) in Self.dependent.enumerated() {
            let start = ContinuousClock.now
            findings += detector.detect(context, earlier: findings)
            let elapsed = ContinuousClock.now - start
            timings.withLock { $0[detectors.count + offset] = Timing(pattern: detector.pattern, milliseconds: elapsed.milliseconds) }
        }
        findings.sort { ($0.score, -$0.start) > ($1.score, -$1.start) || (($0.score, $0.start) == ($1.score, $1.start) && $0.pattern.rawValue < $1.pattern.rawValue) }
        return (findings, timings.withLock { $0 })
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

