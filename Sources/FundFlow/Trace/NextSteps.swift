/// What a trace says to do next: the statements to request (``NextRequests``) and the linked
/// cases (``LinkedCases``).
public enum NextSteps {
    /// The next statements to request and the linked cases of `result`, when its policy conserves
    /// amounts: under `poison` (whole transfers are tainted: upper bounds) the amounts to request
    /// and the links between victims would be the poison's reach, not money. `data` says which
    /// ledgers were read.
    public static func of(_ result: TraceResult, data: IngestResult) -> (requests: NextRequests, linkedCases: LinkedCases)? {
        guard result.policy.conserves else { return nil }
        // The two are independent: the linked cases on a second thread (next steps 7 → 5 ms on
        // the realistic 1M dump, `FUNDFLOW_TIMINGS`).
        final class Box: @unchecked Sendable { var linked: LinkedCases? }
        let box = Box()
        let worker = WorkerThread { box.linked = LinkedCases(result) }
        let requests = NextRequests(result, ledgerAccounts: data.ledgerAccounts, statementFiles: NextRequests.statementFiles(data.report))
        worker.join()
        return (requests, box.linked!)
    }
}
