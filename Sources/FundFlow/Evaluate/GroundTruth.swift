/// Which accounts are truly on the laundering side, and each account's role where known.
///
/// Read from a simulated case's `truth.csv` (`account,role,gang`: the gang-side roles of ``Role``
/// are positive), from an IBM AMLworld transactions file (accounts of transactions with
/// `Is Laundering` = 1 are positive, every other account negative), from an AMLSim
/// `transactions.csv` (`is_sar` true) or from AMLSim's `alert_accounts.csv` (`acct_id`, with
/// `is_sar` when present).
public struct GroundTruth: Sendable {
    /// The role of each known account (`laundering` / `normal` for AMLworld and AMLSim).
    public var roles: [String: String]
    /// The accounts that should be flagged.
    public var positives: Set<String>

    /// Creates a ground truth from roles and positives.
    public init(roles: [String: String], positives: Set<String>) {
        self.roles = roles
        self.positives = positives
    }

    /// Reads a truth file of any of the kinds above, detected from its header.
    public static func read(_ path: String) throws -> GroundTruth {
        let reader = try CSVReader(path: path)
        var header: [String]?
        var layout: Layout = .simulated
        var columns: [Int] = []
        var roles: [String: String] = [:]
        var positives = Set<String>()
        var failure: IngestError?
        try reader.forEachRecord { record in
            if header == nil {
                if record.isBlank { return true }
                let names = HeaderNames(record)
                header = names.normalized
                guard let detected = Self.layout(of: names) else {
                    failure = IngestError(file: path, line: record.line, kind: .missingColumns(
                        ["account,role (truth.csv), Is Laundering (AMLworld), is_sar (AMLSim) or acct_id (alert_accounts.csv)"]))
                    return false
                }
                (layout, columns) = detected
                return true
            }
            if record.isBlank { return true }
            switch layout {
            case .simulated:
                let account = AccountKey.clean(record.string(columns[0]))
                let role = record.string(columns[1])
                guard !account.isEmpty else { return true }
                roles[account] = role
                if Role(rawValue: role)?.isGangSide == true { positives.insert(account) }
            case .amlworld:
                let from = record.string(columns[0]) + ":" + record.string(columns[1])
                let to = record.string(columns[2]) + ":" + record.string(columns[3])
                let laundering = record.string(columns[4]) == "1"
                for account in [from, to] {
                    if laundering {
                        positives.insert(account)
                        roles[account] = "laundering"
                    } else if roles[account] == nil {
                        roles[account] = "normal"
                    }
                }
            case .amlsimTransactions:
                let sar = Self.isTrue(record.string(columns[2]))
                for account in [record.string(columns[0]), record.string(columns[1])] {
                    if sar {
                        positives.insert(account)
                        roles[account] = "laundering"
                    } else if roles[account] == nil {
                        roles[account] = "normal"
                    }
                }
            case .amlsimAlerts:
                let account = record.string(columns[0])
                let sar = columns.count < 2 || Self.isTrue(record.string(columns[1]))
                if sar { positives.insert(account); roles[account] = "laundering" } else if roles[account] == nil { roles[account] = "normal" }
            }
            return true
        }
        if let failure { throw failure }
        if header == nil { throw IngestError(file: path, kind: .empty) }
        return GroundTruth(roles: roles, positives: positives)
    }

    enum Layout {
        case simulated, amlworld, amlsimTransactions, amlsimAlerts
    }

    static func layout(of header: HeaderNames) -> (Layout, [Int])? {
        func column(_ spelling: String) -> Int? { header.column(spelling) }
        if let account = column("account"), let role = column("role") { return (.simulated, [account, role]) }
        if let laundering = column("Is Laundering"), let fromBank = column("From Bank"), let toBank = column("To Bank") {
            let accounts = header.columns("Account")
            guard accounts.count == 2 else { return nil }
            return (.amlworld, [fromBank, accounts[0], toBank, accounts[1], laundering])
        }
        if let sar = column("is_sar"), let from = column("orig_acct"), let to = column("bene_acct") {
            return (.amlsimTransactions, [from, to, sar])
        }
        if let account = column("acct_id") {
            return (.amlsimAlerts, column("is_sar").map { [account, $0] } ?? [account])
        }
        return nil
    }

    static func isTrue(_ text: String) -> Bool {
        ["true", "1", "yes", "y", "t"].contains(text.lowercased())
    }
}
