/// The next statements to request (调单): the accounts where the victims' money leaves the data.
///
/// An account is listed when traced victims' money reached it and its own ledger is not in the
/// inputs, so the trail cannot go on from it:
/// - it is not the subject of any statement read (statements and 调单 results name the account
///   whose ledger they are), and
/// - no transfer *from* it at or after the money first arrived comes from a dump (a transfer
///   dump lists the payer's side; a payment it made that only shows in a counterparty's
///   statement is not its ledger).
///
/// So with statement inputs an account is listed when no statement of its own was read; with a
/// canonical dump, when it sent nothing on after the money came — a dead end that may be missing
/// data as well as a wallet that still holds it. Reported victims are never listed (their money
/// is where the trail starts). Ordered by the victims' money it received (most first), then by
/// the time it first arrived (the freshest first: money moves in minutes), then by account id.
public struct NextRequests: Sendable {
    /// One account to request.
    public struct Request: Sendable, Equatable {
        public var account: AccountID
        /// Its bank, where the inputs name it.
        public var bank: String?
        /// Its holder's name, where the inputs give it.
        public var holder: String?
        /// The victims' money it received (fen), as the trace gives it.
        public var received: Int64
        /// The part of ``received`` that crossed a cash bridge (inferred).
        public var inferred: Int64 = 0
        /// The victims whose money it received (their ids), in label order.
        public var victims: [String]
        /// When victims' money first reached it.
        public var firstTime: EpochMilliseconds
        /// The accounts the money came from, by id.
        public var fromAccounts: [String]
        /// 1 = request first.
        public var priority: Int
    }

    /// The accounts to request, in priority order.
    public let requests: [Request]
    /// Whether the trace followed cash bridges (then `requests.csv` has an `inferred` column).
    public let followedBridges: Bool

    /// The requests after `trace`, given which accounts' ledgers were read (`ledgerAccounts`, from
    /// ``IngestResult``) and which source files are statements.
    public init(_ trace: TraceResult, ledgerAccounts: Set<String>, statementFiles: Set<String>) {
        let graph = trace.graph
        // Victims and ledger subjects by index, so that no name is made per account reached.
        var excluded = Set<Int32>()
        for name in trace.resolution.victims { if let id = graph.account(named: name) { excluded.insert(id.index) } }
        for name in ledgerAccounts { if let id = graph.account(named: name) { excluded.insert(id.index) } }
        // Dense per-account sums (one pass over the flows, no hashing per flow); the victims and
        // payers of an account are gathered afterwards, for the few accounts listed.
        let n = graph.accountCount
        var fen = [Int64](repeating: 0, count: n)
        var first = [EpochMilliseconds](repeating: .max, count: n)
        var firstTransfer = [Int32](repeating: -1, count: n)
        var touched: [Int32] = []
        for flow in trace.flows {
            let t = Int(flow.transfer)
            let payee = graph.payeeIndex(t)
            guard payee >= 0 else { continue }
            let q = Int(payee)
            if firstTransfer[q] < 0 { touched.append(payee) }
            fen[q] = fen[q] &+ flow.fen
            if graph.time(t) < first[q] || firstTransfer[q] < 0 { first[q] = graph.time(t); firstTransfer[q] = flow.transfer }
        }
        var listed = [Bool](repeating: false, count: n)
        var candidates: [Int32] = []
        for index in touched {
            let q = Int(index)
            let account = AccountID(index)
            guard fen[q] > 0, !excluded.contains(index) else { continue }
            let onward = graph.outgoing(account, from: first[q], through: .max).contains { t in
                !statementFiles.contains(graph.source(of: Int(t)).file)
            }
            if onward { continue }
            listed[q] = true
            candidates.append(index)
        }
        let bridgedFrom = trace.followedBridges ? trace.bridges?.byDeposit ?? [:] : [:]
        var labels: [Int32: Set<Int32>] = [:]
        var from: [Int32: Set<Int32>] = [:]
        for flow in trace.flows {
            let t = Int(flow.transfer)
            let payee = graph.payeeIndex(t)
            guard payee >= 0, listed[Int(payee)] else { continue }
            labels[payee, default: []].insert(flow.label)
            if graph.payerIndex(t) >= 0 {
                from[payee, default: []].insert(graph.payerIndex(t))
            } else if let w = bridgedFrom[flow.transfer] {
                from[payee, default: []].insert(graph.payerIndex(Int(w)))  // the account whose cash a followed bridge paid in
            }
        }
        var requests: [Request] = []
        for index in candidates {
            let q = Int(index), t = Int(firstTransfer[q])
            requests.append(Request(
                account: AccountID(index),
                // A listed account is never a statement's subject, so a statement row that brought the
                // money in is the payer's: the account is its counterparty.
                bank: graph.attributes.value("to_bank", row: t) ?? graph.attributes.value("counterparty_bank", row: t),
                holder: graph.attributes.value("to_name", row: t) ?? graph.attributes.value("counterparty_name", row: t),
                received: fen[q],
                victims: (labels[index] ?? []).sorted().map { trace.victim($0) },
                firstTime: first[q],
                fromAccounts: (from[index] ?? []).map { graph.name(of: AccountID($0)) }.sorted(),
                priority: 0))
        }
        requests.sort {
            if $0.received != $1.received { return $0.received > $1.received }
            if $0.firstTime != $1.firstTime { return $0.firstTime > $1.firstTime }
            return graph.name(of: $0.account) < graph.name(of: $1.account)
        }
        for k in requests.indices { requests[k].priority = k + 1 }
        if trace.followedBridges && !trace.inferredFlows.isEmpty {
            var inferred: [Int32: Int64] = [:]
            for flow in trace.inferredFlows {
                let payee = graph.payeeIndex(Int(flow.transfer))
                if payee >= 0 && listed[Int(payee)] { inferred[payee, default: 0] += flow.fen }
            }
            for k in requests.indices { requests[k].inferred = inferred[requests[k].account.index] ?? 0 }
        }
        self.requests = requests
        self.followedBridges = trace.followedBridges
    }

    /// The files of `report` read as statements only (every sheet a statement ledger).
    public static func statementFiles(_ report: IngestReport) -> Set<String> {
        Set(report.files.filter { !$0.layouts.isEmpty && $0.layouts.allSatisfy { $0 == .statement } }.map(\.file))
    }

    /// `requests.csv`: `account,bank,holder,received,victims,first_time,from_accounts,priority`
    /// (and `inferred`, the part of `received` that crossed a cash bridge, when the trace followed
    /// them).
    public func csv(graph: TransferGraph, offsetSeconds: Int) -> String {
        var writer = CSVWriter(header: ["account", "bank", "holder", "received", "victims", "first_time", "from_accounts", "priority"]
                               + (followedBridges ? ["inferred"] : []))
        for request in requests {
            writer.appendRow([
                graph.name(of: request.account), request.bank ?? "", request.holder ?? "", Amount(fen: request.received).decimalString,
                request.victims.joined(separator: ";"), TimeFormatter.string(request.firstTime, offsetSeconds: offsetSeconds),
                request.fromAccounts.joined(separator: ";"), String(request.priority),
            ] + (followedBridges ? [Amount(fen: request.inferred).decimalString] : []))
        }
        return writer.text
    }
}
