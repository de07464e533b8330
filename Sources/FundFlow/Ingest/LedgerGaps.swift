/// A jump in a statement's running balance: rows missing from a 调单 result.
///
/// Where a statement gives the balance after each entry (交易余额, 余额), each entry's balance
/// must be the previous one plus a credit or minus a debit. When it is not, entries are missing
/// between the two rows — the bank returned part of the ledger — and the difference is the money
/// those missing entries moved.
public struct LedgerGap: Sendable, Equatable {
    /// The statement's subject account.
    public var account: String
    public var file: String
    /// The rows between which entries are missing (file lines).
    public var afterLine: Int
    public var beforeLine: Int
    /// When the two rows were.
    public var afterTime: EpochMilliseconds
    public var beforeTime: EpochMilliseconds
    /// The balance the later row should have shown, and what it shows (fen).
    public var expectedBalance: Int64
    public var shownBalance: Int64
    /// What the missing entries moved, net (fen): positive, money came in unseen.
    public var missing: Int64 { shownBalance - expectedBalance }
}

/// Checks statements' running balances entry by entry (``LedgerGap``).
enum LedgerGapCheck {
    /// The gaps in `rows` (statement rows of every file), by account and file, in time order.
    /// Rows without a readable balance are passed over; entries at the same time are taken in the
    /// order that keeps the balance continuous when one does (statements list them either way).
    /// Nothing is checked when no file has a balance column kept (`hasBalances` false).
    static func gaps(_ rows: StatementRows, hasBalances: Bool, accountName: (Int32) -> String,
                     fileName: (UInt16) -> String) -> [LedgerGap] {
        guard hasBalances else { return [] }
        struct Row { var time: EpochMilliseconds; var line: Int32; var delta: Int64; var balance: Int64 }
        // Ledgers by (subject, file), in the order first seen.
        var ledgers: [[Row]] = []
        var keys: [(Int32, UInt16)] = []
        var ledgerOf: [UInt64: Int] = [:]
        for i in 0..<rows.count {
            let balance = rows.balances[i]
            guard balance != StatementRows.noBalance else { continue }
            let subject = rows.subjects[i], file = rows.files[i]
            let key = UInt64(UInt32(bitPattern: subject)) << 16 | UInt64(file)
            let ledger: Int
            if let known = ledgerOf[key] {
                ledger = known
            } else {
                ledger = ledgers.count
                ledgerOf[key] = ledger
                ledgers.append([])
                keys.append((subject, file))
            }
            ledgers[ledger].append(Row(time: rows.times[i], line: rows.lines[i],
                                       delta: rows.outgoing[i] ? -rows.amounts[i] : rows.amounts[i], balance: balance))
        }
        var gaps: [LedgerGap] = []
        for (ledger, key) in keys.enumerated() {
            var rows = ledgers[ledger]
            rows.sort { $0.time != $1.time ? $0.time < $1.time : $0.line < $1.line }
            // A statement may list one moment's entries newest first: swap a pair at the same time
            // when only the swapped order continues the balance.
            var k = 1
            while k < rows.count {
                let previous = rows[k - 1].balance
                if previous &+ rows[k].delta != rows[k].balance, k + 1 < rows.count, rows[k + 1].time == rows[k].time,
                   previous &+ rows[k + 1].delta == rows[k + 1].balance {
                    rows.swapAt(k, k + 1)
                }
                k += 1
            }
            let (subject, file) = key
            for k in 1..<max(rows.count, 1) where k < rows.count {
                let expected = rows[k - 1].balance &+ rows[k].delta
                if expected != rows[k].balance {
                    gaps.append(LedgerGap(account: accountName(subject), file: fileName(file),
                                          afterLine: Int(rows[k - 1].line), beforeLine: Int(rows[k].line),
                                          afterTime: rows[k - 1].time, beforeTime: rows[k].time,
                                          expectedBalance: expected, shownBalance: rows[k].balance))
                }
            }
        }
        return gaps
    }
}
