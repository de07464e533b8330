/// The files a trace writes (formats.md §4 and issue 4).
public enum TraceOutputs {
    /// The next statements to request and the linked cases of `result`, when its policy conserves
    /// amounts: under `poison` (whole transfers are tainted: upper bounds) the amounts to request
    /// and the links between victims would be the poison's reach, not money. `data` says which
    /// ledgers were read.
    public static func nextSteps(_ result: TraceResult, data: IngestResult) -> (requests: NextRequests, linkedCases: LinkedCases)? {
        guard result.policy.conserves else { return nil }
        return (NextRequests(result, ledgerAccounts: data.ledgerAccounts, statementFiles: NextRequests.statementFiles(data.report)),
                LinkedCases(result))
    }

    /// The files a trace writes, by name: `freeze.csv`, `returns.csv`, `cashout.csv`,
    /// `resolution.csv`, and with `nextSteps` (``nextSteps(_:data:)``) `requests.csv` and
    /// `clusters.csv` — one list for `fundflow trace` and `fundflow analyze`.
    public static func files(_ result: TraceResult, nextSteps: (requests: NextRequests, linkedCases: LinkedCases)?, graph: TransferGraph,
                             holders: HolderIndex = HolderIndex(), offsetSeconds: Int) -> [(name: String, text: String)] {
        var files: [(String, String)] = [("freeze.csv", freeze(result, holders: holders))]
        if result.policy.conserves { files.append(("returns.csv", returns(result))) }
        files.append(("cashout.csv", cashout(result, offsetSeconds: offsetSeconds)))
        files.append(("resolution.csv", resolution(result.resolution, graph: graph)))
        if let nextSteps {
            files.append(("requests.csv", nextSteps.requests.csv(graph: graph, offsetSeconds: offsetSeconds)))
            files.append(("clusters.csv", nextSteps.linkedCases.csv(result)))
        }
        return files
    }

    /// The transfer attributes these files read (the places of cash-outs, the holders' names and
    /// document numbers, as dumps and statements spell them): a trace need keep no others
    /// (``IngestOptions/keptAttributes``).
    public static let attributesUsed: Set<String> = [
        "place", "from_name", "to_name", "account_name", "counterparty_name",
        "holder_id", "counterparty_holder_id", "from_holder_id", "to_holder_id",
    ]

    /// `freeze.csv`: `account,amount,victims,hops,policy,holder,holder_id`, amount descending then
    /// account; every amount > 0. For `poison` the amount is the account's whole balance (an upper
    /// bound). `holder` is the name the transfers give the account, `holder_id` its document
    /// number where the inputs give one (``HolderIndex``).
    public static func freeze(_ result: TraceResult, holders: HolderIndex = HolderIndex()) -> String {
        var writer = CSVWriter(header: ["account", "amount", "victims", "hops", "policy", "holder", "holder_id"])
        for holding in result.freezeOrder {
            let account = result.graph.name(of: holding.account)
            writer.appendRow([
                account, Amount(fen: holding.total).decimalString,
                holding.byLabel.map { result.victim($0.label) }.joined(separator: ";"),
                holding.hops.map(String.init) ?? "", result.policy.rawValue,
                result.graph.holderName(of: holding.account) ?? "", holders.holder(of: account)?.id ?? "",
            ])
        }
        return writer.text
    }

    /// `returns.csv`: `account,victim,case,amount,policy`, one row per account and victim with
    /// money held, in freeze order; per account the amounts sum to its freeze amount. Not written
    /// for `poison` (it does not conserve amounts).
    public static func returns(_ result: TraceResult) -> String {
        var writer = CSVWriter(header: ["account", "victim", "case", "amount", "policy"])
        for holding in result.freezeOrder {
            for (label, fen) in holding.byLabel where fen > 0 {
                writer.appendRow([
                    result.graph.name(of: holding.account), result.victim(label),
                    result.resolution.cases[Int(label)].joined(separator: ";"), Amount(fen: fen).decimalString,
                    result.policy.rawValue,
                ])
            }
        }
        return writer.text
    }

    /// `cashout.csv`: `account,amount,victims,first_time,last_time,places`: where victims' money
    /// left as cash, largest first.
    public static func cashout(_ result: TraceResult, offsetSeconds: Int) -> String {
        var writer = CSVWriter(header: ["account", "amount", "victims", "first_time", "last_time", "places"])
        for cashout in result.cashouts {
            var places: [String] = []
            for t in cashout.transfers {
                if let place = result.graph.attributes.value("place", row: t), !places.contains(place) { places.append(place) }
            }
            writer.appendRow([
                result.graph.name(of: cashout.account), Amount(fen: cashout.total).decimalString,
                cashout.byLabel.map { result.victim($0.label) }.joined(separator: ";"),
                TimeFormatter.string(result.graph.time(cashout.transfers.first!), offsetSeconds: offsetSeconds),
                TimeFormatter.string(result.graph.time(cashout.transfers.last!), offsetSeconds: offsetSeconds),
                places.joined(separator: ";"),
            ])
        }
        return writer.text
    }

    /// `resolution.csv`: how each report resolved: `line,victim,case,reported,resolved,transfers,warning`
    /// where `transfers` lists `id:amount` of each loss transfer's part.
    public static func resolution(_ resolution: LossResolution, graph: TransferGraph) -> String {
        var writer = CSVWriter(header: ["line", "victim", "case", "reported", "resolved", "transfers", "warning"])
        for entry in resolution.reports {
            writer.appendRow([
                String(entry.report.line), entry.report.victim, entry.report.caseID, entry.report.amount.decimalString,
                entry.resolved.decimalString,
                entry.parts.map { "\(graph.id($0.transfer)):\(Amount(fen: $0.fen).decimalString)" }.joined(separator: ";"),
                entry.warning ?? "",
            ])
        }
        return writer.text
    }

    /// The evidence paths into `account`, one per victim whose money it holds or cashed out, as text.
    public static func explain(_ result: TraceResult, account: AccountID, offsetSeconds: Int) -> String {
        let graph = result.graph
        var out = "Evidence for \(graph.name(of: account)) (policy \(result.policy.rawValue))\n"
        let holding = result.held.first { $0.account == account }
        let cashout = result.cashouts.first { $0.account == account }
        var labels = Set(holding?.byLabel.map(\.label) ?? [])
        labels.formUnion(cashout?.byLabel.map(\.label) ?? [])
        if labels.isEmpty { return out + "  no victim's money reached this account\n" }
        for label in labels.sorted() {
            let held = holding?.byLabel.first { $0.label == label }?.fen ?? 0
            let cash = cashout?.byLabel.first { $0.label == label }?.fen ?? 0
            out += "\nVictim \(result.victim(label)) (case \(result.resolution.cases[Int(label)].joined(separator: ";"))): "
                + "holds \(Amount(fen: held).groupedString), cashed out \(Amount(fen: cash).groupedString)\n"
            guard let path = result.evidencePath(to: account, label: label) else { continue }
            for flow in path {
                let t = Int(flow.transfer)
                let from = graph.payer(t).map { graph.name(of: $0) } ?? "(cash)"
                let to = graph.payee(t).map { graph.name(of: $0) } ?? "(cash)"
                out += "  \(TimeFormatter.string(graph.time(t), offsetSeconds: offsetSeconds))  \(graph.id(t))  \(from) → \(to)  "
                    + "\(graph.amount(t).groupedString) (victim's money \(Amount(fen: flow.fen).groupedString))\n"
            }
        }
        return out
    }
}
