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

    /// Groups `entries` into transfers: each result is one entry, or two entries merged (the
    /// debit first). Every entry appears in exactly one result.
    func merge(_ entries: [StatementEntry]) -> [Pair] {
        var used = [Bool](repeating: false, count: entries.count)
        var pairs: [Pair] = []
        pairs.reserveCapacity(entries.count)

        // 1. Same serial: exact duplicates of one side, then debit with credit.
        var bySerial: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() where !entry.serial.isEmpty {
            bySerial[entry.serial, default: []].append(index)
        }
        for indices in bySerial.values where indices.count > 1 {
            for (n, i) in indices.enumerated() where !used[i] {
                for j in indices[(n + 1)...] where !used[j] {
                    let a = entries[i], b = entries[j]
                    guard a.payer == b.payer, a.payee == b.payee, a.amount == b.amount else { continue }
                    if a.outgoing == b.outgoing && a.time != b.time { continue }
                    used[i] = true
                    used[j] = true
                    pairs.append(a.outgoing || !b.outgoing ? Pair(first: i, second: j) : Pair(first: j, second: i))
                    break
                }
            }
        }

        // 2. No shared serial: debit and credit of the same accounts and amount within the window.
        struct Key: Hashable { var payer: Int32; var payee: Int32; var amount: Int64 }
        var debits: [Key: [Int]] = [:]
        var credits: [Key: [Int]] = [:]
        for (index, entry) in entries.enumerated() where !used[index] && entry.counterparty >= 0 {
            let key = Key(payer: entry.payer, payee: entry.payee, amount: entry.amount)
            if entry.outgoing { debits[key, default: []].append(index) } else { credits[key, default: []].append(index) }
        }
        for (key, debitList) in debits {
            guard var creditList = credits[key] else { continue }
            let sortedDebits = debitList.sorted { (entries[$0].time, $0) < (entries[$1].time, $1) }
            creditList.sort { (entries[$0].time, $0) < (entries[$1].time, $1) }
            var creditTaken = [Bool](repeating: false, count: creditList.count)
            var start = 0
            for d in sortedDebits {
                let t = entries[d].time
                while start < creditList.count && entries[creditList[start]].time < t - window { start += 1 }
                // The nearest unused credit within the window.
                var bestIndex = -1
                var bestDistance = Int64.max
                var k = start
                while k < creditList.count {
                    let ct = entries[creditList[k]].time
                    if ct > t + window { break }
                    let distance = ct > t ? ct - t : t - ct
                    if !creditTaken[k] && distance < bestDistance { bestDistance = distance; bestIndex = k }
                    k += 1
                }
                if bestIndex >= 0 {
                    creditTaken[bestIndex] = true
                    used[d] = true
                    used[creditList[bestIndex]] = true
                    pairs.append(Pair(first: d, second: creditList[bestIndex]))
                }
            }
        }

        // 3. Everything left is a transfer on its own.
        for index in entries.indices where !used[index] { pairs.append(Pair(first: index, second: nil)) }
        return pairs
    }

    /// The channel of a merged transfer: the more specific of the two sides.
    static func channel(_ a: Channel, _ b: Channel) -> Channel {
        a == .transfer ? b : a
    }
}
