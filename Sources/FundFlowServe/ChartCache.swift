import FundFlow
import FundFlowCase
import Synchronization

/// The charts the server laid out last, by the SHA-256 of their DOT text, their engine and
/// format, up to a byte budget of output (least recently used out first).
///
/// An investigator expands a node, collapses it, widens the window and narrows it back: the page
/// asks for the same chart again and again, and Graphviz is most of a chart's cost (35–55 ms of
/// 40–60 ms at 2 hops on a 1M case, Benchmarks/README.md). The key is the whole DOT text, so
/// anything that changes the chart (options, annotations, the case) changes the key: a hit is
/// always the chart Graphviz would draw now. The key holds the text's SHA-256, not the text (a
/// 2-hop DOT is as large as its SVG): the same budget keeps twice the charts.
public final class ChartCache: Sendable {
    /// The DOT text's SHA-256 in hex (hashing the text as a `String` went through Unicode
    /// normalisation, which on charts full of Chinese names showed in the server's profile).
    struct Key: Hashable, Sendable {
        var digest: String
        var engine: String
        var format: RenderFormat
    }

    struct Entry: Sendable {
        var bytes: [UInt8]
        var lastUse: UInt64
    }

    struct State: Sendable {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The most the cached charts' output may hold. The default, 24 MiB (about 400 two-hop SVG
    /// charts of a 1M case), keeps the server within 1.2× the memory of
    /// `fundflow analyze` on the same case (Benchmarks/serve.sh).
    public let budget: Int
    private let state = Mutex(State())

    public init(budget: Int = 24 << 20) {
        self.budget = budget
    }

    /// The chart for `dot`, from the cache or from `render` (then kept); `hit` says which.
    public func chart(_ dot: String, engine: String, format: RenderFormat,
                      render: () throws(RenderError) -> [UInt8]) throws(RenderError) -> (bytes: [UInt8], hit: Bool) {
        let key = Key(digest: SHA256Digest.hex(dot), engine: engine, format: format)
        let cached: [UInt8]? = state.withLock { state in
            state.clock += 1
            guard let entry = state.entries[key] else { state.misses += 1; return nil }
            state.entries[key]!.lastUse = state.clock
            state.hits += 1
            return entry.bytes
        }
        if let cached { return (cached, true) }
        let bytes = try render()
        let size = bytes.count
        guard size <= budget / 4 else { return (bytes, false) }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue(Entry(bytes: bytes, lastUse: state.clock), forKey: key) {
                state.bytes -= old.bytes.count
            }
            state.bytes += size
            while state.bytes > budget, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
                state.bytes -= oldest.value.bytes.count
            }
        }
        return (bytes, false)
    }

    /// How many charts came from the cache and how many were laid out, since the start.
    public var counts: (hits: Int, misses: Int) {
        state.withLock { ($0.hits, $0.misses) }
    }
}
