/// Cash bridges (同存同取): cash withdrawn from one account and paid into another soon after,
/// nearby, for about the same amount — a courier carrying a mule's cash to the next card. An
/// inferred link, never an observed transfer: `trace --cash-bridges` follows the ones that are
/// unambiguous and marks every fen that crossed one (``TraceResult/inferredFlows``); without the
/// option they are listed as candidates beside the cash-out points (`bridges.csv`, the report).
///
/// A withdrawal `w` from account A and a deposit `d` into account B match when
/// - `d` comes after `w` (in time order; ties in input order) and at most `window` after it;
/// - both name a place, and the places are the same (`same_place = 1`) or in the same city
///   (``city(of:)``);
/// - the amounts differ by at most `tolerance_percent` of the withdrawal (a courier may keep a
///   cut, or round), and the withdrawal is at least `min_amount` (small cash is everyday life).
///
/// Deposits are matched in time order, each to one withdrawal, each withdrawal used once:
/// - a deposit matched by a withdrawal of its own holder (the same account, the same document
///   number, or the same holder name where neither side has a document number) is that holder's
///   own cash — a shop owner who took cash out at an ATM and pays it in at the bank that
///   afternoon — and is bridged to that withdrawal only, whatever other people withdrew;
/// - otherwise, when the matching withdrawals are all one holder's, the deposit takes the one
///   closest in amount (then the earliest): status `candidate`;
/// - when several holders' withdrawals match, the deposit could be anyone's cash: status
///   `ambiguous`, listed with its closest match and never followed.
public struct CashBridges: Sendable {
    /// One inferred link.
    public struct Bridge: Sendable, Equatable {
        /// The cash withdrawal.
        public var withdrawal: TransferIndex
        /// The cash deposit.
        public var deposit: TransferIndex
        /// Whether the deposit is into an account of the withdrawing holder.
        public var sameHolder: Bool
        /// Withdrawals of other holders that matched the deposit as well (0 unless ambiguous).
        public var rivals: Int
        /// Whether a trace may follow it (one holder's cash).
        public var isUnambiguous: Bool { rivals == 0 }
    }

    /// Every bridge, in deposit order.
    public let bridges: [Bridge]
    /// The unambiguous bridges by withdrawal (what a trace follows): withdrawal → deposit.
    public let byWithdrawal: [Int32: Int32]
    /// The same by deposit: deposit → withdrawal.
    public let byDeposit: [Int32: Int32]

    /// Matches the cash withdrawals and deposits of `graph` under `rules`; `holders` tells which
    /// accounts are one person's.
    public init(graph: TransferGraph, rules: CashBridgeRules, holders: HolderIndex = HolderIndex()) {
        // The cash rows, keyed by place or city (interned), in transfer order.
        var keys: [String: Int32] = [:]  // by place (a place's city is worked out once: ATMs repeat)
        var areas: [String: Int32] = [:]  // the place or the city → key
        var withdrawals: [[Int32]] = []  // per key, transfer order = time order
        var deposits: [(t: Int32, key: Int32)] = []
        // The cash rows by channel alone first: without deposits there is nothing to match, and no
        // place need be read (a dump of transfers and ATM withdrawals costs one pass over a byte array).
        var cash: [Int32] = []
        var anyDeposit = false
        for t in 0..<graph.transferCount where graph.fen(t) >= rules.minAmount {
            let channel = graph.channelCode(t)
            if channel == Channel.cashWithdrawal.rawValue && graph.payerIndex(t) >= 0 && graph.payeeIndex(t) < 0 {
                cash.append(Int32(t))
            } else if channel == Channel.cashDeposit.rawValue && graph.payeeIndex(t) >= 0 && graph.payerIndex(t) < 0 {
                cash.append(Int32(t))
                anyDeposit = true
            }
        }
        if !anyDeposit { cash.removeAll() }
        for row in cash {
            let t = Int(row)
            let isWithdrawal = graph.payeeIndex(t) < 0
            guard let place = graph.attributes.value("place", row: t), !place.isEmpty else { continue }
            let key: Int32
            if let known = keys[place] {
                key = known
            } else {
                let area = rules.samePlace != 0 ? place : Self.city(of: place)
                if let known = areas[area] {
                    key = known
                } else {
                    key = Int32(areas.count)
                    areas[area] = key
                    withdrawals.append([])
                }
                keys[place] = key
            }
            if isWithdrawal { withdrawals[Int(key)].append(row) } else { deposits.append((row, key)) }
        }
        var holderKeys: [Int32: String] = [:]
        func holder(_ account: Int32) -> String {
            if let known = holderKeys[account] { return known }
            let id = AccountID(account)
            let name = graph.name(of: id)
            let key = holders.holder(of: name).map { "id:" + $0.id } ?? graph.holderName(of: id).map { "name:" + $0 } ?? "account:" + name
            holderKeys[account] = key
            return key
        }
        func sameHolder(_ a: Int32, _ b: Int32) -> Bool { a == b || holder(a) == holder(b) }

        var used = Set<Int32>()
        var bridges: [Bridge] = []
        var byWithdrawal: [Int32: Int32] = [:]
        var first = [Int](repeating: 0, count: withdrawals.count)  // per key: the first withdrawal still in some window
        for (d, key) in deposits {
            let dt = graph.time(Int(d))
            let deposited = graph.fen(Int(d))
            let depositor = graph.payeeIndex(Int(d))
            let list = withdrawals[Int(key)]
            while first[Int(key)] < list.count && graph.time(Int(list[first[Int(key)]])) < dt - rules.window { first[Int(key)] += 1 }
            var own: (w: Int32, gap: Int64)?
            var best: (w: Int32, gap: Int64)?
            var holdersSeen = Set<String>()
            var index = first[Int(key)]
            while index < list.count && list[index] < d {
                let w = list[index]
                index += 1
                let withdrawn = graph.fen(Int(w))
                let gap = withdrawn > deposited ? withdrawn - deposited : deposited - withdrawn
                // gap ≤ withdrawn × tolerance / 100, in integers; an amount too large for that is no match.
                let (scaled, overflow) = gap.multipliedReportingOverflow(by: 100)
                let (allowed, tooLarge) = withdrawn.multipliedReportingOverflow(by: rules.tolerancePercent)
                guard !overflow, !tooLarge, scaled <= allowed, !used.contains(w) else { continue }
                let payer = graph.payerIndex(Int(w))
                if sameHolder(payer, depositor) {
                    if own.map({ gap < $0.gap }) ?? true { own = (w, gap) }
                    continue
                }
                holdersSeen.insert(holder(payer))
                if best.map({ gap < $0.gap }) ?? true { best = (w, gap) }
            }
            if let own {
                used.insert(own.w)
                bridges.append(Bridge(withdrawal: Int(own.w), deposit: Int(d), sameHolder: true, rivals: 0))
                byWithdrawal[own.w] = d
            } else if let best {
                let rivals = holdersSeen.count - 1
                bridges.append(Bridge(withdrawal: Int(best.w), deposit: Int(d), sameHolder: false, rivals: rivals))
                if rivals == 0 {
                    used.insert(best.w)
                    byWithdrawal[best.w] = d
                }
            }
        }
        self.bridges = bridges
        self.byWithdrawal = byWithdrawal
        self.byDeposit = Dictionary(uniqueKeysWithValues: byWithdrawal.map { ($0.value, $0.key) })
    }

    /// The city of a place as statements spell it: the first of the common cities it names (a
    /// name followed by 银行 or 农商 is a bank's name — 北京银行上海分行 is in 上海), else the two
    /// characters before its first 市 (揭阳市榕城支行 → 揭阳), else the place itself (then only the
    /// same place matches). Worked out once per place, on UTF-8 bytes: with Foundation's
    /// `range(of:)` once per cash row the matcher took 3.8–7.2 s on casegen's 1.1M transfers
    /// (47,000 cash rows), once per place 380 ms, on bytes 90–110 ms (the `cash_bridges` stage of
    /// Benchmarks/features.sh).
    public static func city(of place: String) -> String {
        var text = place
        return text.withUTF8 { bytes -> String in
            var best: (start: Int, end: Int)?
            for city in cityBytes {
                var from = 0
                while let at = ByteSearch.firstOffset(of: city, in: bytes, from: from) {
                    let end = at + city.count
                    if bankWords.contains(where: { word in
                        end + word.count <= bytes.count && zip(word.indices, word).allSatisfy { bytes[end + $0] == $1 }
                    }) {
                        from = end
                        continue
                    }
                    if best.map({ at < $0.start }) ?? true { best = (at, end) }
                    break
                }
            }
            if let best { return String(decoding: UnsafeBufferPointer(rebasing: bytes[best.start..<best.end]), as: UTF8.self) }
            // 市 is 3 bytes in UTF-8, and so is each character of the two before it (CJK).
            if let shi = ByteSearch.firstOffset(of: Array("市".utf8), in: bytes), shi >= 6,
               bytes[shi - 6] & 0xF0 == 0xE0, bytes[shi - 3] & 0xF0 == 0xE0 {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(shi - 6)..<shi]), as: UTF8.self)
            }
            return place
        }
    }

    private static let cityBytes = cities.map { Array($0.utf8) }
    private static let bankWords = ["银行", "农商", "农村商业"].map { Array($0.utf8) }

    /// The municipalities, provincial capitals and the larger prefecture cities.
    static let cities: [String] = [
        "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "武汉", "成都", "西安", "郑州", "长沙", "沈阳",
        "哈尔滨", "长春", "济南", "青岛", "合肥", "福州", "厦门", "南昌", "昆明", "贵阳", "南宁", "海口", "三亚", "太原",
        "石家庄", "呼和浩特", "银川", "西宁", "兰州", "乌鲁木齐", "拉萨", "大连", "宁波", "苏州", "无锡", "东莞", "佛山",
        "珠海", "温州", "泉州", "常州", "徐州", "烟台", "潍坊", "唐山", "保定", "洛阳", "绍兴", "嘉兴", "金华", "台州",
        "中山", "惠州", "汕头", "南通", "扬州", "揭阳", "湛江", "江门", "茂名", "赣州", "柳州", "桂林", "临沂", "邯郸",
    ]
}

/// Thresholds of the `[cash_bridge]` section of ``Rules``.
public struct CashBridgeRules: Sendable, Equatable {
    public init() {}
    /// How long after the withdrawal the deposit may come (ms).
    public var window: Int64 = 6 * 3_600_000
    /// How far the amounts may differ, in percent of the withdrawal.
    public var tolerancePercent: Int64 = 2
    /// The smallest withdrawal bridged (fen).
    public var minAmount: Int64 = 100_000
    /// 1: the same place only; 0: the same city.
    public var samePlace: Int64 = 0
}
