/// One account's transfers in one direction — what it paid, or what it received — in time order,
/// or a time window of them (``TransferGraph/outgoing(_:in:)``): a view into the graph's
/// adjacency that only the graph makes.
///
/// Its elements are transfer indices as the graph stores them (`Int32`; `Int(t)` for the
/// accessors). Its indices are positions in the graph's adjacency: use them within the run (a
/// slice of a run is a run) and for its total (``TransferGraph/RunSums/total(_:)``), nowhere
/// else. A struct rather than the `ArraySlice` it wraps so that the layout stays the graph's;
/// the optimizer sees through it (`Benchmarks/instructions.sh`).
public struct TransferRun: RandomAccessCollection, Sendable {
    /// Whose side of its transfers the account is on.
    public enum Direction: Sendable {
        /// It paid them.
        case outgoing
        /// It received them.
        case incoming
    }

    let slice: ArraySlice<Int32>
    /// Paid or received.
    public let direction: Direction

    init(_ slice: ArraySlice<Int32>, _ direction: Direction) {
        self.slice = slice
        self.direction = direction
    }

    @inline(__always) public var startIndex: Int { slice.startIndex }
    @inline(__always) public var endIndex: Int { slice.endIndex }
    @inline(__always) public subscript(position: Int) -> Int32 { slice[position] }
    @inline(__always) public subscript(bounds: Range<Int>) -> TransferRun { TransferRun(slice[bounds], direction) }
    @inline(__always) public func index(after i: Int) -> Int { i + 1 }
    @inline(__always) public func index(before i: Int) -> Int { i - 1 }
}
