/// An account and its holder's name written in one cell, as 支付宝 协查 returns write 用户信息 and
/// 交易对方信息: `2088102000000001(张三)`, `张三(zhang***@163.com)`, with ASCII or full-width
/// parentheses, or an id alone.
///
/// The parts are the text before the cell's last parenthesised group and that group; the id is the
/// part that looks like one (ASCII only, with a digit or an `@`), the other is the name (the outer
/// part when neither or both look like ids). Without a group at the end the whole cell is the id. The parts are ranges of the cell's
/// bytes: nothing is copied.
enum PartyInfo {
    static func split(_ field: UnsafeBufferPointer<UInt8>) -> (id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) {
        let cell = RawRecord.trim(field)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        // The last parenthesised part, matched from the end: 某某(北京)科技有限公司(2088…) is a
        // name with parentheses of its own and an id.
        guard let close = closingAtEnd(cell), let open = matchingOpening(cell, before: close) else { return (cell, empty) }
        let outer = RawRecord.trim(UnsafeBufferPointer(rebasing: cell[0..<open.start]))
        let inner = RawRecord.trim(UnsafeBufferPointer(rebasing: cell[open.end..<close]))
        if looksLikeID(inner) && !looksLikeID(outer) { return (inner, outer) }
        if outer.isEmpty { return (inner, outer) }
        return (outer, inner)
    }

    /// The start of a `)` or `）` (EF BC 89) that ends the cell.
    static func closingAtEnd(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        if b.last == 0x29 { return b.count - 1 }
        if b.count >= 3 && b[b.count - 3] == 0xEF && b[b.count - 2] == 0xBC && b[b.count - 1] == 0x89 { return b.count - 3 }
        return nil
    }

    /// The `(` or `（` that opens the group closed at `close`: its start and the index after it.
    static func matchingOpening(_ b: UnsafeBufferPointer<UInt8>, before close: Int) -> (start: Int, end: Int)? {
        var depth = 0
        var i = close - 1
        while i >= 0 {
            if b[i] == 0x29 || (b[i] == 0x89 && i >= 2 && b[i - 1] == 0xBC && b[i - 2] == 0xEF) {
                depth += 1
            } else if b[i] == 0x28 || (b[i] == 0xEF && i + 2 < close && b[i + 1] == 0xBC && b[i + 2] == 0x88) {
                if depth == 0 { return (i, b[i] == 0x28 ? i + 1 : i + 3) }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    static func looksLikeID(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty, b.allSatisfy({ $0 < 0x80 }) else { return false }
        return b.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "@") }
    }
}
