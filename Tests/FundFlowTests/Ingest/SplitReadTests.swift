import Testing
@testable import FundFlow

/// A file read in parts on several threads gives what a one-thread read gives: the same
/// transfers, account ids, ids, lines, attributes, counts and rejected rows.
@Suite struct SplitReadTests {
    /// Differences between two reads (empty: none).
    static func differences(_ a: IngestResult, _ b: IngestResult) -> [String] {
        var found: [String] = []
        let g = a.graph, h = b.graph
        if g.timeColumn != h.timeColumn { found.append("times") }
        if g.fenColumn != h.fenColumn { found.append("amounts") }
        if g.payerColumn != h.payerColumn { found.append("payers") }
        if g.payeeColumn != h.payeeColumn { found.append("payees") }
        if g.channelColumn != h.channelColumn { found.append("channels") }
        if g.accountCount != h.accountCount { found.append("account count \(g.accountCount) vs \(h.accountCount)") }
        for i in 0..<min(g.accountCount, h.accountCount) where g.name(of: AccountID(i)) != h.name(of: AccountID(i)) {
            found.append("account \(i)")
            break
        }
        for t in 0..<min(g.transferCount, h.transferCount) {
            if g.id(t) != h.id(t) || g.source(of: t) != h.source(of: t) {
                found.append("transfer \(t): \(g.id(t)) \(g.source(of: t)) vs \(h.id(t)) \(h.source(of: t))")
                break
            }
            if g.attributes.attributes(row: t).map({ "\($0.key)=\($0.value)" }) != h.attributes.attributes(row: t).map({ "\($0.key)=\($0.value)" }) {
                found.append("attributes of transfer \(t)")
                break
            }
        }
        let r = a.report, s = b.report
        if (r.rows, r.transfers, r.merged, r.skipped, r.rejected) != (s.rows, s.transfers, s.merged, s.skipped, s.rejected) {
            found.append("counts \((r.rows, r.transfers, r.merged, r.skipped, r.rejected)) vs \((s.rows, s.transfers, s.merged, s.skipped, s.rejected))")
        }
        if r.skippedByReason != s.skippedByReason { found.append("skipped by reason") }
        if r.amounts != s.amounts { found.append("amounts by outcome") }
        if r.rejectedRows != s.rejectedRows { found.append("rejected rows") }
        if r.files.map(\.bytes) != s.files.map(\.bytes) || r.files.map(\.encoding) != s.files.map(\.encoding) {
            found.append("file bytes or encodings")
        }
        if r.ledgerGaps != s.ledgerGaps { found.append("ledger gaps \(r.ledgerGaps.count) vs \(s.ledgerGaps.count)") }
        if a.holders != b.holders { found.append("holders") }
        if a.ledgerAccounts != b.ledgerAccounts { found.append("ledger accounts") }
        return found
    }

    /// A bank 查询反馈 export (UTF-8) of many accounts' ledgers with what makes parts hard for
    /// statements: both sides of transfers (merged by serial, or by time when a side has none),
    /// running balances with jumps (ledger gaps), blank 收付标志 that only the balance before can
    /// tell — a part may start right after that balance —, multi-line memos, a repeated header,
    /// rejected rows and holders' document numbers.
    static func statement(rows: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let header = "交易卡号,交易方户名,交易方证件号码,交易时间,交易金额,交易余额,收付标志,交易对手账卡号,对手户名,摘要说明,交易流水号\n"
        var text = header
        var balances: [Int: Int64] = [:]
        func line(_ account: Int, _ other: Int, out: Bool, fen: Int64, second: UInt64, serial: String, blank: Bool, memo: String) -> String {
            var balance = balances[account, default: 1_000_000]
            balance += out ? -fen : fen
            if random.next() % 50 == 0 { balance += 777 }  // rows missing from the return
            balances[account] = balance
            let time = "2024-03-0\(1 + second / 86_400) \(String(format: "%02d:%02d:%02d", (second / 3600) % 24, (second / 60) % 60, second % 60))"
            let direction = blank ? "" : out ? "借" : "贷"
            return "62170000\(account),户\(account % 9),1101011990\(String(format: "%08d", account)),\(time),\(fen / 100).\(String(format: "%02d", fen % 100)),"
                + "\(balance / 100).\(String(format: "%02d", balance % 100)),\(direction),62170000\(other),户\(other % 9),\(memo),\(serial)\n"
        }
        for i in 0..<rows {
            let kind = random.next() % 40
            if kind == 0 { text += header; continue }
            if kind == 1 { text += "6217000099,户,,2024-03-01 10:00:00,12.345,,借,6217000098,户,转账,X\(i)\n"; continue }
            let payer = Int(random.next() % UInt64(20 + i / 20)), payee = Int(random.next() % UInt64(20 + i / 20))
            guard payer != payee else { continue }
            let fen = Int64(random.next() % 500_000 + 1)
            let second = random.next() % (3 * 86_400)
            let serial = random.next() % 6 == 0 ? "" : "S\(i)"
            var memo = "转账"
            if random.next() % 30 == 0 { memo = "\"转账\n第二行\"" }
            text += line(payer, payee, out: true, fen: fen, second: second, serial: serial, blank: random.next() % 8 == 0, memo: memo)
            if random.next() % 3 != 0 {
                text += line(payee, payer, out: false, fen: fen, second: second + random.next() % 60, serial: random.next() % 5 == 0 ? "" : serial,
                             blank: random.next() % 8 == 0, memo: "转账")
            }
        }
        return text
    }

    /// A dump with what makes parts hard: memos quoted over several lines (cuts fall inside
    /// them), rejected and skipped rows, blank lines, a repeated header, attributes, empty ids,
    /// times out of order, and accounts that first appear late in the file.
    static func dump(rows: Int, newlinesInMemos: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = "\u{FEFF}id,time,from,to,amount,channel,memo,from_name\n"
        for i in 0..<rows {
            let kind = random.next() % 40
            if kind == 0 { text += "\n"; continue }
            if kind == 1 { text += "id,time,from,to,amount,channel,memo,from_name\n"; continue }
            let from = "62220000\(random.next() % UInt64(50 + i / 10))"
            let to = "62280000\(random.next() % UInt64(50 + i / 5))"
            let amount = kind == 2 ? "12.345" : kind == 3 ? "0.00" : "\(random.next() % 100_000).\(random.next() % 10)5"
            let second = random.next() % 86_400
            let time = "2024-03-0\(1 + random.next() % 3) \(second / 3600 < 10 ? "0" : "")\(second / 3600):\(String(repeating: "0", count: (second / 60) % 60 < 10 ? 1 : 0))\((second / 60) % 60):\(String(repeating: "0", count: second % 60 < 10 ? 1 : 0))\(second % 60)"
            var memo = "转账 \(i), \"备注\""
            for _ in 0..<Int(random.next() % UInt64(newlinesInMemos + 1)) { memo += "\n第二行" }
            let quoted = "\"" + memo.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let id = random.next() % 9 == 0 ? "" : "T\(i)"
            let channel = ["transfer", "red_packet", "qr_payment", "atm_withdrawal"][Int(random.next() % 4)]
            text += "\(id),\(time),\(from),\(channel == "atm_withdrawal" ? "" : to),\(amount),\(channel),\(quoted),张\(i % 7)\n"
        }
        return text
    }

    static func read(_ path: String, threads: Int) throws -> IngestResult {
        var options = IngestOptions()
        options.readThreads = threads
        options.splitMinimumBytes = 0
        options.helpedBuildMinimum = 0
        options.parallelLookupMinimum = 0
        return try Ingestor.read([path], options: options)
    }

    @Test(arguments: [0, 1, 12])
    func partsReadAsOneThreadReads(newlinesInMemos: Int) throws {
        let path = try Fixtures.temporaryFile(Self.dump(rows: 3_000, newlinesInMemos: newlinesInMemos, seed: UInt64(newlinesInMemos)))
        let whole = try Self.read(path, threads: 1)
        #expect(whole.report.transfers > 2_000 && whole.report.rejected > 0 && whole.report.skipped > 0)
        for threads in [2, 3, 5, 8] {
            let split = try Self.read(path, threads: threads)
            #expect(Self.differences(whole, split).isEmpty, "\(threads) threads: \(Self.differences(whole, split))")
        }
    }

    /// A statement export read in parts gives the one-thread read's transfers, merges, gaps and
    /// holders; a part whose first blank 收付标志 needs an earlier part's balance is read again.
    @Test func statementPartsReadAsOneThreadReads() throws {
        let path = try Fixtures.temporaryFile(Self.statement(rows: 3_000, seed: 11))
        let whole = try Self.read(path, threads: 1)
        #expect(whole.report.merged > 500 && whole.report.rejected > 0 && whole.report.skipped > 0)
        #expect(!whole.report.ledgerGaps.isEmpty && !whole.holders.holders.isEmpty)
        #expect(whole.report.rejectedRows.contains { $0.reason.contains("收付标志 is blank") })
        for threads in [2, 3, 5, 8] {
            let split = try Self.read(path, threads: threads)
            #expect(Self.differences(whole, split).isEmpty, "\(threads) threads: \(Self.differences(whole, split))")
        }
    }

    /// A GB18030 file is read in parts too, each converted from its cut to the next: the same
    /// result, also when multi-line memos put cuts inside quoted fields (a part's reader then
    /// reads on to the end of the file) and for a statement export.
    @Test(arguments: [0, 1, 12])
    func gb18030PartsReadAsOneThreadReads(newlinesInMemos: Int) throws {
        let dump = String(Self.dump(rows: 3_000, newlinesInMemos: newlinesInMemos, seed: UInt64(20 + newlinesInMemos)).dropFirst())  // no BOM
        for text in [dump, Self.statement(rows: 2_000, seed: UInt64(30 + newlinesInMemos))] {
            let path = try Fixtures.temporaryFile(Fixtures.gb18030(text))
            let whole = try Self.read(path, threads: 1)
            #expect(whole.report.files[0].encoding == .gb18030 && whole.report.transfers > 1_000)
            for threads in [2, 3, 5, 8] {
                let split = try Self.read(path, threads: threads)
                #expect(Self.differences(whole, split).isEmpty, "\(threads) threads: \(Self.differences(whole, split))")
            }
        }
    }

    /// Several files read together — two split in parts, then a bank statement — give what a
    /// one-thread read gives: a later file's rows and attributes go after an earlier file's parts.
    @Test func filesAfterPartsReadAsOneThreadReads() throws {
        let first = try Fixtures.temporaryFile(Self.dump(rows: 2_000, newlinesInMemos: 0, seed: 7))
        let second = try Fixtures.temporaryFile(Self.dump(rows: 1_500, newlinesInMemos: 3, seed: 8))
        let paths = [first, second, Fixtures.path("statements/bank_a_statement.csv")]
        var options = IngestOptions()
        options.readThreads = 1
        let whole = try Ingestor.read(paths, options: options)
        options.readThreads = 3
        options.splitMinimumBytes = 0
        options.helpedBuildMinimum = 0
        options.parallelLookupMinimum = 0
        let split = try Ingestor.read(paths, options: options)
        #expect(!whole.graph.attributes.isEmpty && whole.report.files.count == 3)
        #expect(Self.differences(whole, split).isEmpty, "\(Self.differences(whole, split))")
    }

    /// Nineteen CSV and TSV fixtures, bad ones and returns among them, read the same with eight
    /// threads (GB18030 files on one thread, the others possibly in parts); those that fail fail
    /// the same way.
    @Test func fixturesReadTheSame() throws {
        let names = [
            "canonical/mixed_en.csv", "demo/transfers.csv", "aml/amlworld_trans.csv", "aml/amlsim_transactions.csv",
            "db/clean_money_first.csv", "statements/bank_a_statement.csv", "statements/bank_b_statement.tsv",
            "statements/police_export_gb18030.csv", "bad/bad_values.csv", "bad/truncated.csv", "bad/unbalanced_quote.csv",
            "bad/duplicate_headers.csv", "bad/header_only.csv", "bad/gbk_bytes_in_utf8_name.csv",
            "tenpay/TenpayTrades_2024030101.txt", "bills/微信支付账单(20240201-20240331).csv", "query-feedback/payment_institution.csv",
            "query-feedback/bank_variant.csv", "own-account/statements.csv",
        ]
        for name in names {
            let path = Fixtures.path(name)
            let whole = Result { try Self.read(path, threads: 1) }
            let split = Result { try Self.read(path, threads: 8) }
            switch (whole, split) {
            case (.success(let a), .success(let b)):
                #expect(Self.differences(a, b).isEmpty, "\(name): \(Self.differences(a, b))")
            case (.failure(let a), .failure(let b)):
                #expect("\(a)" == "\(b)", "\(name)")
            default:
                Issue.record("\(name): one read failed and the other did not")
            }
        }
    }
}
