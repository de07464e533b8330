/// Account-level precision and recall of a flagged list against a ground truth.
public struct Evaluation: Sendable {
    /// Figures for one role: how many accounts have it and how many were flagged.
    public struct RoleFigures: Sendable {
        /// The role.
        public var role: String
        /// Whether accounts of this role should be flagged.
        public var positive: Bool
        /// Accounts with the role.
        public var count: Int
        /// Of those, flagged.
        public var flagged: Int
        /// For a positive role, the share flagged (its recall); for a negative one, the share
        /// flagged wrongly.
        public var rate: Double { count == 0 ? 0 : Double(flagged) / Double(count) }
    }

    /// Accounts flagged.
    public var flagged: Int
    /// Accounts that should be flagged.
    public var positives: Int
    /// Flagged and positive.
    public var truePositives: Int
    /// Flagged, not positive.
    public var falsePositives: Int { flagged - truePositives }
    /// Positive, not flagged.
    public var falseNegatives: Int { positives - truePositives }
    /// Of the flagged, the share that is positive (1 when nothing was flagged).
    public var precision: Double { flagged == 0 ? 1 : Double(truePositives) / Double(flagged) }
    /// Of the positives, the share flagged (1 when there are none).
    public var recall: Double { positives == 0 ? 1 : Double(truePositives) / Double(positives) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// Figures per role, positive roles first, then by name.
    public var roles: [RoleFigures]
    /// Positive accounts not flagged, with their roles, sorted.
    public var missed: [(account: String, role: String)]
    /// Flagged accounts that are not positive, with their roles (`unknown` when not in the truth).
    public var falseAccounts: [(account: String, role: String)]

    /// Scores `flagged` against `truth`.
    public init(truth: GroundTruth, flagged flaggedAccounts: Set<String>) {
        flagged = flaggedAccounts.count
        positives = truth.positives.count
        truePositives = flaggedAccounts.intersection(truth.positives).count
        var byRole: [String: (positive: Bool, count: Int, flagged: Int)] = [:]
        for (account, role) in truth.roles {
            var entry = byRole[role] ?? (truth.positives.contains(account), 0, 0)
            entry.count += 1
            if flaggedAccounts.contains(account) { entry.flagged += 1 }
            byRole[role] = entry
        }
        roles = byRole.map { RoleFigures(role: $0.key, positive: $0.value.positive, count: $0.value.count, flagged: $0.value.flagged) }
            .sorted { ($0.positive ? 0 : 1, $0.role) < ($1.positive ? 0 : 1, $1.role) }
        missed = truth.positives.subtracting(flaggedAccounts).sorted().map { ($0, truth.roles[$0] ?? "unknown") }
        falseAccounts = flaggedAccounts.subtracting(truth.positives).sorted().map { ($0, truth.roles[$0] ?? "unknown") }
    }

    /// Reads the accounts of a flagged list: the `account` column of `flagged.csv` (formats.md §4),
    /// or the first column of a file without one.
    public static func readFlagged(_ path: String) throws -> Set<String> {
        let reader = try CSVReader(path: path)
        var column: Int?
        var accounts = Set<String>()
        try reader.forEachRecord { record in
            if record.isBlank { return true }
            if column == nil {
                if let index = HeaderNames(record).column("account") {
                    column = index
                    return true
                }
                column = 0
            }
            let account = AccountKey.clean(record.string(column!))
            if !account.isEmpty { accounts.insert(account) }
            return true
        }
        return accounts
    }

    /// The figures as JSON.
    public var json: JSONValue {
        func number(_ value: Double) -> JSONValue { .number(threeDecimals(value)) }
        return .object([
            ("flagged", .int(Int64(flagged))), ("positives", .int(Int64(positives))),
            ("true_positives", .int(Int64(truePositives))), ("false_positives", .int(Int64(falsePositives))),
            ("false_negatives", .int(Int64(falseNegatives))),
            ("precision", number(precision)), ("recall", number(recall)), ("f1", number(f1)),
            ("roles", .array(roles.map { r in
                .object([("role", .string(r.role)), ("positive", .bool(r.positive)), ("accounts", .int(Int64(r.count))),
                         ("flagged", .int(Int64(r.flagged))), ("rate", number(r.rate))])
            })),
            ("missed", .array(missed.map { .object([("account", .string($0.account)), ("role", .string($0.role))]) })),
            ("false", .array(falseAccounts.map { .object([("account", .string($0.account)), ("role", .string($0.role))]) })),
        ])
    }

    /// The figures as text for people.
    public var text: String {
        var out = "Flagged \(flagged), positives \(positives): \(truePositives) true, \(falsePositives) false, \(falseNegatives) missed\n"
        out += "Precision \(threeDecimals(precision))  recall \(threeDecimals(recall))  F1 \(threeDecimals(f1))\n\nBy role\n"
        for r in roles {
            let what = r.positive ? "recall" : "flagged wrongly"
            out += "  \(r.role.padding(16)) \(String(r.count).padding(7, right: true)) accounts  \(String(r.flagged).padding(7, right: true)) flagged  \(what) \(threeDecimals(r.rate))\n"
        }
        if !missed.isEmpty {
            out += "\nMissed (\(missed.count))\n" + missed.prefix(50).map { "  \($0.account)  \($0.role)\n" }.joined()
        }
        if !falseAccounts.isEmpty {
            out += "\nFlagged wrongly (\(falseAccounts.count))\n" + falseAccounts.prefix(50).map { "  \($0.account)  \($0.role)\n" }.joined()
        }
        return out
    }

}
