/// An account that collected strangers' money and passed it on at once: the structural origin of
/// suspicious money when no victim reports are given (一级卡, a QR code used for 跑分).
public struct MoneyCollection: Sendable {
    /// The collecting account.
    public var account: AccountID
    /// The collected payments, in time order.
    public var payments: [TransferIndex]
    /// Their total (fen).
    public var total: Int64
    /// Their distinct payers (the possible victims).
    public var payers: [AccountID]
}

/// Finds ``MoneyCollection``s: what a victim's payment to a fraud's first account looks like from the
/// outside, with the look-alikes' reasons to stay silent built in.
///
/// A payment is *collected* when
/// - it is a transfer or QR payment of at least `min_inflow` from a person (not a business) who
///   first dealt with the payee at most `new_pair` before (victims pay strangers), to another
///   holder (not an own-account move), without a memo stating a purpose (wages, rent, gifts);
/// - the payee passes at least `min_forward_percent` of it on within `forward_window`, to other
///   people: not back to the payer, not to its holder's own accounts, not to a business (that is
///   spending: a family paying the hospital it pooled for), and not in outflows larger than
///   `own_money_percent` of the window's inflows (the account's own money).
///
/// An account's collected payments count when they make at least `min_collection_share_percent`
/// of its inflow from `collection_span` before the first to that long after the last (a fraud's
/// card lives for the collection; a car dealer or an OTC trader takes such payments among many
/// more), and there are at least `min_collections` of them — or they add up to
/// `single_collection` in an account first seen at most `single_new_account` before them (and
/// the data had been running that long: at its start every account looks new).
public enum CollectionSeeds {
    /// The collections of `graph`, by account index; accounts in `excluding` (reported victims,
    /// whose payments are losses) never collect.
    public static func find(in graph: TransferGraph, rules r: ProvenanceRules, excluding: Set<Int32> = []) -> [MoneyCollection] {
        var candidates: [Int32: [TransferIndex]] = [:]
        let attributes = graph.attributes
        let dataStart = graph.timeSpan?.lowerBound ?? 0
        for t in 0..<graph.transferCount {
            let payer = graph.payerIndex(t), payee = graph.payeeIndex(t)
            guard payer >= 0, payee >= 0, graph.fen(t) >= r.minInflow else { continue }
            let channel = graph.channelCode(t)
            guard channel == Channel.transfer.rawValue || channel == Channel.qrPayment.rawValue, !excluding.contains(payee) else { continue }
            let time = graph.time(t)
            let amount = graph.fen(t)
            // Cheapest test first: most payments are not passed on within the window.
            guard forwarded(t, graph: graph, rules: r) * 100 >= amount * r.minForwardPercent else { continue }
            let payerName = attributes.value("from_name", row: t)
            let source = SourceOfFunds.classify(payerName: payerName, payeeName: attributes.value("to_name", row: t),
                                                memo: attributes.value("memo", row: t))
            guard source == .unknown else { continue }
            // A new pair: the payer had not paid the payee before `new_pair` ago (the payer's run
            // before then is scanned: the few candidates' payers are people, with short runs).
            if time - r.newPair > dataStart,
               graph.outgoing(AccountID(payer), in: dataStart...(time - r.newPair - 1)).contains(where: { graph.payeeIndex(Int($0)) == payee }) { continue }
            candidates[payee, default: []].append(t)
        }
        var found: [MoneyCollection] = []
        for (payee, payments) in candidates {
            let account = AccountID(payee)
            let total = payments.reduce(Int64(0)) { $0 + graph.fen($1) }
            let first = graph.time(payments[0]), last = graph.time(payments[payments.count - 1])
            let around = graph.incoming(account, in: (first - r.collectionSpan)...(last + r.collectionSpan))
                .reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
            guard total * 100 >= around * r.minCollectionSharePercent else { continue }
            if payments.count < Int(r.minCollections) {
                guard total >= r.singleCollection, let dataStart = graph.timeSpan?.lowerBound, first - dataStart > r.singleNewAccount else { continue }
                let seen = min(graph.incoming(account).first.map { graph.time(Int($0)) } ?? .max,
                               graph.outgoing(account).first.map { graph.time(Int($0)) } ?? .max)
                guard first - seen <= r.singleNewAccount else { continue }
            }
            var payers: [AccountID] = []
            for t in payments { if let p = graph.payer(t), !payers.contains(p) { payers.append(p) } }
            found.append(MoneyCollection(account: account, payments: payments, total: total, payers: payers))
        }
        return found.sorted { $0.account.index < $1.account.index }
    }

    /// How much of payment `t` its payee passes on within the window, to other people. Money moved
    /// to an account of the same holder counts for what that account passes on to others within
    /// the window (gangs run several cards in one bought identity; a person who moves a transfer
    /// to their own wallet has not passed it on).
    static func forwarded(_ t: TransferIndex, graph: TransferGraph, rules r: ProvenanceRules, depth: Int = 0) -> Int64 {
        let payee = AccountID(graph.payeeIndex(t))
        let payer = graph.payerIndex(t)
        let time = graph.time(t)
        var remaining = graph.fen(t)
        var passed: Int64 = 0
        for o32 in graph.outgoing(payee, in: time...(time + r.forwardWindow)) where remaining > 0 {
            let o = Int(o32)
            let to = graph.payeeIndex(o)
            if to == payer { continue }
            let outTime = graph.time(o)
            let recent = graph.incoming(payee, in: (outTime - r.forwardWindow)...outTime).reduce(Int64(0)) { $0 + graph.fen(Int($1)) }
            if graph.fen(o) * 100 > recent * r.ownMoneyPercent { continue }
            var onward = graph.fen(o)
            if to >= 0 {
                let toName = graph.attributes.value("to_name", row: o)
                if SourceOfFunds.isBusiness(toName) { continue }
                if SourceOfFunds.sameHolder(graph.attributes.value("from_name", row: o), toName) {
                    guard depth == 0 else { continue }
                    onward = min(onward, forwarded(o, graph: graph, rules: r, depth: 1))
                }
            }
            let part = min(remaining, onward)
            passed += part
            remaining -= part
        }
        return passed
    }
}
