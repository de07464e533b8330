import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FundFlow
@testable import FundFlowCase

/// `analyze`'s whole output directory: report, diagrams and manifest agree with the data.
@Suite struct CaseFilesTests {
    func writeCase() throws -> (CaseAnalysis, String, [String]) {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("demo/transfers.csv")])
        request.victims = Fixtures.path("demo/victims.csv")
        let analysis = try CaseAnalysis.run(request)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-case-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let written = try CaseFiles.write(analysis, to: directory, commandLine: ["fundflow", "analyze", "test"])
        return (analysis, directory, written)
    }

    @Test func theReportIsWellFormedAndHoldsTheFreezeListAndDiagrams() throws {
        let (analysis, directory, written) = try writeCase()
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/report.html"))
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "report.html is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        let html = String(decoding: data, as: UTF8.self)
        let trace = try #require(analysis.trace)
        for holding in trace.freezeOrder {
            let holder = analysis.data.graph.holderName(of: holding.account) ?? ""
            #expect(html.contains("<td>\(analysis.data.graph.name(of: holding.account))</td><td>\(holder)</td><td class=\"n\">\(Amount(fen: holding.total).groupedString)</td>"))
        }
        // The flow diagram and finding diagrams are inline and on disk.
        #expect(written.contains("diagrams/flow.svg"))
        #expect(written.filter { $0.hasPrefix("diagrams/finding-") }.count == min(CaseFiles.diagramLimit, analysis.findings.count))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 1 + min(CaseFiles.diagramLimit, analysis.findings.count))
        // Nothing fetched from the network: no external sources or links.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        for file in written { #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "\(file)") }
    }

    @Test func theManifestsHashesMatchTheFiles() throws {
        let (_, directory, _) = try writeCase()
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["version"] as? String == FundFlowVersion.string)
        #expect(manifest["policy"] as? String == "fifo")
        #expect(manifest["command"] as? [String] == ["fundflow", "analyze", "test"])
        #expect((manifest["rules"] as? [String: Any])?["pass_through"] != nil)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(inputs.count == 1)
        #expect(outputs.count >= 8)
        for entry in inputs + outputs {
            let path = try #require(entry["path"] as? String)
            let full = path.hasPrefix("/") ? path : directory + "/" + path
            let actual = try #require(SHA256Digest.file(full))
            #expect(entry["sha256"] as? String == actual.hex, "\(path)")
            #expect(entry["bytes"] as? Int == actual.bytes, "\(path)")
        }
    }
}
