import CLibpq
import Foundation
import FundFlow
import Synchronization

/// A connection to a PostgreSQL (or Citus) database holding a transfers table.
///
/// The table's columns are mapped like a CSV header (docs/formats.md), so a table that was not made
/// by `fundflow db init` works too, provided its time column is a `timestamp` or `timestamptz`
/// (the frontier queries compare times in SQL). Every row fetched is counted in ``statistics``.
///
/// The client is libpq, PostgreSQL's own C library (Debian's `libpq-dev`): it speaks every
/// authentication method and `sslmode` the server offers, and it builds in seconds. The Swift
/// client used before (PostgresNIO) pulled in SwiftNIO and two copies of BoringSSL, whose debug
/// build took 7.5 of the 10.3 minutes of `make test` on a fresh clone (issue 21). Queries are
/// sequential and each is one round trip, so libpq's blocking calls, made under a lock, cost no
/// concurrency the callers use; they run on the calling task's thread.
public final class TransferDatabase: Sendable {
    /// Where the table is.
    public let location: PostgresLocation
    /// The libpq connection; every call on it is made while holding ``lock`` (a `PGconn` must not
    /// be used from two threads at once).
    private nonisolated(unsafe) let connection: OpaquePointer
    private let lock = Mutex(())
    private let counters = Mutex(Statistics())

    /// Queries sent and rows fetched since the connection opened.
    public struct Statistics: Sendable, Equatable {
        /// Queries sent.
        public var queries = 0
        /// Rows that came back from them.
        public var rows = 0
    }

    /// The counters so far.
    public var statistics: Statistics { counters.withLock { $0 } }

    private init(location: PostgresLocation, connection: OpaquePointer) {
        self.location = location
        self.connection = connection
    }

    deinit { PQfinish(connection) }

    /// Connects to the database of `location`.
    public static func connect(_ location: PostgresLocation) async throws(DatabaseError) -> TransferDatabase {
        // connect_timeout: an address where nothing answers fails in seconds, not minutes.
        var keywords = ["host", "port", "user", "dbname", "client_encoding", "application_name", "connect_timeout"]
        var values = [location.host, String(location.port), location.user, location.database, "UTF8", "fundflow", "10"]
        if let password = location.password { keywords.append("password"); values.append(password) }
        if let mode = location.sslMode { keywords.append("sslmode"); values.append(mode) }
        let connection = withCStrings(keywords) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 0) } }
        guard let connection else { throw DatabaseError("\(location.description): cannot connect: out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw DatabaseError("\(location.description): cannot connect: \(message)")
        }
        return TransferDatabase(location: location, connection: connection)
    }

    /// Closes the connection (it is also closed when the last reference goes).
    public func close() async {}

    /// Runs `sql` with `binds` and returns every row's cells as text (NULL as "").
    func rows(_ sql: String, _ binds: SQLBindings = SQLBindings()) async throws(DatabaseError) -> [[String]] {
        let start = ContinuousClock.now
        var fetched: Int?
        defer {
            if Self.logsQueries {
                let elapsed = ContinuousClock.now - start
                let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                let rows = fetched.map { "\($0) rows" } ?? "failed"
                FileHandle.standardError.write(Data("fundflow: sql \(ms) ms, \(rows): \(sql)\n".utf8))
            }
        }
        let outcome: Result<[[String]], DatabaseError> = lock.withLock { _ in
            let result = Self.withCStrings(binds.values) { parameters in
                PQexecParams(connection, sql, Int32(binds.count), nil, parameters, nil, nil, 0)
            }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                let count = Int(PQntuples(result)), width = Int(PQnfields(result))
                var table: [[String]] = []
                table.reserveCapacity(count)
                for r in 0..<Int32(count) {
                    var fields: [String] = []
                    fields.reserveCapacity(width)
                    for c in 0..<Int32(width) {
                        // Every column is selected as text: its cell is its UTF-8 bytes.
                        let length = Int(PQgetlength(result, r, c))
                        let pointer = UnsafeRawPointer(PQgetvalue(result, r, c)!).assumingMemoryBound(to: UInt8.self)
                        fields.append(String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self))
                    }
                    table.append(fields)
                }
                return .success(table)
            default:
                return .failure(DatabaseError("\(location.description): \(Self.message(result, connection))"))
            }
        }
        let table = try outcome.get()
        let count = table.count
        fetched = count
        counters.withLock { $0.queries += 1; $0.rows += count }
        return table
    }

    /// Runs a statement that returns no rows.
    func execute(_ sql: String) async throws(DatabaseError) {
        _ = try await rows(sql)
    }

    /// Runs `COPY … FROM STDIN` (`sql`) and sends it the chunks `produce` writes, one `send` call
    /// each (text format, already escaped).
    func copy(_ sql: String, _ produce: (_ send: ([UInt8]) throws(DatabaseError) -> Void) throws(DatabaseError) -> Void) async throws(DatabaseError) {
        try lock.withLock { _ throws(DatabaseError) in
            let started = PQexec(connection, sql)
            let status = PQresultStatus(started)
            let failure = status == PGRES_COPY_IN ? nil : Self.message(started, connection)
            PQclear(started)
            if let failure { throw DatabaseError("\(location.description): COPY failed: \(failure)") }
            var sendFailure: DatabaseError?
            do throws(DatabaseError) {
                try produce { chunk throws(DatabaseError) in
                    let sent = chunk.withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
                    }
                    if sent != 1 { throw DatabaseError("\(location.description): COPY failed: \(Self.trimmed(PQerrorMessage(connection)))") }
                }
            } catch {
                sendFailure = error
            }
            _ = PQputCopyEnd(connection, sendFailure == nil ? nil : "fundflow stopped the copy")
            var serverFailure: String?
            while let result = PQgetResult(connection) {
                if PQresultStatus(result) != PGRES_COMMAND_OK { serverFailure = serverFailure ?? Self.message(result, connection) }
                PQclear(result)
            }
            if let sendFailure { throw sendFailure }
            if let serverFailure { throw DatabaseError("\(location.description): COPY failed: \(serverFailure)") }
        }
        counters.withLock { $0.queries += 1 }
    }

    /// Whether every query is written to stderr with its wall time and rows (`FUNDFLOW_LOG_SQL=1`), for a
    /// database administrator's `EXPLAIN`.
    static let logsQueries = ProcessInfo.processInfo.environment["FUNDFLOW_LOG_SQL"] == "1"

    /// The server's own message for a failed result (with its detail), or the connection's.
    private static func message(_ result: OpaquePointer?, _ connection: OpaquePointer) -> String {
        if let result, let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) {
            let detail = PQresultErrorField(result, Int32(UInt8(ascii: "D"))).map { " (\(String(cString: $0)))" } ?? ""
            return String(cString: primary) + detail
        }
        return trimmed(PQerrorMessage(connection))
    }

    /// libpq's message on one line (it writes hints on indented lines of their own).
    private static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        return String(cString: text).split(whereSeparator: \.isNewline)
            .map { $0.drop { $0 == " " || $0 == "\t" } }.joined(separator: " ")
    }

    /// Calls `body` with a NULL-terminated array of C strings for `strings`, valid during the call.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }
}
