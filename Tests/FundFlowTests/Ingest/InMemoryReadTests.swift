import Foundation
import Testing
@testable import FundFlow

/// A file's bytes read in memory (`Ingestor.read(named:contents:)`, what the fuzzer feeds) give
/// exactly what reading the file gives: the same error, or the same report and transfers.
@Suite struct InMemoryReadTests {
    /// Every table-like fixture, the bad ones and the fuzzer's regression inputs included.
    static let fixtures: [String] = {
        let root = Fixtures.path("")
        let names = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return names.filter { name in
            ["csv", "tsv", "txt", "xlsx", "bin"].contains((name as NSString).pathExtension)
                || name.hasPrefix("fuzz/") && !name.hasSuffix("/")
        }.filter { !FileManager.default.isDirectory(root + $0) }.sorted()
    }()

    /// What a read gives, in a form two reads can be compared by.
    struct Outcome: Equatable {
        var error: String?
        var files: [String] = []
        var rejected: [RejectedRow] = []
        var transfers: [String] = []
    }

    static func outcome(_ read: () throws(IngestError) -> IngestResult) -> Outcome {
        let result: IngestResult
        do { result = try read() } catch { return Outcome(error: error.description) }
        let graph = result.graph
        return Outcome(
            files: result.report.files.map {
                "\($0.rows) \($0.transfers) \($0.merged) \($0.skipped.map { "\($0.key)=\($0.value)" }.sorted()) \($0.rejected) \($0.amounts) \(String(describing: $0.encoding)) \($0.layouts)"
            },
            rejected: result.report.rejectedRows,
            transfers: (0..<graph.transferCount).map { t in
                "\(graph.id(t)) \(graph.time(t)) \(graph.fen(t)) \(graph.payerIndex(t)) \(graph.payeeIndex(t)) \(graph.channelCode(t))"
            })
    }

    @Test func theFixturesAreFound() {
        #expect(Self.fixtures.count > 30)
        #expect(Self.fixtures.contains("xlsx/openpyxl_numeric.xlsx"))
        #expect(Self.fixtures.contains("bad/utf16le_bom.csv"))
    }

    @Test(arguments: fixtures)
    func readsAsTheFileReads(_ fixture: String) throws {
        let path = Fixtures.path(fixture)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var options = IngestOptions()
        options.readThreads = 1
        let fromFile = Self.outcome { () throws(IngestError) in try Ingestor.read([path], options: options) }
        let fromMemory = Self.outcome { () throws(IngestError) in try Ingestor.read(named: path, contents: bytes, options: options) }
        #expect(fromMemory == fromFile)
    }

    @Test func victimsReadAsTheFileReads() throws {
        let path = Fixtures.path("demo/victims.csv")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromFile = try VictimReportReader.read(path)
        let fromMemory = try VictimReportReader.read(named: path, contents: bytes)
        #expect(fromMemory.reports == fromFile.reports)
        #expect(fromMemory.problems == fromFile.problems)
        #expect(fromFile.reports.count > 3)
    }

    /// A file larger than the reader's two chunks (read in pieces from disk) and the same bytes
    /// in memory (one piece) give the same rows: the buffers sized to small files change nothing.
    @Test func aFileOfManyChunksReadsAsItsBytes() throws {
        var text = "time,from,to,amount,id,memo\n"
        var row = 0
        while text.utf8.count < 3 * TextSource.chunkSize {
            text += "2024-03-01 10:\(String(format: "%02d", row / 60 % 60)):\(String(format: "%02d", row % 60)),A\(row % 97),B\(row % 89),\(row % 1000 + 1).25,T\(row),\"备注 \(row)\"\n"
            row += 1
        }
        let bytes = Array(text.utf8)
        let path = try Fixtures.temporaryFile(bytes)
        var options = IngestOptions()
        options.readThreads = 1
        let fromFile = Self.outcome { () throws(IngestError) in try Ingestor.read([path], options: options) }
        let fromMemory = Self.outcome { () throws(IngestError) in try Ingestor.read(named: path, contents: bytes, options: options) }
        #expect(fromFile.transfers.count == row)
        #expect(fromMemory == fromFile)
    }
}

extension FileManager {
    fileprivate func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
