/// The text and JSON forms of `fundflow stats`.
public enum StatsReport {
    /// The JSON object: `transfers`, `accounts`, `amount` (decimal string), `merged`, `rejected`,
    /// `skipped`, `rows`, and the details (files, channels, top accounts, first rejected rows,
    /// `accounting_problems`: ``IngestResult/accountingProblems``, empty unless fundflow has a bug).
    public static func json(_ report: IngestReport, _ summary: GraphSummary, offsetSeconds: Int, problems: [String] = [],
                            holders: HolderIndex = HolderIndex(), ownAccounts: OwnAccountTransfers? = nil) -> JSONValue {
        func figures(_ list: [GraphSummary.AccountFigure], amount: Bool) -> JSONValue {
            .array(list.map { figure in
                .object([
                    ("account", .string(figure.name)),
                    (amount ? "amount" : "count", amount ? .string(Amount(fen: figure.value).decimalString) : .int(figure.value)),
                    ("transfers", .int(Int64(figure.transfers))),
                ])
            })
        }
        var members: [(String, JSONValue)] = [
            ("rows", .int(Int64(report.rows))),
            ("transfers", .int(Int64(summary.transfers))),
            ("merged", .int(Int64(report.merged))),
            ("skipped", .int(Int64(report.skipped))),
            ("rejected", .int(Int64(report.rejected))),
            ("accounts", .int(Int64(summary.accounts))),
            ("amount", .string(summary.amount.decimalString)),
            ("amounts_by_outcome", report.amounts.json),
        ]
        if let span = summary.timeSpan {
            members.append(("first_time", .string(TimeFormatter.iso8601(span.lowerBound, offsetSeconds: offsetSeconds))))
            members.append(("last_time", .string(TimeFormatter.iso8601(span.upperBound, offsetSeconds: offsetSeconds))))
        }
        members.append(("skipped_by_reason", .object(SkipReason.allCases.compactMap { reason in
            report.skippedByReason[reason].map { (reason.rawValue, .int(Int64($0))) }
        })))
        members.append(("files", .array(report.files.map { file in
            .object([
                ("file", .string(file.file)),
                ("encoding", file.encoding.map { .string($0.rawValue) } ?? .null),
                ("layouts", .array(file.layouts.map { .string($0.rawValue) })),
                ("rows", .int(Int64(file.rows))),
                ("transfers", .int(Int64(file.transfers))),
                ("merged", .int(Int64(file.merged))),
                ("skipped", .int(Int64(file.skippedCount))),
                ("rejected", .int(Int64(file.rejected))),
                ("amounts_by_outcome", file.amounts.json),
            ])
        })))
        members.append(("channels", .array(summary.byChannel.map { total in
            .object([
                ("channel", .string(total.channel.name)),
                ("transfers", .int(Int64(total.count))),
                ("amount", .string(total.amount.decimalString)),
            ])
        })))
        members.append(("top_inflow", figures(summary.topInflow, amount: true)))
        members.append(("top_outflow", figures(summary.topOutflow, amount: true)))
        members.append(("top_counterparties", figures(summary.topCounterparties, amount: false)))
        members.append(("rejected_rows", .array(report.rejectedRows.prefix(20).map { row in
            .object([
                ("file", .string(row.file)), ("line", .int(Int64(row.line))),
                ("column", row.column.map { .string($0) } ?? .null), ("reason", .string(row.reason)),
            ])
        })))
        members.append(("ledger_gaps", .array(report.ledgerGaps.map { gap in
            .object([
                ("account", .string(gap.account)), ("file", .string(gap.file)),
                ("after_line", .int(Int64(gap.afterLine))), ("before_line", .int(Int64(gap.beforeLine))),
                ("after_time", .string(TimeFormatter.iso8601(gap.afterTime, offsetSeconds: offsetSeconds))),
                ("before_time", .string(TimeFormatter.iso8601(gap.beforeTime, offsetSeconds: offsetSeconds))),
                ("expected_balance", .string(Amount(fen: gap.expectedBalance).decimalString)),
                ("shown_balance", .string(Amount(fen: gap.shownBalance).decimalString)),
                ("missing", .string(Amount(fen: gap.missing).decimalString)),
            ])
        })))
        members.append(("holders", .array(holders.withSeveralAccounts.map { holder in
            .object([("holder", holder.names.first.map(JSONValue.string) ?? .null), ("holder_id", .string(holder.id)),
                     ("accounts", .array(holder.accounts.map(JSONValue.string)))])
        })))
        if let ownAccounts {
            members.append(("own_account_transfers", .object([("count", .int(Int64(ownAccounts.count))),
                                                              ("amount", .string(Amount(fen: ownAccounts.amount).decimalString))])))
        }
        members.append(("accounting_problems", .array(problems.map { .string($0) })))
        return .object(members)
    }

    /// The text a person reads.
    public static func text(
        _ report: IngestReport, _ summary: GraphSummary, offsetSeconds: Int, elapsed: Duration? = nil, problems: [String] = [],
        holders: HolderIndex = HolderIndex(), ownAccounts: OwnAccountTransfers? = nil
    ) -> String {
        var out = ""
        if !problems.isEmpty {
            out += "ACCOUNTING PROBLEMS (a fundflow bug: please report it with the input)\n"
            out += problems.map { "  \($0)\n" }.joined() + "\n"
        }
        let megabytes = Double(report.files.reduce(0) { $0 + $1.bytes }) / 1_048_576
        out += "Read \(report.files.count) file\(report.files.count == 1 ? "" : "s") (\(format(megabytes, digits: 1)) MB)"
        if let elapsed { out += " in \(format(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, digits: 2)) s" }
        out += "\n"
        for file in report.files {
            var line = "  \(file.file)  \(file.encoding?.rawValue ?? "xlsx")  \(file.layouts.map(\.rawValue).joined(separator: "+"))"
            line += "  rows \(file.rows): \(file.transfers) transfers, \(file.merged) merged, \(file.skippedCount) skipped, \(file.rejected) rejected"
            out += line + "\n"
        }
        out += "\nRows         \(report.rows) = \(report.transfers) transfers + \(report.merged) merged + \(report.skipped) skipped + \(report.rejected) rejected\n"
        let money = report.amounts
        out += "Money read   \(AmountAccount.decimalString(money.read)) = \(AmountAccount.decimalString(money.transfers)) transfers"
        out += " + \(AmountAccount.decimalString(money.merged)) merged + \(AmountAccount.decimalString(money.skipped)) skipped"
        out += " + \(AmountAccount.decimalString(money.rejected)) rejected\n"
        let reasons = SkipReason.allCases.compactMap { reason in report.skippedByReason[reason].map { "\(reason.rawValue) \($0)" } }
        if !reasons.isEmpty { out += "Skipped      \(reasons.joined(separator: ", "))\n" }
        out += "Transfers    \(summary.transfers)\n"
        out += "Accounts     \(summary.accounts)\n"
        out += "Amount       \(summary.amount.groupedString)\n"
        if let span = summary.timeSpan {
            out += "Period       \(TimeFormatter.string(span.lowerBound, offsetSeconds: offsetSeconds)) – \(TimeFormatter.string(span.upperBound, offsetSeconds: offsetSeconds))\n"
        }
        if !summary.byChannel.isEmpty {
            out += "\nBy channel\n"
            for total in summary.byChannel {
                out += "  " + pad(total.channel.name, 16) + pad(String(total.count), 10, right: true) + pad(total.amount.groupedString, 20, right: true) + "\n"
            }
        }
        func list(_ title: String, _ figures: [GraphSummary.AccountFigure], amount: Bool) {
            guard !figures.isEmpty else { return }
            out += "\n\(title)\n"
            for figure in figures {
                let value = amount ? Amount(fen: figure.value).groupedString : String(figure.value)
                out += "  " + pad(figure.name, 28) + pad(value, 20, right: true) + "  (\(figure.transfers) transfers)\n"
            }
        }
        list("Top accounts by inflow", summary.topInflow, amount: true)
        list("Top accounts by outflow", summary.topOutflow, amount: true)
        list("Top accounts by distinct counterparties", summary.topCounterparties, amount: false)
        if report.rejected > 0 {
            let shown = report.rejectedRows.prefix(10)
            out += "\nRejected rows (first \(shown.count) of \(report.rejected))\n"
            for row in shown {
                out += "  \(row.file):\(row.line)\(row.column.map { " (column \($0))" } ?? ""): \(row.reason)\n"
            }
        }
        let several = holders.withSeveralAccounts
        if !several.isEmpty {
            out += "\nHolders with several accounts: \(several.count) (the same document number)\n"
            for holder in several.prefix(20) {
                out += "  \(holder.names.joined(separator: "/").isEmpty ? "?" : holder.names.joined(separator: "/")) \(holder.id): "
                    + holder.accounts.joined(separator: ", ") + "\n"
            }
        }
        if let ownAccounts, ownAccounts.count > 0 {
            out += "Own-account transfers: \(ownAccounts.count) (\(Amount(fen: ownAccounts.amount).groupedString)) between one holder's accounts "
                + "(marked own_account: no chain, pass-through or fan-out by themselves)\n"
        }
        if !report.ledgerGaps.isEmpty {
            out += "\nLedger gaps: \(report.ledgerGaps.count) jumps in statements' balances (rows missing from the returns)\n"
            for gap in report.ledgerGaps.prefix(20) {
                out += "  \(gap.account) in \(gap.file), between lines \(gap.afterLine) and \(gap.beforeLine): balance \(Amount(fen: gap.shownBalance).groupedString) "
                    + "where \(Amount(fen: gap.expectedBalance).groupedString) follows; \(Amount(fen: gap.missing).groupedString) moved unseen\n"
            }
        }
        return out
    }

    /// `text` padded to `width` columns, always with at least one space on the padded side.
    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        right ? " " + text.padding(width - 1, right: true) : text.padding(width - 1) + " "
    }

    private static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            if fraction.count < digits { text += String(repeating: "0", count: digits - fraction.count) }
        }
        return text
    }
}
