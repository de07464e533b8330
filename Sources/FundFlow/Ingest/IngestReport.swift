/// A row that could not become a transfer, with where it is and why.
public struct RejectedRow: Sendable, Equatable {
    /// The file's path.
    public var file: String
    /// The 1-based line (for xlsx: the sheet's row number).
    public var line: Int
    /// The column at fault, where one is (its header text).
    public var column: String?
    /// Why the row was rejected.
    public var reason: String
    /// The row's text as read (fields joined by the separator), cut at 500 bytes.
    public var text: String
}

/// Why a row was counted but is not a transfer.
public enum SkipReason: String, CaseIterable, Sendable, Codable {
    /// The row records a transaction that did not succeed (交易是否成功 = 否).
    case failed
    /// The amount is 0.00.
    case zeroAmount = "zero_amount"
    /// A summary line (合计, 总计, 小计) or a separator line (`-----`).
    case summary
    /// The header row repeated inside the file (concatenated exports).
    case repeatedHeader = "repeated_header"
    /// A line before the header (a title, query conditions).
    case preamble
    /// A 查询反馈 row saying the query found nothing (查询反馈结果原因 `未查询到交易明细`): the
    /// account was asked about and has no entries, which is itself a result.
    case emptyReturn = "empty_return"
    /// A row its platform counts as neither income nor expense (支付宝's 收/支 `不计收支`: moves
    /// between one's own balance and funds, refunds of a closed order).
    case notCounted = "not_counted"
}

/// What reading one file gave.
public struct FileReport: Sendable {
    /// The file's path.
    public var file: String
    /// The detected encoding.
    public var encoding: TextEncoding?
    /// The layout of each table read (one per sheet for xlsx).
    public var layouts: [TableLayout] = []
    /// Data rows read (not counting header rows and blank lines).
    public var rows = 0
    /// Rows that became a transfer (for statements: before merging two sides).
    public var transfers = 0
    /// Statement rows that were the second side of a transfer already counted.
    public var merged = 0
    /// Rows counted but not transfers, by reason.
    public var skipped: [SkipReason: Int] = [:]
    /// Rows rejected.
    public var rejected = 0
    /// Bytes read.
    public var bytes = 0
    /// The money of the rows by outcome.
    public var amounts = AmountAccount()

    /// The total of ``skipped``.
    public var skippedCount: Int { skipped.values.reduce(0, +) }

    /// Whether rows = transfers + merged + skipped + rejected, and the same for their money.
    public var addsUp: Bool { rows == transfers + merged + skippedCount + rejected && amounts.addsUp }
}

/// What an ingest read, row by row accounted for.
public struct IngestReport: Sendable {
    /// One report per input file, in input order.
    public var files: [FileReport] = []
    /// The rejected rows (the first ``IngestOptions/rejectedLimit`` kept in full; all are counted).
    public var rejectedRows: [RejectedRow] = []
    /// Jumps in statements' running balances: rows missing from the returns (``LedgerGap``).
    public var ledgerGaps: [LedgerGap] = []

    /// Data rows read.
    public var rows: Int { files.reduce(0) { $0 + $1.rows } }
    /// Transfers in the graph.
    public var transfers: Int { files.reduce(0) { $0 + $1.transfers } }
    /// Statement rows merged into a transfer from another row.
    public var merged: Int { files.reduce(0) { $0 + $1.merged } }
    /// Rows skipped as not transfers.
    public var skipped: Int { files.reduce(0) { $0 + $1.skippedCount } }
    /// Rows rejected.
    public var rejected: Int { files.reduce(0) { $0 + $1.rejected } }
    /// Skipped rows by reason over all files.
    public var skippedByReason: [SkipReason: Int] {
        files.reduce(into: [:]) { total, file in total.merge(file.skipped, uniquingKeysWith: +) }
    }
    /// The money of all files' rows by outcome.
    public var amounts: AmountAccount { files.reduce(AmountAccount()) { $0 + $1.amounts } }
    /// Whether every row is accounted for, in every file.
    public var addsUp: Bool { files.allSatisfy(\.addsUp) }
}
