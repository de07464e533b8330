import Testing
@testable import FundFlow

/// The money of every row is in exactly one outcome, with hand-computed figures.
@Suite struct AmountAccountTests {
    @Test func ledgerRowsPutTheirMoneyInOneOutcomeEach() throws {
        // Bank B holds the credit side of two of bank A's debits (9,000 and 100 merged; its 8,000 is
        // 10 minutes off, beyond the match window) and
        // one row with an unknown direction "?" (300.00 rejected).
        let a = try Ingestor.read([Fixtures.path("statements/bank_a_statement.csv"), Fixtures.path("statements/bank_b_statement.tsv")])
        let money = a.report.amounts
        #expect(money.read == 7_440_000)
        #expect(money.transfers == 6_500_000)
        #expect(money.merged == 910_000)
        #expect(money.skipped == 0)
        #expect(money.rejected == 30_000)
        #expect(a.graph.totalFen == money.transfers)
    }

    @Test func rejectedRowsKeepTheMoneyTheyParsed() throws {
        let csv = """
        id,time,from,to,amount
        1,2024-03-01 10:00:00,A,B,100.00
        2,not a time,A,B,7.50
        3,2024-03-01 10:02:00,,B,2.25
        4,2024-03-01 10:03:00,A,B,1.234
        5,2024-03-01 10:04:00,A,B,0.00
        合计,,,,109.75
        """
        let path = try Fixtures.temporaryFile(csv, name: "money.csv")
        let report = try Ingestor.read([path]).report
        let money = report.amounts
        #expect(money.read == 10_000 + 750 + 225 + 10_975)
        #expect(money.transfers == 10_000)
        #expect(money.rejected == 750 + 225)  // the 1.234 row carries no parsed money
        #expect(money.skipped == 10_975)
        #expect(money.addsUp && report.addsUp)
    }

    @Test func theAuditNamesARowOrAFenThatWentMissing() throws {
        var result = try Ingestor.read([Fixtures.path("canonical/mixed_en.csv")])
        #expect(result.accountingProblems.isEmpty)
        result.report.files[0].rows += 1
        result.report.files[0].amounts.read += 1
        let problems = result.accountingProblems
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.hasPrefix(Fixtures.path("canonical/mixed_en.csv")) })
        result.report.files[0].rows -= 1
        result.report.files[0].amounts.read -= 1
        result.report.files[0].amounts.transfers += 5
        result.report.files[0].amounts.read += 5
        #expect(result.accountingProblems == ["the graph holds \(AmountAccount.decimalString(result.report.amounts.transfers - 5)), the files' transfers \(AmountAccount.decimalString(result.report.amounts.transfers))"])
    }

    @Test func decimalStringsReachBeyondInt64() {
        #expect(AmountAccount.decimalString(0) == "0.00")
        #expect(AmountAccount.decimalString(-5) == "-0.05")
        #expect(AmountAccount.decimalString(12_345_678) == "123456.78")
        let big = Int128(Int64.max) * 10
        #expect(AmountAccount.decimalString(big) == "922337203685477580.70")
    }
}
