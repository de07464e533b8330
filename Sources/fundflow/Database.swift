import ArgumentParser
import FundFlow
import Dispatch
import FundFlowPostgres

/// `fundflow db`: create and fill a PostgreSQL transfers table.
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create (init) and fill (load) a PostgreSQL transfers table for --source.",
        subcommands: [Initialize.self, Load.self])

    struct Initialize: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the transfers table and its indexes.")

        @Option(help: "postgres://USER@HOST[:PORT]/DB[?table=NAME]")
        var source: String

        @Flag(help: "Also distribute the table on the payer with Citus (create_distributed_table).")
        var distributed = false

        func run() throws {
            try DatabaseSource.initialize(source, distributed: distributed)
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read files as `fundflow stats` does and COPY their transfers into the table.")

        @OptionGroup var input: InputOptions

        func run() throws {
            guard let source = input.source else { throw UsageError(message: "give --source postgres://…") }
            var files = input
            files.source = nil
            let data = try Ingestor.read(files.inputs, options: try files.ingestOptions())
            let report = data.report
            print("Read \(report.rows) rows: \(report.transfers) transfers, \(report.merged) merged, \(report.skipped) skipped, \(report.rejected) rejected")
            try DatabaseSource.load(data.graph, into: source)
        }
    }
}

/// The PostgreSQL source as the commands use it: blocking calls over the async client.
enum DatabaseSource {
    static func initialize(_ url: String, distributed: Bool) throws {
        try blocking(url) { database in
            try await database.createSchema(distributed: distributed)
            print("Created \(database.location.description) with indexes on (from, time) and (to, time)\(distributed ? ", distributed on from" : "")")
        }
    }

    static func load(_ graph: TransferGraph, into url: String) throws {
        try blocking(url) { database in
            let start = ContinuousClock.now
            let copied = try await database.load(graph)
            let milliseconds = (ContinuousClock.now - start) / .milliseconds(1)
            print("Copied \(copied) transfers into \(database.location.description) in \(Int(milliseconds)) ms; it holds \(try await database.count())")
        }
    }

    /// The rows a trace of `reports` needs, read like a file.
    static func traceInput(_ url: String, reports: [VictimReport], asOf: EpochMilliseconds?, options: IngestOptions) throws -> IngestResult {
        let fetch = try blocking(url) { database in
            try await database.fetchForTrace(reports, asOf: asOf, offsetSeconds: options.timezoneOffsetSeconds)
        }
        print("PostgreSQL: \(fetch.frontierRows) reachable transfers in \(fetch.rounds) frontier rounds + \(fetch.contextRows) for the "
              + "reached accounts' histories; \(fetch.accounts) accounts")
        return try Ingestor.read(tables: [fetch.table], options: options)
    }

    /// The rows around `accounts` that a chart of `hops` hops needs, read like a file.
    static func neighbourhoodInput(_ url: String, accounts: [String], hops: Int, direction: FlowDirection, options: IngestOptions) throws -> IngestResult {
        let fetch = try blocking(url) { database in
            try await database.fetchNeighbourhood(of: accounts, hops: hops, direction: direction)
        }
        print("PostgreSQL: \(fetch.frontierRows) transfers of \(fetch.accounts) accounts in \(fetch.rounds) rounds")
        return try Ingestor.read(tables: [fetch.table], options: options)
    }

    /// The rows detecting patterns with `rules` needs (and tracing `reports`, when given), read
    /// like a file, with what they hold.
    static func detectionInput(
        _ url: String, rules: Rules, reports: [VictimReport], asOf: EpochMilliseconds?, options: IngestOptions
    ) throws -> (IngestResult, DetectionScope) {
        // Flags follow suspicious money through every account it reaches (the provenance stage),
        // so they need every row: the whole table is read in one scan (wholeTableShare 0), and
        // the aggregates that pick candidates are not run.
        let fetch = try blocking(url) { database in
            try await database.fetchForDetection(rules: rules, reports: reports, asOf: asOf, offsetSeconds: options.timezoneOffsetSeconds,
                                                 wholeTableShare: 0)
        }
        let patterns = fetch.candidates.map { "\($0.pattern.rawValue) \($0.accounts)" }.joined(separator: ", ")
        let rows = fetch.wholeTable
            ? "the whole table (\(fetch.candidateRows) rows) read in one scan, as flags need"
            : "fetched \(fetch.candidateRows) of their transfers + \(fetch.onwardRows) onward"
                + (reports.isEmpty ? "" : " + \(fetch.traceRows) for the trace")
        if fetch.aggregatedAccounts == 0 && fetch.wholeTable {
            print("PostgreSQL: " + rows)
        } else {
            print("PostgreSQL: \(fetch.aggregatedAccounts) accounts from the aggregates, \(fetch.candidateAccounts) candidates"
                  + (patterns.isEmpty ? "" : " (\(patterns))") + "; " + rows)
        }
        return (try Ingestor.read(tables: [fetch.table], options: options), fetch.scope)
    }

    /// Runs `body` on a connection to `url` and waits for it; database errors become exit code 2.
    private static func blocking<T: Sendable>(_ url: String, _ body: @escaping @Sendable (TransferDatabase) async throws -> T) throws -> T {
        let outcome = BlockingOutcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let database = try await TransferDatabase.connect(try PostgresLocation(url: url))
                do {
                    outcome.value = .success(try await body(database))
                } catch {
                    outcome.value = .failure(error)
                }
                await database.close()
            } catch {
                outcome.value = .failure(error)
            }
            done.signal()
        }
        done.wait()
        switch outcome.value {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: throw UsageError(message: "\(url): the database call did not finish")
        }
    }
}

/// The result of an async call a blocking caller waits for (written once, before the semaphore is
/// signalled, and read after the wait).
private final class BlockingOutcome<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}
