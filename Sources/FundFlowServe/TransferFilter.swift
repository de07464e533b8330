import FundFlow

/// The time window and minimum amount of a request (`since`, `until`, `min_amount`), parsed as
/// `fundflow render` parses its options: times in the case's offset unless they carry a zone.
struct TransferFilter: Sendable {
    var window: ClosedRange<EpochMilliseconds>?
    var minimum: Amount = .zero

    struct Problem: Error { var text: String }

    static func parse(_ request: APIRequest, offsetSeconds: Int) -> Result<TransferFilter, Problem> {
        var filter = TransferFilter()
        let parser = TimeParser(defaultOffsetSeconds: offsetSeconds)
        func time(_ name: String) -> Result<EpochMilliseconds?, Problem> {
            guard let text = request.parameter(name), !text.isEmpty else { return .success(nil) }
            do { return .success(try parser.parse(text)) } catch { return .failure(Problem(text: "\(name) \(text): \(error)")) }
        }
        let since: EpochMilliseconds?, until: EpochMilliseconds?
        switch time("since") { case .success(let value): since = value; case .failure(let problem): return .failure(problem) }
        switch time("until") { case .success(let value): until = value; case .failure(let problem): return .failure(problem) }
        if since != nil || until != nil {
            let low = since ?? .min, high = until ?? .max
            guard low <= high else { return .failure(Problem(text: "since is after until")) }
            filter.window = low...high
        }
        if let text = request.parameter("min_amount"), !text.isEmpty {
            do {
                let amount = try AmountParser.parse(text)
                guard amount.fen >= 0 else { return .failure(Problem(text: "min_amount \(text): must not be negative")) }
                filter.minimum = amount
            } catch {
                return .failure(Problem(text: "min_amount \(text): \(error)"))
            }
        }
        return .success(filter)
    }
}
