/// Where a payment's money comes from, as far as the names and the memo say (issue 16 §2).
///
/// Read off the `from_name`, `to_name` and `memo` attributes; data without them (AMLSim, bare
/// dumps) classifies every payment as ``unknown``, which the provenance stage treats like a
/// payment between strangers.
public enum SourceOfFunds: String, Sendable {
    /// Payer and payee are one holder (same name, or a bank's masked form of it): 本人账户互转.
    case ownAccount = "own_account"
    /// The memo says wages, rent, a living allowance, a festival or family gift: money people
    /// pay each other for a reason they write down (工资, 房租, 生活费, 份子钱, 压岁钱 …).
    case statedPurpose = "stated_purpose"
    /// The payer is a business (公司, 店, 医院 …): a refund, a payout, a supplier's settlement.
    case business
    /// A person the payee has no stated tie to.
    case unknown

    /// Memo words that state a legitimate purpose, as banks and payment platforms write them.
    /// A gang can write them too; they keep a payment from *starting* suspicion, never stop money
    /// already suspicious from being followed.
    static let purposeWords: [[UInt8]] = [
        "工资", "工钱", "劳务", "薪", "奖金", "房租", "租金", "生活费", "红包", "份子", "礼金", "压岁",
        "新年", "春节", "过年", "拜年",
    ].map { Array($0.utf8) }

    /// Words that make a payer a payroll when it pays many accounts at once.
    static let salaryWords: [[UInt8]] = ["工资", "工钱", "劳务", "薪", "奖金", "代发"].map { Array($0.utf8) }

    /// Name parts of businesses and institutions (a person's name has none of them).
    static let businessWords: [[UInt8]] = [
        "公司", "集团", "有限", "店", "医院", "酒店", "银行", "中心", "厂", "馆", "社", "所", "院",
    ].map { Array($0.utf8) }

    /// Classifies a payment from `payerName` to `payeeName` with `memo` (any may be empty).
    static func classify(payerName: String?, payeeName: String?, memo: String?) -> SourceOfFunds {
        if sameHolder(payerName, payeeName) { return .ownAccount }
        if let memo, contains(memo, anyOf: purposeWords) { return .statedPurpose }
        if isBusiness(payerName) { return .business }
        return .unknown
    }

    /// Whether a holder name is a business's or an institution's (an empty name is not).
    static func isBusiness(_ name: String?) -> Bool {
        guard let name, !name.isEmpty else { return false }
        return name.hasSuffix("行") || contains(name, anyOf: businessWords)
    }

    /// Whether two holder names are one holder: equal, or equal where a bank masked one of them
    /// (`张*伟`, `张*`: the first character and, when both show it, the last agree).
    static func sameHolder(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        guard a.utf8.contains(UInt8(ascii: "*")) || b.utf8.contains(UInt8(ascii: "*")) else { return false }
        guard let firstA = a.first, let firstB = b.first, firstA == firstB, let lastA = a.last, let lastB = b.last else { return false }
        return lastA == lastB || lastA == "*" || lastB == "*"
    }

    /// Whether `memo` names wages.
    static func namesSalary(_ memo: String?) -> Bool {
        guard let memo else { return false }
        return contains(memo, anyOf: salaryWords)
    }

    /// Whether `text` contains any of `words` (UTF-8 bytes), compared byte by byte: the standard
    /// library's `String.contains(_:)` went through Foundation's locale-aware search here and was
    /// a third of `analyze`'s time at 1M transfers (perf); UTF-8 is self-synchronising, so a byte
    /// match is a character match.
    static func contains(_ text: String, anyOf words: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in words.contains { ByteSearch.contains(bytes, $0) } }
    }
}
