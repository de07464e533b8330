/// A field fundflow understands in a table's header (formats.md §1 and §2).
public enum Field: String, CaseIterable, Sendable {
    // Canonical dump (§1)
    case id, time, date, timeOfDay = "time_of_day", from, to, amount, channel, currency
    case fromName = "from_name", toName = "to_name", fromBank = "from_bank", toBank = "to_bank"
    case place, memo
    // Bank statement (§2)
    case account, accountName = "account_name", direction, balance
    case counterparty, counterpartyName = "counterparty_name", counterpartyBank = "counterparty_bank"
    case cashFlag = "cash_flag", transactionType = "transaction_type", merchant, success
    /// An amount column in fen (财付通 TenpayTrades: 交易金额(分)).
    case amountFen = "amount_fen"
    /// Identity document numbers (证件号码, 身份证号): of a statement's subject and counterparty,
    /// of a dump's payer and payee.
    case holderID = "holder_id", counterpartyHolderID = "counterparty_holder_id"
    case fromHolderID = "from_holder_id", toHolderID = "to_holder_id"
    /// What a 查询反馈 return says about the query (查询反馈结果原因): `未查询到交易明细` on a row
    /// without an amount is an empty return.
    case queryResult = "query_result"
    /// An account with its holder's name in one cell (支付宝 协查: 用户信息 and 交易对方信息).
    case accountInfo = "account_info", counterpartyInfo = "counterparty_info"
    /// When the money moved, where a return also gives when the order was made (支付宝: 付款时间
    /// beside 交易创建时间); used when filled.
    case paidTime = "paid_time"
    /// The bank card behind a payment account (payment institutions' 查询反馈): the payer or
    /// payee when the payment account is blank (a top-up from, or a withdrawal to, a card).
    case fromCard = "from_card", toCard = "to_card"
    /// The device a transaction was made from: IP address, MAC address, terminal number.
    case ipAddress = "ip", macAddress = "mac", terminal = "terminal_id"

    /// Header spellings, normalized by ``HeaderMap/normalize(_:)`` (lowercase, no spaces, `_` or `-`).
    var aliases: [String] {
        switch self {
        case .id: return ["id", "serial", "serialno", "transactionid", "txid", "tranid", "交易流水号", "流水号", "交易序号", "日志号", "交易号", "订单号", "交易单号", "支付机构内部订单号", "交易订单号"]
        case .time: return ["time", "timestamp", "datetime", "transactiontime", "trantimestamp", "交易时间", "交易日期时间", "时间", "交易创建时间"]
        case .date: return ["date", "transactiondate", "交易日期", "日期"]
        case .timeOfDay: return ["timeofday", "clock"]
        case .from: return ["from", "fromaccount", "payer", "payeraccount", "origacct", "付款账号", "付款卡号", "付款方账号", "付款人账号", "转出账号", "转出卡号", "付款方支付账号", "付款支付账号"]
        case .to: return ["to", "toaccount", "payee", "payeeaccount", "beneacct", "收款账号", "收款卡号", "收款方账号", "收款人账号", "转入账号", "转入卡号", "收款方支付账号", "收款支付账号"]
        case .amount: return ["amount", "amt", "baseamt", "交易金额", "金额", "转账金额", "发生额", "金额元"]
        case .channel: return ["channel", "txtype", "渠道", "交易渠道"]
        case .currency: return ["currency", "币种", "交易币种"]
        case .fromName: return ["fromname", "payername", "付款户名", "付款人", "付款人姓名", "付款方户名", "转出户名"]
        case .toName: return ["toname", "payeename", "收款户名", "收款人", "收款人姓名", "收款方户名", "转入户名"]
        case .fromBank: return ["frombank", "payerbank", "付款银行", "付款行", "付款开户行", "转出银行"]
        case .toBank: return ["tobank", "payeebank", "收款银行", "收款行", "收款开户行", "转入银行"]
        case .place: return ["place", "location", "terminal", "交易网点名称", "交易网点", "交易地点", "交易发生地", "交易场所", "网点"]
        case .memo: return ["memo", "remark", "remarks", "note", "description", "摘要说明", "摘要", "交易摘要", "备注", "附言", "用途", "备注1", "消费名称", "商品", "商品说明"]
        case .account: return ["account", "accountno", "subjectaccount", "交易卡号", "交易账号", "查询账号", "查询卡号", "卡号", "账号", "本方账号", "用户id"]
        case .accountName: return ["accountname", "交易户名", "户名", "账户名称", "账户开户名称", "客户名称", "本方户名", "用户侧账号名称", "交易方户名", "交易户名称"]
        case .direction: return ["direction", "dc", "debitcredit", "收付标志", "借贷标志", "收支标志", "借贷方向", "收付方向", "资金流向", "借贷类型", "收/支"]
        case .balance: return ["balance", "交易余额", "余额", "账户余额"]
        case .counterparty: return ["counterparty", "counterpartyaccount", "交易对手账卡号", "交易对手账号", "对手账号", "对方账号", "对手卡号", "交易对方账号", "对手账卡号", "对方卡号", "交易对方卡号", "对手方id"]
        case .counterpartyName: return ["counterpartyname", "对手户名", "对方户名", "交易对手名称", "交易对方名称", "对手名称", "交易对手户名", "对手侧账户名称", "交易对方"]
        case .counterpartyBank: return ["counterpartybank", "对手开户银行", "对手开户行", "对方开户行", "对手行名", "对方银行", "交易对手开户行"]
        case .cashFlag: return ["cashflag", "现金标志"]
        case .transactionType: return ["transactiontype", "交易类型", "交易业务类型", "类型", "交易分类"]
        case .merchant: return ["merchant", "商户名称", "商户号", "收款方的商户名称", "收款方商户名称"]
        case .success: return ["success", "status", "交易是否成功", "是否成功", "交易状态", "当前状态"]
        case .amountFen: return ["amountfen", "交易金额分"]
        case .holderID: return ["holderid", "证件号码", "交易方证件号码", "开户人证件号码", "身份证号", "身份证号码", "客户证件号码", "证件号"]
        case .counterpartyHolderID: return ["counterpartyholderid", "对手身份证号", "对手证件号码", "对方证件号码", "交易对手证件号码"]
        case .fromHolderID: return ["fromholderid", "付款人证件号码", "付款方证件号码", "付款人身份证号"]
        case .toHolderID: return ["toholderid", "收款人证件号码", "收款方证件号码", "收款人身份证号"]
        case .accountInfo: return ["accountinfo", "用户信息"]
        case .counterpartyInfo: return ["counterpartyinfo", "交易对方信息"]
        case .paidTime: return ["paidtime", "付款时间"]
        case .fromCard: return ["fromcard", "付款方银行卡号", "付款银行卡号"]
        case .toCard: return ["tocard", "收款方银行卡号", "收款银行卡号"]
        case .queryResult: return ["queryresult", "查询反馈结果原因", "查询反馈结果", "反馈结果", "查询结果"]
        case .ipAddress: return ["ip", "ipaddress", "ip地址", "交易ip", "登录ip", "交易ip地址"]
        case .macAddress: return ["mac", "macaddress", "mac地址", "交易mac", "设备mac"]
        case .terminal: return ["terminalid", "终端号", "设备号", "设备id", "终端编号"]
        }
    }

    /// The attribute name a field's value is kept under, for fields that are not in the hot arrays.
    var attributeKey: String? {
        switch self {
        case .currency, .fromName, .toName, .fromBank, .toBank, .place, .memo, .merchant, .transactionType, .balance,
             .fromHolderID, .toHolderID, .ipAddress, .macAddress, .terminal, .fromCard, .toCard:
            return rawValue
        default:
            return nil
        }
    }
}

/// The kind of table a header describes.
public enum TableLayout: String, Sendable, CaseIterable {
    /// The canonical transfer dump (formats.md §1), including AMLSim's `transactions.csv`.
    case canonical
    /// A per-account bank statement ledger (formats.md §2).
    case statement
    /// IBM AMLworld transactions (formats.md §2b).
    case amlworld
}

/// Which column holds which field, for one table.
public struct HeaderMap: Sendable {
    /// The layout the header was recognised as.
    public let layout: TableLayout
    /// The column of each mapped field.
    public let columns: [Field: Int]
    /// Columns that map to no field, kept as attributes: (column, header text).
    public let extraColumns: [(index: Int, name: String)]
    /// The header texts as they appear.
    public let headerNames: [String]
    /// Required fields with no column (empty when the header is usable).
    public let missing: [String]
    /// Whether the amount column is in fen (its header says 分), not yuan.
    public let amountInFen: Bool
    /// A person's own bill (微信支付账单, 支付宝交易明细): a ledger with no account column, whose
    /// subject is named above the header (``preambleSubject``) or, failing that, by the file.
    public let personalBill: Bool
    /// The account and name the lines above the header give (`微信昵称：[…]`, `支付宝账户：…`, `姓名：…`).
    public internal(set) var preambleSubject: String?
    public internal(set) var preambleName: String?

    /// Lowercases ASCII, removes spaces, tabs, `_`, `-`, `*`, parentheses and full-width spaces,
    /// and writes 帐 as 账 (exports spell 帐号 and 账号 for the same column).
    public static func normalize(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "_", "-", "*", "\u{3000}", "\u{FEFF}", "(", ")", "（", "）": continue
            case "帐": result.unicodeScalars.append("账")
            default:
                if scalar.isASCII { result.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: scalar).lowercasedASCII)) }
                else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    private static let aliasTable: [String: Field] = {
        var table: [String: Field] = [:]
        for field in Field.allCases {
            for alias in field.aliases where table[alias] == nil { table[alias] = field }
        }
        return table
    }()

    /// Maps a header row; `forced` overrides the layout detection.
    public init(header names: [String], forcedLayout forced: TableLayout? = nil) {
        headerNames = names
        let normalized = HeaderNames(names).normalized
        // AMLworld: Timestamp, From Bank, Account, To Bank, Account, Amount Received, …, Amount Paid, …
        let isAMLworld = forced == .amlworld || (forced == nil && normalized.contains("frombank")
            && normalized.contains("tobank") && normalized.contains("amountpaid") && normalized.contains("timestamp"))
        if isAMLworld {
            var columns: [Field: Int] = [:]
            var extras: [(Int, String)] = []
            for (index, name) in normalized.enumerated() {
                switch name {
                case "timestamp": columns[.time] = index
                case "frombank": columns[.fromBank] = index
                case "tobank": columns[.toBank] = index
                case "account":
                    if columns[.from] == nil { columns[.from] = index } else { columns[.to] = index }
                case "amountpaid": columns[.amount] = index
                case "paymentcurrency": columns[.currency] = index
                case "paymentformat": columns[.channel] = index
                default: extras.append((index, names[index]))
                }
            }
            layout = .amlworld
            self.columns = columns
            amountInFen = false
            personalBill = false
            extraColumns = extras
            missing = [Field.time, .from, .to, .amount, .fromBank, .toBank].filter { columns[$0] == nil }.map(\.rawValue)
            return
        }
        var columns: [Field: Int] = [:]
        var extras: [(Int, String)] = []
        for (index, name) in normalized.enumerated() {
            if let field = Self.aliasTable[name], columns[field] == nil {
                columns[field] = index
            } else if !name.isEmpty {
                extras.append((index, names[index]))
            }
        }
        var inFen = false
        if columns[.amount] == nil, let fen = columns[.amountFen] {
            columns[.amount] = fen
            inFen = true
        }
        amountInFen = inFen
        // A ledger of one account: a subject column and no payer and payee, or payer and payee
        // with a direction seen from the subject (a payment institution's 查询反馈:
        // 查询账号, 付款方支付帐号, 收款方支付帐号, 借贷标志).
        // A person's own bill: 交易对方 and 收/支, no account and no payer or payee columns.
        let bill = columns[.account] == nil && columns[.accountInfo] == nil && columns[.from] == nil && columns[.to] == nil
            && columns[.direction] != nil && (columns[.counterpartyName] != nil || columns[.counterparty] != nil)
        personalBill = bill && (forced == nil || forced == .statement)
        let statementLike = bill || ((columns[.account] != nil || columns[.accountInfo] != nil)
            && ((columns[.from] == nil && columns[.to] == nil) || columns[.direction] != nil))
        let chosen = forced ?? (statementLike ? .statement : .canonical)
        // "account" and "counterparty" mean from/to in a canonical file only by explicit alias, not here.
        var missing: [String] = []
        if columns[.time] == nil && columns[.date] == nil { missing.append("time") }
        if columns[.amount] == nil { missing.append("amount") }
        if chosen == .canonical {
            if columns[.from] == nil { missing.append("from") }
            if columns[.to] == nil { missing.append("to") }
        } else if columns[.account] == nil && columns[.accountInfo] == nil && !personalBill {
            missing.append("account (交易卡号)")
        }
        layout = chosen
        self.columns = columns
        extraColumns = extras
        self.missing = missing
    }

    /// The number of fields mapped (to pick the likeliest header among preamble lines).
    var mappedCount: Int { columns.count }
}

extension UInt8 {
    var lowercasedASCII: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}
