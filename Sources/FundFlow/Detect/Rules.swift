/// Every threshold of every detector and of flagging, with the defaults of patterns.md.
///
/// Values are exact integers: amounts in fen (written in yuan in a rules file), durations in
/// milliseconds (written `30m`, `2h`, `7d`), percentages and counts. A rules file (a TOML subset:
/// `[section]` headers and `key = value` lines, `#` comments) overrides any of them; an unknown
/// section or key is an error, so a typo never silently leaves a default in force.
public struct Rules: Sendable, Equatable {
    public var redPacketSplit = RedPacketSplitRules()
    public var redPacketCollect = RedPacketCollectRules()
    public var cashMule = CashMuleRules()
    public var victimMule = VictimMuleRules()
    public var fanIn = FanInRules()
    public var fanOut = FanOutRules()
    public var passThrough = PassThroughRules()
    public var layeringChain = LayeringChainRules()
    public var qrCollection = QRCollectionRules()
    public var roundTrip = RoundTripRules()
    public var structuring = StructuringRules()
    public var sharedDevice = SharedDeviceRules()
    public var cashBridge = CashBridgeRules()
    public var provenance = ProvenanceRules()
    public var flag = FlagRules()

    /// The defaults.
    public init() {}

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

    /// The sections in file order, each with its fields.
    public static let sections: [(name: String, help: String, fields: [Field])] = [
        ("red_packet_split", "a large inflow split into many small red packets to many wallets", [
            Field(key: "window", kind: .duration, help: "how long after the inflow the packets go", path: \.redPacketSplit.window),
            Field(key: "min_inflow", kind: .amount, help: "the inflow that is split", path: \.redPacketSplit.minInflow),
            Field(key: "min_packets", kind: .count, help: "red packets sent", path: \.redPacketSplit.minPackets),
            Field(key: "max_packet", kind: .amount, help: "the largest packet that counts", path: \.redPacketSplit.maxPacket),
            Field(key: "min_payees", kind: .count, help: "distinct wallets", path: \.redPacketSplit.minPayees),
            Field(key: "min_share_percent", kind: .percent, help: "of the inflow sent as packets", path: \.redPacketSplit.minSharePercent),
            Field(key: "score_percent", kind: .percent, help: "score of a split", path: \.redPacketSplit.scorePercent),
            Field(key: "wallet_bonus_percent", kind: .percent, help: "added per wallet paid", path: \.redPacketSplit.walletBonusPercent),
        ]),
        ("red_packet_collect", "wallets that gather a splitter's red packets and pass them on", [
            Field(key: "window", kind: .duration, help: "how soon the wallet forwards", path: \.redPacketCollect.window),
            Field(key: "min_forward_percent", kind: .percent, help: "of the packets forwarded", path: \.redPacketCollect.minForwardPercent),
            Field(key: "score_percent", kind: .percent, help: "score of a collecting wallet", path: \.redPacketCollect.scorePercent),
        ]),
        ("cash_mule", "money received and withdrawn as cash soon after", [
            Field(key: "window", kind: .duration, help: "how soon the cash leaves", path: \.cashMule.window),
            Field(key: "min_inflow", kind: .amount, help: "the inflow withdrawn", path: \.cashMule.minInflow),
            Field(key: "min_cash_percent", kind: .percent, help: "of the inflow withdrawn", path: \.cashMule.minCashPercent),
            Field(key: "max_cash_percent", kind: .count, help: "at most this much of it withdrawn (more is the account's own money)", path: \.cashMule.maxCashPercent),
            Field(key: "fast", kind: .duration, help: "cash starting this soon after the inflow is fast", path: \.cashMule.fast),
            Field(key: "new_account", kind: .duration, help: "an account first seen this shortly before is new", path: \.cashMule.newAccount),
            Field(key: "score_percent", kind: .percent, help: "score of one slow withdrawal at one place", path: \.cashMule.scorePercent),
            Field(key: "repeat_bonus_percent", kind: .percent, help: "added for several withdrawals or places", path: \.cashMule.repeatBonusPercent),
            Field(key: "fast_bonus_percent", kind: .percent, help: "added when cash starts within fast", path: \.cashMule.fastBonusPercent),
            Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.cashMule.newAccountBonusPercent),
            Field(key: "victim_bonus_percent", kind: .percent, help: "added for a reported victim's account", path: \.cashMule.victimBonusPercent),
        ]),
        ("victim_mule", "a reported victim whose account moves other victims' money (needs victim reports)", [
            Field(key: "min_amount", kind: .amount, help: "other victims' money received", path: \.victimMule.minAmount),
            Field(key: "score_percent", kind: .percent, help: "score of a victim mule", path: \.victimMule.scorePercent),
        ]),
        ("fan_in", "many payers into one account in a burst, then forwarded", [
            Field(key: "window", kind: .duration, help: "the burst", path: \.fanIn.window),
            Field(key: "min_payers", kind: .count, help: "distinct payers in the burst", path: \.fanIn.minPayers),
            Field(key: "min_total", kind: .amount, help: "received in the burst", path: \.fanIn.minTotal),
            Field(key: "min_forward_percent", kind: .percent, help: "of it forwarded", path: \.fanIn.minForwardPercent),
            Field(key: "forward_window", kind: .duration, help: "how soon it is forwarded", path: \.fanIn.forwardWindow),
            Field(key: "score_percent", kind: .percent, help: "score of a fan-in", path: \.fanIn.scorePercent),
            Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.fanIn.newAccountBonusPercent),
        ]),
        ("fan_out", "one inflow dispersed to many payees", [
            Field(key: "window", kind: .duration, help: "how soon after the inflow", path: \.fanOut.window),
            Field(key: "min_inflow", kind: .amount, help: "the inflow dispersed", path: \.fanOut.minInflow),
            Field(key: "min_payees", kind: .count, help: "distinct payees", path: \.fanOut.minPayees),
            Field(key: "min_share_percent", kind: .percent, help: "of the inflow dispersed", path: \.fanOut.minSharePercent),
            Field(key: "pass_on_percent", kind: .percent, help: "payees that pass half of it on within the window, for full strength", path: \.fanOut.passOnPercent),
            Field(key: "max_share_percent", kind: .count, help: "at most this much of the inflow sent (more is the account's own money)", path: \.fanOut.maxSharePercent),
            Field(key: "lone_score_percent", kind: .percent, help: "score when too few payees pass it on", path: \.fanOut.loneScorePercent),
            Field(key: "score_percent", kind: .percent, help: "score when they do", path: \.fanOut.scorePercent),
            Field(key: "pass_on_bonus_percent", kind: .percent, help: "added times the share of payees passing it on", path: \.fanOut.passOnBonusPercent),
            Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.fanOut.newAccountBonusPercent),
        ]),
        ("pass_through", "money in and out again quickly (快进快出)", [
            Field(key: "window", kind: .duration, help: "how soon it leaves", path: \.passThrough.window),
            Field(key: "min_inflow", kind: .amount, help: "money in within the window", path: \.passThrough.minInflow),
            Field(key: "min_out_percent", kind: .percent, help: "of it out again", path: \.passThrough.minOutPercent),
            Field(key: "max_out_percent", kind: .count, help: "at most this much of it out (more is the account's own money)", path: \.passThrough.maxOutPercent),
            Field(key: "fast", kind: .duration, help: "every passing inflow out within this is fast", path: \.passThrough.fast),
            Field(key: "score_percent", kind: .percent, help: "score of one passing inflow", path: \.passThrough.scorePercent),
            Field(key: "repeat_bonus_percent", kind: .percent, help: "added per further inflow (at most 3)", path: \.passThrough.repeatBonusPercent),
            Field(key: "fast_bonus_percent", kind: .percent, help: "added when fast", path: \.passThrough.fastBonusPercent),
            Field(key: "new_account_bonus_percent", kind: .percent, help: "added for an account new in the data", path: \.passThrough.newAccountBonusPercent),
        ]),
        ("layering_chain", "a chain of transfers that keeps the amount (多级转账)", [
            Field(key: "hop_window", kind: .duration, help: "each hop within this of the last", path: \.layeringChain.hopWindow),
            Field(key: "min_hops", kind: .count, help: "transfers in the chain", path: \.layeringChain.minHops),
            Field(key: "min_keep_percent", kind: .percent, help: "each amount of the previous", path: \.layeringChain.minKeepPercent),
            Field(key: "min_amount", kind: .amount, help: "the first transfer", path: \.layeringChain.minAmount),
            Field(key: "fast", kind: .duration, help: "a whole chain within this is fast", path: \.layeringChain.fast),
            Field(key: "score_percent", kind: .percent, help: "score of a chain of min_hops", path: \.layeringChain.scorePercent),
            Field(key: "hop_bonus_percent", kind: .percent, help: "added per further hop (at most 3)", path: \.layeringChain.hopBonusPercent),
            Field(key: "fast_bonus_percent", kind: .percent, help: "added when fast", path: \.layeringChain.fastBonusPercent),
        ]),
        ("qr_collection", "a merchant QR code collecting large payments from many new payers, emptied in lumps (扫码跑分)", [
            Field(key: "window", kind: .duration, help: "the collection burst and the emptying", path: \.qrCollection.window),
            Field(key: "min_payers", kind: .count, help: "distinct QR payers in the burst", path: \.qrCollection.minPayers),
            Field(key: "min_total", kind: .amount, help: "collected in the burst", path: \.qrCollection.minTotal),
            Field(key: "min_average", kind: .amount, help: "average payment (shops take small ones)", path: \.qrCollection.minAverage),
            Field(key: "max_lumps", kind: .count, help: "transfers that empty it", path: \.qrCollection.maxLumps),
            Field(key: "min_forward_percent", kind: .percent, help: "of it sent on", path: \.qrCollection.minForwardPercent),
            Field(key: "score_percent", kind: .percent, help: "score of a collection", path: \.qrCollection.scorePercent),
        ]),
        ("round_trip", "money that returns to where it started (资金回流)", [
            Field(key: "window", kind: .duration, help: "the whole cycle", path: \.roundTrip.window),
            Field(key: "min_hops", kind: .count, help: "shortest cycle", path: \.roundTrip.minHops),
            Field(key: "max_hops", kind: .count, help: "longest cycle", path: \.roundTrip.maxHops),
            Field(key: "min_keep_percent", kind: .percent, help: "of the first amount that comes back", path: \.roundTrip.minKeepPercent),
            Field(key: "min_amount", kind: .amount, help: "the first transfer", path: \.roundTrip.minAmount),
            Field(key: "score_percent", kind: .percent, help: "score of a cycle, less its hops", path: \.roundTrip.scorePercent),
            Field(key: "hop_bonus_percent", kind: .percent, help: "added per hop", path: \.roundTrip.hopBonusPercent),
        ]),
        ("structuring", "amounts kept just below a reporting threshold (拆分规避)", [
            Field(key: "window", kind: .duration, help: "period", path: \.structuring.window),
            Field(key: "threshold", kind: .amount, help: "the reporting threshold", path: \.structuring.threshold),
            Field(key: "band_percent", kind: .percent, help: "how far below it counts", path: \.structuring.bandPercent),
            Field(key: "min_count", kind: .count, help: "such amounts in the period", path: \.structuring.minCount),
            Field(key: "score_percent", kind: .percent, help: "score at min_count", path: \.structuring.scorePercent),
            Field(key: "count_bonus_percent", kind: .percent, help: "added per further amount (at most 5)", path: \.structuring.countBonusPercent),
        ]),
        ("shared_device", "accounts transacting from one device (MAC, terminal, IP) within a window (一机多卡)", [
            Field(key: "window", kind: .duration, help: "how close in time two accounts' uses are", path: \.sharedDevice.window),
            Field(key: "max_accounts", kind: .count, help: "a device used by more accounts is shared by design (public Wi-Fi, NAT, a bank's terminal) and ignored; 0 turns the detector off", path: \.sharedDevice.maxAccounts),
            Field(key: "score_percent", kind: .percent, help: "score of a device link (it adds to a flag only beside another signal)", path: \.sharedDevice.scorePercent),
        ]),
        ("cash_bridge", "cash withdrawn and paid into another account soon after, nearby (同存同取): inferred links `trace --cash-bridges` follows", [
            Field(key: "window", kind: .duration, help: "how soon after the withdrawal the deposit comes", path: \.cashBridge.window),
            Field(key: "tolerance_percent", kind: .percent, help: "how far the amounts may differ (a courier's cut, rounding)", path: \.cashBridge.tolerancePercent),
            Field(key: "min_amount", kind: .amount, help: "the smallest withdrawal bridged (small cash is everyday life)", path: \.cashBridge.minAmount),
            Field(key: "same_place", kind: .count, help: "1: the same ATM or branch only; 0: the same city", path: \.cashBridge.samePlace),
        ]),
        ("provenance", "what makes money suspicious, and how much of it flags an account", [
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
        ("flag", "combining findings into one score per account", [
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
        var section: (name: String, help: String, fields: [Field])?
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
public struct RedPacketSplitRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 500_000
    public var minPackets: Int64 = 10
    public var maxPacket: Int64 = 20_000
    public var minPayees: Int64 = 5
    public var minSharePercent: Int64 = 50
    public var scorePercent: Int64 = 70
    public var walletBonusPercent: Int64 = 1
}

/// Thresholds of one section of ``Rules``.
public struct RedPacketCollectRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minForwardPercent: Int64 = 80
    public var scorePercent: Int64 = 80
}

/// Thresholds of one section of ``Rules``.
public struct CashMuleRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 300_000
    public var minCashPercent: Int64 = 80
    public var maxCashPercent: Int64 = 110
    public var fast: Int64 = 6 * 3_600_000
    public var newAccount: Int64 = 3 * 86_400_000
    public var scorePercent: Int64 = 45
    public var repeatBonusPercent: Int64 = 20
    public var fastBonusPercent: Int64 = 10
    public var newAccountBonusPercent: Int64 = 10
    public var victimBonusPercent: Int64 = 15
}

/// Thresholds of one section of ``Rules``.
public struct VictimMuleRules: Sendable, Equatable {
    public init() {}
    public var minAmount: Int64 = 1
    public var scorePercent: Int64 = 90
}

/// Thresholds of one section of ``Rules``.
public struct FanInRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minPayers: Int64 = 5
    public var minTotal: Int64 = 2_000_000
    public var minForwardPercent: Int64 = 80
    public var forwardWindow: Int64 = 24 * 3_600_000
    public var scorePercent: Int64 = 65
    public var newAccountBonusPercent: Int64 = 10
}

/// Thresholds of one section of ``Rules``.
public struct FanOutRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minInflow: Int64 = 500_000
    public var minPayees: Int64 = 5
    public var minSharePercent: Int64 = 80
    public var passOnPercent: Int64 = 50
    public var maxSharePercent: Int64 = 150
    public var loneScorePercent: Int64 = 40
    public var scorePercent: Int64 = 60
    public var passOnBonusPercent: Int64 = 30
    public var newAccountBonusPercent: Int64 = 10
}

/// Thresholds of one section of ``Rules``.
public struct PassThroughRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 2 * 3_600_000
    public var minInflow: Int64 = 1_000_000
    public var minOutPercent: Int64 = 90
    public var maxOutPercent: Int64 = 110
    public var fast: Int64 = 30 * 60_000
    public var scorePercent: Int64 = 60
    public var repeatBonusPercent: Int64 = 10
    public var fastBonusPercent: Int64 = 10
    public var newAccountBonusPercent: Int64 = 10
}

/// Thresholds of one section of ``Rules``.
public struct LayeringChainRules: Sendable, Equatable {
    public init() {}
    public var hopWindow: Int64 = 24 * 3_600_000
    public var minHops: Int64 = 3
    public var minKeepPercent: Int64 = 90
    public var minAmount: Int64 = 300_000
    public var fast: Int64 = 6 * 3_600_000
    public var scorePercent: Int64 = 55
    public var hopBonusPercent: Int64 = 10
    public var fastBonusPercent: Int64 = 15
}

/// Thresholds of one section of ``Rules``.
public struct QRCollectionRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 24 * 3_600_000
    public var minPayers: Int64 = 5
    public var minTotal: Int64 = 2_000_000
    public var minAverage: Int64 = 50_000
    public var maxLumps: Int64 = 3
    public var minForwardPercent: Int64 = 80
    public var scorePercent: Int64 = 80
}

/// Thresholds of one section of ``Rules``.
public struct RoundTripRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 7 * 86_400_000
    public var minHops: Int64 = 2
    public var maxHops: Int64 = 6
    public var minKeepPercent: Int64 = 80
    public var minAmount: Int64 = 500_000
    public var scorePercent: Int64 = 60
    public var hopBonusPercent: Int64 = 5
}

/// Thresholds of one section of ``Rules``.
public struct StructuringRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 7 * 86_400_000
    public var threshold: Int64 = 5_000_000
    public var bandPercent: Int64 = 10
    public var minCount: Int64 = 3
    public var scorePercent: Int64 = 55
    public var countBonusPercent: Int64 = 5
}

/// Thresholds of one section of ``Rules``.
public struct SharedDeviceRules: Sendable, Equatable {
    public init() {}
    public var window: Int64 = 86_400_000
    public var maxAccounts: Int64 = 20
    public var scorePercent: Int64 = 50
}

/// Thresholds of one section of ``Rules``.
public struct FlagRules: Sendable, Equatable {
    public init() {}
    public var thresholdPercent: Int64 = 50
    public var secondaryWeightPercent: Int64 = 70
}
