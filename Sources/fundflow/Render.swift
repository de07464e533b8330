import ArgumentParser
import FundFlow

/// `fundflow render`: a money-flow chart around accounts.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the money flow around accounts: DOT, or SVG/PNG/PDF through Graphviz (in-process).")

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("account"), help: "An account to draw around (repeat for several).")
    var accounts: [String] = []

    @Option(help: "Hops from the accounts.")
    var hops = 2

    @Option(help: "forward (along the money), backward, or both.")
    var direction: FlowDirection = .both

    @Option(help: "Only transfers at or after this time.")
    var since: String?

    @Option(help: "Only transfers at or before this time.")
    var until: String?

    @Option(name: .customLong("min-amount"), help: "Only transfers of at least this many yuan.")
    var minAmount: String?

    @Option(help: "Parallel transfers: single, directed (default), every or net.")
    var summarize: EdgeSummary = .directed

    @Option(name: .customLong("max-nodes"), help: "At most this many accounts; the rest are summarised.")
    var maxNodes = 150

    @Option(help: "dot, svg, png or pdf (default: from the output file's extension).")
    var format: String?

    @Option(name: .shortAndLong, help: "The output file.")
    var output: String

    func run() throws {
        let options = try input.ingestOptions(allowingSource: true)
        guard !accounts.isEmpty else { throw UsageError(message: "give at least one --account") }
        let chosen = format ?? String(output.split(separator: ".").last ?? "svg")
        guard let renderFormat = RenderFormat(rawValue: chosen.lowercased()) else {
            throw UsageError(message: "--format \(chosen): expected dot, svg, png or pdf")
        }
        let flow = direction, summary = summarize
        let parser = TimeParser(defaultOffsetSeconds: options.timezoneOffsetSeconds)
        var window: ClosedRange<EpochMilliseconds>?
        if since != nil || until != nil {
            do {
                let low = try since.map { try parser.parse($0) } ?? .min
                let high = try until.map { try parser.parse($0) } ?? .max
                guard low <= high else { throw UsageError(message: "--since is after --until") }
                window = low...high
            } catch let error as UsageError {
                throw error
            } catch {
                throw UsageError(message: "--since/--until: \(error)")
            }
        }
        var minimum = Amount.zero
        if let minAmount {
            do { minimum = try AmountParser.parse(minAmount) } catch { throw UsageError(message: "--min-amount \(minAmount): \(error)") }
        }
        let data = try input.source.map { source in
            try DatabaseSource.neighbourhoodInput(source, accounts: accounts.map(AccountKey.clean), hops: hops, direction: flow, options: options)
        } ?? Ingestor.read(input.inputs, options: options)
        var chart = NeighbourhoodChart(accounts: accounts.map(AccountKey.clean))
        chart.hops = hops
        chart.direction = flow
        chart.window = window
        chart.minimumAmount = minimum
        chart.summary = summary
        chart.maxNodes = maxNodes
        let request: ChartRequest
        do { request = try chart.request(on: data.graph) } catch { throw UsageError(message: "--account \(error.account): no such account in the data") }
        let bytes = try ChartSelection.render(request, graph: data.graph, format: renderFormat, offsetSeconds: options.timezoneOffsetSeconds)
        try FileOutput.write(bytes, to: output)
        print("Wrote \(output) (\(renderFormat.rawValue), \(bytes.count) bytes)")
    }
}
