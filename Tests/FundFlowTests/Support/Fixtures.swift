import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import FundFlow

/// Paths of the repository's fixtures and scratch files for tests.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The path of `fixtures/<relative>`.
    static func path(_ relative: String) -> String { root + "/fixtures/" + relative }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes UTF-8 `text` to a new temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "input.csv") throws -> String {
        try temporaryFile(Array(text.utf8), name: name)
    }

    /// `text` in GB18030, as Chinese banks export it (through iconv, as the reader converts it back).
    static func gb18030(_ text: String) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        precondition(converter != iconv_t(bitPattern: -1), "iconv has GB18030")
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = src.count, outLeft = dst.count
                let status = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                precondition(status != -1 && inLeft == 0, "every character converts")
                return dst.count - outLeft
            }
        }
        return Array(output[0..<produced])
    }

    /// Reads `paths` with `options`, failing the test on an ingest error.
    static func read(_ paths: [String], options: IngestOptions = IngestOptions()) throws -> IngestResult {
        try Ingestor.read(paths, options: options)
    }
}

extension TransferGraph {
    /// Transfer indices whose id is `id`.
    func transfers(withID id: String) -> [TransferIndex] {
        (0..<transferCount).filter { self.id($0) == id }
    }

    // Whole columns, for tests that compare two graphs (the graph keeps its arrays private).
    var timeColumn: [EpochMilliseconds] { (0..<transferCount).map(time) }
    var fenColumn: [Int64] { (0..<transferCount).map(fen) }
    var payerColumn: [Int32] { (0..<transferCount).map(payerIndex) }
    var payeeColumn: [Int32] { (0..<transferCount).map(payeeIndex) }
    var channelColumn: [UInt8] { (0..<transferCount).map(channelCode) }
}

extension CaseAnalysis {
    /// Writes the case's CSV and JSON outputs into `directory` (what `CaseFiles` writes before the
    /// diagrams and the report).
    func writeOutputs(to directory: String) throws {
        for file in CaseOutputs.files(self) { try FileOutput.write(file.text, to: directory + "/" + file.name) }
    }
}
