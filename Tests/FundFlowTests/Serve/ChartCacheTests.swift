import FundFlow
import FundFlowServe
import Testing

/// The server's chart cache: the same DOT is laid out once, a different one (a changed option,
/// an annotation, a format) is laid out anew, and the budget evicts the least recently used.
@Suite struct ChartCacheTests {
    @Test func sameChartOnceOthersAnew() throws {
        let cache = ChartCache()
        var renders = 0
        func chart(_ dot: String, _ format: RenderFormat = .svg) throws -> (bytes: [UInt8], hit: Bool) {
            try cache.chart(dot, engine: "dot", format: format) { () throws(RenderError) in
                renders += 1
                return Array("\(format.rawValue):\(dot)".utf8)
            }
        }
        #expect(try chart("digraph { a -> b }").hit == false)
        let again = try chart("digraph { a -> b }")
        #expect(again.hit && again.bytes == Array("svg:digraph { a -> b }".utf8))
        #expect(try chart("digraph { a -> b }", .png).hit == false)
        #expect(try chart("digraph { a -> 张三 }").hit == false)
        // Canonically equivalent Unicode is a different chart text: its bytes are hashed.
        #expect(try chart("digraph { \u{E9} }").hit == false)
        #expect(try chart("digraph { e\u{301} }").hit == false)
        #expect(renders == 5)
        #expect(cache.counts.hits == 1 && cache.counts.misses == 5)
    }

    @Test func failuresAreNotKept() throws {
        let cache = ChartCache()
        #expect(throws: RenderError.self) {
            try cache.chart("digraph {", engine: "dot", format: .svg) { () throws(RenderError) in throw RenderError(message: "syntax error") }
        }
        let drawn = try cache.chart("digraph {", engine: "dot", format: .svg) { () throws(RenderError) in [1] }
        #expect(drawn.hit == false && drawn.bytes == [1])
    }

    @Test func theBudgetEvictsTheLeastRecentlyUsed() throws {
        let cache = ChartCache(budget: 3_700)
        let body = [UInt8](repeating: 7, count: 900)
        func chart(_ name: String) throws -> Bool {
            try cache.chart("digraph { \(name) }", engine: "dot", format: .svg) { () throws(RenderError) in body }.hit
        }
        for name in ["a", "b", "c", "d"] { _ = try chart(name) }
        #expect(try chart("a"), "a is kept and now the most recent")
        _ = try chart("e")          // over budget: b, the least recently used, goes
        #expect(try chart("a") && chart("c") && chart("d") && chart("e"))
        #expect(try chart("b") == false)
        // A chart larger than a quarter of the budget is drawn but never kept.
        let large = [UInt8](repeating: 1, count: 1_200)
        #expect(try cache.chart("digraph { big }", engine: "dot", format: .svg) { () throws(RenderError) in large }.hit == false)
        #expect(try cache.chart("digraph { big }", engine: "dot", format: .svg) { () throws(RenderError) in large }.hit == false)
    }
}
