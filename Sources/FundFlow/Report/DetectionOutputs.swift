/// `findings.json` and `flagged.csv` (formats.md §4).
public enum DetectionOutputs {
    /// `{"findings": [...]}` with, per finding: `pattern`, `accounts` (principal first), `roles`
    /// (what each account did: `principal`, `source`, `conduit`, `destination`, `cash_out`,
    /// `wallet`),
    /// `transfers` (ids), `amount`, `start`, `end`, `score` and `summary`.
    public static func findingsJSON(_ findings: [Finding], graph: TransferGraph, offsetSeconds: Int) -> String {
        let list: [JSONValue] = findings.map { finding in
            .object([
                ("pattern", .string(finding.pattern.rawValue)),
                ("accounts", .array(finding.accounts.map { .string(graph.name(of: $0)) })),
                ("roles", .array(finding.roles.map { .string($0.rawValue) })),
                ("transfers", .array(finding.transfers.map { .string(graph.id($0)) })),
                ("amount", .string(finding.amount.decimalString)),
                ("start", .string(TimeFormatter.iso8601(finding.start, offsetSeconds: offsetSeconds))),
                ("end", .string(TimeFormatter.iso8601(finding.end, offsetSeconds: offsetSeconds))),
                ("score", .number(threeDecimals(finding.score))),
                ("summary", .string(finding.summary)),
            ])
        }
        return JSONValue.object([("findings", .array(list))]).serialized() + "\n"
    }

    /// `flagged.csv`: `account,score,patterns,reason,holder,holder_id` (the holder's name as the
    /// transfers give it, and document number where the inputs give one).
    public static func flaggedCSV(_ flagged: [FlaggedAccount], graph: TransferGraph, holders: HolderIndex = HolderIndex()) -> String {
        var writer = CSVWriter(header: ["account", "score", "patterns", "reason", "holder", "holder_id"])
        for account in flagged {
            var patterns = account.patterns.map(\.rawValue)
            if account.fundedBySuspiciousMoney { patterns.insert("suspicious_funds", at: 0) }
            if account.holdsTracedMoney { patterns.insert("traced_funds", at: 0) }
            let id = graph.name(of: account.account)
            writer.appendRow([id, threeDecimals(account.score), patterns.joined(separator: ";"), account.reason,
                              graph.holderName(of: account.account) ?? "", holders.holder(of: id)?.id ?? ""])
        }
        return writer.text
    }


    /// One payer of collections (``CollectionSeeds``) that is not flagged itself.
    public struct PossibleVictim: Sendable {
        public var account: AccountID
        /// What it paid into the collections (fen).
        public var paid: Int64
        /// The collection accounts it paid.
        public var to: [AccountID]
        public var first: EpochMilliseconds
        public var last: EpochMilliseconds
    }

    /// The payers of the collections that are not flagged, largest payment first, then account.
    public static func possibleVictims(_ provenance: SuspiciousMoney, flagged: [FlaggedAccount], graph: TransferGraph) -> [PossibleVictim] {
        let flaggedAccounts = Set(flagged.map(\.account.index))
        var byPayer: [Int32: PossibleVictim] = [:]
        for collection in provenance.collections {
            for t in collection.payments {
                let payer = graph.payerIndex(t)
                guard payer >= 0, !flaggedAccounts.contains(payer) else { continue }
                var entry = byPayer[payer] ?? PossibleVictim(account: AccountID(payer), paid: 0, to: [], first: .max, last: .min)
                entry.paid += graph.fen(t)
                if !entry.to.contains(collection.account) { entry.to.append(collection.account) }
                entry.first = min(entry.first, graph.time(t))
                entry.last = max(entry.last, graph.time(t))
                byPayer[payer] = entry
            }
        }
        return byPayer.values.map { ($0, graph.name(of: $0.account)) }
            .sorted { $0.0.paid != $1.0.paid ? $0.0.paid > $1.0.paid : $0.1 < $1.1 }.map(\.0)
    }

    /// `possible_victims.csv`: `account,paid,to,first_time,last_time,finding` — the payers of the
    /// collections (``CollectionSeeds``) that are not flagged themselves: people who paid a
    /// stranger's account that passed the money straight on, whom police may want to contact as
    /// unreported victims. `paid` in yuan; `to` the collection accounts, `;`-joined; `finding` is
    /// `collection`. Largest payment first, then account.
    public static func possibleVictimsCSV(_ provenance: SuspiciousMoney, flagged: [FlaggedAccount], graph: TransferGraph,
                                          offsetSeconds: Int) -> String {
        var writer = CSVWriter(header: ["account", "paid", "to", "first_time", "last_time", "finding"])
        for entry in possibleVictims(provenance, flagged: flagged, graph: graph) {
            writer.appendRow([graph.name(of: entry.account), Amount(fen: entry.paid).decimalString,
                              entry.to.map { graph.name(of: $0) }.sorted().joined(separator: ";"),
                              TimeFormatter.iso8601(entry.first, offsetSeconds: offsetSeconds),
                              TimeFormatter.iso8601(entry.last, offsetSeconds: offsetSeconds), "collection"])
        }
        return writer.text
    }
}
