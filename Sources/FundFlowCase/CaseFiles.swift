import FundFlow
#if canImport(Glibc)
import Glibc
#endif

/// The one writer of a case folder: everything `fundflow analyze` writes into its output
/// directory (the CSV and JSON outputs, the diagrams, `report.html` and `manifest.json`), and
/// what `fundflow trace` writes into its own.
public enum CaseFiles {
    /// How many findings get a diagram (the strongest).
    public static let diagramLimit = 20

    /// Writes the case into `directory` (which exists); `png` adds PNG copies of the diagrams.
    /// Returns the paths written, relative to `directory`.
    @discardableResult
    public static func write(_ analysis: CaseAnalysis, to directory: String, png: Bool = false,
                             commandLine: [String] = [], progress: ((String) -> Void)? = nil) throws -> [String] {
        var written: [String] = []
        for file in CaseOutputs.files(analysis) {
            try FileOutput.write(file.text, to: directory + "/" + file.name)
            written.append(file.name)
        }
        progress?("rendering")
        let graph = analysis.data.graph
        let offset = analysis.request.ingest.timezoneOffsetSeconds
        _ = mkdir(directory + "/diagrams", 0o755)
        func diagram(_ request: ChartRequest, name: String) -> String? {
            do {
                let svg = try ChartSelection.render(request, graph: graph, format: .svg, offsetSeconds: offset)
                try FileOutput.write(svg, to: "\(directory)/diagrams/\(name).svg")
                written.append("diagrams/\(name).svg")
                if png {
                    try FileOutput.write(try ChartSelection.render(request, graph: graph, format: .png, offsetSeconds: offset),
                                         to: "\(directory)/diagrams/\(name).png")
                    written.append("diagrams/\(name).png")
                }
                return String(decoding: svg, as: UTF8.self)
            } catch {
                return nil  // a chart Graphviz cannot draw leaves the report without it
            }
        }
        var flowSVG: String?
        if let trace = analysis.trace {
            var request = CaseCharts.trace(trace, title: "Victims' money, \(trace.policy.rawValue)")
            request.maxNodes = 120
            flowSVG = diagram(request, name: "flow")
        }
        var findingSVGs: [Int: String] = [:]
        for index in analysis.findings.indices.prefix(diagramLimit) {
            let finding = analysis.findings[index]
            var request = CaseCharts.finding(finding, graph: graph)
            request.maxNodes = 60
            let name = "finding-\(threeDigits(index + 1))-\(finding.pattern.rawValue)"
            findingSVGs[index] = diagram(request, name: name)
        }
        var clusterSVGs: [Int: String] = [:]
        if let trace = analysis.trace, let linked = analysis.linkedCases, linked.clusters.count > 1 {
            // Linked cases only (two victims or more), the five largest: a chart per lone victim
            // would repeat the flow chart and cost a Graphviz layout each.
            for cluster in linked.clusters.filter({ $0.labels.count > 1 }).prefix(5) {
                var request = CaseCharts.trace(trace, title: "Linked cases, cluster \(cluster.number)", labels: Set(cluster.labels))
                request.maxNodes = 80
                clusterSVGs[cluster.number] = diagram(request, name: "cluster-\(threeDigits(cluster.number))")
            }
        }
        let report = HTMLReport(analysis: analysis, flowSVG: flowSVG, findingSVGs: findingSVGs, clusterSVGs: clusterSVGs)
        try FileOutput.write(report.html, to: directory + "/report.html")
        written.append("report.html")
        try FileOutput.write(manifest(analysis, directory: directory, outputs: written, commandLine: commandLine).serialized() + "\n",
                             to: directory + "/manifest.json")
        written.append("manifest.json")
        return written
    }

    /// Writes what `fundflow trace` writes into `directory` (which exists): `freeze.csv`,
    /// `returns.csv`, `cashout.csv`, `resolution.csv` and, with `nextSteps`, `requests.csv`,
    /// `clusters.csv`, and `bridges.csv` (``TraceOutputs/files(_:nextSteps:graph:holders:offsetSeconds:)``).
    /// Returns the names written.
    @discardableResult
    public static func write(_ result: TraceResult, nextSteps: (requests: NextRequests, linkedCases: LinkedCases)?, data: IngestResult,
                             to directory: String, offsetSeconds: Int) throws -> [String] {
        var written: [String] = []
        for file in TraceOutputs.files(result, nextSteps: nextSteps, graph: data.graph, holders: data.holders, offsetSeconds: offsetSeconds) {
            try FileOutput.write(file.text, to: directory + "/" + file.name)
            written.append(file.name)
        }
        return written
    }

    /// The chain of custody: tool version, command line, policy and rules, and the SHA-256 and
    /// size of every input and output file.
    static func manifest(_ analysis: CaseAnalysis, directory: String, outputs: [String], commandLine: [String]) -> JSONValue {
        func entry(_ path: String, shown: String) -> JSONValue {
            let hashed = SHA256Digest.file(path)
            return .object([("path", .string(shown)), ("sha256", hashed.map { .string($0.hex) } ?? .null),
                            ("bytes", hashed.map { .int(Int64($0.bytes)) } ?? .null)])
        }
        var members: [(String, JSONValue)] = [
            ("tool", .string("fundflow")),
            ("version", .string(FundFlowVersion.string)),
            ("command", .array(commandLine.map { .string($0) })),
            ("timezone", .string(TimeFormatter.iso8601(0, offsetSeconds: analysis.request.ingest.timezoneOffsetSeconds).suffix(6).description)),
            ("match_window_ms", .int(analysis.request.ingest.matchWindowMilliseconds)),
        ]
        if analysis.trace != nil {
            members.append(("policy", .string(analysis.request.policy.rawValue)))
            members.append(("victims", entry(analysis.request.victims ?? "", shown: analysis.request.victims ?? "")))
        }
        if let asOf = analysis.request.asOf {
            members.append(("as_of", .string(TimeFormatter.iso8601(asOf, offsetSeconds: analysis.request.ingest.timezoneOffsetSeconds))))
        }
        members.append(("rules", analysis.request.rules.json))
        members.append(("inputs", .array(analysis.request.inputs.map { entry($0, shown: $0) })))
        if let source = analysis.request.source { members.append(("source", .string(source))) }
        members.append(("outputs", .array(outputs.map { entry(directory + "/" + $0, shown: $0) })))
        return .object(members)
    }
}

/// A number with at least three digits (`007`), for file names that sort.
func threeDigits(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 3 - text.count)) + text
}
