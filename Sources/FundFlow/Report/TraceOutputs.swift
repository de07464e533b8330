/// The files a trace writes (formats.md §4 and issue 4).
public enum TraceOutputs {
    /// The files a trace writes, by name: `freeze.csv`, `returns.csv`, `cashout.csv`,
    /// `resolution.csv`, and with `nextSteps` (``NextSteps/of(_:data:)``) `requests.csv` and
    /// `clusters.csv` — one list for `fundflow trace` and `fundflow analyze`.
    public static func files(_ result: TraceResult, nextSteps: (requests: NextRequests, linkedCases: LinkedCases)?, graph: TransferGraph,
                             holders: HolderIndex = HolderIndex(), offsetSeconds: Int) -> [(name: String, text: String)] {
        // freeze.csv, the largest (a holder per account), is made on a second thread beside the
        // others: trace's writing 13 → 8–9 ms on the realistic 1M dump (`FUNDFLOW_TIMINGS`).
        final class Box: @unchecked Sendable { var text = "" }
        let freezeText = Box()
        let worker = WorkerThread { freezeText.text = freeze(result, holders: holders) }
        var files: [(String, String)] = []
        if result.policy.conserves { files.append(("returns.csv", returns(result))) }
        files.append(("cashout.csv", cashout(result, offsetSeconds: offsetSeconds)))
        files.append(("resolution.csv", resolution(result.resolution, graph: graph)))
        if let nextSteps {
            files.append(("requests.csv", nextSteps.requests.csv(graph: graph, offsetSeconds: offsetSeconds)))
            files.append(("clusters.csv", nextSteps.linkedCases.csv(result)))
        }
        if result.bridges != nil { files.append(("bridges.csv", bridges(result, holders: holders, offsetSeconds: offsetSeconds))) }
        worker.join()
        files.insert(("freeze.csv", freezeText.text), at: 0)
        return files
    }

    /// One line on the cash bridges beside `result`'s cash-outs, for the console.
    public static func bridgesLine(_ result: TraceResult) -> String {
        let traced = result.tracedBridges
        let followed = traced.filter { $0.status == .followed }
        let ambiguous = traced.filter { $0.status == .ambiguous }.count
        if result.followedBridges {
            let fen = followed.reduce(Int64(0)) { $0 + $1.victimsFen }
            return "Cash bridges: followed \(followed.count) (inferred: marked in every file), \(ambiguous) ambiguous not followed; "
                + "their withdrawals carried \(Amount(fen: fen).groupedString) of victims' money (bridges.csv)"
        }
        let candidates = traced.count - ambiguous
        return "Cash bridges: \(candidates) candidates and \(ambiguous) ambiguous beside the cash-outs (bridges.csv); --cash-bridges follows the candidates"
    }

    /// `bridges.csv`: the cash bridges beside the cash-out points (``TracedBridge``):
    /// `withdrawal,from_account,from_holder,withdrawn,withdrawn_time,withdrawal_place,deposit,to_account,to_holder,deposited,deposited_time,deposit_place,minutes,victims_money,victims,same_holder,status`
    /// where `victims_money` is what the withdrawal carried and `status` is `followed` (the trace
    /// crossed it: inferred), `candidate` or `ambiguous` (never followed).
    public static func bridges(_ result: TraceResult, holders: HolderIndex = HolderIndex(), offsetSeconds: Int) -> String {
        let graph = result.graph
        var writer = CSVWriter(header: [
            "withdrawal", "from_account", "from_holder", "withdrawn", "withdrawn_time", "withdrawal_place",
            "deposit", "to_account", "to_holder", "deposited", "deposited_time", "deposit_place",
            "minutes", "victims_money", "victims", "same_holder", "status",
        ])
        for traced in result.tracedBridges {
            let w = traced.bridge.withdrawal, d = traced.bridge.deposit
            let from = AccountID(graph.payerIndex(w)), to = AccountID(graph.payeeIndex(d))
            writer.appendRow([
                graph.id(w), graph.name(of: from), graph.holderName(of: from) ?? "", graph.amount(w).decimalString,
                TimeFormatter.string(graph.time(w), offsetSeconds: offsetSeconds), graph.attributes.value("place", row: w) ?? "",
                graph.id(d), graph.name(of: to), graph.holderName(of: to) ?? "", graph.amount(d).decimalString,
                TimeFormatter.string(graph.time(d), offsetSeconds: offsetSeconds), graph.attributes.value("place", row: d) ?? "",
                String((graph.time(d) - graph.time(w)) / 60_000), Amount(fen: traced.victimsFen).decimalString,
                traced.labels.map { result.victim($0) }.joined(separator: ";"), traced.bridge.sameHolder ? "yes" : "no",
                traced.status.rawValue,
            ])
        }
        return writer.text
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
    /// number where the inputs give one (``HolderIndex``). When the trace followed cash bridges a
    /// last column `inferred` gives the part of `amount` that crossed one.
    public static func freeze(_ result: TraceResult, holders: HolderIndex = HolderIndex()) -> String {
        let inferred = result.followedBridges
        var writer = CSVWriter(header: ["account", "amount", "victims", "hops", "policy", "holder", "holder_id"] + (inferred ? ["inferred"] : []))
        for holding in result.freezeOrder {
            let account = result.graph.name(of: holding.account)
            writer.appendRow([
                account, Amount(fen: holding.total).decimalString,
                holding.byLabel.map { result.victim($0.label) }.joined(separator: ";"),
                holding.hops.map(String.init) ?? "", result.policy.rawValue,
                result.graph.holderName(of: holding.account) ?? "", holders.holder(of: account)?.id ?? "",
            ] + (inferred ? [Amount(fen: holding.inferred).decimalString] : []))
        }
        return writer.text
    }

    /// `returns.csv`: `account,victim,case,amount,policy`, one row per account and victim with
    /// money held, in freeze order; per account the amounts sum to its freeze amount. Not written
    /// for `poison` (it does not conserve amounts). With followed cash bridges, and `inferred`.
    public static func returns(_ result: TraceResult) -> String {
        let inferred = result.followedBridges
        var writer = CSVWriter(header: ["account", "victim", "case", "amount", "policy"] + (inferred ? ["inferred"] : []))
        for holding in result.freezeOrder {
            for (label, fen) in holding.byLabel where fen > 0 {
                writer.appendRow([
                    result.graph.name(of: holding.account), result.victim(label),
                    result.resolution.cases[Int(label)].joined(separator: ";"), Amount(fen: fen).decimalString,
                    result.policy.rawValue,
                ] + (inferred ? [Amount(fen: holding.inferred(label)).decimalString] : []))
            }
        }
        return writer.text
    }

    /// `cashout.csv`: `account,amount,victims,first_time,last_time,places`: where victims' money
    /// left as cash, largest first (with followed cash bridges, and `inferred`: the part that had
    /// crossed one). Cash that a followed bridge paid into another account is not cashed out.
    public static func cashout(_ result: TraceResult, offsetSeconds: Int) -> String {
        let inferred = result.followedBridges
        var writer = CSVWriter(header: ["account", "amount", "victims", "first_time", "last_time", "places"] + (inferred ? ["inferred"] : []))
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
            ] + (inferred ? [Amount(fen: cashout.inferred).decimalString] : []))
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
        let bridgedFrom = result.followedBridges ? result.bridges?.byDeposit ?? [:] : [:]
        for label in labels.sorted() {
            let held = holding?.byLabel.first { $0.label == label }?.fen ?? 0
            let cash = cashout?.byLabel.first { $0.label == label }?.fen ?? 0
            out += "\nVictim \(result.victim(label)) (case \(result.resolution.cases[Int(label)].joined(separator: ";"))): "
                + "holds \(Amount(fen: held).groupedString), cashed out \(Amount(fen: cash).groupedString)\n"
            guard let path = result.evidencePath(to: account, label: label) else { continue }
            for flow in path {
                let t = Int(flow.transfer)
                let from = graph.payer(t).map { graph.name(of: $0) }
                    ?? bridgedFrom[flow.transfer].map { w in
                        "(cash withdrawn by \(graph.payer(Int(w)).map { graph.name(of: $0) } ?? "?") in \(graph.id(Int(w))): inferred cash bridge)"
                    }
                    ?? "(cash)"
                let to = graph.payee(t).map { graph.name(of: $0) } ?? "(cash)"
                out += "  \(TimeFormatter.string(graph.time(t), offsetSeconds: offsetSeconds))  \(graph.id(t))  \(from) → \(to)  "
                    + "\(graph.amount(t).groupedString) (victim's money \(Amount(fen: flow.fen).groupedString))\n"
            }
        }
        return out
    }
}
