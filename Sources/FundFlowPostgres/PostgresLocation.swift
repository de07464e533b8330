import Foundation
import FundFlow

/// Where the transfers table is:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?table=NAME][&sslmode=MODE]`.
///
/// The table defaults to `transfers`; `sslmode` takes libpq's values (`disable`, `prefer` — libpq's
/// default —, `require`, `verify-full`, …).
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// The transfers table (optionally schema-qualified, `schema.table`).
    public var table: String
    /// libpq's `sslmode`, when the URL gives one.
    public var sslMode: String?

    /// Parses a `postgres://` or `postgresql://` URL.
    public init(url text: String) throws(DatabaseError) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw DatabaseError("\(text): expected postgres://USER@HOST[:PORT]/DATABASE[?table=NAME]")
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        user = components.user ?? "postgres"
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty else { throw DatabaseError("\(text): no database name in the URL") }
        database = path
        table = components.queryItems?.first(where: { $0.name == "table" })?.value ?? "transfers"
        sslMode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value
        let parts = table.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) }
        }) else {
            throw DatabaseError("\(text): table \(table) must be NAME or SCHEMA.NAME of letters, digits and _")
        }
    }

    /// The table as a quoted SQL identifier.
    var quotedTable: String {
        table.split(separator: ".").map { "\"\($0)\"" }.joined(separator: ".")
    }

    /// The URL without the password, for messages and reports.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?table=\(table)" }
}

/// A database failure, with the server's message where there is one.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension DatabaseError: FundFlowError {}
