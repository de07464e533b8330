/// The case's CSV and JSON outputs as texts (``CaseFiles`` in `FundFlowCase` writes them with
/// the diagrams, the report and the manifest: the one owner of a case folder).
public enum CaseOutputs {
    /// The texts of `findings.json`, `flagged.csv`, `possible_victims.csv`, `rejected.csv`
    /// (when rows were rejected) and, with victims, `freeze.csv`, `returns.csv` (conserving
    /// policies), `cashout.csv`, `resolution.csv`, `requests.csv`, `clusters.csv`, `bridges.csv`,
    /// by file name, in that order.
    public static func files(_ analysis: CaseAnalysis) -> [(name: String, text: String)] {
        let (data, findings, flagged, provenance) = (analysis.data, analysis.findings, analysis.flagged, analysis.provenance)
        let offset = analysis.request.ingest.timezoneOffsetSeconds
        var files: [(String, String)] = [
            ("findings.json", DetectionOutputs.findingsJSON(findings, graph: data.graph, offsetSeconds: offset)),
            ("flagged.csv", DetectionOutputs.flaggedCSV(flagged, graph: data.graph, holders: data.holders)),
            ("possible_victims.csv", DetectionOutputs.possibleVictimsCSV(provenance, flagged: flagged, graph: data.graph, offsetSeconds: offset)),
        ]
        if !data.report.rejectedRows.isEmpty { files.append(("rejected.csv", RejectedRowsCSV.text(data.report.rejectedRows))) }
        if let trace = analysis.trace {
            files += TraceOutputs.files(trace, nextSteps: analysis.nextSteps, graph: data.graph, holders: data.holders, offsetSeconds: offset).map { ($0.name, $0.text) }
        }
        return files
    }
}
