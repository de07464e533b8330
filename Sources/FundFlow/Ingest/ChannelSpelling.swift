#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How files spell a channel: the readers' concern, so it lives in Ingest beside them; the graph
/// knows only ``Channel`` itself.
extension Channel {
    /// Parses a channel column's value: the names above (any case, `-` or space for `_`), and the
    /// common Chinese and AMLworld / AMLSim spellings. Returns `nil` for an unknown value.
    public init?(name text: String) {
        guard let channel = Self.spellings[Self.spellingKey(text)] else { return nil }
        self = channel
    }

    /// How a channel column's value is compared with ``spellings``: lower case, `-` and space
    /// as `_`.
    public static func spellingKey(_ text: String) -> String {
        String(text.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    /// Every spelling ``init(name:)`` knows, by ``spellingKey(_:)``.
    public static let spellings: [String: Channel] = {
        let names: [(Channel, [String])] = [
            (.transfer, ["transfer", "wire", "ach", "cheque", "check", "转账", "转帐", "汇款"]),
            (.redPacket, ["red_packet", "redpacket", "红包", "hongbao"]),
            (.qrPayment, ["qr_payment", "qr", "qrpayment", "扫码", "扫码支付", "二维码"]),
            (.cardPayment, ["card_payment", "credit_card", "card", "刷卡", "消费", "pos"]),
            (.cashWithdrawal, ["cash_withdrawal", "withdrawal", "cash_out", "取现", "取款", "atm取款", "现金支取"]),
            (.cashDeposit, ["cash_deposit", "deposit", "cash_in", "存现", "存款", "现金存入"]),
            (.other, ["other", "reinvestment", "bitcoin", "cash", "其他"]),
        ]
        var table: [String: Channel] = [:]
        for (channel, spellings) in names { for spelling in spellings { table[spelling] = channel } }
        return table
    }()

    /// Parses a channel from bytes: the file names (`transfer`, `red_packet`, …) exactly as
    /// written are matched without allocating; anything else goes through ``init(name:)``.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Channel? {
        if let base = bytes.baseAddress, bytes.count >= 5 {
            // A name's length and its first and last bytes tell the seven names apart; one
            // memcmp confirms.
            let candidate: Channel?
            switch (bytes.count, base[0], base[bytes.count - 1]) {
            case (8, UInt8(ascii: "t"), UInt8(ascii: "r")): candidate = .transfer
            case (10, UInt8(ascii: "r"), UInt8(ascii: "t")): candidate = .redPacket
            case (10, UInt8(ascii: "q"), UInt8(ascii: "t")): candidate = .qrPayment
            case (12, UInt8(ascii: "c"), UInt8(ascii: "t")): candidate = base[2] == UInt8(ascii: "r") ? .cardPayment : .cashDeposit
            case (15, UInt8(ascii: "c"), UInt8(ascii: "l")): candidate = .cashWithdrawal
            case (5, UInt8(ascii: "o"), UInt8(ascii: "r")): candidate = .other
            default: candidate = nil
            }
            if let candidate, byteNames[Int(candidate.rawValue)].withUnsafeBufferPointer({ name in
                name.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false
            }) {
                return candidate
            }
        }
        return Channel(name: String(decoding: bytes, as: UTF8.self))
    }

    private static let byteNames: [[UInt8]] = allCases.map { Array($0.name.utf8) }

    /// The channel a statement's memo implies (formats.md §2): 红包 → red packet; ATM取款, 取现,
    /// 柜面取款, 现金支取 → cash withdrawal; 存现, 现金存入 → cash deposit; 扫码, 二维码, 收款码 →
    /// QR payment; otherwise `nil` (a plain transfer).
    public static func inferred(fromMemo memo: UnsafeBufferPointer<UInt8>) -> Channel? {
        if memo.isEmpty { return nil }
        for (pattern, channel) in memoPatterns where ByteSearch.contains(memo, pattern) { return channel }
        return nil
    }

    private static let memoPatterns: [([UInt8], Channel)] = {
        let patterns: [(String, Channel)] = [
            ("红包", .redPacket), ("ATM取款", .cashWithdrawal), ("取现", .cashWithdrawal), ("柜面取款", .cashWithdrawal),
            ("现金支取", .cashWithdrawal), ("取款", .cashWithdrawal), ("存现", .cashDeposit), ("现金存入", .cashDeposit),
            ("扫码", .qrPayment), ("二维码", .qrPayment), ("收款码", .qrPayment),
        ]
        return patterns.map { (Array($0.0.utf8), $0.1) }
    }()
}
