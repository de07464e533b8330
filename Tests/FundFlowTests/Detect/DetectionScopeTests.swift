@testable import FundFlow
import Testing

/// Detection over a part of the data (rows fetched from a database): which findings a scope keeps,
/// and whose clock says "new".
@Suite struct DetectionScopeTests {
    /// A pass-through account M, and a chain A → M → B → C that runs through it.
    let graph = makeGraph("""
        OLD -864000 Z Y 100
        T1 0 A M 2000000
        T2 600 M B 1950000
        T3 1200 B C 1900000
        """)

    func findings(_ scope: DetectionScope?) -> [Finding] {
        DetectionEngine().run(DetectionContext(graph: graph, scope: scope, offsetSeconds: cst)).findings
    }

    @Test func principalPatternsAreKeptOnlyForCompleteAccounts() throws {
        let all = findings(nil)
        let passing = Set(all.filter { $0.pattern == .passThrough }.map { graph.name(of: $0.accounts[0]) })
        #expect(passing == ["M", "B"])
        let scoped = findings(DetectionScope(completeAccounts: ["M"], dataStart: nil))
        #expect(Set(scoped.filter { $0.pattern == .passThrough }.map { graph.name(of: $0.accounts[0]) }) == ["M"])
        // The chain is kept whoever is complete: its fetch holds all of it.
        #expect(scoped.contains { $0.pattern == .layeringChain })
        #expect(all.contains { $0.pattern == .layeringChain })
    }

    /// The data starts with OLD, ten days before M's first transfer: M is new (3 days) only if the
    /// clock starts at the data's start, not at the part's.
    @Test func newnessIsJudgedFromTheStartOfTheWholeData() throws {
        func score(_ scope: DetectionScope?) throws -> Double {
            try #require(findings(scope).first { $0.pattern == .passThrough && graph.name(of: $0.accounts[0]) == "M" }).score
        }
        let start = try #require(graph.timeSpan?.lowerBound)
        let withData = try score(DetectionScope(completeAccounts: ["M", "B"], dataStart: start))
        let partStart = try score(DetectionScope(completeAccounts: ["M", "B"], dataStart: graph.time(1) - 86_400_000))
        #expect(withData > partStart)
    }
}
