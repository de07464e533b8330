import FundFlow

#if canImport(Glibc)
import Glibc
#endif

/// What one fuzz run feeds its bytes to, chosen by `FUNDFLOW_FUZZ_TARGET`.
enum FuzzTarget: String, CaseIterable {
    /// The bytes as a CSV/TSV file of any layout (canonical, ledger, AMLworld, AMLSim) and encoding.
    case table
    /// The bytes as an `.xlsx` workbook.
    case xlsx
    /// The bytes as an amount field.
    case amount
    /// The bytes as a time field.
    case time
    /// The bytes as a victims file, resolved against the demo case.
    case victims

    static let current: FuzzTarget = {
        guard let name = getenv("FUNDFLOW_FUZZ_TARGET").map({ String(cString: $0) }) else { return .table }
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("FUNDFLOW_FUZZ_TARGET must be one of \(allCases.map(\.rawValue))")
        }
        return target
    }()

    /// Runs one input; a broken invariant stops the process with its reason (a libFuzzer crash).
    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .table: ingest(bytes, name: "input.csv")
        case .xlsx: ingest(bytes, name: "input.xlsx")
        case .amount: amount(bytes)
        case .time: time(bytes)
        case .victims: victims(bytes)
        }
    }

    /// Reads the bytes in memory (no file written), on this thread, with small limits: one input
    /// must be cheap, or the fuzzer tries too few.
    private func ingest(_ bytes: UnsafeBufferPointer<UInt8>, name: String) {
        var options = IngestOptions()
        options.maxRecordBytes = 1 << 20
        options.readThreads = 1
        options.rejectedLimit = 64
        guard let result = try? Ingestor.read(named: name, contents: Array(bytes), options: options) else { return }  // a clear IngestError
        let problems = result.accountingProblems
        if !problems.isEmpty { fatalError("accounting: \(problems)") }
        // Stats over whatever was read must not trap either.
        _ = try? GraphSummary(result.graph, top: 5)
    }

    private func amount(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = try? AmountParser.parse(bytes) else { return }
        let again = try? AmountParser.parse(value.decimalString)
        if again != value { fatalError("amount \(value.fen) formats as \(value.decimalString), which parses as \(String(describing: again))") }
    }

    private func time(_ bytes: UnsafeBufferPointer<UInt8>) {
        let parser = TimeParser()
        guard let ms = try? parser.parse(bytes) else { return }
        let text = TimeFormatter.iso8601(ms, offsetSeconds: parser.defaultOffsetSeconds)
        let whole = ms - ((ms % 1000) + 1000) % 1000
        let again = try? parser.parse(text)
        // A time written with its own offset may fall outside the accepted years (1900–2199) once
        // shown at +08:00; such a time is not expected to read back.
        if again == nil, let year = Int(text.prefix(4)), !(1900...2199).contains(year) { return }
        if again != whole { fatalError("time \(ms) formats as \(text), which parses as \(String(describing: again))") }
    }

    private func victims(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = try? VictimReportReader.read(named: "victims.csv", contents: Array(bytes))
    }
}
