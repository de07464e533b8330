import ArgumentParser
import FundFlow
import FundFlowCase
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Options shared by `detect` and `analyze`.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "A rules file (TOML) overriding the default thresholds; see `fundflow rules --print`.")
    var rules: String?

    @Option(help: "Directory to write into (created; refused if not empty unless --force).")
    var out: String

    @Flag(help: "Write into a non-empty directory.")
    var force = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Flag(help: "Also write PNG copies of the diagrams.")
    var png = false

    @Option(help: "An investigator's annotations.json (from `fundflow serve`): cleared accounts are never flagged, suspect ones are flagged with the note as reason.")
    var annotations: String?

    func loadAnnotations() throws -> AnnotationBook {
        guard let annotations else { return AnnotationBook() }
        guard FileManager.default.fileExists(atPath: annotations) else { throw UsageError(message: "\(annotations): no such file") }
        return try AnnotationBook.read(annotations)
    }

    func loadRules() throws -> Rules {
        guard let rules else { return Rules() }
        let text: String
        do {
            text = try String(contentsOfFile: rules, encoding: .utf8)
        } catch {
            throw UsageError(message: "\(rules): cannot read the rules file")
        }
        return try Rules.parse(text, file: rules)
    }
}

/// `fundflow detect`: laundering patterns and flagged accounts, without victim reports.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Detect laundering patterns and flag accounts: findings.json, flagged.csv.")

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    func run() throws {
        var request = CaseAnalysis.Request(inputs: input.inputs)
        request.ingest = try input.ingestOptions(allowingSource: true)
        request.rules = try analysis.loadRules()
        request.annotations = try analysis.loadAnnotations()
        try Analyze.execute(request, analysis, source: input.source)
    }
}

/// `fundflow analyze`: the one-command investigation.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, trace victims' money, detect patterns and flag accounts: report.html, findings.json, flagged.csv, diagrams, manifest.json and, with victims, freeze.csv, returns.csv, cashout.csv, resolution.csv.")

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "The victim reports (victims.csv).")
    var victims: String?

    @Option(help: "fifo (default), lifo, proportional or poison.")
    var policy: TracePolicy = .fifo

    @Option(name: .customLong("as-of"), help: "Stop the clock at this time (inclusive).")
    var asOf: String?

    @Flag(name: .customLong("cash-bridges"), help: "Follow cash withdrawn and paid into another account soon after, nearby (同存同取): inferred links, marked in every output. Not with poison.")
    var cashBridges = false

    func run() throws {
        if cashBridges && !policy.conserves { throw UsageError(message: "--cash-bridges needs a policy that conserves amounts (fifo, lifo, proportional)") }
        var request = CaseAnalysis.Request(inputs: input.inputs)
        request.followCashBridges = cashBridges
        request.ingest = try input.ingestOptions(allowingSource: true)
        request.rules = try analysis.loadRules()
        request.annotations = try analysis.loadAnnotations()
        request.victims = victims
        request.policy = policy
        if let asOf {
            do {
                request.asOf = try TimeParser(defaultOffsetSeconds: request.ingest.timezoneOffsetSeconds).parse(asOf)
            } catch {
                throw UsageError(message: "--as-of \(asOf): \(error)")
            }
        }
        try Self.execute(request, analysis, source: input.source)
    }

    /// Runs `request` (on the rows of a PostgreSQL `source` when given), writes its files and
    /// prints a summary.
    static func execute(_ request: CaseAnalysis.Request, _ options: AnalysisOptions, source: String? = nil) throws {
        try OutputDirectory.prepare(options.out, force: options.force)
        let progress = Progress(label: "analyze", unit: "", enabled: !options.quiet)
        let analysis: CaseAnalysis
        if let source {
            var fromDatabase = request
            if let victims = request.victims {
                // Read once: for the rows their money reaches, and for the trace.
                let parser = TimeParser(defaultOffsetSeconds: request.ingest.timezoneOffsetSeconds)
                fromDatabase.victimReports = try VictimReportReader.read(victims, timeParser: parser)
            }
            progress.stage("fetching")
            let start = ContinuousClock.now
            let (data, scope) = try DatabaseSource.detectionInput(
                source, rules: request.rules, reports: fromDatabase.victimReports?.reports ?? [], asOf: request.asOf, options: request.ingest)
            let read = (ContinuousClock.now - start) / .milliseconds(1)
            fromDatabase.source = InputOptions.redacted([source])[0]
            analysis = try CaseAnalysis.run(fromDatabase, data: data, scope: scope, readMilliseconds: read) { progress.stage($0) }
        } else {
            analysis = try CaseAnalysis.run(request) { progress.stage($0) }
        }
        progress.finish()
        // For the benchmarks: `FUNDFLOW_TIMINGS=1` prints wall time per stage and detector.
        var clock = StageClock.fromEnvironment()
        for (stage, milliseconds) in analysis.timings { clock.report(stage, milliseconds: milliseconds) }
        for problem in analysis.victimProblems { FileHandle.standardError.write("fundflow: warning: \(problem)\n") }
        if let trace = analysis.trace, let victims = request.victims {
            for entry in trace.resolution.reports where entry.warning != nil {
                FileHandle.standardError.write("fundflow: warning: \(victims):\(entry.report.line): \(entry.warning!)\n")
            }
        }
        clock.restart()
        let written = try CaseFiles.write(analysis, to: options.out, png: options.png, commandLine: InputOptions.redacted(CommandLine.arguments)) { progress.stage($0) }
        progress.finish()
        clock.lap("write")
        let report = analysis.data.report
        print("Read \(report.rows) rows: \(report.transfers) transfers, \(report.merged) merged, \(report.skipped) skipped, \(report.rejected) rejected")
        if let trace = analysis.trace {
            let money = trace.moneyTotals
            print("Traced \(trace.resolution.victims.count) victims (\(trace.policy.rawValue)): held "
                  + "\(Amount(fen: money.held).groupedString) in \(trace.freezeOrder.count) accounts, cashed out "
                  + "\(Amount(fen: money.cashedOut).groupedString)")
            if trace.bridges != nil { print(TraceOutputs.bridgesLine(trace)) }
        }
        var byPattern: [Pattern: Int] = [:]
        for finding in analysis.findings { byPattern[finding.pattern, default: 0] += 1 }
        print("Findings \(analysis.findings.count): " + Pattern.allCases.compactMap { p in byPattern[p].map { "\(p.rawValue) \($0)" } }.joined(separator: ", "))
        print("Flagged \(analysis.flagged.count) accounts")
        let diagrams = written.filter { $0.hasPrefix("diagrams/") }.count
        print("Wrote \(options.out)/: " + written.filter { !$0.hasPrefix("diagrams/") }.joined(separator: ", ") + ", \(diagrams) diagrams")
        print("Open \(options.out)/report.html in a browser.")
    }
}

/// `fundflow rules`: the thresholds.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Print the default rules file, or check one.")

    @Flag(help: "Print the defaults as a rules file.")
    var print = false

    @Option(help: "Check a rules file and print it with the defaults filled in.")
    var check: String?

    func run() throws {
        if let check {
            let text: String
            do { text = try String(contentsOfFile: check, encoding: .utf8) } catch { throw UsageError(message: "\(check): cannot read the rules file") }
            _ = try Rules.parse(text, file: check)
            Swift.print("\(check): ok")
            return
        }
        Swift.print(Rules.defaultsText, terminator: "")
    }
}
