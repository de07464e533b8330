import Foundation
import Testing
@testable import FundFlow

/// A case's outputs do not depend on the order its rows come in. Rows are put in time order on
/// reading, but accounts are numbered in the order they first appear: a database returns its rows
/// in its own order (Citus shard by shard), a merged export account by account. Here the rows
/// come latest time first, and by payer — rows of one time keep their order, so the transfers,
/// once sorted, are the same — and every output must be byte-identical.
@Suite struct InputOrderTests {
    /// Two orders a file's rows could come in besides their own.
    enum Order: CaseIterable {
        /// Latest time first.
        case latestFirst
        /// By payer, descending (as an export lists one account's statement after another).
        case byPayerDescending
    }

    /// `path`'s rows in `order`, the header first; rows of one time keep their order.
    static func reordered(_ path: String, _ order: Order) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let timeColumn = try #require(header.firstIndex(of: "time")), fromColumn = try #require(header.firstIndex(of: "from"))
        var groups: [(time: String, payer: String, rows: [String])] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let last = groups.indices.last, groups[last].time == fields[timeColumn] {
                groups[last].rows.append(line)
            } else {
                groups.append((fields[timeColumn], fields[fromColumn], [line]))
            }
        }
        let sorted = groups.enumerated().sorted { a, b in
            let (x, y) = order == .latestFirst ? (a.element.time, b.element.time) : (a.element.payer, b.element.payer)
            return x != y ? x > y : a.offset < b.offset
        }
        return ([lines[0]] + sorted.flatMap { $0.element.rows }).joined(separator: "\n") + "\n"
    }

    func outputs(_ transfers: String, victims: String) throws -> [String: String] {
        var request = CaseAnalysis.Request(inputs: [transfers])
        request.victims = victims
        let analysis = try CaseAnalysis.run(request)
        var files: [String: String] = [:]
        for file in CaseOutputs.files(analysis) where file.name != "manifest.json" { files[file.name] = file.text }
        return files
    }

    /// The provenance case with the collector's 8,000.00 to 王凯 made 9,000.00: two of the
    /// collector's payees then got equal sums, which a reason lists in a fixed order (it followed
    /// the order the accounts were first read, and `analyze --source` on Citus differed).
    static func tiedCase() throws -> String {
        let text = try String(contentsOfFile: Fixtures.path("provenance/transfers.csv"), encoding: .utf8)
        let tied = text.replacingOccurrences(
            of: "P00061,2025-03-10 12:05:00,6214830012345678901,2088123456789012,8000.00,",
            with: "P00061,2025-03-10 12:05:00,6214830012345678901,2088123456789012,9000.00,")
        precondition(tied != text)
        return try Fixtures.temporaryFile(Array(tied.utf8), name: "transfers.csv")
    }

    @Test(arguments: ["demo", "provenance", "provenance, tied"])
    func outputsDoNotDependOnRowOrder(_ fixture: String) throws {
        let path = fixture == "provenance, tied" ? try Self.tiedCase() : Fixtures.path("\(fixture)/transfers.csv")
        let victims = Fixtures.path("\(fixture.prefix { $0 != "," })/victims.csv")
        let asGiven = try outputs(path, victims: victims)
        #expect(asGiven["flagged.csv"]?.isEmpty == false)
        for order in Order.allCases {
            let reordered = try Fixtures.temporaryFile(Array(try Self.reordered(path, order).utf8), name: "transfers.csv")
            #expect(try String(contentsOfFile: reordered, encoding: .utf8) != (try String(contentsOfFile: path, encoding: .utf8)))
            let other = try outputs(reordered, victims: victims)
            #expect(asGiven.keys.sorted() == other.keys.sorted())
            for (name, text) in asGiven {
                #expect(other[name]?.replacingOccurrences(of: reordered, with: path) == text, "\(fixture), \(order): \(name)")
            }
        }
    }
}
