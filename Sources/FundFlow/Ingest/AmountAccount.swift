/// The money of a file's rows by outcome, in fen: every amount that parsed lands in exactly one
/// outcome, so ``read`` = ``transfers`` + ``merged`` + ``skipped`` + ``rejected``.
///
/// Rows whose amount does not parse carry no money and are only counted (as rejected rows);
/// statement debits and credits count as magnitudes. Sums are 128-bit, so no file can overflow them.
public struct AmountAccount: Sendable, Equatable {
    /// The amounts of all rows whose amount field parsed.
    public var read: Int128 = 0
    /// The amounts of rows that became a transfer (statements: the first side of each transfer).
    public var transfers: Int128 = 0
    /// The amounts of statement rows merged as the second side of a transfer.
    public var merged: Int128 = 0
    /// The amounts of skipped rows (failed transactions, summary lines) whose amount parsed.
    public var skipped: Int128 = 0
    /// The amounts of rejected rows whose amount parsed (the row failed on another field).
    public var rejected: Int128 = 0

    /// Creates an empty account.
    public init() {}

    /// Whether every fen read is in one outcome.
    public var addsUp: Bool { read == transfers + merged + skipped + rejected }

    /// The sum of two accounts, outcome by outcome.
    public static func + (lhs: AmountAccount, rhs: AmountAccount) -> AmountAccount {
        var sum = lhs
        sum.read += rhs.read
        sum.transfers += rhs.transfers
        sum.merged += rhs.merged
        sum.skipped += rhs.skipped
        sum.rejected += rhs.rejected
        return sum
    }
}

extension AmountAccount {
    /// `fen` as yuan with two decimals (`"123456.78"`, `"-0.05"`), for sums beyond ``Amount``'s range.
    public static func decimalString(_ fen: Int128) -> String {
        let magnitude = fen.magnitude
        let cents = Int(magnitude % 100)
        return (fen < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// The JSON object of the account: each outcome as a decimal string.
    var json: JSONValue {
        .object([
            ("read", .string(Self.decimalString(read))),
            ("transfers", .string(Self.decimalString(transfers))),
            ("merged", .string(Self.decimalString(merged))),
            ("skipped", .string(Self.decimalString(skipped))),
            ("rejected", .string(Self.decimalString(rejected))),
        ])
    }
}
