import ArgumentParser
import FundFlow
import FundFlowCase

/// `fundflow trace`: where each victim's money is, what to freeze, what to return to whom.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trace victims' money to the fen: freeze.csv, returns.csv, cashout.csv, resolution.csv, requests.csv, clusters.csv, bridges.csv.")

    @OptionGroup var input: InputOptions

    @Option(help: "The victim reports (victims.csv).")
    var victims: String

    @Option(help: "fifo (default), lifo, proportional or poison.")
    var policy: TracePolicy = .fifo

    @Option(name: .customLong("as-of"), help: "Stop the clock at this time (inclusive).")
    var asOf: String?

    @Option(help: "Directory to write into (created; refused if not empty unless --force).")
    var out: String?

    @Flag(help: "Write into a non-empty directory.")
    var force = false

    @Option(help: "Print the evidence paths into this account.")
    var explain: String?

    @Flag(name: .customLong("cash-bridges"), help: "Follow cash withdrawn and paid into another account soon after, nearby (同存同取): inferred links, marked in every output. Not with poison.")
    var cashBridges = false

    @Option(help: "A rules file (TOML): its [cash_bridge] section says how cash bridges match.")
    var rules: String?

    func run() throws {
        if cashBridges && !policy.conserves { throw UsageError(message: "--cash-bridges needs a policy that conserves amounts (fifo, lifo, proportional)") }
        if cashBridges && input.source != nil {
            throw UsageError(message: "--cash-bridges reads files: `trace --source` fetches only the rows the money reaches, not the deposits a bridge needs (use `analyze --source`)")
        }
        var bridgeRules = Rules().cashBridge
        if let rules {
            let text: String
            do { text = try String(contentsOfFile: rules, encoding: .utf8) } catch { throw UsageError(message: "\(rules): cannot read the rules file") }
            bridgeRules = try Rules.parse(text, file: rules).cashBridge
        }
        var options = try input.ingestOptions(allowingSource: true)
        options.keptAttributes = TraceOutputs.attributesUsed  // memos and other columns are never shown here
        guard out != nil || explain != nil else { throw UsageError(message: "give --out DIR (or --explain ACCOUNT)") }
        let parser = TimeParser(defaultOffsetSeconds: options.timezoneOffsetSeconds)
        var cutoff: EpochMilliseconds?
        if let asOf {
            do { cutoff = try parser.parse(asOf) } catch { throw UsageError(message: "--as-of \(asOf): \(error)") }
        }
        if let out {
            try OutputDirectory.prepare(out, force: force)
        }
        // For the benchmarks: `FUNDFLOW_TIMINGS=1` prints each stage's wall time, as `analyze` does.
        var clock = StageClock.fromEnvironment()
        let (reports, problems) = try VictimReportReader.read(victims, timeParser: parser)
        clock.lap("victims")
        for problem in problems { FileHandle.standardError.write("fundflow: warning: \(problem)\n") }
        let data = try input.source.map { source in
            try DatabaseSource.traceInput(source, reports: reports, asOf: cutoff, options: options)
        } ?? Ingestor.read(input.inputs, options: options)
        clock.lap("read")
        var request = CaseTrace.Request(offsetSeconds: options.timezoneOffsetSeconds)
        request.policy = policy
        request.asOf = cutoff
        request.bridgeRules = bridgeRules
        request.matchesCashBridges = input.source == nil  // from a database the frontier holds no deposits
        request.followsCashBridges = cashBridges
        let result = CaseTrace(request, reports: reports, data: data).result
        clock.lap("trace")
        let resolution = result.resolution
        for entry in resolution.reports {
            if let warning = entry.warning { FileHandle.standardError.write("fundflow: warning: \(victims):\(entry.report.line): \(warning)\n") }
        }
        let next = out == nil ? nil : NextSteps.of(result, data: data)
        clock.lap("next_steps")
        let written = try out.map { try CaseFiles.write(result, nextSteps: next, data: data, to: $0, offsetSeconds: options.timezoneOffsetSeconds) } ?? []
        clock.lap("write")
        if let explain {
            guard let account = data.graph.account(named: explain) else { throw UsageError(message: "--explain \(explain): no such account in the data") }
            print(TraceOutputs.explain(result, account: account, offsetSeconds: options.timezoneOffsetSeconds))
        }
        let money = result.moneyTotals
        let freeze = result.freezeOrder
        print("Victims \(resolution.victims.count) (\(reports.count) reports, \(problems.count) rows not read); "
              + "reported \(Amount(fen: money.reported).groupedString), resolved \(Amount(fen: money.resolved).groupedString)")
        if policy.conserves {
            print("Held \(Amount(fen: money.held).groupedString) in \(freeze.count) accounts to freeze; "
                  + "cashed out \(Amount(fen: money.cashedOut).groupedString) at \(result.cashouts.count) accounts")
        } else {
            print("Reached \(freeze.count) accounts holding \(Amount(fen: freeze.reduce(0) { $0 + $1.total }).groupedString) (poison: an upper bound)")
        }
        if let out {
            if let next {
                print("Next statements to request: \(next.requests.requests.count) accounts where the victims' money leaves the data (requests.csv); "
                      + "linked cases: \(next.linkedCases.clusters.count) clusters (clusters.csv)")
            }
            if result.bridges != nil { print(TraceOutputs.bridgesLine(result)) }
            print("Wrote \(out)/" + written.joined(separator: ", "))
        }
    }
}
