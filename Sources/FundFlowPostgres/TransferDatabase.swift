#if PostgreSQL
import Foundation
import FundFlow
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A connection to a PostgreSQL (or Citus) database holding a transfers table.
///
/// The table's columns are mapped like a CSV header (formats.md §1), so a table that was not made
/// by `fundflow db init` works too, provided its time column is a `timestamp` or `timestamptz`
/// (the frontier queries compare times in SQL). Every row fetched is counted in ``statistics``.
public final class TransferDatabase: Sendable {
    /// Where the table is.
    public let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
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

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the database of `location` (no TLS).
    public static func connect(_ location: PostgresLocation) async throws(DatabaseError) -> TransferDatabase {
        let logger = Logger(label: "fundflow.postgres")
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return TransferDatabase(location: location, connection: connection, logger: logger)
        } catch {
            throw DatabaseError("\(location.description): cannot connect: \(Self.message(error))")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// Runs `sql` with `binds` and returns every row's cells as text (NULL as "").
    func rows(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws(DatabaseError) -> [[String]] {
        let start = ContinuousClock.now
        defer {
            if Self.logsQueries {
                let elapsed = ContinuousClock.now - start
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                FileHandle.standardError.write(Data("fundflow: sql \(Int(ms)) ms: \(sql)\n".utf8))
            }
        }
        do {
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            var result: [[String]] = []
            for try await row in sequence {
                var fields: [String] = []
                fields.reserveCapacity(row.count)
                // Every column is selected as text, whose wire form is its UTF-8 bytes: read them as
                // they come rather than through the generic decoder.
                for cell in row { fields.append(cell.bytes.map { String(buffer: $0) } ?? "") }
                result.append(fields)
            }
            let count = result.count
            counters.withLock { $0.queries += 1; $0.rows += count }
            return result
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError("\(location.description): \(Self.message(error))")
        }
    }

    /// Whether every query is written to stderr with its wall time (`FUNDFLOW_LOG_SQL=1`), for a
    /// database administrator's `EXPLAIN`.
    static let logsQueries = ProcessInfo.processInfo.environment["FUNDFLOW_LOG_SQL"] == "1"

    /// Runs a statement that returns no rows.
    func execute(_ sql: String) async throws(DatabaseError) {
        _ = try await rows(sql)
    }

    /// The server's own message for a PostgreSQL error, or the error's description.
    static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
#endif
