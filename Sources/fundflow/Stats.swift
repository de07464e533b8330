import ArgumentParser
import FundFlow

/// `fundflow stats`: what was read, row by row accounted for.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the input files hold: rows by outcome, transfers, accounts, amounts, channels, top accounts.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    @Option(help: "How many accounts to list in each top list.")
    var top = 10

    @Option(name: .customLong("rejected"), help: "Write the rejected rows to this CSV file.")
    var rejectedPath: String?

    func run() throws {
        let options = try input.ingestOptions()
        let started = ContinuousClock.now
        let result = try Ingestor.read(input.inputs, options: options)
        let elapsed = ContinuousClock.now - started
        let summary = try GraphSummary(result.graph, top: top)
        if let rejectedPath {
            try FileOutput.write(RejectedRowsCSV.text(result.report.rejectedRows), to: rejectedPath)
        }
        let offset = options.timezoneOffsetSeconds
        let problems = result.accountingProblems
        let own = result.holders.holders.isEmpty ? nil : OwnAccountTransfers(graph: result.graph, holders: result.holders)
        if json {
            print(StatsReport.json(result.report, summary, offsetSeconds: offset, problems: problems, holders: result.holders, ownAccounts: own).serialized())
        } else {
            print(StatsReport.text(result.report, summary, offsetSeconds: offset, elapsed: elapsed, problems: problems, holders: result.holders, ownAccounts: own), terminator: "")
        }
    }
}
