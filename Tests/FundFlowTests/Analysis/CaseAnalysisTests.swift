import Foundation
import Testing
@testable import FundFlow

/// `analyze` on the bundled demo case: the outputs exist and agree with each other.
@Suite struct CaseAnalysisTests {
    func analyse(victims: Bool) throws -> (CaseAnalysis, String) {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("demo/transfers.csv")])
        if victims { request.victims = Fixtures.path("demo/victims.csv") }
        let analysis = try CaseAnalysis.run(request)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-analyze-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try analysis.writeOutputs(to: directory)
        return (analysis, directory)
    }

    func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    @Test func theFreezeListHoldsEveryHeldFenAndReturnsAddUp() throws {
        let (analysis, directory) = try analyse(victims: true)
        let trace = try #require(analysis.trace)
        let freeze = try rows(directory + "/freeze.csv")
        let returns = try rows(directory + "/returns.csv")
        func fen(_ text: String?) throws -> Int64 { try AmountParser.parse(text ?? "").fen }
        let totals = trace.totalsByLabel
        #expect(try freeze.reduce(0) { $0 + (try fen($1["amount"])) } == totals.reduce(0) { $0 + $1.held })
        #expect(totals.allSatisfy { $0.resolved == $0.held + $0.cashedOut })
        for row in freeze {
            let account = try #require(row["account"])
            let sum = try returns.filter { $0["account"] == account }.reduce(Int64(0)) { $0 + (try fen($1["amount"])) }
            #expect(sum == (try fen(row["amount"])), "\(account)")
            #expect(try fen(row["amount"]) > 0)
        }
        // Sorted by amount descending.
        let amounts = try freeze.map { try fen($0["amount"]) }
        #expect(amounts == amounts.sorted(by: >))
        // Every account that holds traced money is flagged.
        let flagged = Set(try rows(directory + "/flagged.csv").compactMap { $0["account"] })
        #expect(Set(freeze.compactMap { $0["account"] }).isSubset(of: flagged))
    }

    @Test func findingsNameRealAccountsAndTransfers() throws {
        let (analysis, directory) = try analyse(victims: false)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == analysis.findings.count)
        #expect(!findings.isEmpty)
        let graph = analysis.data.graph
        let ids = Set((0..<graph.transferCount).map { graph.id($0) })
        for finding in findings {
            let pattern = try #require(finding["pattern"] as? String)
            #expect(Pattern(rawValue: pattern) != nil)
            let accounts = try #require(finding["accounts"] as? [String])
            #expect(!accounts.isEmpty && accounts.allSatisfy { graph.account(named: $0) != nil })
            let transfers = try #require(finding["transfers"] as? [String])
            #expect(!transfers.isEmpty && transfers.allSatisfy { ids.contains($0) })
            let score = try #require(finding["score"] as? Double)
            #expect(score >= 0 && score <= 1)
            #expect((finding["summary"] as? String)?.isEmpty == false)
        }
        let flagged = try rows(directory + "/flagged.csv")
        #expect(flagged.count == analysis.flagged.count)
        #expect(flagged.allSatisfy { ($0["patterns"] ?? "").isEmpty == false })
    }

    @Test func withoutVictimsTheDemoGangIsFoundAndTheLookAlikesAreNot() throws {
        let (analysis, _) = try analyse(victims: false)
        let truth = try GroundTruth.read(Fixtures.path("demo/truth.csv"))
        let flagged = Set(analysis.flagged.map { analysis.data.graph.name(of: $0.account) })
        let evaluation = Evaluation(truth: truth, flagged: flagged)
        #expect(evaluation.precision >= 0.95)
        #expect(evaluation.recall >= 0.95)
        for role in ["employer", "salary_cashout", "shop", "family", "landlord"] {
            #expect(evaluation.roles.first { $0.role == role }?.flagged == 0, "\(role) flagged")
        }
    }
}
