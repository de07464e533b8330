/// Numeric cells of a workbook as the decimals they stand for.
///
/// A numeric cell holds a binary double written in its shortest round-trip form, so a writer that
/// computed 8 + 0.8 + 0.08 stores `8.880000000000001`, and one that subtracted may store
/// `8.879999999999999`. Read as text, those have more than two fraction digits and the amount
/// parser (which never rounds text) refuses them: openpyxl workbooks lost 91 of 2,000 rows (issue 19)
/// and 139 of the 2,000 of fixtures/xlsx/openpyxl_numeric.xlsx that
/// way. A double carries 15–17 significant digits; noise of that kind sits in the last of them. So
/// a numeric cell whose digits after the second fraction digit are at least six zeros or six
/// nines — within 10⁻⁸ of a whole fen — is read as that fen; anything else is left as written
/// (and rejected as an amount, as before). Integer arithmetic on the digits: no Double on the way.
enum XLSXNumber {
    /// The cell's text rounded to the nearest hundredth when it lies within 10⁻⁸ of it; `nil` when
    /// the text is not such a decimal (it is then used as written).
    static func nearestHundredth(_ text: [UInt8]) -> [UInt8]? {
        var i = 0
        var negative = false
        if i < text.count && text[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let integerStart = i
        while i < text.count && isDigit(text[i]) { i += 1 }
        let integerDigits = Array(text[integerStart..<i])
        guard !integerDigits.isEmpty, i < text.count, text[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        let fraction = Array(text[i...])
        guard fraction.count > 2, fraction.allSatisfy(isDigit) else { return nil }
        let rest = fraction[2...]
        let roundUp: Bool
        if rest.prefix(6).count == 6 && rest.prefix(6).allSatisfy({ $0 == UInt8(ascii: "0") }) {
            roundUp = false
        } else if rest.prefix(6).count == 6 && rest.prefix(6).allSatisfy({ $0 == UInt8(ascii: "9") }) {
            roundUp = true
        } else {
            return nil
        }
        // The digits of the value in hundredths, plus one when rounding up (with carries).
        var digits = integerDigits + Array(fraction[0..<2])
        if roundUp {
            var k = digits.count - 1
            while k >= 0 {
                if digits[k] == UInt8(ascii: "9") { digits[k] = UInt8(ascii: "0"); k -= 1 } else { digits[k] += 1; break }
            }
            if k < 0 { digits.insert(UInt8(ascii: "1"), at: 0) }
        }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out += digits[0..<(digits.count - 2)]
        out.append(UInt8(ascii: "."))
        out += digits[(digits.count - 2)...]
        return out
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
