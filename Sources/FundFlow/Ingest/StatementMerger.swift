/// Merges the rows of per-account statements into transfers (formats.md §2).
///
/// When both accounts of a transfer are in the data, their ledgers hold it twice: a debit in the
/// payer's and a credit in the payee's. Two rows are one transfer when they are a debit and a
/// credit of the same payer, payee and amount and
/// 1. carry the same serial number, or else
/// 2. lie within the match window of each other (nearest first; each row used once).
///
/// A row repeated in overlapping exports of one ledger (same side, serial, accounts, amount and
/// time) is merged too. The merged transfer takes the debit's time, serial, file and line, the
/// more specific channel of the two, and the attributes of both (the debit's first).
struct StatementMerger {
    struct Pair {
        var first: Int
        var second: Int?
    }

    let window: Int64

    /// Groups the entries of `rows` into transfers: each result is one entry, or two entries
    /// merged (the debit first). Every entry appears in exactly one result.
    ///
    /// Data layout: no array per (payer, payee, amount), and none per serial but for serials
    /// that come more than once. Bit filters of hashes pass over every entry first and leave the
    /// entries that may have a partner; only those are grouped by serial, or sorted by plain keys
    /// (accounts, amount, time, index) for the window pass. Measured on 500,000 rows of a
    /// payment institution's return (`Benchmarks/readers.sh`): the merge took 44% of `stats`
    /// with arrays per key; later, on a TenpayTrades return, a sort of every entry and a
    /// dictionary of every serial took most of what was left.
    /// `serialGroups`: ``StatementRows/serialGroups()`` when already found.
    func merge(_ rows: StatementRows, serialGroups: [[Int]]? = nil) -> [Pair] {
        let count = rows.count
        var used = [Bool](repeating: false, count: count)
        var pairs: [Pair] = []
        pairs.reserveCapacity(count)

        // 1. Same serial: exact duplicates of one side, then debit with credit.
        for indices in serialGroups ?? rows.serialGroups() {
            for (n, i) in indices.enumerated() where !used[i] {
                for j in indices[(n + 1)...] where !used[j] {
                    guard rows.payer(i) == rows.payer(j), rows.payee(i) == rows.payee(j), rows.amounts[i] == rows.amounts[j] else { continue }
                    if rows.outgoing[i] == rows.outgoing[j] && rows.times[i] != rows.times[j] { continue }
                    used[i] = true
                    used[j] = true
                    pairs.append(rows.outgoing[i] || !rows.outgoing[j] ? Pair(first: i, second: j) : Pair(first: j, second: i))
                    break
                }
            }
        }

        // 2. No shared serial: debit and credit of the same accounts and amount within the window.
        struct Key {
            var payer: Int32, payee: Int32, amount: Int64, time: EpochMilliseconds, index: Int
            @inline(__always) func sameTransfer(_ other: Key) -> Bool {
                payer == other.payer && payee == other.payee && amount == other.amount
            }
        }
        // Only entries whose (payer, payee, amount) may have come both as a debit and as a credit
        // can pair: a first pass of two bit filters leaves them, and only they are sorted.
        var debited = HashFilter(expected: count), credited = HashFilter(expected: count)
        for index in 0..<count where !used[index] && rows.counterparties[index] >= 0 {
            let hash = HashFilter.hash(rows.payer(index), rows.payee(index), rows.amounts[index])
            if rows.outgoing[index] { debited.insert(hash) } else { credited.insert(hash) }
        }
        var open: [Key] = []
        for index in 0..<count where !used[index] && rows.counterparties[index] >= 0 {
            let hash = HashFilter.hash(rows.payer(index), rows.payee(index), rows.amounts[index])
            guard debited.mayContain(hash) && credited.mayContain(hash) else { continue }
            open.append(Key(payer: rows.payer(index), payee: rows.payee(index), amount: rows.amounts[index], time: rows.times[index], index: index))
        }
        open.sort { a, b in
            if a.payer != b.payer { return a.payer < b.payer }
            if a.payee != b.payee { return a.payee < b.payee }
            if a.amount != b.amount { return a.amount < b.amount }
            if a.time != b.time { return a.time < b.time }
            return a.index < b.index
        }
        var debits: [Key] = [], credits: [Key] = []
        var taken: [Bool] = []
        var start = 0
        while start < open.count {
            let key = open[start]
            var end = start + 1
            while end < open.count, open[end].sameTransfer(key) { end += 1 }
            debits.removeAll(keepingCapacity: true)
            credits.removeAll(keepingCapacity: true)
            for k in start..<end { if rows.outgoing[open[k].index] { debits.append(open[k]) } else { credits.append(open[k]) } }
            start = end
            guard !debits.isEmpty, !credits.isEmpty else { continue }
            // Both lists are in (time, index) order.
            taken.removeAll(keepingCapacity: true)
            taken.append(contentsOf: repeatElement(false, count: credits.count))
            var from = 0
            for d in debits {
                let t = d.time
                while from < credits.count && credits[from].time < t - window { from += 1 }
                // The nearest unused credit within the window.
                var bestIndex = -1
                var bestDistance = Int64.max
                var k = from
                while k < credits.count {
                    let ct = credits[k].time
                    if ct > t + window { break }
                    let distance = ct > t ? ct - t : t - ct
                    if !taken[k] && distance < bestDistance { bestDistance = distance; bestIndex = k }
                    k += 1
                }
                if bestIndex >= 0 {
                    taken[bestIndex] = true
                    used[d.index] = true
                    used[credits[bestIndex].index] = true
                    pairs.append(Pair(first: d.index, second: credits[bestIndex].index))
                }
            }
        }

        // 3. Everything left is a transfer on its own.
        for index in 0..<count where !used[index] { pairs.append(Pair(first: index, second: nil)) }
        return pairs
    }

    /// The channel of a merged transfer: the more specific of the two sides.
    static func channel(_ a: Channel, _ b: Channel) -> Channel {
        a == .transfer ? b : a
    }
}
