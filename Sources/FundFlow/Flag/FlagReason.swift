/// The `reason` of a flag funded by suspicious money: where the money came from, where it went,
/// and what the account still holds, with amounts and times.
enum FlagReason {
    /// At most this many counterparties are named on each side; the rest are counted.
    static let named = 2

    static func describe(_ entry: SuspiciousMoney.Funded, collection: MoneyCollection?, collections: [Int32: MoneyCollection],
                         victims: Set<Int32>, graph: TransferGraph, offsetSeconds: Int) -> String {
        func clock(_ time: EpochMilliseconds) -> String {
            String(TimeFormatter.string(time, offsetSeconds: offsetSeconds).dropFirst(5).dropLast(3))
        }
        func money(_ fen: Int64) -> String { Amount(fen: fen).groupedString }
        func who(_ account: Int32) -> String {
            guard account >= 0 else { return "cash" }
            let name = graph.name(of: AccountID(account))
            if victims.contains(account) { return "reported victim \(name)" }
            if let c = collections[account] { return "\(name) (which collected \(money(c.total)) from \(c.payers.count) new payer\(c.payers.count == 1 ? "" : "s"))" }
            return name
        }
        func list(_ sides: [(account: Int32, fen: Int64)]) -> String {
            var text = sides.prefix(named).map { "\(who($0.account)) \(money($0.fen))" }.joined(separator: ", ")
            if sides.count > named { text += " and \(sides.count - named) more" }
            return text
        }
        var out: String
        if let collection {
            let first = graph.time(collection.payments[0]), last = graph.time(collection.payments[collection.payments.count - 1])
            out = "collected \(collection.payments.count) payment\(collection.payments.count == 1 ? "" : "s") of \(money(collection.total)) "
                + "from \(collection.payers.count) payer\(collection.payers.count == 1 ? "" : "s") it had not dealt with before "
                + "(\(clock(first))–\(clock(last))) and passed \(collection.payments.count == 1 ? "it" : "them") on at once"
        } else {
            out = "received \(money(entry.received)) of suspicious money from \(list(entry.sources))"
        }
        out += ", \(Int((entry.share * 100).rounded(.down)))% of its inflow \(clock(entry.first))–\(clock(entry.last))"
        let onward = entry.destinations.filter { $0.account >= 0 }
        if !onward.isEmpty { out += "; sent \(money(entry.sentOn)) on to \(list(onward))" }
        if entry.cashedOut > 0 { out += "; withdrew \(money(entry.cashedOut)) in cash" }
        if entry.held > 0 { out += "; still holds \(money(entry.held))" }
        return out
    }
}
