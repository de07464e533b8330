/// How an outflow draws from the lots an account holds (tracing.md, "Policies").
public enum TracePolicy: String, Sendable, CaseIterable {
    /// The oldest lots first (先进先出); the default, and the rule for returning frozen money in
    /// time order.
    case fifo
    /// The newest lots first.
    case lifo
    /// Every label in proportion to what the account holds of it; shares rounded down to the fen,
    /// the fen left over one each to the largest remainders (ties: victim ids ascending by their
    /// UTF-8 bytes, `clean` last), so the shares sum exactly to the draw.
    case proportional
    /// Any outflow from an account holding tainted money is tainted in full by every victim label
    /// held: an upper bound for reach, not conserving, not for amounts.
    case poison

    /// Whether resolved loss = held + cashed out holds for every victim.
    public var conserves: Bool { self != .poison }
}
