/// Transfers between one holder's own accounts: payer and payee carry the same identity document
/// number (``HolderIndex``) — a person moving money from one card to another.
///
/// They are marked, not dropped: they are real transfers and the trace follows money through
/// them. What they do not do is make a `layering_chain`, `pass_through` or `fan_out` finding by
/// themselves (``DetectionEngine``): a salary moved to one's own savings card and spent from
/// there is not a chain. A name alone never marks one (王芳 is a hundred thousand people).
public struct OwnAccountTransfers: Sendable {
    /// Per transfer: whether payer and payee are one holder's.
    public let marks: [Bool]
    /// How many transfers are marked, and their money (fen).
    public let count: Int
    public let amount: Int64

    /// Marks the transfers of `graph` whose payer and payee have the same holder in `holders`.
    public init(graph: TransferGraph, holders: HolderIndex) {
        var holderOf = [Int32](repeating: -1, count: graph.accountCount)
        for (number, holder) in holders.holders.enumerated() where holder.accounts.count > 1 {
            for name in holder.accounts {
                if let account = graph.account(named: name) { holderOf[Int(account.index)] = Int32(number) }
            }
        }
        var marks = [Bool](repeating: false, count: holders.holders.contains { $0.accounts.count > 1 } ? graph.transferCount : 0)
        var count = 0
        var amount: Int64 = 0
        for t in marks.indices {
            let p = graph.payerIndex(t), q = graph.payeeIndex(t)
            guard p >= 0, q >= 0, p != q, holderOf[Int(p)] >= 0, holderOf[Int(p)] == holderOf[Int(q)] else { continue }
            marks[t] = true
            count += 1
            amount += graph.fen(t)
        }
        self.marks = marks
        self.count = count
        self.amount = amount
    }

    /// Whether transfer `t` is between one holder's accounts.
    public func contains(_ t: Int) -> Bool { t < marks.count && marks[t] }
}
