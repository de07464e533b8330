import Foundation
import Testing
@testable import FundFlow
@testable import FundFlowCase

/// The investigator's annotations: kept verbatim on disk, and honoured by the flags.
@Suite struct AnnotationTests {
    func analyse(_ book: AnnotationBook) throws -> CaseAnalysis {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("demo/transfers.csv")])
        request.victims = Fixtures.path("demo/victims.csv")
        request.annotations = book
        return try CaseAnalysis.run(request)
    }

    @Test func aBookSurvivesTheDiskVerbatimAndTheLatestWins() throws {
        let hostile = "\"><script>alert(1)</script> & 银行说是工资卡\n\\ {x}"
        var book = AnnotationBook()
        book.append(Annotation(account: "6214 \"x\"", status: .suspect, note: "first", time: "2026-12-02T10:00:00+08:00"))
        book.append(Annotation(account: "6214 \"x\"", status: .cleared, note: hostile, time: "2026-12-02T11:00:00+08:00"))
        let path = try Fixtures.temporaryFile("", name: "annotations.json")
        try book.write(to: path)
        let read = try AnnotationBook.read(path)
        #expect(read == book)
        #expect(read.current(for: "6214 \"x\"")?.status == .cleared)
        #expect(read.current(for: "6214 \"x\"")?.note == hostile)
        #expect(read.current.count == 1)
        // Written again over itself (the rename path), still whole.
        try read.write(to: path)
        #expect(try AnnotationBook.read(path) == book)
    }

    @Test func aBrokenFileNamesItselfAndWhatIsWrong() throws {
        let path = try Fixtures.temporaryFile(#"{"annotations": [{"account": "a", "status": "maybe", "note": "", "time": ""}]}"#, name: "annotations.json")
        #expect(throws: AnnotationError.self) { try AnnotationBook.read(path) }
        do { _ = try AnnotationBook.read(path) } catch { #expect(error.description.hasPrefix(path)) }
        #expect(try AnnotationBook.read(path + ".missing") == AnnotationBook())
    }

    @Test func clearedIsNeverFlaggedAndSuspectIsFlaggedWithTheNote() throws {
        let plain = try analyse(AnnotationBook())
        let graph = plain.data.graph
        let flaggedNames = plain.flagged.map { graph.name(of: $0.account) }
        let toClear = try #require(flaggedNames.first)
        // An account the detectors leave alone: the first one not flagged.
        let flaggedSet = Set(flaggedNames)
        let toSuspect = try #require((0..<graph.accountCount).map { graph.name(of: AccountID(Int32($0))) }.sorted().first { !flaggedSet.contains($0) })
        var book = AnnotationBook()
        book.append(Annotation(account: toClear, status: .cleared, note: "银行核实：个体商户", time: "2026-12-02T10:00:00+08:00"))
        book.append(Annotation(account: toSuspect, status: .suspect, note: "same phone as the first-level card", time: "2026-12-02T10:05:00+08:00"))
        book.append(Annotation(account: "not-in-this-dump", status: .suspect, note: "elsewhere", time: "2026-12-02T10:06:00+08:00"))
        let annotated = try analyse(book)
        let names = annotated.flagged.map { graph.name(of: $0.account) }
        #expect(!names.contains(toClear))
        #expect(annotated.cleared.map(\.annotation.account) == [toClear])
        #expect(annotated.cleared.first?.overruled?.reason == plain.flagged.first?.reason)
        let suspect = try #require(annotated.flagged.first { graph.name(of: $0.account) == toSuspect })
        #expect(suspect.reason == "investigator: same phone as the first-level card")
        #expect(annotated.flagged.count == plain.flagged.count)  // one cleared, one added, the unknown account changes nothing
        // The report says what was cleared.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-annotated-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try CaseFiles.write(annotated, to: directory)
        let report = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(report.contains("Cleared by the investigator") && report.contains("银行核实：个体商户"))
    }
}
