/// Totals of a graph: what `fundflow stats` shows about what was read.
public struct GraphSummary: Sendable {
    /// Count and total amount of the transfers of one channel.
    public struct ChannelTotal: Sendable {
        /// The channel.
        public var channel: Channel
        /// How many transfers.
        public var count: Int
        /// Their total amount.
        public var amount: Amount
    }

    /// One account's figure in a top list.
    public struct AccountFigure: Sendable {
        /// The account.
        public var account: AccountID
        /// Its id string.
        public var name: String
        /// The figure: an amount in fen, or a count.
        public var value: Int64
        /// How many transfers make it.
        public var transfers: Int
    }

    /// The number of transfers.
    public var transfers: Int
    /// The number of accounts.
    public var accounts: Int
    /// The total amount of all transfers.
    public var amount: Amount
    /// The first and last transfer times.
    public var timeSpan: ClosedRange<EpochMilliseconds>?
    /// Totals per channel, for the channels that occur, in ``Channel`` order.
    public var byChannel: [ChannelTotal]
    /// Accounts with the largest total received.
    public var topInflow: [AccountFigure]
    /// Accounts with the largest total paid.
    public var topOutflow: [AccountFigure]
    /// Accounts with the most distinct counterparties (payers and payees together).
    public var topCounterparties: [AccountFigure]

    /// Computes the summary of `graph`, with `top` accounts in each list.
    ///
    /// - Throws: ``AmountError/overflow`` if a total does not fit in `Int64` fen.
    public init(_ graph: TransferGraph, top: Int = 10) throws(AmountError) {
        transfers = graph.transferCount
        accounts = graph.accountCount
        timeSpan = graph.timeSpan
        // One sequential pass: totals, channels, and each account's inflow and outflow.
        var total: Int64 = 0
        var channelCounts = [Int](repeating: 0, count: Channel.allCases.count)
        var channelAmounts = [Int64](repeating: 0, count: Channel.allCases.count)
        var received = [Int64](repeating: 0, count: graph.accountCount)
        var paid = [Int64](repeating: 0, count: graph.accountCount)
        var overflow = false
        for t in 0..<graph.transferCount {
            let amount = graph.fen(t)
            var o = false
            (total, o) = total.addingReportingOverflow(amount); overflow = overflow || o
            let c = Int(graph.channelCode(t))
            channelCounts[c] += 1
            (channelAmounts[c], o) = channelAmounts[c].addingReportingOverflow(amount); overflow = overflow || o
            let payer = Int(graph.payerIndex(t))
            if payer >= 0 { (paid[payer], o) = paid[payer].addingReportingOverflow(amount); overflow = overflow || o }
            let payee = Int(graph.payeeIndex(t))
            if payee >= 0 { (received[payee], o) = received[payee].addingReportingOverflow(amount); overflow = overflow || o }
        }
        if overflow { throw .overflow }
        amount = Amount(fen: total)
        byChannel = Channel.allCases.compactMap { channel in
            let c = Int(channel.rawValue)
            return channelCounts[c] > 0 ? ChannelTotal(channel: channel, count: channelCounts[c], amount: Amount(fen: channelAmounts[c])) : nil
        }
        var inflow: [AccountFigure] = []
        var outflow: [AccountFigure] = []
        var counterparties: [AccountFigure] = []
        var stamp = [Int32](repeating: -1, count: graph.accountCount)
        for index in 0..<graph.accountCount {
            let account = AccountID(index)
            let incoming = graph.incoming(account)
            let outgoing = graph.outgoing(account)
            var distinct: Int64 = 0
            for t in incoming {
                let other = graph.payerIndex(Int(t))
                if other >= 0 && stamp[Int(other)] != Int32(index) { stamp[Int(other)] = Int32(index); distinct += 1 }
            }
            for t in outgoing {
                let other = graph.payeeIndex(Int(t))
                if other >= 0 && stamp[Int(other)] != Int32(index) { stamp[Int(other)] = Int32(index); distinct += 1 }
            }
            Self.keepTop(&inflow, AccountFigure(account: account, name: "", value: received[index], transfers: incoming.count), top, graph)
            Self.keepTop(&outflow, AccountFigure(account: account, name: "", value: paid[index], transfers: outgoing.count), top, graph)
            Self.keepTop(&counterparties, AccountFigure(account: account, name: "", value: distinct,
                                                        transfers: incoming.count + outgoing.count), top, graph)
        }
        func named(_ list: [AccountFigure]) -> [AccountFigure] {
            list.filter { $0.value > 0 }.map { figure in
                var copy = figure
                copy.name = graph.name(of: figure.account)
                return copy
            }
        }
        topInflow = named(inflow)
        topOutflow = named(outflow)
        topCounterparties = named(counterparties)
    }

    /// Keeps `list` as the `limit` largest figures, ordered by value descending, then account id
    /// (its text, so the lists do not depend on the order the rows came in).
    private static func keepTop(_ list: inout [AccountFigure], _ figure: AccountFigure, _ limit: Int, _ graph: TransferGraph) {
        guard limit > 0 else { return }
        func before(_ a: AccountFigure, _ b: AccountFigure) -> Bool {
            a.value != b.value ? a.value > b.value : graph.name(of: a.account) < graph.name(of: b.account)
        }
        if list.count == limit, let last = list.last, !before(figure, last) { return }
        let position = list.firstIndex { before(figure, $0) } ?? list.count
        list.insert(figure, at: position)
        if list.count > limit { list.removeLast() }
    }
}
