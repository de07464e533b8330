import ArgumentParser
import FundFlow

/// The options every command that reads transfer files shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "Transfer dumps, bank statements or xlsx workbooks (CSV/TSV, UTF-8 or GB18030).")
    var inputs: [String] = []

    @Option(help: "Read from a PostgreSQL transfers table instead of files: postgres://USER@HOST[:PORT]/DB[?table=NAME] (trace, render, detect and analyze).")
    var source: String?

    @Option(help: "UTC offset of times written without a zone.")
    var timezone: String = "+08:00"

    @Option(name: .customLong("match-window"),
            help: "How far apart the debit and credit rows of one transfer may be in two ledgers (e.g. 5m, 90s, 1h).")
    var matchWindow: String = "5m"

    @Option(help: "Force the layout instead of detecting it: canonical, statement or amlworld.")
    var layout: String?

    @Option(help: "Force the encoding instead of detecting it: utf-8 or gb18030.")
    var encoding: String?

    @Option(name: .customLong("read-threads"),
            help: "Threads that read one large UTF-8 dump in parts (default: the processors, at most 8; 1: one thread). The result is the same.")
    var readThreads: Int?

    /// The reader options these flags describe; `--source` only where the command reads from a
    /// database (`trace`, `render`, `detect`, `analyze`, `db load`).
    func ingestOptions(allowingSource: Bool = false) throws -> IngestOptions {
        if source != nil && !allowingSource {
            throw UsageError(message: "--source works with trace, render, detect and analyze (and db); this command reads files")
        }
        guard !inputs.isEmpty || source != nil else { throw UsageError(message: "no input files given") }
        guard inputs.isEmpty || source == nil else { throw UsageError(message: "give input files or --source, not both") }
        var options = IngestOptions()
        guard let offset = TimeParser.parseOffset(timezone) else {
            throw UsageError(message: "--timezone \(timezone): expected an offset like +08:00 or Z")
        }
        options.timezoneOffsetSeconds = offset
        guard let window = DurationText.milliseconds(matchWindow) else {
            throw UsageError(message: "--match-window \(matchWindow): expected a whole number and a unit, like 90s, 5m or 1h")
        }
        options.matchWindowMilliseconds = window
        if let layout {
            guard let value = TableLayout(rawValue: layout.lowercased()) else {
                throw UsageError(message: "--layout \(layout): expected canonical, statement or amlworld")
            }
            options.layout = value
        }
        if let encoding {
            switch encoding.lowercased() {
            case "utf-8", "utf8": options.encoding = .utf8
            case "gb18030", "gbk", "gb2312": options.encoding = .gb18030
            default: throw UsageError(message: "--encoding \(encoding): expected utf-8 or gb18030")
            }
        }
        if let readThreads {
            guard readThreads >= 1 else { throw UsageError(message: "--read-threads \(readThreads): expected 1 or more") }
            options.readThreads = readThreads
        }
        return options
    }

    /// `arguments` with the password of any PostgreSQL URL left out (`postgres://user@host/…`),
    /// for files that record the command line.
    static func redacted(_ arguments: [String]) -> [String] {
        arguments.map { argument in
            // The user information ends at the last `@` before the path (a password may hold `@`).
            guard let scheme = argument.range(of: "postgres://") ?? argument.range(of: "postgresql://") else { return argument }
            let authorityEnd = argument[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? argument.endIndex
            guard let at = argument[scheme.upperBound..<authorityEnd].lastIndex(of: "@"),
                  let colon = argument[scheme.upperBound..<at].firstIndex(of: ":") else { return argument }
            return String(argument[..<colon]) + String(argument[at...])
        }
    }
}
