/// The accounts of a simulated case: ids, holder names, roles and gang membership, kept as byte
/// arrays so rows are written without building strings.
struct Population {
    enum Kind {
        case card, wallet, merchant, company
    }

    private(set) var ids: [[UInt8]] = []
    private(set) var names: [[UInt8]] = []
    private(set) var roles: [Role] = []
    private(set) var gangs: [Int32] = []
    private var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed ^ 0x5EED_ACC0)
    }

    var count: Int { ids.count }

    /// Adds an account and returns its index.
    @discardableResult
    mutating func add(_ role: Role, kind: Kind = .card, gang: Int = -1) -> Int32 {
        let index = ids.count
        ids.append(Self.accountID(index, kind: kind))
        names.append(Array((kind == .company || kind == .merchant ? companyName() : personName()).utf8))
        roles.append(role)
        gangs.append(Int32(gang))
        return Int32(index)
    }

    /// Changes the role of an account (a person who becomes a victim, an employee, …).
    mutating func setRole(_ account: Int32, _ role: Role, gang: Int = -1) {
        roles[Int(account)] = role
        if gang >= 0 { gangs[Int(account)] = Int32(gang) }
    }

    /// A unique, random-looking id: the index times an odd multiplier not divisible by 5, modulo
    /// 10^12 (a bijection on 12-digit numbers), with its 12 digits reversed
    /// so that consecutive accounts differ in their leading digits, not just their last ones.
    static func accountID(_ index: Int, kind: Kind) -> [UInt8] {
        let modulus: UInt64 = 1_000_000_000_000
        let scrambled = (UInt64(index) % modulus).multipliedFullWidth(by: 387_420_489_017)
        var value = modulus.dividingFullWidth((scrambled.high, scrambled.low)).remainder
        // The 12 digits, least significant first: that is the reversal.
        var digits = [UInt8](repeating: 0x30, count: 12)
        var reversed: UInt64 = 0
        for i in 0..<12 {
            digits[i] = UInt8(0x30 + value % 10)
            reversed = reversed * 10 + value % 10
            value /= 10
        }
        switch kind {
        case .card, .company: return prefixes[index % prefixes.count] + digits
        case .wallet: return Array("wxid_".utf8) + Array(String(reversed, radix: 36).utf8)
        case .merchant: return [UInt8(ascii: "M")] + digits
        }
    }

    private static let prefixes: [[UInt8]] = ["6222", "6217", "6228", "6214", "6230", "6212", "6225"].map { Array($0.utf8) }

    private static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"]
    private static let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建国", "志强"]
    private static let firms = ["华", "盛", "恒", "鑫", "瑞", "博", "远", "新", "宏", "金"]
    private static let trades = ["科技", "贸易", "餐饮", "物流", "建材", "文化", "商贸", "电子"]

    private mutating func personName() -> String { rng.pick(Self.surnames) + rng.pick(Self.given) }
    private mutating func companyName() -> String { rng.pick(Self.firms) + rng.pick(Self.firms) + rng.pick(Self.trades) + "有限公司" }
}

/// One transfer of a simulated case, before it is written.
struct SimulatedTransfer {
    /// Epoch seconds.
    var time: Int64
    var from: Int32  // -1: none (cash deposit)
    var to: Int32  // -1: none (cash withdrawal)
    var fen: Int64
    var channel: Channel
    var memo: Memo
    var place: Int16 = -1

    /// What the memo column says.
    enum Memo: UInt8 {
        case none, transfer, salary, rent, meal, redPacket, festival, cash, deposit, goods, service, business, loan

        var text: [UInt8] {
            switch self {
            case .none: return []
            case .transfer: return Array("转账".utf8)
            case .salary: return Array("工资".utf8)
            case .rent: return Array("房租".utf8)
            case .meal: return Array("扫码支付".utf8)
            case .redPacket: return Array("微信红包".utf8)
            case .festival: return Array("红包 恭喜发财".utf8)
            case .cash: return Array("ATM取款".utf8)
            case .deposit: return Array("现金存入".utf8)
            case .goods: return Array("货款".utf8)
            case .service: return Array("服务费".utf8)
            case .business: return Array("往来款".utf8)
            case .loan: return Array("还款".utf8)
            }
        }
    }

    /// ATMs and branches (the `place` column).
    static let places: [[UInt8]] = [
        "ATM 北京朝阳路支行", "ATM 北京海淀黄庄支行", "ATM 上海徐家汇支行", "ATM 广州天河支行", "ATM 深圳罗湖支行",
        "ATM 杭州西湖支行", "ATM 成都春熙路支行", "ATM 武汉光谷支行", "ATM 南京新街口支行", "ATM 西安钟楼支行",
        "柜台 北京朝阳支行", "柜台 上海浦东支行",
    ].map { Array($0.utf8) }
}
