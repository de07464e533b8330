/// Every detector, once. Adding one is its file (the detector, its ``Pattern``, its ``RuleSet``
/// and ``Detector/rulesSection``), a line here, and its tests.
public enum DetectorRegistry {
    /// The detectors in the order patterns are listed: in rules files, findings summaries and the
    /// report.
    public static let all: [any Detector] = [
        RedPacketSplitDetector(), RedPacketCollectDetector(), CashMuleDetector(), VictimMuleDetector(),
        FanInDetector(), FanOutDetector(), PassThroughDetector(), LayeringChainDetector(), QRCollectionDetector(),
        RoundTripDetector(), StructuringDetector(), SharedDeviceDetector(),
    ]

    /// The same detectors in the order they are started, the longest first (measured at 1.1M
    /// transfers, Benchmarks/features.sh): on two cores the long one starts while the short ones
    /// share the other core (`shared_device`, the longest when the inputs have device columns,
    /// made the detect stage 1.35 s instead of about 0.9 s when it was started last).
    static let startOrder: [any Detector] = {
        let order: [Pattern] = [.sharedDevice, .roundTrip, .fanIn, .passThrough, .layeringChain, .fanOut, .cashMule,
                                .redPacketSplit, .structuring, .qrCollection, .victimMule]
        let ranked = all.filter { order.contains($0.pattern) }
            .sorted { order.firstIndex(of: $0.pattern)! < order.firstIndex(of: $1.pattern)! }
        return ranked + all.filter { !order.contains($0.pattern) }  // a new detector starts last until measured
    }()

    /// Every detector's pattern, in ``all``'s order.
    public static let patterns: [Pattern] = all.map(\.pattern)

    /// The detector of `pattern`.
    public static func detector(of pattern: Pattern) -> (any Detector)? { all.first { $0.pattern == pattern } }
}
