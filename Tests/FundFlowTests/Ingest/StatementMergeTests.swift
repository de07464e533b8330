import Testing
@testable import FundFlow

/// Two banks' ledgers (and a police export) of the same transfers give each transfer once.
@Suite struct StatementMergeTests {
    let files = ["statements/police_export_gb18030.csv", "statements/bank_a_statement.csv", "statements/bank_b_statement.tsv"]
        .map(Fixtures.path)

    @Test func eachTransferOnceWithinTheDefaultWindow() throws {
        let result = try Fixtures.read(files)
        let report = result.report
        #expect(report.rows == 20)
        #expect(report.transfers == 11)
        #expect(report.merged == 3)
        #expect(report.skipped == 5)
        #expect(report.rejected == 1)
        #expect(report.addsUp)
        #expect(Amount(fen: Int64(result.graph.totalFen)).decimalString == "144200.00")
        let graph = result.graph
        // Same serial in the police export (debit) and bank A (credit): one transfer, the debit's time.
        let shared = graph.transfers(withID: "SN1002")
        #expect(shared.count == 1)
        #expect(TimeFormatter.string(graph.time(shared[0]), offsetSeconds: cst) == "2024-03-01 14:05:00")
        #expect(graph.source(of: shared[0]).file.hasSuffix("police_export_gb18030.csv"))
        // Different serials 90 s apart: one transfer with the debit's serial and time.
        #expect(graph.transfers(withID: "A-77001").count == 1)
        #expect(graph.transfers(withID: "B-99001").isEmpty)
        // No serial on either side: matched by accounts, amount and time.
        let small = (0..<graph.transferCount).filter { graph.fen($0) == 10_000 }
        #expect(small.count == 1)
        #expect(TimeFormatter.string(graph.time(small[0]), offsetSeconds: cst) == "2024-03-01 14:21:00")
        // 10 minutes apart: two transfers under the default 5-minute window.
        #expect(graph.transfers(withID: "A-77002").count == 1)
        #expect(graph.transfers(withID: "B-99002").count == 1)
    }

    @Test func aWiderWindowMergesTheTenMinutePair() throws {
        var options = IngestOptions()
        options.matchWindowMilliseconds = 15 * 60 * 1000
        let result = try Fixtures.read(files, options: options)
        #expect(result.report.transfers == 10)
        #expect(result.report.merged == 4)
        #expect(result.report.addsUp)
        #expect(Amount(fen: Int64(result.graph.totalFen)).decimalString == "136200.00")
        #expect(result.graph.transfers(withID: "B-99002").isEmpty)
    }

    @Test func mergeDoesNotDependOnFileOrder() throws {
        let forward = try Fixtures.read(files)
        let backward = try Fixtures.read(files.reversed())
        #expect(forward.report.transfers == backward.report.transfers)
        #expect(forward.graph.totalFen == backward.graph.totalFen)
        let ids = { (g: TransferGraph) in (0..<g.transferCount).map { g.id($0) }.sorted() }
        #expect(ids(forward.graph) == ids(backward.graph))
    }

    @Test func eachRowIsUsedOnce() throws {
        // Two identical debits and one credit: one pair and one debit left on its own.
        let a = try Fixtures.temporaryFile("""
            账号,交易时间,借贷标志,金额,对方账号
            A,2024-03-01 10:00:00,借,100.00,B
            A,2024-03-01 10:01:00,借,100.00,B
            """, name: "a.csv")
        let b = try Fixtures.temporaryFile("""
            账号,交易时间,借贷标志,金额,对方账号
            B,2024-03-01 10:00:30,贷,100.00,A
            """, name: "b.csv")
        let result = try Fixtures.read([a, b])
        #expect(result.report.transfers == 2)
        #expect(result.report.merged == 1)
        #expect(result.graph.transferCount == 2)
    }

    @Test func overlappingExportsOfOneLedgerAreMerged() throws {
        let row = "6217000022223333,2024-03-01 10:00:00,出,500.00,6230000055556666,S-1"
        let a = try Fixtures.temporaryFile("卡号,交易时间,收付标志,交易金额,对手账号,流水号\n\(row)\n", name: "jan.csv")
        let b = try Fixtures.temporaryFile("卡号,交易时间,收付标志,交易金额,对手账号,流水号\n\(row)\n", name: "jan-again.csv")
        let result = try Fixtures.read([a, b])
        #expect(result.report.transfers == 1)
        #expect(result.report.merged == 1)
    }

    @Test func negativeAmountsGiveTheDirectionWithoutADirectionColumn() throws {
        let path = try Fixtures.temporaryFile("""
            交易卡号,交易时间,交易金额,对手账号,摘要
            C1,2024-03-01 10:00:00,-300.00,C2,转账
            C1,2024-03-01 11:00:00,450.00,C3,转账
            C1,2024-03-01 12:00:00,-100.00,,ATM取现
            """)
        let graph = try Fixtures.read([path]).graph
        #expect(graph.transferCount == 3)
        let c1 = try #require(graph.account(named: "C1"))
        #expect(graph.outgoing(c1).map { graph.fen(Int($0)) } == [30_000, 10_000])
        #expect(graph.incoming(c1).map { graph.fen(Int($0)) } == [45_000])
        #expect(graph.channel(Int(graph.outgoing(c1).last!)) == .cashWithdrawal)
    }
}
