/// `findings.json` and `flagged.csv` (formats.md §4).
public enum DetectionOutputs {
    /// `{"findings": [...]}` with, per finding: `pattern`, `accounts` (principal first),
    /// `transfers` (ids), `amount`, `start`, `end`, `score` and `summary`.
    public static func findingsJSON(_ findings: [Finding], graph: TransferGraph, offsetSeconds: Int = 8 * 3600) -> String {
        let list: [JSONValue] = findings.map { finding in
            .object([
                ("pattern", .string(finding.pattern.rawValue)),
                ("accounts", .array(finding.accounts.map { .string(graph.name(of: $0)) })),
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
            if account.holdsTracedMoney { patterns.insert("traced_funds", at: 0) }
            writer.appendRow([graph.name(of: account.account), threeDecimals(account.score), patterns.joined(separator: ";"), account.reason])
        }
        return writer.text
    }

}
