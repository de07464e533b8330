/// A point in time as milliseconds since 1970-01-01T00:00:00Z.
///
/// Times are kept as integers so that ordering, windows and arithmetic are exact and cheap.
public typealias EpochMilliseconds = Int64
