/// A header row as fundflow matches it: every name normalized once (``HeaderMap/normalize(_:)``:
/// case, spaces, `_`, `-`, parentheses, 帐/账), and the columns found by their spellings.
///
/// The one header matcher: ``HeaderMap`` maps transfer tables' headers through it, and the side
/// files — victim reports (``VictimReportReader``), truth files (``GroundTruth``), flagged lists
/// (``Evaluation/readFlagged(_:)``) — find their columns with it, so a spelling that works in
/// one file works in all.
public struct HeaderNames: Sendable {
    /// The header texts as they appear.
    public let raw: [String]
    /// The normalized names, by column.
    public let normalized: [String]

    /// The header of `names`.
    public init(_ names: [String]) {
        raw = names
        normalized = names.map(HeaderMap.normalize)
    }

    /// The header in `record`.
    public init(_ record: RawRecord) {
        self.init((0..<record.count).map { record.string($0) })
    }

    /// The first column (left to right) spelled as any of `spellings` (normalized here, so they
    /// may be written as people write them: `"Is Laundering"`, `"受害人账号"`).
    public func column(_ spellings: String...) -> Int? { column(spellings) }

    /// The first column spelled as any of `spellings`.
    public func column(_ spellings: [String]) -> Int? {
        let wanted = Set(spellings.map(HeaderMap.normalize))
        return normalized.firstIndex { wanted.contains($0) }
    }

    /// Every column spelled `spelling` (AMLworld has two `Account` columns), left to right.
    public func columns(_ spelling: String) -> [Int] {
        let wanted = HeaderMap.normalize(spelling)
        return normalized.indices.filter { normalized[$0] == wanted }
    }

    /// For each field, the first column spelled as one of its spellings; fields with none are
    /// absent.
    public func columns<Key: Hashable>(_ spellings: [Key: [String]]) -> [Key: Int] {
        var found: [Key: Int] = [:]
        for (key, names) in spellings {
            if let index = column(names) { found[key] = index }
        }
        return found
    }

    /// Whether some column is spelled `spelling`.
    public func contains(_ spelling: String) -> Bool { column(spelling) != nil }
}
