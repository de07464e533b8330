import Foundation
import FundFlow

/// The routes of `fundflow serve`: the page, its assets and the JSON API under `/api/` that the
/// page itself uses (README, "fundflow serve", lists them with examples).
///
/// Every answer is built here from an ``APIRequest``; access (hosts, tokens) is checked first by
/// ``AccessPolicy``. A bad request gets a 4xx with `{"error": …}`, never a crash. Amounts are
/// strings of yuan with two decimals (exact: no binary fractions on the way), times ISO 8601 with
/// the case's offset.
public struct CaseAPI: Sendable {
    public let session: CaseSession
    public let policy: AccessPolicy
    /// The clock for annotations' times (a parameter so that tests can fix it).
    let now: @Sendable () -> EpochMilliseconds
    /// Who lays out the charts of `/api/graph`.
    public let renderer: ChartRenderer
    /// The charts laid out last (``ChartCache``).
    public let charts: ChartCache

    public init(session: CaseSession, policy: AccessPolicy, renderer: ChartRenderer = .inProcess,
                charts: ChartCache = ChartCache(),
                now: @escaping @Sendable () -> EpochMilliseconds = CaseAPI.wallClock) {
        self.session = session
        self.policy = policy
        self.renderer = renderer
        self.charts = charts
        self.now = now
    }

    /// Milliseconds since 1970 from the system clock (an annotation's time, not money).
    public static let wallClock: @Sendable () -> EpochMilliseconds = { EpochMilliseconds(Date().timeIntervalSince1970 * 1000) }

    /// The answer to `request`.
    public func respond(_ request: APIRequest) -> APIResponse {
        if let refusal = policy.refusal(for: request) { return refusal }
        let s = request.segments
        switch (request.method, s.first) {
        case ("GET", nil), ("GET", "index.html"):
            return APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(WebApp.page(token: policy.token).utf8),
                               headers: WebApp.securityHeaders)
        case ("GET", "app.js") where s.count == 1:
            return APIResponse(status: 200, contentType: "text/javascript; charset=utf-8", body: Array(WebApp.script.utf8), headers: WebApp.securityHeaders)
        case ("GET", "app.css") where s.count == 1:
            return APIResponse(status: 200, contentType: "text/css; charset=utf-8", body: Array(WebApp.style.utf8), headers: WebApp.securityHeaders)
        case (_, "api"):
            return api(request, Array(s.dropFirst()))
        case ("GET", _):
            return .error(404, "no such page: /" + s.joined(separator: "/"))
        default:
            return .error(405, "\(request.method) is not allowed here")
        }
    }

    private func api(_ request: APIRequest, _ s: [String]) -> APIResponse {
        switch (request.method, s.count, s.first) {
        case ("GET", 1, "summary"): return summary()
        case ("GET", 1, "search"): return search(request.parameter("q") ?? "")
        case ("GET", 1, "graph"): return graphView(request)
        case ("GET", 1, "annotations"): return annotationList()
        case ("POST", 1, "annotations"): return annotate(request.body)
        case ("GET", 2, "accounts"): return account(s[1])
        case ("GET", 3, "accounts") where s[2] == "transfers": return transfers(s[1], request)
        case ("GET", _, "summary"), ("GET", _, "search"), ("GET", _, "graph"), ("GET", _, "annotations"), ("GET", _, "accounts"):
            return .error(404, "no such resource: /api/" + s.joined(separator: "/"))
        case (_, _, "summary"), (_, _, "search"), (_, _, "graph"), (_, _, "annotations"), (_, _, "accounts"):
            return .error(405, "\(request.method) is not allowed on /api/" + s.joined(separator: "/"))
        default:
            return .error(404, "no such resource: /api/" + s.joined(separator: "/"))
        }
    }

    // MARK: - Values

    func money(_ fen: Int64) -> JSONValue { .string(Amount(fen: fen).decimalString) }
    func time(_ ms: EpochMilliseconds) -> JSONValue { .string(TimeFormatter.iso8601(ms, offsetSeconds: session.offsetSeconds)) }
    func name(_ account: AccountID) -> String { session.graph.name(of: account) }

    func annotationValue(_ annotation: Annotation?) -> JSONValue {
        guard let annotation else { return .null }
        return .object([("status", .string(annotation.status.rawValue)), ("note", .string(annotation.note)), ("time", .string(annotation.time))])
    }

    func flagValue(_ flag: FlaggedAccount) -> JSONValue {
        var patterns = flag.patterns.map(\.rawValue)
        if flag.fundedBySuspiciousMoney { patterns.insert("suspicious_funds", at: 0) }
        if flag.holdsTracedMoney { patterns.insert("traced_funds", at: 0) }
        return .object([("account", .string(name(flag.account))), ("score", .number(threeDecimals(flag.score))),
                        ("patterns", .array(patterns.map(JSONValue.string))), ("reason", .string(flag.reason))])
    }

    func findingValue(_ index: Int) -> JSONValue {
        let finding = session.analysis.findings[index]
        let graph = session.graph
        return .object([
            ("index", .int(Int64(index))), ("pattern", .string(finding.pattern.rawValue)),
            ("score", .number(threeDecimals(finding.score))), ("amount", money(finding.amount.fen)),
            ("start", time(finding.start)), ("end", time(finding.end)), ("summary", .string(finding.summary)),
            ("accounts", .array(finding.accounts.map { .string(name($0)) })),
            ("transfers", .array(finding.transfers.prefix(200).map { .string(graph.id($0)) })),
            ("transfer_count", .int(Int64(finding.transfers.count))),
        ])
    }


    // MARK: - Summary

    func summary() -> APIResponse {
        let analysis = session.analysis
        let report = analysis.data.report
        let annotations = session.annotations.current
        let flags = session.flags
        var members: [(String, JSONValue)] = [
            ("inputs", .array(report.files.map { file in
                .object([("file", .string(file.file)), ("rows", .int(Int64(file.rows))), ("transfers", .int(Int64(file.transfers))),
                         ("merged", .int(Int64(file.merged))), ("skipped", .int(Int64(file.skippedCount))), ("rejected", .int(Int64(file.rejected)))])
            })),
            ("rows", .int(Int64(report.rows))), ("transfers", .int(Int64(report.transfers))),
            ("accounts", .int(Int64(session.graph.accountCount))), ("adds_up", .bool(report.addsUp)),
        ]
        if let span = session.graph.timeSpan { members.append(("from", time(span.lowerBound))); members.append(("until", time(span.upperBound))) }
        if let trace = analysis.trace {
            let totals = trace.moneyTotals
            members.append(("victims", .int(Int64(trace.resolution.victims.count))))
            members.append(("policy", .string(trace.policy.rawValue)))
            members.append(("victims_money", .object([
                ("reported", money(totals.reported)),
                ("traced", money(totals.resolved)),
                ("held", money(totals.held)),
                ("cashed_out", money(totals.cashedOut)),
            ])))
            members.append(("requests", .array((analysis.requests?.requests ?? []).prefix(500).map { request in
                .object([("account", .string(name(request.account))), ("holder", request.holder.map(JSONValue.string) ?? .null),
                         ("received", money(request.received)), ("victims", .array(request.victims.map(JSONValue.string))),
                         ("first_time", time(request.firstTime)), ("priority", .int(Int64(request.priority))),
                         ("inferred", money(request.inferred))])
            })))
            members.append(("clusters", .array((analysis.linkedCases?.clusters ?? []).prefix(200).map { cluster in
                .object([("cluster", .int(Int64(cluster.number))), ("victims", .array(cluster.labels.map { .string(trace.victim($0)) })),
                         ("accounts", .int(Int64(cluster.accounts.count))), ("loss", money(cluster.loss)), ("held", money(cluster.held)),
                         ("cashed_out", money(cluster.cashedOut)), ("first_level", .array(cluster.firstLevel.map { .string(name($0)) }))])
            })))
            let graph = session.graph
            members.append(("followed_bridges", .bool(trace.followedBridges)))
            members.append(("bridges", .array(trace.tracedBridges.prefix(500).map { traced in
                let w = traced.bridge.withdrawal, d = traced.bridge.deposit
                return .object([
                    ("withdrawal", .string(graph.id(w))), ("from_account", .string(name(AccountID(graph.payerIndex(w))))),
                    ("withdrawn", money(graph.fen(w))), ("withdrawn_time", time(graph.time(w))),
                    ("withdrawal_place", graph.attributes.value("place", row: w).map(JSONValue.string) ?? .null),
                    ("deposit", .string(graph.id(d))), ("to_account", .string(name(AccountID(graph.payeeIndex(d))))),
                    ("deposited", money(graph.fen(d))), ("deposited_time", time(graph.time(d))),
                    ("deposit_place", graph.attributes.value("place", row: d).map(JSONValue.string) ?? .null),
                    ("victims_money", money(traced.victimsFen)), ("status", .string(traced.status.rawValue)),
                ])
            })))
            members.append(("freeze", .array(trace.freezeOrder.prefix(500).map { holding in
                .object([("account", .string(name(holding.account))), ("amount", money(holding.total)), ("inferred", money(holding.inferred)),
                         ("victims", .array(holding.byLabel.map { .string(trace.victim($0.label)) })),
                         ("annotation", annotationValue(annotations[name(holding.account)]))])
            })))
        } else {
            members.append(("victims", .int(0)))
        }
        members.append(("flagged_count", .int(Int64(flags.flagged.count))))
        members.append(("flagged", .array(flags.flagged.prefix(1000).map { flag in
            var value = flagValue(flag)
            if case .object(var fields) = value { fields.append(("annotation", annotationValue(annotations[name(flag.account)]))); value = .object(fields) }
            return value
        })))
        members.append(("cleared", .array(flags.cleared.map { entry in
            .object([("account", .string(entry.annotation.account)), ("note", .string(entry.annotation.note)),
                     ("overruled", entry.overruled.map(flagValue) ?? .null)])
        })))
        members.append(("findings_count", .int(Int64(analysis.findings.count))))
        members.append(("findings", .array(analysis.findings.indices.prefix(500).map(findingValue))))
        return .json(.object(members))
    }

    // MARK: - Accounts

    func account(_ id: String) -> APIResponse {
        let graph = session.graph
        guard let account = graph.account(named: id) else { return .error(404, "no such account: \(id)") }
        let outs = graph.outgoing(account), ins = graph.incoming(account)
        struct Tally { var paid: Int64 = 0; var received: Int64 = 0; var count = 0; var first = EpochMilliseconds.max; var last = EpochMilliseconds.min }
        // Display sums: they saturate at Int64.max rather than wrap (a total is shown, never used).
        func plus(_ a: Int64, _ b: Int64) -> Int64 { let (sum, over) = a.addingReportingOverflow(b); return over ? .max : sum }
        var tallies: [Int32: Tally] = [:]
        var totals = (paid: Int64(0), received: Int64(0), cashOut: Int64(0), cashIn: Int64(0))
        var first = EpochMilliseconds.max, last = EpochMilliseconds.min
        for (run, outgoing) in [(Array(outs), true), (Array(ins), false)] {
            for t in run {
                let t = Int(t), amount = graph.fen(t), when = graph.time(t)
                first = min(first, when); last = max(last, when)
                if outgoing { totals.paid = plus(totals.paid, amount) } else { totals.received = plus(totals.received, amount) }
                let other = outgoing ? graph.payeeIndex(t) : graph.payerIndex(t)
                guard other >= 0 else {
                    if outgoing { totals.cashOut = plus(totals.cashOut, amount) } else { totals.cashIn = plus(totals.cashIn, amount) }
                    continue
                }
                var tally = tallies[other] ?? Tally()
                if outgoing { tally.paid = plus(tally.paid, amount) } else { tally.received = plus(tally.received, amount) }
                tally.count += 1
                tally.first = min(tally.first, when); tally.last = max(tally.last, when)
                tallies[other] = tally
            }
        }
        let (paidTotal, receivedTotal, cashOut, cashIn) = totals
        let ranked = tallies.sorted {
            let a = plus($0.value.paid, $0.value.received), b = plus($1.value.paid, $1.value.received)
            return a != b ? a > b : name(AccountID($0.key)) < name(AccountID($1.key))
        }
        let counterparties: [JSONValue] = ranked.prefix(500).map { entry in
            .object([("account", .string(name(AccountID(entry.key)))), ("paid", money(entry.value.paid)), ("received", money(entry.value.received)),
                     ("count", .int(Int64(entry.value.count))), ("first", time(entry.value.first)), ("last", time(entry.value.last))])
        }
        let flags = session.flags
        let flag = flags.flagged.first { $0.account == account }
        let overruled = flags.cleared.first { $0.annotation.account == id }?.overruled
        var members: [(String, JSONValue)] = [
            ("account", .string(id)),
            ("holders", .array((session.holders[account.index] ?? []).map(JSONValue.string))),
            ("paid", .object([("total", money(paidTotal)), ("count", .int(Int64(outs.count))), ("cash", money(cashOut))])),
            ("received", .object([("total", money(receivedTotal)), ("count", .int(Int64(ins.count))), ("cash", money(cashIn))])),
            ("first", outs.isEmpty && ins.isEmpty ? .null : time(first)), ("last", outs.isEmpty && ins.isEmpty ? .null : time(last)),
            ("counterparty_count", .int(Int64(tallies.count))), ("counterparties", .array(counterparties)),
            ("annotation", annotationValue(session.annotations.current(for: id))),
            ("flag", flag.map(flagValue) ?? .null), ("overruled_flag", overruled.map(flagValue) ?? .null),
            ("findings", .array((session.findingsByAccount[account.index] ?? []).prefix(200).map(findingValue))),
        ]
        if let trace = session.analysis.trace {
            let holding = session.held[account.index], cashout = session.cashedOut[account.index]
            members.append(("victims_money", .object([
                ("held", money(holding?.total ?? 0)),
                ("held_by_victim", .array((holding?.byLabel ?? []).map { .object([("victim", .string(trace.victim($0.label))), ("amount", money($0.fen))]) })),
                ("cashed_out", money(cashout?.total ?? 0)),
                ("cashed_out_by_victim", .array((cashout?.byLabel ?? []).map { .object([("victim", .string(trace.victim($0.label))), ("amount", money($0.fen))]) })),
            ])))
            members.append(("explain", .string(TraceOutputs.explain(trace, account: account, offsetSeconds: session.offsetSeconds))))
        }
        return .json(.object(members))
    }

    /// An account's transfers, newest last, filtered and paged: `since`, `until` (times),
    /// `direction` (in, out, both), `channel`, `min_amount` (yuan), `offset`, `limit` (≤ 1000).
    func transfers(_ id: String, _ request: APIRequest) -> APIResponse {
        let graph = session.graph
        guard let account = graph.account(named: id) else { return .error(404, "no such account: \(id)") }
        let filter: TransferFilter
        switch TransferFilter.parse(request, offsetSeconds: session.offsetSeconds) {
        case .success(let parsed): filter = parsed
        case .failure(let message): return .error(400, message.text)
        }
        let direction = request.parameter("direction") ?? "both"
        guard ["in", "out", "both"].contains(direction) else { return .error(400, "direction \(direction): expected in, out or both") }
        var channel: Channel?
        if let text = request.parameter("channel"), !text.isEmpty {
            guard let parsed = Channel(name: text) else { return .error(400, "channel \(text): unknown") }
            channel = parsed
        }
        let offset = Int(request.parameter("offset") ?? "0") ?? -1
        let limit = Int(request.parameter("limit") ?? "100") ?? -1
        guard offset >= 0, (1...1000).contains(limit) else { return .error(400, "offset must be ≥ 0 and limit 1–1000") }
        var rows: [Int] = []
        let window = filter.window ?? (EpochMilliseconds.min...EpochMilliseconds.max)
        if direction != "in" { rows += graph.outgoing(account, in: window).map(Int.init) }
        if direction != "out" { rows += graph.incoming(account, in: window).map(Int.init) }
        rows.removeAll { t in graph.fen(t) < filter.minimum.fen || (channel != nil && graph.channel(t) != channel) }
        rows.sort { graph.time($0) != graph.time($1) ? graph.time($0) < graph.time($1) : $0 < $1 }
        let page = rows.dropFirst(offset).prefix(limit)
        let keys = ["memo", "place"].filter { graph.attributes.keys.contains($0) }
        let items: [JSONValue] = page.map { t in
            let outgoing = graph.payerIndex(t) == account.index
            let other = outgoing ? graph.payee(t) : graph.payer(t)
            var fields: [(String, JSONValue)] = [
                ("id", .string(graph.id(t))), ("time", time(graph.time(t))), ("direction", .string(outgoing ? "out" : "in")),
                ("counterparty", other.map { .string(name($0)) } ?? .null), ("amount", money(graph.fen(t))),
                ("channel", .string(graph.channel(t).name)),
            ]
            for key in keys { fields.append((key, graph.attributes.value(key, row: t).map(JSONValue.string) ?? .null)) }
            let source = graph.source(of: t)
            fields.append(("file", .string(source.file)))
            fields.append(("line", .int(Int64(source.line))))
            return .object(fields)
        }
        return .json(.object([("account", .string(id)), ("total", .int(Int64(rows.count))), ("offset", .int(Int64(offset))),
                              ("limit", .int(Int64(limit))), ("transfers", .array(items))]))
    }

    // MARK: - Search

    /// Accounts whose id starts with `q`, then accounts whose holder's name contains it (at most 50).
    func search(_ q: String) -> APIResponse {
        let query = q.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return .error(400, "q: give an id prefix or part of a holder's name") }
        let graph = session.graph
        var hits: [(account: AccountID, match: String)] = []
        var seen = Set<Int32>()
        if let exact = graph.account(named: query) { hits.append((exact, "id")); seen.insert(exact.index) }
        var prefixed: [AccountID] = []
        for index in 0..<graph.accountCount where !seen.contains(Int32(index)) {
            if graph.name(of: AccountID(Int32(index))).hasPrefix(query) { prefixed.append(AccountID(Int32(index))) }
        }
        for account in prefixed.sorted(by: { name($0) < name($1) }).prefix(50) { hits.append((account, "id")); seen.insert(account.index) }
        if hits.count < 50 {
            let named = session.holders.filter { !seen.contains($0.key) && $0.value.contains { $0.contains(query) } }.map { AccountID($0.key) }
            for account in named.sorted(by: { name($0) < name($1) }).prefix(50 - hits.count) { hits.append((account, "holder")) }
        }
        let annotations = session.annotations.current
        return .json(.object([("q", .string(query)), ("accounts", .array(hits.prefix(50).map { hit in
            .object([("account", .string(name(hit.account))), ("holders", .array((session.holders[hit.account.index] ?? []).map(JSONValue.string))),
                     ("match", .string(hit.match)), ("annotation", annotationValue(annotations[name(hit.account)]))])
        }))]))
    }

    // MARK: - Annotations

    func annotationList() -> APIResponse {
        let book = session.annotations
        func value(_ a: Annotation) -> JSONValue {
            .object([("account", .string(a.account)), ("status", .string(a.status.rawValue)), ("note", .string(a.note)), ("time", .string(a.time))])
        }
        let current = book.current
        return .json(.object([("annotations", .array(current.keys.sorted().map { value(current[$0]!) })),
                              ("history", .array(book.history.map(value)))]))
    }

    /// `POST /api/annotations` with `{"account": …, "status": "cleared"|"suspect"|"frozen", "note": …}`.
    func annotate(_ body: [UInt8]) -> APIResponse {
        guard body.count <= 64 * 1024 else { return .error(413, "an annotation is at most 64 KiB") }
        struct Posted: Decodable { var account: String; var status: String; var note: String? }
        guard let posted = try? JSONDecoder().decode(Posted.self, from: Data(body)) else {
            return .error(400, "expected a JSON object {\"account\": …, \"status\": …, \"note\": …}")
        }
        let account = posted.account
        guard !account.isEmpty else { return .error(400, "account: missing") }
        guard session.graph.account(named: account) != nil else { return .error(404, "no such account: \(account)") }
        guard let status = Annotation.Status(rawValue: posted.status) else {
            return .error(400, "status: expected cleared, suspect or frozen")
        }
        let note = posted.note ?? ""
        let annotation = Annotation(account: account, status: status, note: note,
                                    time: TimeFormatter.iso8601(now(), offsetSeconds: session.offsetSeconds))
        do {
            try session.annotate(annotation)
        } catch {
            return .error(500, error.description)
        }
        return .json(.object([("account", .string(account)), ("status", .string(status.rawValue)), ("note", .string(note)),
                              ("time", .string(annotation.time))]), status: 201)
    }
}
