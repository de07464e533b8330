/// How money moved in a transfer (formats.md §1, `channel`).
public enum Channel: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// A bank or platform transfer between two accounts (the default).
    case transfer = 0
    /// A payment-platform red packet (红包).
    case redPacket = 1
    /// A payment to a merchant QR code (扫码支付).
    case qrPayment = 2
    /// A card payment at a merchant.
    case cardPayment = 3
    /// Cash taken out at an ATM or a counter; the transfer has no payee.
    case cashWithdrawal = 4
    /// Cash paid in; the transfer has no payer.
    case cashDeposit = 5
    /// Anything else.
    case other = 6

    /// The name used in files: `transfer`, `red_packet`, `qr_payment`, …
    public var name: String {
        switch self {
        case .transfer: return "transfer"
        case .redPacket: return "red_packet"
        case .qrPayment: return "qr_payment"
        case .cardPayment: return "card_payment"
        case .cashWithdrawal: return "cash_withdrawal"
        case .cashDeposit: return "cash_deposit"
        case .other: return "other"
        }
    }

    public var description: String { name }
}
