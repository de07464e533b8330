import Testing
@testable import FundFlow

/// Transfers between one holder's accounts (the same 证件号码) are marked and make no chain or
/// pass-through by themselves (fixtures/own-account): a salary moved from the payroll card to the
/// holder's savings card and on to her investment card stays silent; a pass-through to another
/// person does not.
@Suite struct OwnAccountTests {
    @Test func aHoldersOwnCardsMakeNoChainOrPassThrough() throws {
        let analysis = try CaseAnalysis.run(CaseAnalysis.Request(inputs: [Fixtures.path("own-account/statements.csv")]))
        let graph = analysis.data.graph
        let own = OwnAccountTransfers(graph: graph, holders: analysis.data.holders)
        #expect(own.count == 2 && own.amount == 2_370_000)
        let principals = analysis.findings.map { ($0.pattern, graph.name(of: $0.accounts[0])) }
        #expect(!principals.contains { $0.1.hasPrefix("621756") }, "\(principals)")
        #expect(principals.contains { $0 == (.passThrough, "6217570000000001") })
    }

    @Test func withoutDocumentNumbersNothingIsMarked() throws {
        // The same holder name on two cards is not enough: a name alone links nothing.
        let data = try Fixtures.read([try Fixtures.temporaryFile("""
            交易卡号,交易方户名,交易时间,交易金额,收付标志,交易对手账卡号,对手户名
            6217560000000001,唐小雨,2024-03-10 09:05:00,11900.00,出,6217560000000002,唐小雨

            """, name: "names_only.csv")])
        #expect(OwnAccountTransfers(graph: data.graph, holders: data.holders).count == 0)
    }
}
