import Testing
@testable import FundFlow

/// `freeze.csv` and `flagged.csv` name each account's holder and document number where the
/// inputs give them: here two 查询反馈 returns (户名, 交易方证件号码, 开户人证件号码) and a victim.
@Suite struct HolderColumnsTests {
    static func analysis() throws -> CaseAnalysis {
        let victims = try Fixtures.temporaryFile("""
            victim,amount,time,to,case
            6228480000000011,30000.00,2024-03-01 14:22:05,6217300000000001,AJ-1

            """, name: "victims.csv")
        var request = CaseAnalysis.Request(inputs: ["query-feedback/bank_full_gb18030.csv", "query-feedback/bank_variant.csv"].map(Fixtures.path))
        request.victims = victims
        return try CaseAnalysis.run(request)
    }

    @Test func freezeNamesTheHolders() throws {
        let analysis = try Self.analysis()
        let trace = try #require(analysis.trace)
        let rows = TraceOutputs.freeze(trace, holders: analysis.data.holders).split(separator: "\n").map(String.init)
        #expect(rows[0] == "account,amount,victims,hops,policy,holder,holder_id")
        // 陈小红's card: 29,500 in at 14:26, 14,000 out at 14:30 (the 100 shop payment at 09:00
        // came before the money) — 15,500.00 of the victim's money left.
        #expect(rows.contains("6217000000000022,15500.00,6228480000000011,2,fifo,陈小红,440301199505050033"))
        #expect(rows.contains("6217300000000001,100.00,6228480000000011,1,fifo,周建国,110101198001010011"))
        // 刘洋's card is named by 陈小红's statement (对手户名) and has no document number here.
        #expect(rows.contains("6217000000000044,14000.00,6228480000000011,3,fifo,刘洋,"))
    }

    @Test func flaggedHasTheColumns() throws {
        let analysis = try Self.analysis()
        let text = DetectionOutputs.flaggedCSV(analysis.flagged, graph: analysis.data.graph, holders: analysis.data.holders)
        #expect(text.hasPrefix("account,score,patterns,reason,holder,holder_id\n"))
        for row in text.split(separator: "\n").dropFirst() where row.hasPrefix("6217000000000022,") {
            #expect(row.hasSuffix(",陈小红,440301199505050033"))
        }
    }

    @Test func theStatementsNamesReachTheGraphBySide() throws {
        let data = try Fixtures.read([Fixtures.path("query-feedback/bank_full_gb18030.csv")])
        let graph = data.graph
        let subject = try #require(graph.account(named: "6217300000000001"))
        let payer = try #require(graph.account(named: "6228480000000011"))
        #expect(graph.holderName(of: subject) == "周建国")
        #expect(graph.holderName(of: payer) == "李娜")
    }
}
