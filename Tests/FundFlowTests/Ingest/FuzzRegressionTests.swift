import Foundation
import Testing
@testable import FundFlow

/// Inputs the fuzzer (`scripts/fuzz.sh`) found, kept in `fixtures/fuzz/TARGET/` and replayed
/// with the fuzzer's checks: each is read or refused with an ``IngestError``, and what is read
/// adds up.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) throws -> [String] {
        let folder = Fixtures.path("fuzz/\(target)")
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 }
    }

    @Test func tablesAndWorkbooksAreReadOrRefusedAndAddUp() throws {
        var files = try Self.inputs("table") + Self.inputs("xlsx")
        #expect(files.contains { $0.hasSuffix("seek-past-end.xlsx") })
        files.removeAll { $0.hasSuffix(".md") }
        for file in files {
            do {
                let result = try Ingestor.read([file])
                #expect(result.accountingProblems.isEmpty, "\(file)")
            } catch {
                #expect(!error.description.isEmpty, "\(file)")
            }
        }
    }

    /// One changed byte in a sheet's deflate stream: the stream never ends within the part.
    /// ZIPFoundation 0.9.20 read empty chunks past the end of the file for ever (`stats` ran for
    /// minutes); fundflow's own reader refuses it at once.
    @Test func aPartWhoseDeflateStreamDoesNotEndIsRefused() throws {
        let path = Fixtures.path("fuzz/xlsx/endless-inflate.xlsx")
        let start = ContinuousClock.now
        let error = #expect(throws: IngestError.self) { try Ingestor.read([path]) }
        #expect(ContinuousClock.now - start < .seconds(5))
        // The damaged data sheet is named, not passed over for the notes sheet before it.
        #expect(error?.description.contains("damaged xlsx workbook: xl/worksheets/sheet2.xml") == true, "\(String(describing: error))")
    }

    /// ZIPFoundation's in-memory archive trapped on this zip (a seek past its end); fundflow's
    /// reader refuses it with a message.
    @Test func aZipThatSeeksPastItsEndIsRefused() throws {
        let path = Fixtures.path("fuzz/xlsx/seek-past-end.xlsx")
        #expect(throws: IngestError.self) { try Ingestor.read([path]) }
    }
}
