import FundFlow

/// The transfers table's columns as the readers see them: names mapped like a CSV header, and the
/// SQL that selects each as text.
struct TableColumns: Sendable {
    var names: [String]
    var types: [String]
    var map: HeaderMap
    /// The quoted names of the payer, payee and time columns, for the WHERE clauses.
    var from: String
    var to: String
    var time: String
    /// Whether the time column is `timestamp` (local time in the timezone option) rather than
    /// `timestamptz`.
    var naiveTime: Bool
    /// The `seq` column, when the table has one (the order of transfers at the same time).
    var hasSequence: Bool
    /// The UTC offset of a `timestamp` column's local times.
    var offsetSeconds: Int

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// The select list: a hidden row key (`seq` where the table has it; otherwise payer and ctid),
    /// the time in epoch milliseconds and the sequence (hidden, for ordering), then every column as
    /// text.
    var selectList: String {
        var items = [hasSequence ? "\"seq\"::text" : "\(from) || '/' || ctid::text",
                     epochMilliseconds(time) + "::text",
                     hasSequence ? "\"seq\"::text" : "'0'"]
        for (name, type) in zip(names, types) {
            let column = Self.quoted(name)
            switch type {
            case "timestamp with time zone":
                items.append("to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
            case "timestamp without time zone":
                items.append("to_char(\(column), 'YYYY-MM-DD HH24:MI:SS.MS')")
            default:
                items.append("\(column)::text")
            }
        }
        return items.joined(separator: ", ")
    }

    /// A time expression as epoch milliseconds (a `timestamp` taken as local time).
    func epochMilliseconds(_ expression: String) -> String {
        "(floor(extract(epoch from \(expression)) * 1000)::bigint - \(naiveTime ? offsetSeconds * 1000 : 0))"
    }

    /// `time >= ms` (or `<`, `<=`) in SQL, with `ms` bound as parameter `$index`.
    func timeCondition(_ comparison: String, parameter index: Int) -> String {
        timeCondition(comparison, milliseconds: "$\(index)::bigint")
    }

    /// `time >= ms` (or `<`, `<=`), `ms` a `bigint` SQL expression.
    func timeCondition(_ comparison: String, milliseconds: String) -> String {
        if naiveTime {
            return "\(time) \(comparison) 'epoch'::timestamp + (\(milliseconds) + \(offsetSeconds * 1000)) * interval '1 millisecond'"
        }
        return "\(time) \(comparison) 'epoch'::timestamptz + \(milliseconds) * interval '1 millisecond'"
    }

    /// Whether the payer and payee columns are text, so that a list of accounts can be bound as
    /// one `text[]` (`= ANY`) rather than an OR of one equality per account.
    var accountsAreText: Bool {
        guard let from = map.columns[.from], let to = map.columns[.to] else { return false }
        return [types[from], types[to]].allSatisfy { $0 == "text" || $0 == "character varying" }
    }

    /// The rows whose `column` is one of `accounts` and whose time lies within that account's
    /// bounds (`nil`: unbounded), the lists bound as three arrays:
    /// `column = ANY(accounts) AND (low IS NULL OR time >= low) AND (high IS NULL OR time < high)`,
    /// each account's bounds found with `array_position`.
    ///
    /// One such condition instead of an OR of one term per account: on Citus every shard was sent
    /// the whole OR-list of 400 terms and planned 400 index probes for it (a frontier query on the
    /// realistic 10M dump: 1.08–1.21 s OR-ed, 0.18–0.21 s as arrays; Benchmarks/README.md).
    func accountWindows(
        _ column: String, accounts: [String], low: [Int64?], lowComparison: String = ">=",
        high: [Int64?], highComparison: String = "<", _ binds: inout SQLBindings
    ) -> String {
        binds.append(accounts)
        let list = "$\(binds.count)::text[]"
        let position = "array_position(\(list), \(column)::text)"
        var condition = "\(column) = ANY(\(list))"
        for (bounds, comparison) in [(low, lowComparison), (high, highComparison)] where bounds.contains(where: { $0 != nil }) {
            binds.append(bounds)
            let bound = "($\(binds.count)::bigint[])[\(position)]"
            condition += " AND (\(bound) IS NULL OR " + timeCondition(comparison, milliseconds: bound) + ")"
        }
        return condition
    }
}

extension TransferDatabase {
    /// Reads the table's columns from the catalogue and maps them; a `timestamp` time column holds
    /// local times at `offsetSeconds` east of UTC.
    func columns(offsetSeconds: Int) async throws(DatabaseError) -> TableColumns {
        let parts = location.table.split(separator: ".").map(String.init)
        var binds = SQLBindings()
        binds.append(parts.count == 2 ? parts[1] : parts[0])
        let schemaCondition: String
        if parts.count == 2 {
            binds.append(parts[0])
            schemaCondition = "table_schema = $2"
        } else {
            schemaCondition = "table_schema = current_schema()"
        }
        let catalogue = try await rows(
            "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_name = $1 AND \(schemaCondition) ORDER BY ordinal_position",
            binds)
        guard !catalogue.isEmpty else { throw DatabaseError("\(location.description): no table \(location.table) (run `fundflow db init`)") }
        let names = catalogue.map { $0[0] }, types = catalogue.map { $0[1] }
        let map = HeaderMap(header: names, forcedLayout: .canonical)
        guard map.missing.isEmpty, let from = map.columns[.from], let to = map.columns[.to], let time = map.columns[.time] else {
            throw DatabaseError("\(location.description): table \(location.table) has no column for \(map.missing.joined(separator: ", ")) (columns: \(names.joined(separator: ", ")))")
        }
        guard types[time].hasPrefix("timestamp") else {
            throw DatabaseError("\(location.description): the time column \(names[time]) is \(types[time]); the frontier queries need timestamp or timestamptz")
        }
        return TableColumns(
            names: names, types: types, map: map, from: TableColumns.quoted(names[from]), to: TableColumns.quoted(names[to]),
            time: TableColumns.quoted(names[time]), naiveTime: types[time] == "timestamp without time zone",
            hasSequence: names.contains("seq"), offsetSeconds: offsetSeconds)
    }

    /// The rows matching `condition`, as (key, epoch ms, sequence, fields).
    func fetch(_ columns: TableColumns, where condition: String, _ binds: SQLBindings) async throws(DatabaseError) -> [FetchedRow] {
        try await rows("SELECT \(columns.selectList) FROM \(location.quotedTable) WHERE \(condition)", binds).map { cells in
            FetchedRow(key: cells[0], time: Int64(cells[1]) ?? 0, sequence: Int64(cells[2]) ?? 0, fields: Array(cells.dropFirst(3)))
        }
    }
}

/// One row of the transfers table as fetched.
struct FetchedRow: Sendable {
    var key: String
    var time: EpochMilliseconds
    var sequence: Int64
    var fields: [String]
}
