import FundFlow

/// What a pushdown fetched from the database: the rows, as a table the readers take, and counts.
public struct PushdownFetch: Sendable {
    /// The fetched rows in (time, sequence) order, read like a CSV file with the table's columns.
    public var table: TextTable
    /// Query rounds until the frontier was empty.
    public var rounds: Int
    /// Distinct rows the frontier queries fetched: for a trace, the transfers reachable from the
    /// victims' losses in time order; for a neighbourhood, those incident to the accounts reached.
    public var frontierRows: Int
    /// Distinct further rows fetched for context: for a trace, the history of each reached account
    /// that paid money on (its inflows up to its last outflow, and its outflows before the money
    /// arrived), which FIFO, LIFO and proportional need to order its money as a full read would.
    public var contextRows: Int
    /// Accounts reached.
    public var accounts: Int
}

extension TransferDatabase {
    /// At most this many accounts go into one query (two parameters each).
    static let accountsPerQuery = 400

    /// Fetches what tracing `reports` needs, round by round: the outflows of the accounts that
    /// hold victims' money at or after the time the money first reached them (a victim: from the
    /// report's time), until no new account is reached; then the parts of those accounts'
    /// histories that order their money (inflows up to their last outflow, outflows before).
    /// Tracing the result locally gives what tracing the whole table gives, to the fen.
    ///
    /// Each frontier query filters on the payer, the distribution column (Citus prunes shards);
    /// the inflow queries filter on the payee with an index on (to, time).
    public func fetchForTrace(
        _ reports: [VictimReport], asOf: EpochMilliseconds? = nil, offsetSeconds: Int
    ) async throws(DatabaseError) -> PushdownFetch {
        let columns = try await columns(offsetSeconds: offsetSeconds)
        let found = try await traceRows(reports, asOf: asOf, columns)
        return PushdownFetch(
            table: table(found.rows.values, columns), rounds: found.rounds, frontierRows: found.frontierRows,
            contextRows: found.rows.count - found.frontierRows, accounts: found.accounts)
    }

    /// The rows of ``fetchForTrace(_:asOf:offsetSeconds:)`` by key, with its counts.
    func traceRows(
        _ reports: [VictimReport], asOf: EpochMilliseconds?, _ columns: TableColumns
    ) async throws(DatabaseError) -> (rows: [String: FetchedRow], rounds: Int, frontierRows: Int, accounts: Int) {
        guard let fromIndex = columns.map.columns[.from], let toIndex = columns.map.columns[.to] else {
            throw DatabaseError("no payer or payee column")
        }
        var since: [String: EpochMilliseconds] = [:]
        for report in reports where !report.victim.isEmpty {
            since[report.victim] = min(since[report.victim] ?? .max, report.time ?? .min)
        }
        var expanded: [String: EpochMilliseconds] = [:]  // outflows at or after this are fetched
        var fetched: [String: FetchedRow] = [:]
        var pending = Array(since.keys).sorted()
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            var reached: Set<String> = []
            for start in stride(from: 0, to: pending.count, by: Self.accountsPerQuery) {
                var binds = SQLBindings()
                let chunk = Array(pending[start..<min(pending.count, start + Self.accountsPerQuery)])
                // Each account's outflows from `since` on, below where they were fetched before.
                let lows = chunk.map { account in since[account].flatMap { $0 == .min ? nil : $0 } }
                let highs = chunk.map { expanded[$0] }
                for account in chunk { expanded[account] = since[account] }
                var condition: String
                if columns.accountsAreText {
                    condition = "(" + columns.accountWindows(columns.from, accounts: chunk, low: lows, high: highs, &binds) + ")"
                } else {
                    var terms: [String] = []
                    for (k, account) in chunk.enumerated() {
                        binds.append(account)
                        var term = "(\(columns.from) = $\(binds.count)"
                        if let low = lows[k] {
                            binds.append(low)
                            term += " AND " + columns.timeCondition(">=", parameter: binds.count)
                        }
                        if let high = highs[k] {  // fetched from `high` on already
                            binds.append(high)
                            term += " AND " + columns.timeCondition("<", parameter: binds.count)
                        }
                        terms.append(term + ")")
                    }
                    condition = "(" + terms.joined(separator: " OR ") + ")"
                }
                if let asOf {
                    binds.append(asOf)
                    condition += " AND " + columns.timeCondition("<=", parameter: binds.count)
                }
                for row in try await fetch(columns, where: condition, binds) {
                    fetched[row.key] = row
                    let payee = row.fields[toIndex]
                    guard !payee.isEmpty else { continue }  // a cash withdrawal
                    if row.time < since[payee] ?? .max {
                        since[payee] = row.time
                        reached.insert(payee)
                    }
                }
            }
            pending = reached.sorted()
        }
        let frontierRows = fetched.count
        // The rest of each reached account's history, where it can change what the account passes
        // on: its inflows up to its last outflow (later ones only add money that never leaves), and
        // its outflows before the money came. An account that paid nothing out needs neither.
        var lastOutflow: [String: EpochMilliseconds] = [:]
        for row in fetched.values {
            let payer = row.fields[fromIndex]
            if !payer.isEmpty { lastOutflow[payer] = max(lastOutflow[payer] ?? .min, row.time) }
        }
        let histories = columns.accountsAreText
            ? try await fetchHistories(lastOutflow.keys.sorted(), last: lastOutflow, since: since, columns)
            : try await fetch(lastOutflow.keys.sorted(), columns) { account, binds in
            guard let last = lastOutflow[account] else { return nil }
            binds.append(account)
            let name = binds.count
            binds.append(last)
            var term = "(\(columns.to) = $\(name) AND " + columns.timeCondition("<=", parameter: binds.count) + ")"
            if let low = since[account], low != .min {
                binds.append(low)
                term += " OR (\(columns.from) = $\(name) AND " + columns.timeCondition("<", parameter: binds.count) + ")"
            }
            return term
        }
        for row in histories where fetched[row.key] == nil { fetched[row.key] = row }
        return (fetched, rounds, frontierRows, since.count)
    }

    /// The histories of ``traceRows(_:asOf:_:)`` with the accounts bound as arrays: each account's
    /// inflows up to its last outflow, and its outflows before its money came.
    private func fetchHistories(
        _ accounts: [String], last: [String: EpochMilliseconds], since: [String: EpochMilliseconds], _ columns: TableColumns
    ) async throws(DatabaseError) -> [FetchedRow] {
        var rows: [FetchedRow] = []
        for start in stride(from: 0, to: accounts.count, by: Self.accountsPerQuery / 2) {
            let chunk = Array(accounts[start..<min(accounts.count, start + Self.accountsPerQuery / 2)])
            var binds = SQLBindings()
            var condition = "(" + columns.accountWindows(
                columns.to, accounts: chunk, low: chunk.map { _ in nil }, high: chunk.map { last[$0] }, highComparison: "<=", &binds) + ")"
            let early = chunk.filter { since[$0].map { $0 != .min } ?? false }
            if !early.isEmpty {
                condition += " OR (" + columns.accountWindows(
                    columns.from, accounts: early, low: early.map { _ in nil }, high: early.map { since[$0] }, &binds) + ")"
            }
            rows += try await fetch(columns, where: condition, binds)
        }
        return rows
    }

    /// The rows matching one condition per account, OR-ed, `accountsPerQuery / 2` accounts a
    /// query: `term` binds its parameters and returns the account's condition (`nil`: none).
    func fetch(
        _ accounts: [String], _ columns: TableColumns, term: (String, inout SQLBindings) -> String?
    ) async throws(DatabaseError) -> [FetchedRow] {
        var rows: [FetchedRow] = []
        for start in stride(from: 0, to: accounts.count, by: Self.accountsPerQuery / 2) {
            var binds = SQLBindings()
            let terms = accounts[start..<min(accounts.count, start + Self.accountsPerQuery / 2)].compactMap { term($0, &binds) }
            guard !terms.isEmpty else { continue }
            rows += try await fetch(columns, where: terms.joined(separator: " OR "), binds)
        }
        return rows
    }

    /// Fetches the transfers of the accounts within `hops` hops of `seeds` (following `direction`),
    /// round by round, with every transfer of each account reached, so that a neighbourhood drawn
    /// locally from them is the one drawn from the whole table.
    public func fetchNeighbourhood(
        of seeds: [String], hops: Int, direction: FlowDirection
    ) async throws(DatabaseError) -> PushdownFetch {
        // No condition on time here, so the offset of naive time columns plays no part.
        let columns = try await columns(offsetSeconds: 0)
        guard let fromIndex = columns.map.columns[.from], let toIndex = columns.map.columns[.to] else {
            throw DatabaseError("no payer or payee column")
        }
        var seen = Set(seeds)
        var ring = Array(seen).sorted()
        var fetched: [String: FetchedRow] = [:]
        var rounds = 0
        for hop in 0...max(0, hops) where !ring.isEmpty {
            rounds += 1
            var next: Set<String> = []
            for start in stride(from: 0, to: ring.count, by: Self.accountsPerQuery) {
                let chunk = Array(ring[start..<min(ring.count, start + Self.accountsPerQuery)])
                var binds = SQLBindings()
                binds.append(chunk)
                let outgoing = try await fetch(columns, where: "\(columns.from) = ANY($1::text[])", binds)
                let incoming = try await fetch(columns, where: "\(columns.to) = ANY($1::text[])", binds)
                for row in outgoing + incoming { fetched[row.key] = row }
                guard hop < hops else { continue }
                if direction != .backward {
                    for row in outgoing where !row.fields[toIndex].isEmpty && !seen.contains(row.fields[toIndex]) {
                        next.insert(row.fields[toIndex])
                    }
                }
                if direction != .forward {
                    for row in incoming where !row.fields[fromIndex].isEmpty && !seen.contains(row.fields[fromIndex]) {
                        next.insert(row.fields[fromIndex])
                    }
                }
            }
            seen.formUnion(next)
            ring = next.sorted()
        }
        return PushdownFetch(table: table(fetched.values, columns), rounds: rounds, frontierRows: fetched.count, contextRows: 0, accounts: seen.count)
    }

    /// Every row of the table (the baseline a pushdown is measured against).
    public func fetchAll() async throws(DatabaseError) -> PushdownFetch {
        // No condition on time: the offset of naive time columns plays no part.
        let columns = try await columns(offsetSeconds: 0)
        let rows = try await fetch(columns, where: "true", SQLBindings())
        var keyed: [String: FetchedRow] = [:]
        for row in rows { keyed[row.key] = row }
        return PushdownFetch(table: table(keyed.values, columns), rounds: 1, frontierRows: rows.count, contextRows: 0, accounts: 0)
    }

    func table(_ rows: some Collection<FetchedRow>, _ columns: TableColumns) -> TextTable {
        var table = TextTable(name: "postgres:\(location.table)", header: columns.names)
        for row in rows.sorted(by: { ($0.time, $0.sequence, $0.key) < ($1.time, $1.sequence, $1.key) }) {
            table.append(row.fields, line: Int(row.sequence) + 2)
        }
        return table
    }
}
