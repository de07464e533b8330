/// The flags after the investigator's word: what an investigator learnt outranks what the
/// detectors inferred.
///
/// - A `cleared` account is never flagged; it is listed among ``cleared`` with the flag it would
///   have had (so the report can say what was overruled).
/// - A `suspect` account is flagged with the reason `investigator: NOTE` (before the detectors'
///   reason when they flagged it too) and score 1.
/// - A `frozen` account's flag is unchanged; its annotation is shown where it appears.
///
/// An annotation for an account the data does not hold is kept in ``unknown`` and changes
/// nothing (a note made on another dump of the case).
public struct AnnotatedFlags: Sendable {
    /// The flags, highest score first, then account id.
    public var flagged: [FlaggedAccount]
    /// Cleared accounts with the flag the detectors gave them (`nil`: they were not flagged).
    public var cleared: [(annotation: Annotation, overruled: FlaggedAccount?)]
    /// Annotations of accounts not in the data.
    public var unknown: [Annotation]

    public init(_ flagged: [FlaggedAccount], annotations: AnnotationBook, graph: TransferGraph) {
        let current = annotations.current
        var byAccount: [Int32: FlaggedAccount] = [:]
        for flag in flagged { byAccount[flag.account.index] = flag }
        var cleared: [(Annotation, FlaggedAccount?)] = []
        var unknown: [Annotation] = []
        for name in current.keys.sorted() {
            let annotation = current[name]!
            guard let account = graph.account(named: name) else { unknown.append(annotation); continue }
            switch annotation.status {
            case .cleared:
                cleared.append((annotation, byAccount.removeValue(forKey: account.index)))
            case .suspect:
                let reason = "investigator: \(annotation.note)"
                if var flag = byAccount[account.index] {
                    flag.reason = reason + "; " + flag.reason
                    flag.score = 1
                    byAccount[account.index] = flag
                } else {
                    byAccount[account.index] = FlaggedAccount(
                        account: account, score: 1, patterns: [], holdsTracedMoney: false, reason: reason, findings: [])
                }
            case .frozen:
                break
            }
        }
        self.flagged = byAccount.values.sorted {
            $0.score != $1.score ? $0.score > $1.score : graph.name(of: $0.account) < graph.name(of: $1.account)
        }
        self.cleared = cleared
        self.unknown = unknown
    }
}
