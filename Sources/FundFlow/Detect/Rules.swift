/// Every threshold of every detector and of flagging, with the defaults of patterns.md.
///
/// Values are exact integers: amounts in fen (written in yuan in a rules file), durations in
/// milliseconds (written `30m`, `2h`, `7d`), percentages and counts. A rules file (a TOML subset:
/// `[section]` headers and `key = value` lines, `#` comments) overrides any of them; an unknown
/// section or key is an error, so a typo never silently leaves a default in force.
///
/// A detector's thresholds live in its own file (a ``RuleSet`` with its defaults, a computed
/// property here such as ``fanIn``, and its section of the rules file, ``Detector/rulesSection``);
/// ``sections`` lists the registry's detectors' sections (``DetectorRegistry``), then cash
/// bridges, provenance and flagging.
public struct Rules: Sendable, Equatable {
    public var cashBridge = CashBridgeRules()
    public var provenance = ProvenanceRules()
    public var flag = FlagRules()
    /// The detectors' thresholds, by section name; a section never set holds its defaults.
    private var sets: [String: any RuleSet] = [:]

    /// The defaults.
    public init() {}

    /// The thresholds of section `R` (its defaults until set).
    public subscript<R: RuleSet>(_ type: R.Type) -> R {
        get { sets[R.sectionName].flatMap { $0 as? R } ?? R() }
        set { sets[R.sectionName] = newValue }
    }

    /// Equal when every key of every section is.
    public static func == (lhs: Rules, rhs: Rules) -> Bool {
        sections.allSatisfy { section in section.fields.allSatisfy { lhs[keyPath: $0.path] == rhs[keyPath: $0.path] } }
    }

    /// What a value is written as.
    public enum Kind: Sendable {
        /// Yuan, exact to the fen (`5000`, `199.99`); stored in fen.
        case amount
        /// `30m`, `2h`, `7d`, `90s`; stored in milliseconds.
        case duration
        /// A whole percentage, 0–100.
        case percent
        /// A whole number.
        case count
    }

    /// One key of one section.
    public struct Field: Sendable {
        public let key: String
        public let kind: Kind
        public let help: String
        let path: WritableKeyPath<Rules, Int64> & Sendable
    }

    /// One `[section]` of a rules file: its name, what it is about, and its keys.
    public struct Section: Sendable {
        public let name: String
        public let help: String
        public let fields: [Field]

        init(name: String, help: String, fields: [Field]) {
            self.name = name
            self.help = help
            self.fields = fields
        }

        /// The section of `rules`, under its ``RuleSet/sectionName``.
        init<R: RuleSet>(_ rules: R.Type, help: String, fields: [Field]) {
            self.init(name: R.sectionName, help: help, fields: fields)
        }
    }

    /// The sections in file order: the detectors' in the registry's order, then the others.
    public static let sections: [Section] = DetectorRegistry.all.map(\.rulesSection) + others

    /// The sections that belong to no detector.
    private static let others: [Section] = [
        Section(name: "cash_bridge", help: "cash withdrawn and paid into another account soon after, nearby (同存同取): inferred links `trace --cash-bridges` follows", fields: [
            Field(key: "window", kind: .duration, help: "how soon after the withdrawal the deposit comes", path: \.cashBridge.window),
            Field(key: "tolerance_percent", kind: .percent, help: "how far the amounts may differ (a courier's cut, rounding)", path: \.cashBridge.tolerancePercent),
            Field(key: "min_amount", kind: .amount, help: "the smallest withdrawal bridged (small cash is everyday life)", path: \.cashBridge.minAmount),
            Field(key: "same_place", kind: .count, help: "1: the same ATM or branch only; 0: the same city", path: \.cashBridge.samePlace),
        ]),
        Section(name: "provenance", help: "what makes money suspicious, and how much of it flags an account", fields: [
            Field(key: "min_inflow", kind: .amount, help: "a payment into a collection account", path: \.provenance.minInflow),
            Field(key: "new_pair", kind: .duration, help: "payer and payee first dealt at most this long before", path: \.provenance.newPair),
            Field(key: "forward_window", kind: .duration, help: "how soon the collection account passes it on", path: \.provenance.forwardWindow),
            Field(key: "min_forward_percent", kind: .percent, help: "of the payment passed on", path: \.provenance.minForwardPercent),
            Field(key: "own_money_percent", kind: .count, help: "an outflow above this share of the window's inflows is own money", path: \.provenance.ownMoneyPercent),
            Field(key: "min_collection_share_percent", kind: .percent, help: "of the account's inflow around them the collected payments make", path: \.provenance.minCollectionSharePercent),
            Field(key: "collection_span", kind: .duration, help: "around: before the first and after the last collected payment", path: \.provenance.collectionSpan),
            Field(key: "min_collections", kind: .count, help: "collected payments an account needs", path: \.provenance.minCollections),
            Field(key: "single_collection", kind: .amount, help: "collected payments adding up to this count however few ...", path: \.provenance.singleCollection),
            Field(key: "single_new_account", kind: .duration, help: "... in an account first seen at most this long before", path: \.provenance.singleNewAccount),
            Field(key: "min_suspicious", kind: .amount, help: "suspicious money that flags an account", path: \.provenance.minSuspicious),
            Field(key: "dominance_percent", kind: .percent, help: "of the account's inflow while it arrived", path: \.provenance.dominancePercent),
            Field(key: "dominance_window", kind: .duration, help: "while it arrived: first arrival to this long after the last", path: \.provenance.dominanceWindow),
            Field(key: "merchant_payers", kind: .count, help: "distinct QR payers that make an account a merchant", path: \.provenance.merchantPayers),
            Field(key: "payroll_payees", kind: .count, help: "accounts a payroll pays in one batch", path: \.provenance.payrollPayees),
            Field(key: "payroll_window", kind: .duration, help: "the payroll batch", path: \.provenance.payrollWindow),
        ]),
        Section(name: "flag", help: "combining findings into one score per account", fields: [
            Field(key: "threshold_percent", kind: .percent, help: "flag accounts scoring at least this", path: \.flag.thresholdPercent),
            Field(key: "secondary_weight_percent", kind: .percent, help: "weight of a finding for its non-principal accounts", path: \.flag.secondaryWeightPercent),
        ]),
    ]

    /// A rules file with every default, commented.
    public static var defaultsText: String { Rules().text }

    /// These rules as a rules file, commented.
    public var text: String {
        var out = "# fundflow rules: every threshold. Amounts in yuan, durations as 30m / 2h / 7d.\n"
        for section in Self.sections {
            out += "\n# \(section.help)\n[\(section.name)]\n"
            for field in section.fields {
                out += "\(field.key) = \(Self.format(self[keyPath: field.path], field.kind))  # \(field.help)\n"
            }
        }
        return out
    }

    /// These rules as JSON: section → key → value as written in a rules file.
    public var json: JSONValue {
        .object(Self.sections.map { section in
            (section.name, .object(section.fields.map { field in
                let value = Self.format(self[keyPath: field.path], field.kind)
                return (field.key, .string(value.replacingAll("\"", with: "")))
            }))
        })
    }

    /// Parses a rules file's text over the defaults.
    public static func parse(_ text: String, file: String = "rules") throws(RulesError) -> Rules {
        var rules = Rules()
        var section: Section?
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = number + 1
            var content = Substring(rawLine)
            if let hash = content.firstIndex(of: "#") { content = content[..<hash] }
            let trimmed = content.trimmingSpaces
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { throw RulesError(file: file, line: line, message: "a section header is [name]") }
                let name = String(trimmed.dropFirst().dropLast()).trimmingSpaces
                guard let found = sections.first(where: { $0.name == name }) else {
                    throw RulesError(file: file, line: line, message: "unknown section [\(name)]; known: \(sections.map(\.name).joined(separator: ", "))")
                }
                section = found
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw RulesError(file: file, line: line, message: "expected key = value")
            }
            let key = String(trimmed[..<equals]).trimmingSpaces
            var value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard let section else { throw RulesError(file: file, line: line, message: "\(key) is outside any [section]") }
            guard let field = section.fields.first(where: { $0.key == key }) else {
                throw RulesError(file: file, line: line, message: "unknown key \(key) in [\(section.name)]; known: \(section.fields.map(\.key).joined(separator: ", "))")
            }
            guard let parsed = parseValue(value, field.kind) else {
                throw RulesError(file: file, line: line, message: "\(section.name).\(key) = \(value): expected \(describe(field.kind))")
            }
            rules[keyPath: field.path] = parsed
        }
        return rules
    }

    static func parseValue(_ text: String, _ kind: Kind) -> Int64? {
        switch kind {
        case .amount:
            guard let amount = try? AmountParser.parse(text), amount.fen >= 0 else { return nil }
            return amount.fen
        case .duration:
            return DurationText.milliseconds(text)
        case .percent:
            guard let value = Int64(text), (0...100).contains(value) else { return nil }
            return value
        case .count:
            guard let value = Int64(text), value >= 0 else { return nil }
            return value
        }
    }

    static func format(_ value: Int64, _ kind: Kind) -> String {
        switch kind {
        case .amount:
            let text = Amount(fen: value).decimalString
            return text.hasSuffix(".00") ? String(text.dropLast(3)) : text
        case .duration:
            return "\"\(DurationText.string(value))\""
        case .percent, .count:
            return String(value)
        }
    }

    static func describe(_ kind: Kind) -> String {
        switch kind {
        case .amount: return "an amount in yuan, at most 2 decimals"
        case .duration: return "a duration like 30m, 2h or 7d"
        case .percent: return "a whole percentage 0-100"
        case .count: return "a whole number"
        }
    }
}

/// A problem in a rules file, with its line.
public struct RulesError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Thresholds of one section of ``Rules``.
public struct FlagRules: Sendable, Equatable {
    public init() {}
    public var thresholdPercent: Int64 = 50
    public var secondaryWeightPercent: Int64 = 70
}

/// The thresholds of one detector: a value type with its defaults, stored in ``Rules`` under
/// its section's name.
public protocol RuleSet: Sendable, Equatable {
    /// Every threshold at its default.
    init()
    /// The `[section]` of a rules file it is written in.
    static var sectionName: String { get }
}
