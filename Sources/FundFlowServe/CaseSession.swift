import FundFlow
import Synchronization

/// A case read once and held for `fundflow serve`: the analysis (the same readers, tracer,
/// detectors and flags as `analyze`), per-account indexes for the pages, and the investigator's
/// annotations, which change the flags as soon as they are written.
///
/// The analysis is immutable and shared by every request; the annotations are the only state that
/// changes, behind a lock, and every write goes to `annotations.json` in the case folder before it
/// is answered.
public final class CaseSession: Sendable {
    /// The analysis, flags as the detectors left them (before annotations).
    public let analysis: CaseAnalysis
    /// The graph read.
    public var graph: TransferGraph { analysis.data.graph }
    /// The case folder: annotations.json lives here, and nothing outside it is read or written.
    public let folder: String
    /// The UTC offset at which times are written.
    public var offsetSeconds: Int { analysis.request.ingest.timezoneOffsetSeconds }

    /// The victims' money each account holds (index → holding).
    let held: [Int32: TraceResult.Holding]
    /// The victims' money each account cashed out.
    let cashedOut: [Int32: TraceResult.Cashout]
    /// The findings naming each account (indices into `analysis.findings`).
    let findingsByAccount: [Int32: [Int]]
    /// Up to three holder names per account, as the transfers give them.
    let holders: [Int32: [String]]
    /// The annotations and the flags they give, recomputed only when an annotation is written.
    private let book: Mutex<(book: AnnotationBook, flags: AnnotatedFlags)>

    /// Runs `request` (its annotations are taken from `folder/annotations.json` instead) and
    /// indexes the result.
    public init(_ request: CaseAnalysis.Request, folder: String, progress: ((String) -> Void)? = nil) throws {
        var plain = request
        plain.annotations = AnnotationBook()
        analysis = try CaseAnalysis.run(plain, progress: progress)
        self.folder = folder
        let annotations = try AnnotationBook.read(folder + "/annotations.json")
        book = Mutex((annotations, AnnotatedFlags(analysis.flagged, annotations: annotations, graph: analysis.data.graph)))
        var held: [Int32: TraceResult.Holding] = [:]
        var cashedOut: [Int32: TraceResult.Cashout] = [:]
        if let trace = analysis.trace {
            for holding in trace.held where holding.total > 0 { held[holding.account.index] = holding }
            for cashout in trace.cashouts { cashedOut[cashout.account.index] = cashout }
        }
        self.held = held
        self.cashedOut = cashedOut
        var findings: [Int32: [Int]] = [:]
        for (index, finding) in analysis.findings.enumerated() {
            for account in Set(finding.accounts) { findings[account.index, default: []].append(index) }
        }
        findingsByAccount = findings
        let graph = analysis.data.graph
        var holders: [Int32: [String]] = [:]
        func note(_ account: Int32, _ name: String?) {
            guard account >= 0, let name, !name.isEmpty else { return }
            if holders[account]?.contains(name) == true || (holders[account]?.count ?? 0) >= 3 { return }
            holders[account, default: []].append(name)
        }
        if graph.attributes.keys.contains("from_name") || graph.attributes.keys.contains("to_name") {
            for t in 0..<graph.transferCount {
                note(graph.payerIndex(t), graph.attributes.value("from_name", row: t))
                note(graph.payeeIndex(t), graph.attributes.value("to_name", row: t))
            }
        }
        self.holders = holders
    }

    /// The annotations so far.
    public var annotations: AnnotationBook { book.withLock { $0.book } }

    /// Adds an annotation and writes the book to the case folder; the annotation is kept only when
    /// the file was written.
    public func annotate(_ annotation: Annotation) throws(AnnotationError) {
        let flagged = analysis.flagged, graph = self.graph
        try book.withLock { state throws(AnnotationError) in
            var next = state.book
            next.append(annotation)
            try next.write(to: folder + "/annotations.json")
            state = (next, AnnotatedFlags(flagged, annotations: next, graph: graph))
        }
    }

    /// The flags with the annotations in force applied (``AnnotatedFlags``).
    public var flags: AnnotatedFlags { book.withLock { $0.flags } }
}
