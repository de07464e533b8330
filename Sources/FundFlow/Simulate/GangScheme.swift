/// One fraud gang's accounts and the transfers that move its victims' money, as real cases do
/// (patterns.md): victims of fake-credit, fake-courier, order-brushing and investment scams pay
/// first-level accounts (some through a merchant QR code); the first
/// level fans out to tiers within minutes; tiers pass the money on to a red-packet splitter (whose
/// collector wallets forward to a consolidation account), to cash mules (some of them victims)
/// who withdraw at several ATMs within hours, or down a layering chain that skims a little at
/// each hop — or keep it. Transfers after the end of the data are not written, so money in flight
/// then is still held where it was.
///
/// Every outflow is scheduled after the inflow that pays for it and never exceeds it, so money is
/// conserved and a tracer can be checked against where the gang left it.
struct GangScheme {
    struct Report {
        var victim: Int32
        var reported: Int64
        var firstTime: Int64?
        var payee: Int32?
        var caseID: String
        /// The kind of scam (fake_credit, fake_courier, order_brushing, investment).
        var scam: String
    }

    static let scams = ["fake_credit", "fake_courier", "order_brushing", "investment"]

    let gang: Int
    let end: Int64
    private(set) var transfers: [SimulatedTransfer] = []
    private(set) var reports: [Report] = []

    private var firstLevel: [Int32] = []
    private var qrMerchant: Int32 = -1
    private var tiers: [Int32] = []
    private var splitters: [(account: Int32, collectors: [Int32])] = []
    private var consolidation: Int32 = -1
    private var mules: [Int32] = []
    private var chains: [[Int32]] = []
    private var nextTier = 0
    private var nextPlan = 0
    private var nextMule = 0
    private var nextSplitter = 0
    private var nextChain = 0

    /// Creates the gang's accounts and its victims (taken from `people`), and simulates its flows
    /// from `startTime`.
    init(
        gang: Int, parameters p: SimulationParameters, startTime: Int64, end: Int64,
        population: inout Population, people: inout [Int32], rng: inout SplitMix64
    ) {
        self.gang = gang
        self.end = end
        firstLevel = (0..<p.firstLevelPerGang).map { _ in population.add(.firstLevel, gang: gang) }
        if p.qrVictimsPerGang > 0 { qrMerchant = population.add(.qrMerchant, kind: .merchant, gang: gang) }
        tiers = (0..<p.tiersPerGang).map { _ in population.add(.tier, gang: gang) }
        for _ in 0..<p.splittersPerGang {
            let splitter = population.add(.splitter, gang: gang)
            let collectors = (0..<p.collectorsPerSplitter).map { _ in population.add(.collector, kind: .wallet, gang: gang) }
            splitters.append((splitter, collectors))
        }
        if p.splittersPerGang > 0 { consolidation = population.add(.consolidation, gang: gang) }
        mules = (0..<p.mulesPerGang).map { _ in population.add(.mule, gang: gang) }
        chains = (0..<p.layeringChainsPerGang).map { _ in (0..<p.layeringHops).map { _ in population.add(.layering, gang: gang) } }

        // Victims: ordinary people; some of them are used as mules afterwards.
        var victims: [Int32] = []
        for n in 0..<p.victimsPerGang {
            let victim = people.removeLast()
            population.setRole(victim, n < p.victimMulesPerGang ? .victimMule : .victim, gang: gang)
            victims.append(victim)
        }
        let victimMules = Array(victims.prefix(p.victimMulesPerGang))

        let sizes: [Int64] = [980_000, 1_980_000, 2_000_000, 3_000_000, 4_980_000, 5_000_000, 6_800_000, 8_000_000]
        var time = startTime
        for (n, victim) in victims.enumerated() {
            let viaQR = n >= victims.count - p.qrVictimsPerGang
            let payee = viaQR ? qrMerchant : firstLevel[n % firstLevel.count]
            var paid: Int64 = 0
            var first: Int64?
            var t = time + Int64(rng.int(600...5400))
            for _ in 0..<rng.int(1...3) {
                let fen = viaQR ? Int64(rng.int(50...200)) * 10_000 : rng.pick(sizes)
                if t < end {
                    emit(t, victim, payee, fen, viaQR ? .qrPayment : .transfer, .business)
                    receive(payee, fen, at: t, victimMules: victimMules, rng: &rng)
                    paid += fen
                    first = first ?? t
                }
                t += Int64(rng.int(1200...7200))
            }
            time += Int64(rng.int(300...3600))
            guard paid > 0 else { continue }
            // Some reports say more than the data holds; some leave out the time or the payee
            // (never both: a victim knows when, or whom, they paid).
            let reported = rng.chance(15) ? paid + 100_000 : paid
            let omitTime = rng.chance(20)
            let omitPayee = !omitTime && rng.chance(20)
            reports.append(Report(
                victim: victim, reported: reported, firstTime: omitTime ? nil : first,
                payee: omitPayee ? nil : payee, caseID: "AJ2024-\(gang + 1)-\(n + 1)", scam: rng.pick(Self.scams)))
        }
    }

    private mutating func emit(_ time: Int64, _ from: Int32, _ to: Int32, _ fen: Int64, _ channel: Channel,
                               _ memo: SimulatedTransfer.Memo, place: Int16 = -1) {
        transfers.append(SimulatedTransfer(time: time, from: from, to: to, fen: fen, channel: channel, memo: memo, place: place))
    }

    /// Sends `fen` from `from` to `to` at `time` and lets the payee act on it; nothing after the
    /// end of the data happens.
    private mutating func pay(_ from: Int32, _ to: Int32, _ fen: Int64, at time: Int64, victimMules: [Int32],
                              rng: inout SplitMix64, channel: Channel = .transfer) {
        guard time < end, fen > 0 else { return }
        emit(time, from, to, fen, channel, channel == .redPacket ? .redPacket : .business)
        receive(to, fen, at: time, victimMules: victimMules, rng: &rng)
    }

    /// What an account of the gang does with money it just received.
    private mutating func receive(_ account: Int32, _ fen: Int64, at time: Int64, victimMules: [Int32], rng: inout SplitMix64) {
        if firstLevel.contains(account) || account == qrMerchant {
            // Fan out to 2–4 tiers within minutes, keeping at most 1%.
            let parts = min(tiers.count, rng.int(2...4))
            let kept = fen * Int64(rng.int(0...1)) / 100
            var left = fen - kept
            var t = time
            for k in 0..<parts {
                let share = k == parts - 1 ? left : left / Int64(parts - k) + Int64(rng.int(-500...500)) * 100
                let part = max(0, min(left, share))
                left -= part
                t += Int64(rng.int(60...600))
                let tier = tiers[nextTier % tiers.count]
                nextTier += 1
                pay(account, tier, part, at: t, victimMules: victimMules, rng: &rng)
            }
        } else if tiers.contains(account) {
            // Pass 97–100% on, to each kind of destination in turn; sometimes keep it.
            let forward = fen * Int64(rng.int(97...100)) / 100
            let t = time + Int64(rng.int(300...2400))
            for _ in 0..<6 {
                let plan = nextPlan % 6
                nextPlan += 1
                switch plan {
                case 0 where !splitters.isEmpty:
                    let splitter = splitters[nextSplitter % splitters.count].account
                    nextSplitter += 1
                    pay(account, splitter, forward, at: t, victimMules: victimMules, rng: &rng)
                    return
                case 1 where !mules.isEmpty:
                    let mule = mules[nextMule % mules.count]
                    nextMule += 1
                    pay(account, mule, forward, at: t, victimMules: victimMules, rng: &rng)
                    return
                case 2 where !chains.isEmpty:
                    let chain = chains[nextChain % chains.count]
                    nextChain += 1
                    pay(account, chain[0], forward, at: t, victimMules: victimMules, rng: &rng)
                    return
                case 3 where !victimMules.isEmpty:
                    pay(account, victimMules[nextMule % victimMules.count], forward, at: t, victimMules: victimMules, rng: &rng)
                    return
                case 4 where consolidation >= 0:
                    pay(account, consolidation, forward, at: t, victimMules: victimMules, rng: &rng)
                    return
                case 5:
                    return  // keep it: money that still sits when the data ends
                default:
                    continue
                }
            }
        } else if let index = splitters.firstIndex(where: { $0.account == account }) {
            split(index, fen, at: time, victimMules: victimMules, rng: &rng)
        } else if mules.contains(account) || victimMules.contains(account) {
            // Withdraw 90–100% at 2–4 ATMs within hours, at most 20,000 yuan a visit.
            var left = fen * Int64(rng.int(90...100)) / 100
            var t = time + Int64(rng.int(900...3600))
            var visits = 0
            let firstATM = rng.int(0...9)
            while left > 0 && t < end {
                let visitsLeft = max(1, rng.int(2...4) - visits)
                let amount = min(left, min(2_000_000, max(left / Int64(visitsLeft), 100_000)))
                emit(t, account, -1, amount, .cashWithdrawal, .cash, place: Int16((firstATM + visits) % 10))
                left -= amount
                visits += 1
                t += Int64(rng.int(600...3600))
            }
        } else if let chain = chains.first(where: { $0.contains(account) }), let hop = chain.firstIndex(of: account),
                  hop + 1 < chain.count {
            // Down the chain, 95–99% at each hop, within minutes to hours.
            pay(account, chain[hop + 1], fen * Int64(rng.int(95...99)) / 100, at: time + Int64(rng.int(600...10_800)),
                victimMules: victimMules, rng: &rng)
        }
        // Consolidation accounts, the end of a chain and anything else keep what they receive.
    }

    /// Splits an inflow into red packets of 100–200 yuan to the splitter's collector wallets over a
    /// few hours; each wallet forwards what it got to the consolidation account within hours.
    private mutating func split(_ index: Int, _ fen: Int64, at time: Int64, victimMules: [Int32], rng: inout SplitMix64) {
        let (splitter, collectors) = splitters[index]
        let target = fen * Int64(rng.int(60...90)) / 100
        var sent: Int64 = 0
        var t = time + Int64(rng.int(300...1200))
        var received = [Int64](repeating: 0, count: collectors.count)
        var lastTime = [Int64](repeating: 0, count: collectors.count)
        var n = 0
        while sent + 10_000 <= target && t < end {
            let packet = min(target - sent, Int64(rng.int(10_000...20_000)))
            let wallet = n % collectors.count
            emit(t, splitter, collectors[wallet], packet, .redPacket, .redPacket)
            received[wallet] += packet
            lastTime[wallet] = t
            sent += packet
            n += 1
            t += Int64(rng.int(20...600))
        }
        for (wallet, amount) in received.enumerated() where amount > 0 {
            let forward = amount * Int64(rng.int(95...100)) / 100
            pay(collectors[wallet], consolidation, forward, at: lastTime[wallet] + Int64(rng.int(1800...8 * 3600)),
                victimMules: victimMules, rng: &rng)
        }
        // The rest goes to the consolidation account later.
        pay(splitter, consolidation, fen - sent, at: t + Int64(rng.int(3600...5 * 3600)), victimMules: victimMules, rng: &rng)
    }
}
