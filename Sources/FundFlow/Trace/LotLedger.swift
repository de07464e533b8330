import DequeModule

/// An amount of money with its origin: a victim label, or clean money of no reported victim.
public struct Lot: Equatable, Sendable {
    /// The victim label (an index into ``LossResolution/victims``), or ``Lot/clean``.
    public var label: Int32
    /// The amount in fen.
    public var fen: Int64

    /// The label of money of no reported victim; it sorts after every victim label.
    public static let clean: Int32 = .max

    /// Whether the lot is a victim's money.
    public var isTainted: Bool { label != Lot.clean }
}

/// The lots of one account that holds tainted money.
///
/// For `fifo` and `lifo` the lots are kept in arrival order (swift-collections' `Deque`: `fifo`
/// draws from its front, `lifo` from its back) and a lot arriving with the label of the newest one
/// merges into it, so a run of inflows of one label costs one lot. For `proportional` there is one
/// lot per label, sorted by label, since order does not matter there.
struct LotLedger {
    var lots: Deque<Lot> = []
    /// The fen of tainted lots held.
    var tainted: Int64 = 0

    /// Appends lots in arrival order, merging with the newest lot of the same label.
    mutating func appendOrdered(_ lot: Lot) {
        if lot.isTainted { tainted += lot.fen }
        if let last = lots.last, last.label == lot.label {
            lots[lots.count - 1].fen += lot.fen
        } else {
            lots.append(lot)
        }
    }

    /// Adds a lot to the per-label holdings (proportional).
    mutating func addByLabel(_ lot: Lot) {
        if lot.isTainted { tainted += lot.fen }
        var low = 0
        var high = lots.count
        while low < high {
            let mid = (low + high) / 2
            if lots[mid].label < lot.label { low = mid + 1 } else { high = mid }
        }
        if low < lots.count && lots[low].label == lot.label {
            lots[low].fen += lot.fen
        } else {
            lots.insert(lot, at: low)
        }
    }

    /// Draws `amount` fen (at most what is held) oldest first, appending what it takes to `drawn`.
    mutating func drawOldest(_ amount: Int64, into drawn: inout [Lot]) {
        var need = amount
        while need > 0, let first = lots.first {
            let take = min(first.fen, need)
            Self.append(Lot(label: first.label, fen: take), to: &drawn)
            if first.isTainted { tainted -= take }
            need -= take
            if take == first.fen { lots.removeFirst() } else { lots[lots.startIndex].fen -= take }
        }
    }

    /// Draws `amount` fen (at most what is held) newest first.
    mutating func drawNewest(_ amount: Int64, into drawn: inout [Lot]) {
        var need = amount
        while need > 0 && !lots.isEmpty {
            let last = lots.count - 1
            let take = min(lots[last].fen, need)
            Self.append(Lot(label: lots[last].label, fen: take), to: &drawn)
            if lots[last].isTainted { tainted -= take }
            lots[last].fen -= take
            need -= take
            if lots[last].fen == 0 { lots.removeLast() }
        }
    }

    /// Draws `amount` fen from every label in proportion to `total` held (tracing.md).
    mutating func drawProportionally(_ amount: Int64, total: Int64, into drawn: inout [Lot]) {
        guard amount > 0, total > 0 else { return }
        var shares = [Int64](repeating: 0, count: lots.count)
        var remainders = [UInt64](repeating: 0, count: lots.count)
        var given: Int64 = 0
        for (index, lot) in lots.enumerated() {
            // amount × held / total in 128 bits: both can be up to 2^63.
            let product = UInt64(amount).multipliedFullWidth(by: UInt64(lot.fen))
            let (quotient, remainder) = UInt64(total).dividingFullWidth((product.high, product.low))
            shares[index] = Int64(quotient)
            remainders[index] = remainder
            given += Int64(quotient)
        }
        // The fen left over, one each to the largest remainders; ties to the lower label (victim
        // ids ascending, clean last, as labels are ordered).
        var leftover = amount - given
        if leftover > 0 {
            let order = lots.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : lots[$0].label < lots[$1].label }
            for index in order where leftover > 0 {
                shares[index] += 1
                leftover -= 1
            }
        }
        var kept: [Lot] = []
        kept.reserveCapacity(lots.count)
        for (index, lot) in lots.enumerated() {
            if shares[index] > 0 {
                drawn.append(Lot(label: lot.label, fen: shares[index]))
                if lot.isTainted { tainted -= shares[index] }
            }
            let left = lot.fen - shares[index]
            if left > 0 { kept.append(Lot(label: lot.label, fen: left)) }
        }
        lots = Deque(kept)
    }

    /// The lots held, oldest first.
    var held: Deque<Lot> { lots }

    private static func append(_ lot: Lot, to drawn: inout [Lot]) {
        if let last = drawn.last, last.label == lot.label {
            drawn[drawn.count - 1].fen += lot.fen
        } else {
            drawn.append(lot)
        }
    }
}
