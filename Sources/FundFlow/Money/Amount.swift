/// An amount of money in integer fen (1 yuan = 100 fen).
///
/// Money in fundflow is never a floating-point number: every amount is an exact `Int64` count of
/// fen, parsed from text digit by digit and formatted back exactly. Arithmetic that would overflow
/// throws ``AmountError/overflow`` instead of wrapping or trapping.
public struct Amount: Hashable, Comparable, Sendable {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount of `fen` fen.
    public init(fen: Int64) {
        self.fen = fen
    }

    /// Zero fen.
    public static let zero = Amount(fen: 0)

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.fen < rhs.fen }

    /// Returns `self + other`, or throws ``AmountError/overflow``.
    public func adding(_ other: Amount) throws(AmountError) -> Amount {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        if overflow { throw .overflow }
        return Amount(fen: sum)
    }

    /// Returns `self - other`, or throws ``AmountError/overflow``.
    public func subtracting(_ other: Amount) throws(AmountError) -> Amount {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        if overflow { throw .overflow }
        return Amount(fen: difference)
    }

    /// The amount as a decimal yuan string with exactly two fraction digits, e.g. `"1234.50"`,
    /// `"-0.05"`. No thousands separators, no currency sign: the form the output files use.
    public var decimalString: String {
        var magnitude = fen.magnitude
        let cents = magnitude % 100
        magnitude /= 100
        let sign = fen < 0 ? "-" : ""
        let centText = cents < 10 ? "0\(cents)" : "\(cents)"
        return "\(sign)\(magnitude).\(centText)"
    }

    /// The amount with thousands separators, for people: `"1,234,567.80"`.
    public var groupedString: String {
        let plain = decimalString
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        guard let dot = body.firstIndex(of: ".") else { return plain }
        let integer = Array(body[..<dot])
        var grouped: [Character] = []
        grouped.reserveCapacity(integer.count + integer.count / 3)
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + String(grouped) + body[dot...]
    }
}

extension Amount: CustomStringConvertible {
    public var description: String { decimalString }
}

/// Why an amount could not be parsed or computed.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty (after currency signs and spaces are removed).
    case empty
    /// The text has a character that is not part of an amount.
    case invalidCharacter(String)
    /// More than two fraction digits that are not zero (amounts are kept to the fen).
    case tooManyFractionDigits
    /// The value does not fit in an `Int64` count of fen.
    case overflow

    public var description: String {
        switch self {
        case .empty: return "empty amount"
        case .invalidCharacter(let text): return "not an amount: \(text)"
        case .tooManyFractionDigits: return "amount has more than 2 fraction digits"
        case .overflow: return "amount too large"
        }
    }
}
