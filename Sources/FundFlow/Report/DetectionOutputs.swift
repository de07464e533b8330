/// `findings.json` and `flagged.csv` (formats.md §4).
public enum DetectionOutputs {
    /// `{"findings": [...]}` with, per finding: `pattern`, `accounts` (principal first), `roles`
    /// (what each account did: `principal`, `source`, `conduit`, `destination`, `cash_out`,
    /// `wallet`),
    /// `transfers` (ids), `amount`, `start`, `end`, `score` and `summary`.
    public static func findingsJSON(_ findings: [Finding], graph: TransferGraph, offsetSeconds: Int = 8 * 3600) -> String {
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

    /// `flagged.csv`: `account,score,patterns,reason`.
    public static func flaggedCSV(_ flagged: [FlaggedAccount], graph: TransferGraph) -> String {
        var writer = CSVWriter(header: ["account", "score", "patterns", "reason"])
        for account in flagged {
            var patterns = account.patterns.map(\.rawValue)
            if account.fundedBySuspiciousMoney { patterns.insert("suspicious_funds", at: 0) }
            if account.holdsTracedMoney { patterns.insert("traced_funds", at: 0) }
            writer.appendRow([graph.name(of: account.account), threeDecimals(account.score), patterns.joined(separator: ";"), account.reason])
        }
        return writer.text
    }


    /// `possible_victims.csv`: `account,paid,to,first_time,last_time,finding` — the payers of the
    /// collections (``CollectionSeeds``) that are not flagged themselves: people who paid a
    /// stranger's account that passed the money straight on, whom police may want to contact as
    /// unreported victims. `paid` in yuan; `to` the collection accounts, `;`-joined; `finding` is
    /// `collection`. Largest payment first, then account.
    public static func possibleVictimsCSV(_ provenance: SuspiciousMoney, flagged: [FlaggedAccount], graph: TransferGraph,
                                          offsetSeconds: Int = 8 * 3600) -> String {
        let flaggedAccounts = Set(flagged.map(\.account.index))
        var byPayer: [Int32: (paid: Int64, to: [Int32], first: EpochMilliseconds, last: EpochMilliseconds)] = [:]
        for collection in provenance.collections {
            for t in collection.payments {
                let payer = graph.payers[t]
                guard payer >= 0, !flaggedAccounts.contains(payer) else { continue }
                var entry = byPayer[payer] ?? (0, [], .max, .min)
                entry.paid += graph.amounts[t]
                if !entry.to.contains(collection.account.index) { entry.to.append(collection.account.index) }
                entry.first = min(entry.first, graph.times[t])
                entry.last = max(entry.last, graph.times[t])
                byPayer[payer] = entry
            }
        }
        let rows = byPayer.map { ($0.key, $0.value, graph.name(of: AccountID($0.key))) }
            .sorted { $0.1.paid != $1.1.paid ? $0.1.paid > $1.1.paid : $0.2 < $1.2 }
        var writer = CSVWriter(header: ["account", "paid", "to", "first_time", "last_time", "finding"])
        for (_, entry, name) in rows {
            writer.appendRow([name, Amount(fen: entry.paid).decimalString,
                              entry.to.map { graph.name(of: AccountID($0)) }.sorted().joined(separator: ";"),
                              TimeFormatter.iso8601(entry.first, offsetSeconds: offsetSeconds),
                              TimeFormatter.iso8601(entry.last, offsetSeconds: offsetSeconds), "collection"])
        }
        return writer.text
    }
}
