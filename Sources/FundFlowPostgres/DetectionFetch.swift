import FundFlow

/// What a detection fetch brought back: the rows, read like a file, and what they hold.
public struct DetectionFetch: Sendable {
    /// The fetched rows in (time, sequence) order, read like a CSV file with the table's columns.
    public var table: TextTable
    /// The accounts whose transfers are all in `table`, and the data's first time: run the
    /// detectors with it (``DetectionContext``) to get the findings the whole table gives.
    public var scope: DetectionScope
    /// Accounts the two aggregate queries returned.
    public var aggregatedAccounts: Int
    /// Candidate accounts.
    public var candidateAccounts: Int
    /// Whether the candidates' transfers were so many (at least `wholeTableShare` percent of the table,
    /// by the aggregates' counts) that one scan of the whole table was cheaper than fetching
    /// them account by account; `table` then holds every row.
    public var wholeTable: Bool
    /// Seconds spent on the aggregate queries, and on fetching rows.
    public var aggregateSeconds: Double
    public var fetchSeconds: Double
    /// Candidate accounts per pattern (an account can be a candidate for several).
    public var candidates: [(pattern: Pattern, accounts: Int)]
    /// Rows with a candidate on either side (with `wholeTable`, every row).
    public var candidateRows: Int
    /// Further rows: the candidates' payees' onward transfers (fan-out, red-packet wallets).
    public var onwardRows: Int
    /// Further rows for the trace, when victim reports were given (see ``PushdownFetch``).
    public var traceRows: Int
}

extension TransferDatabase {
    /// The share of the table (in percent) past which the candidates' transfers are read by one
    /// scan of the table rather than account by account (fetching by account is several times
    /// slower a row, `Benchmarks/db.sh`).
    public static let defaultWholeTableShare = 50

    /// Fetches what detecting patterns with `rules` needs, and tracing `reports` when given.
    ///
    /// 1. Two aggregate queries, per account and day (24-hour buckets): outflows grouped by the
    ///    payer, inflows by the payee, with counts, totals, largest amounts and distinct
    ///    counterparties, by channel where a pattern needs it (red packets, cash, QR). Only
    ///    accounts past the loosest per-day threshold come back, one row each.
    /// 2. ``CandidateRules`` picks the accounts that could be a pattern's principal account or a
    ///    link of a layering chain or a round trip.
    /// 3. Every transfer of those accounts; then the onward transfers of the payees of fan-out and
    ///    red-packet candidates within the windows their detectors look at; then, with victim
    ///    reports, the rows ``fetchForTrace(_:asOf:offsetSeconds:)`` fetches. When the candidates
    ///    hold at least `wholeTableShare` percent of the rows, one scan of the table instead;
    ///    a share of 0 reads the whole table without aggregating (no candidates are counted).
    ///
    /// The aggregates group on the payer (the distribution column: Citus runs them on each shard)
    /// or on the payee (Citus aggregates per shard and merges on the coordinator); the fetches
    /// filter on the payer or the payee as the trace's do.
    public func fetchForDetection(
        rules: Rules, reports: [VictimReport] = [], asOf: EpochMilliseconds? = nil, offsetSeconds: Int,
        wholeTableShare: Int = defaultWholeTableShare
    ) async throws(DatabaseError) -> DetectionFetch {
        let columns = try await columns(offsetSeconds: offsetSeconds)
        guard let amountIndex = columns.map.columns[.amount], let toIndex = columns.map.columns[.to],
              let fromIndex = columns.map.columns[.from] else {
            throw DatabaseError("no payer, payee or amount column")
        }
        let numeric = ["numeric", "bigint", "integer", "smallint", "double precision", "real"]
        guard numeric.contains(columns.types[amountIndex]) else {
            throw DatabaseError("\(location.description): detection sums amounts in SQL and needs a numeric amount column; "
                                + "\(columns.names[amountIndex]) is \(columns.types[amountIndex])")
        }
        let clock = ContinuousClock.now
        let candidateRules = CandidateRules(rules: rules)
        var activity: [String: AccountActivity] = [:]
        // A share of 0 asks for the whole table whatever the candidates: the aggregates would
        // only count them (on Citus at 10M, 167 s of a 417 s `analyze --source`).
        if wholeTableShare > 0 {
            try await aggregateOutflows(columns, candidateRules, into: &activity)
            try await aggregateInflows(columns, candidateRules, into: &activity)
        }
        let aggregated = ContinuousClock.now

        var complete = Set<String>()
        var byPattern: [Pattern: Int] = [:]
        var onwardSources = Set<String>()
        for (account, figures) in activity {
            let patterns = candidateRules.patterns(figures)
            guard !patterns.isEmpty else { continue }
            complete.insert(account)
            for pattern in patterns { byPattern[pattern, default: 0] += 1 }
            if patterns.contains(.fanOut) || patterns.contains(.redPacketSplit) { onwardSources.insert(account) }
        }

        // The candidates' transfers, estimated from the aggregates' counts (a transfer between two
        // candidates counts twice; the side of an account that missed one query's filter, not at all).
        var known: Int64 = 0
        for account in complete { known += (activity[account]?.outCount ?? 0) + (activity[account]?.inCount ?? 0) }
        let total = Int64(try await count())
        let wholeTable = known * 100 >= total * Int64(wholeTableShare)
        var fetched: [String: FetchedRow] = [:]
        if wholeTable {
            for row in try await fetch(columns, where: "true", SQLBindings()) { fetched[row.key] = row }
        } else {
            let accounts = complete.sorted()
            for start in stride(from: 0, to: accounts.count, by: Self.accountsPerQuery) {
                var binds = SQLBindings()
                binds.append(Array(accounts[start..<min(accounts.count, start + Self.accountsPerQuery)]))
                let condition = "\(columns.from) = ANY($1::text[]) OR \(columns.to) = ANY($1::text[])"
                for row in try await fetch(columns, where: condition, binds) { fetched[row.key] = row }
            }
        }
        let candidateRows = fetched.count

        // The payees of fan-out and red-packet candidates: whether they pass the money on.
        let reach = max(rules.fanOut.window, rules.redPacketCollect.window)
        var onward: [String: ClosedRange<EpochMilliseconds>] = [:]
        for row in fetched.values where onwardSources.contains(row.fields[fromIndex]) {
            let payee = row.fields[toIndex]
            guard !payee.isEmpty, !complete.contains(payee) else { continue }
            let range = onward[payee].map { min($0.lowerBound, row.time)...max($0.upperBound, row.time + reach) }
            onward[payee] = range ?? row.time...(row.time + reach)
        }
        let onwardFetched = try await fetch(wholeTable ? [] : onward.keys.sorted(), columns) { payee, binds in
            guard let range = onward[payee] else { return nil }
            binds.append(payee)
            let name = binds.count
            binds.append(range.lowerBound)
            binds.append(range.upperBound)
            return "(\(columns.from) = $\(name) AND " + columns.timeCondition(">=", parameter: name + 1) + " AND "
                + columns.timeCondition("<=", parameter: name + 2) + ")"
        }
        for row in onwardFetched { fetched[row.key] = row }
        let onwardRows = fetched.count - candidateRows

        if !reports.isEmpty && !wholeTable {
            for (key, row) in try await traceRows(reports, asOf: asOf, columns).rows { fetched[key] = row }
        }
        let start = try await rows("SELECT \(columns.epochMilliseconds("min(\(columns.time))"))::text FROM \(location.quotedTable)")
        let dataStart = start.first?.first.flatMap { Int64($0) }
        return DetectionFetch(
            table: table(fetched.values, columns), scope: DetectionScope(completeAccounts: wholeTable ? nil : complete, dataStart: dataStart),
            aggregatedAccounts: activity.count, candidateAccounts: complete.count, wholeTable: wholeTable,
            aggregateSeconds: Self.seconds(aggregated - clock), fetchSeconds: Self.seconds(ContinuousClock.now - aggregated),
            candidates: Pattern.allCases.compactMap { p in byPattern[p].map { (p, $0) } },
            candidateRows: candidateRows, onwardRows: onwardRows, traceRows: fetched.count - candidateRows - onwardRows)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// SQL that says whether a row's channel may be one of `channels` as the readers would read
    /// it: its value is one of their spellings, or not a known spelling at all (then the memo or
    /// the reader decides; counting it everywhere only lets more accounts through). Without a
    /// channel column, any row may be anything.
    private func channelMay(be channels: Set<FundFlow.Channel>, _ columns: TableColumns) -> String {
        guard let index = columns.map.columns[.channel] else { return "true" }
        let key = "translate(lower(btrim(\(TableColumns.quoted(columns.names[index]))::text, E' \\t')), '- ', '__')"
        func list(_ spellings: some Sequence<String>) -> String {
            spellings.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        }
        var mine = FundFlow.Channel.spellings.filter { channels.contains($0.value) }.map(\.key)
        if channels.contains(.transfer) { mine.append("") }
        let general = "(\(key) IN (\(list(mine))) OR \(key) NOT IN (\(list(FundFlow.Channel.spellings.keys + [""]))))"
        // The names `db load` writes, and the empty value, are decided without the string work
        // (a third of the aggregates' time when every row took the general test).
        let exact = (FundFlow.Channel.allCases.map(\.name) + [""]).sorted().map { name in
            "WHEN '\(name)' THEN \(mine.contains(name) ? "true" : "false")"
        }
        return "(CASE \(TableColumns.quoted(columns.names[index]))::text \(exact.joined(separator: " ")) ELSE \(general) END)"
    }

    /// The amount in fen, as the aggregates use it.
    private func fen(_ columns: TableColumns) -> String {
        guard let index = columns.map.columns[.amount] else { return "0" }
        return "round(abs(\(TableColumns.quoted(columns.names[index]))::numeric) * 100)::bigint"
    }

    private func day(_ columns: TableColumns) -> String {
        "floor(date_part('epoch', \(columns.time)) / 86400)::bigint"
    }

    /// The two-level aggregate both sides use: `rows` (over the table: the account `a`, the
    /// counterparty `b`, the day `d`, the amount `fen` and flags) grouped by account and day into
    /// the `perDay` figures, then by account into `perAccount` and, per condition of
    /// `conditions`, the days it held (as text, `1 5 9`). Only accounts with a day meeting one of
    /// the conditions or of `filters` come back.
    private func accountQuery(
        perAccount: String, perDay: String, rows: String, conditions: [CandidateRules.DayCondition], filters: [String]
    ) -> String {
        let days = conditions.map { "COALESCE(array_to_string(array_agg(d ORDER BY d) FILTER (WHERE \($0.sql)), ' '), '')" }
        let having = (conditions.map(\.sql) + filters).map { "bool_or(\($0))" }.joined(separator: " OR ")
        return """
            SELECT a, \(([perAccount] + days).joined(separator: ", "))
            FROM (SELECT a, d, \(perDay)
                  FROM (SELECT \(rows) FROM \(location.quotedTable)) AS rows
                  GROUP BY a, d) AS days
            WHERE a IS NOT NULL AND a <> ''
            GROUP BY a
            HAVING \(having)
            """
    }

    private func parseDays(_ text: String) -> [Int64] { text.split(separator: " ").compactMap { Int64($0) } }

    /// Per-payer figures: grouped by the payer and day, then by the payer. Only payers with a day
    /// meeting some outflow condition come back.
    private func aggregateOutflows(
        _ columns: TableColumns, _ c: CandidateRules, into activity: inout [String: AccountActivity]
    ) async throws(DatabaseError) {
        let r = c.rules
        let packet = channelMay(be: [.redPacket], columns)
        let cash = channelMay(be: [.cashWithdrawal], columns)
        let near = channelMay(be: [.transfer, .cashWithdrawal], columns)
        let conditions = c.outflowConditions
        let sql = accountQuery(
            perAccount: """
                sum(n)::text, max(total)::text,
                COALESCE(array_to_string(array_agg(d::text || ':' || near::text ORDER BY d) FILTER (WHERE near > 0), ' '), '')
                """,
            perDay: """
                count(*) AS n, sum(fen) AS total, max(fen) AS biggest, count(DISTINCT b) AS payees,
                COALESCE(sum(fen) FILTER (WHERE is_cash), 0) AS cash,
                count(*) FILTER (WHERE is_packet AND fen <= \(r.redPacketSplit.maxPacket)) AS packets,
                count(DISTINCT b) FILTER (WHERE is_packet AND fen <= \(r.redPacketSplit.maxPacket)) AS packet_payees,
                COALESCE(sum(fen) FILTER (WHERE is_packet AND fen <= \(r.redPacketSplit.maxPacket)), 0) AS packet_total,
                count(*) FILTER (WHERE is_near AND fen >= \(c.band.low) AND fen < \(c.band.high)) AS near
                """,
            rows: """
                \(columns.from)::text AS a, \(columns.to)::text AS b, \(day(columns)) AS d, \(fen(columns)) AS fen,
                \(cash) AS is_cash, \(packet) AS is_packet, \(near) AS is_near
                """,
            conditions: conditions, filters: ["near > 0", "total >= \(c.collectorOutflow)"])
        for cells in try await rows(sql) where cells.count == 4 + conditions.count {
            var a = activity[cells[0]] ?? AccountActivity()
            a.outCount = Int64(cells[1]) ?? 0
            a.outDaySum = Int64(cells[2]) ?? 0
            a.nearDays = cells[3].split(separator: " ").compactMap { entry in
                let parts = entry.split(separator: ":")
                guard parts.count == 2, let day = Int64(parts[0]), let count = Int64(parts[1]) else { return nil }
                return (day, count)
            }
            for (k, condition) in conditions.enumerated() { a.days[condition.name] = parseDays(cells[4 + k]) }
            activity[cells[0]] = a
        }
    }

    /// Per-payee figures: grouped by the payee (for a cash deposit written with only a payer, the
    /// payer) and day, then by the payee. Only payees with a day meeting some inflow condition,
    /// or with the payers of a fan-in or a QR collection, come back.
    private func aggregateInflows(
        _ columns: TableColumns, _ c: CandidateRules, into activity: inout [String: AccountActivity]
    ) async throws(DatabaseError) {
        let qr = channelMay(be: [.qrPayment], columns)
        let conditions = c.inflowConditions
        let sql = accountQuery(
            perAccount: "sum(n)::text, max(total)::text, max(payers)::text, max(qr_total)::text, max(qr_payers)::text",
            perDay: """
                count(*) AS n, sum(fen) AS total, max(fen) AS biggest, count(DISTINCT b) AS payers,
                COALESCE(sum(fen) FILTER (WHERE is_qr), 0) AS qr_total, count(DISTINCT b) FILTER (WHERE is_qr) AS qr_payers
                """,
            rows: """
                COALESCE(NULLIF(\(columns.to)::text, ''), \(columns.from)::text) AS a, \(columns.from)::text AS b,
                \(day(columns)) AS d, \(fen(columns)) AS fen, \(qr) AS is_qr
                """,
            conditions: conditions, filters: ["payers >= \(c.collectionPayers)", "qr_payers >= \(c.qrCollectionPayers)"])
        for cells in try await rows(sql) where cells.count == 6 + conditions.count {
            var a = activity[cells[0]] ?? AccountActivity()
            a.inCount = Int64(cells[1]) ?? 0
            a.inDaySum = Int64(cells[2]) ?? 0
            a.inDayPayers = Int64(cells[3]) ?? 0
            a.qrDaySum = Int64(cells[4]) ?? 0
            a.qrDayPayers = Int64(cells[5]) ?? 0
            for (k, condition) in conditions.enumerated() { a.days[condition.name] = parseDays(cells[6 + k]) }
            activity[cells[0]] = a
        }
    }
}
