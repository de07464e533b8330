/// One account's transfers in one direction — what it paid, or what it received — in time order,
/// or a time window of them (``TransferGraph/outgoing(_:in:)``): a view into the graph's
/// adjacency that only the graph makes.
///
/// Its elements are transfer indices as the graph stores them (`Int32`; `Int(t)` for the
/// accessors). Its indices are positions in the graph's adjacency: use them within the run (a
/// slice of a run is a run) and for its total (``TransferGraph/RunSums/total(_:)``), nowhere
/// else. A struct rather than the `ArraySlice` it wraps so that the layout stays the graph's.
/// Which side the account is on is in the type (``Paid``, ``Received``), not stored: a run
/// that also stored it was one word wider than the slice and no longer passed in registers
/// (chains and cycles executed 5.5% more instructions, `Benchmarks/instructions.sh`).
public struct TransferRun<Side: RunSide>: RandomAccessCollection, Sendable {
    let slice: ArraySlice<Int32>

    init(_ slice: ArraySlice<Int32>) { self.slice = slice }

    @inline(__always) public var startIndex: Int { slice.startIndex }
    @inline(__always) public var endIndex: Int { slice.endIndex }
    @inline(__always) public subscript(position: Int) -> Int32 { slice[position] }
    @inline(__always) public subscript(bounds: Range<Int>) -> TransferRun { TransferRun(slice[bounds]) }
    @inline(__always) public func index(after i: Int) -> Int { i + 1 }
    @inline(__always) public func index(before i: Int) -> Int { i - 1 }
    // The slice's own answers for iterating, counting, slicing and contiguous access, so that a
    // run behaves as the slice does rather than through the collection defaults.
    @inline(__always) public func makeIterator() -> IndexingIterator<ArraySlice<Int32>> { slice.makeIterator() }
    @inline(__always) public subscript(bounds: ClosedRange<Int>) -> TransferRun { TransferRun(slice[bounds]) }
    @inline(__always) public var first: Int32? { slice.first }
    @inline(__always) public var last: Int32? { slice.last }
    @inline(__always) public var indices: Range<Int> { slice.startIndex..<slice.endIndex }
    @inline(__always) public var count: Int { slice.count }
    @inline(__always) public var isEmpty: Bool { slice.isEmpty }
    @inline(__always) public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R? {
        try slice.withContiguousStorageIfAvailable(body)
    }
}

/// Which side of a run's transfers the account is on.
public protocol RunSide: Sendable {}
/// The account paid them (``TransferGraph/outgoing(_:)``).
public enum Paid: RunSide {}
/// The account received them (``TransferGraph/incoming(_:)``).
public enum Received: RunSide {}

/// What an account paid, in time order.
public typealias OutgoingRun = TransferRun<Paid>
/// What an account received, in time order.
public typealias IncomingRun = TransferRun<Received>
