extension IngestResult {
    /// What does not add up in this result, one sentence each; empty when nothing is lost.
    ///
    /// Checks, per file, that rows = transfers + merged + skipped + rejected and that the money
    /// read is in exactly one outcome; then that the graph holds exactly the transfers and the
    /// money counted, with positive amounts, times in order and accounts in range. The readers
    /// keep these by construction: `stats` reports any breach, and the fuzzer crashes on one.
    public var accountingProblems: [String] {
        var problems: [String] = []
        for file in report.files {
            if file.rows != file.transfers + file.merged + file.skippedCount + file.rejected {
                problems.append("\(file.file): \(file.rows) rows but \(file.transfers) transfers + \(file.merged) merged + \(file.skippedCount) skipped + \(file.rejected) rejected")
            }
            let money = file.amounts
            if !money.addsUp {
                problems.append("\(file.file): \(AmountAccount.decimalString(money.read)) read but the outcomes hold "
                    + AmountAccount.decimalString(money.transfers + money.merged + money.skipped + money.rejected))
            }
        }
        if graph.transferCount != report.transfers {
            problems.append("the graph has \(graph.transferCount) transfers, the files \(report.transfers)")
        }
        let graphMoney = graph.totalFen
        if graphMoney != report.amounts.transfers {
            problems.append("the graph holds \(AmountAccount.decimalString(graphMoney)), the files' transfers "
                + AmountAccount.decimalString(report.amounts.transfers))
        }
        if report.rejectedRows.count > report.rejected {
            problems.append("\(report.rejectedRows.count) rejected rows kept but \(report.rejected) counted")
        }
        let accountCount = Int32(graph.accounts.count)
        for t in 0..<graph.transferCount {
            let payer = graph.payerIndex(t), payee = graph.payeeIndex(t)
            if graph.fen(t) <= 0 { problems.append("transfer \(t) has amount \(graph.fen(t))") }
            if t > 0 && graph.time(t) < graph.time(t - 1) { problems.append("transfer \(t) is out of time order") }
            if payer < -1 || payer >= accountCount || payee < -1 || payee >= accountCount || (payer < 0 && payee < 0) {
                problems.append("transfer \(t) has accounts \(payer) → \(payee) of \(accountCount)")
            }
            if problems.count >= 20 { break }
        }
        return problems
    }
}
