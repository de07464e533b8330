/// The cash bridges beside a trace's cash-out points: the bridges whose withdrawal carried
/// victims' money, with that money and whether the trace followed them.
public struct TracedBridge: Sendable {
    /// What a bridge is to this trace.
    public enum Status: String, Sendable {
        /// The trace carried the money across it (`--cash-bridges`): what crossed is inferred.
        case followed
        /// A link the trace did not follow (run without `--cash-bridges`).
        case candidate
        /// Several people's cash matched the deposit: never followed.
        case ambiguous
    }

    public var bridge: CashBridges.Bridge
    /// The victims' money the withdrawal carried (fen).
    public var victimsFen: Int64
    /// Whose money it was (labels ascending).
    public var labels: [Int32]
    public var status: Status
}

extension TracedBridge {
    /// The bridges of `bridges` whose withdrawal carried victims' money (`flows`), in deposit
    /// order: one pass over the flows, made once per trace (``TraceResult/tracedBridges``).
    static func list(_ bridges: CashBridges?, flows: [TaintFlow], followed: Bool) -> [TracedBridge] {
        guard let bridges, !bridges.bridges.isEmpty else { return [] }
        var carried: [Int32: (fen: Int64, labels: Set<Int32>)] = [:]
        for bridge in bridges.bridges { carried[Int32(bridge.withdrawal)] = (0, []) }
        for flow in flows where carried[flow.transfer] != nil {
            carried[flow.transfer]!.fen += flow.fen
            carried[flow.transfer]!.labels.insert(flow.label)
        }
        return bridges.bridges.compactMap { bridge in
            guard let money = carried[Int32(bridge.withdrawal)], money.fen > 0 else { return nil }
            let status: Status = !bridge.isUnambiguous ? .ambiguous : followed ? .followed : .candidate
            return TracedBridge(bridge: bridge, victimsFen: money.fen, labels: money.labels.sorted(), status: status)
        }
    }
}
