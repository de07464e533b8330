import Foundation
import Testing
@testable import FundFlow

/// clusters.csv: victims linked through a common account of their traced money.
@Suite struct LinkedCasesTests {
    func trace(extraTransfers: String? = nil, extraVictims: String = "") throws -> TraceResult {
        var files = [Fixtures.path("demo/transfers.csv")]
        if let extraTransfers { files.append(try Fixtures.temporaryFile(extraTransfers)) }
        let data = try Fixtures.read(files)
        let victims = try String(contentsOfFile: Fixtures.path("demo/victims.csv"), encoding: .utf8) + extraVictims
        let (reports, _) = try VictimReportReader.read(try Fixtures.temporaryFile(victims, name: "victims.csv"), timeParser: TimeParser(defaultOffsetSeconds: cst))
        return Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, offsetSeconds: cst)).run()
    }

    /// The gang of each victim, from the demo's truth.csv.
    func gangs() throws -> [String: String] {
        var gang: [String: String] = [:]
        for line in try String(contentsOfFile: Fixtures.path("demo/truth.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count >= 3 && cells[1].hasPrefix("victim") { gang[cells[0]] = cells[2] }
        }
        return gang
    }

    @Test func eachGangsVictimsAreOneClusterAndNoTwoGangsShareOne() throws {
        let result = try trace()
        let linked = LinkedCases(result)
        let gang = try gangs()
        #expect(linked.clusters.count == Set(gang.values).count)
        for cluster in linked.clusters {
            #expect(Set(cluster.labels.map { gang[result.victim($0)] ?? "?" }).count == 1)
            #expect(cluster.loss == cluster.held + cluster.cashedOut)
            #expect(!cluster.firstLevel.isEmpty)
        }
        #expect(linked.clusters.reduce(0) { $0 + $1.labels.count } == result.resolution.victims.count)
        #expect(linked.clusters.map(\.loss) == linked.clusters.map(\.loss).sorted(by: >))
        let csv = linked.csv(result)
        #expect(csv.hasPrefix("cluster,victims,cases,accounts,loss,held,cashed_out,first_level\n1,"))
    }

    @Test func aVictimWhoPaidBothGangsJoinsTheirClusters() throws {
        // 6222000000000000 (an ordinary person of the demo) pays each gang's first-level card.
        let extra = "id,time,from,to,amount,channel\n"
            + "X1,2024-02-21 10:00:00,6222000000000000,6212834652081678,1000.00,transfer\n"
            + "X2,2024-02-21 10:01:00,6222000000000000,6214088079211949,1000.00,transfer\n"
        let result = try trace(extraTransfers: extra, extraVictims: "6222000000000000,2000.00,2024-02-21 10:00:00,,AJ2024-X-1,两边都被骗,fake_credit\n")
        let linked = LinkedCases(result)
        #expect(linked.clusters.count == 1)
        #expect(linked.clusters[0].labels.count == 13)
    }
}
