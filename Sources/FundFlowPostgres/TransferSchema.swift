import FundFlow

/// The schema `fundflow db init` creates, and `fundflow db load`, which fills it with COPY.
///
/// ```sql
/// CREATE TABLE transfers (
///     "id"      text NOT NULL,             -- the transfer's serial (or its file line)
///     "time"    timestamptz NOT NULL,
///     "from"    text NOT NULL DEFAULT '',  -- '' for a cash deposit (Citus: no NULL distribution key)
///     "to"      text NOT NULL DEFAULT '',  -- '' for a cash withdrawal
///     "amount"  numeric(20,2) NOT NULL CHECK ("amount" > 0),
///     "channel" text NOT NULL DEFAULT 'transfer',
///     "seq"     bigint NOT NULL,           -- the order of transfers at the same time
///     "place" text NOT NULL DEFAULT '', "memo" text NOT NULL DEFAULT '',      -- kept for the
///     "from_name" text NOT NULL DEFAULT '', "to_name" text NOT NULL DEFAULT ''  -- outputs
/// );
/// CREATE INDEX ON transfers ("from", "time");
/// CREATE INDEX ON transfers ("to", "time");
/// -- Citus: SELECT create_distributed_table('transfers', 'from');
/// ```
extension TransferDatabase {
    /// The statements that create the table and its indexes.
    public var schemaStatements: [String] {
        let table = location.quotedTable
        let indexBase = location.table.replacingOccurrences(of: ".", with: "_")
        return [
            """
            CREATE TABLE IF NOT EXISTS \(table) (
                "id" text NOT NULL,
                "time" timestamptz NOT NULL,
                "from" text NOT NULL DEFAULT '',
                "to" text NOT NULL DEFAULT '',
                "amount" numeric(20,2) NOT NULL CHECK ("amount" > 0),
                "channel" text NOT NULL DEFAULT 'transfer',
                "seq" bigint NOT NULL,
                "place" text NOT NULL DEFAULT '',
                "memo" text NOT NULL DEFAULT '',
                "from_name" text NOT NULL DEFAULT '',
                "to_name" text NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX IF NOT EXISTS \"\(indexBase)_from_time\" ON \(table) (\"from\", \"time\")",
            "CREATE INDEX IF NOT EXISTS \"\(indexBase)_to_time\" ON \(table) (\"to\", \"time\")",
        ]
    }

    /// Creates the table and its indexes; with `distributed`, also distributes it on the payer
    /// (`create_distributed_table`, which needs the Citus extension).
    public func createSchema(distributed: Bool = false) async throws(DatabaseError) {
        for statement in schemaStatements { try await execute(statement) }
        if distributed {
            try await execute("SELECT create_distributed_table('\(location.table)', 'from')")
        }
    }

    /// The number of rows in the table.
    public func count() async throws(DatabaseError) -> Int {
        Int(try await rows("SELECT count(*)::text FROM \(location.quotedTable)").first?.first ?? "") ?? 0
    }

    /// Appends every transfer of `graph` with COPY (text format, 1 MiB at a time); `seq` continues
    /// after the largest already in the table. Returns the number of rows copied.
    public func load(_ graph: TransferGraph) async throws(DatabaseError) -> Int {
        let last = Int64(try await rows("SELECT COALESCE(max(\"seq\"), -1)::text FROM \(location.quotedTable)").first?.first ?? "") ?? -1
        let columns = (["id", "time", "from", "to", "amount", "channel", "seq"] + Self.attributeColumns).map { "\"\($0)\"" }
        try await copy("COPY \(location.quotedTable) (\(columns.joined(separator: ", "))) FROM STDIN") { send throws(DatabaseError) in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 4096)
            for t in 0..<graph.transferCount {
                Self.appendCopyText(graph.id(t), to: &buffer)
                buffer.append(0x09)
                buffer.append(contentsOf: Self.utcText(graph.time(t)).utf8)
                buffer.append(0x09)
                Self.appendCopyText(graph.payer(t).map { graph.name(of: $0) } ?? "", to: &buffer)
                buffer.append(0x09)
                Self.appendCopyText(graph.payee(t).map { graph.name(of: $0) } ?? "", to: &buffer)
                buffer.append(0x09)
                buffer.append(contentsOf: Amount(fen: graph.fen(t)).decimalString.utf8)
                buffer.append(0x09)
                buffer.append(contentsOf: graph.channel(t).name.utf8)
                buffer.append(0x09)
                buffer.append(contentsOf: String(last + 1 + Int64(t)).utf8)
                for key in Self.attributeColumns {
                    buffer.append(0x09)
                    Self.appendCopyText(graph.attributes.value(key, row: t) ?? "", to: &buffer)
                }
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try send(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try send(buffer) }
        }
        return graph.transferCount
    }

    /// The attributes the table keeps: the cash-out place and the memo (cashout.csv, channels), and
    /// the holders' names (chart labels). Other columns of the files are not loaded.
    static let attributeColumns = ["place", "memo", "from_name", "to_name"]

    /// `ms` as `YYYY-MM-DD HH:MM:SS.mmm+00` (COPY input for timestamptz).
    static func utcText(_ ms: EpochMilliseconds) -> String {
        let fraction = Int(((ms % 1000) + 1000) % 1000)
        let digits = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return TimeFormatter.string(ms, offsetSeconds: 0) + "." + digits + "+00"
    }

    /// Appends `text` escaped for COPY's text format (backslash, tab, newline, carriage return).
    static func appendCopyText(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case 0x09: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }
}
