/// The legitimate traffic of a simulated case: the look-alikes of laundering patterns
/// (patterns.md) on their schedules, and the everyday background that fills the rest.
///
/// - Payroll: an employer receives a client's payment 1–3 days before payday (the 15th, or the
///   Friday before when it falls on a weekend), then pays every employee a fixed salary in one
///   burst — a fan-out that must not be flagged.
/// - Salary cash-outs: some employees withdraw their whole salary at an ATM 1–5 days after payday.
/// - Shops: hundreds of regular customers pay by QR code at meal times (the filler); each shop
///   pays its suppliers weekly, on a weekday.
/// - Families: at Spring Festival (eve 2024-02-09) elders send red packets of 66–200 yuan to
///   every relative, one elder to all of them; younger members send a few back.
/// - Rent: tenants pay their landlord on the 1st.
/// - Filler: person-to-person transfers (heavy-tailed amounts, day-heavy hours, quieter
///   weekends), shop QR payments and cash deposits.
struct LegitimateTraffic {
    let parameters: SimulationParameters
    let start: Int64
    private(set) var people: [Int32] = []
    private(set) var shops: [(shop: Int32, customers: [Int32])] = []
    private(set) var scheduled: [SimulatedTransfer] = []

    /// Local hour weights: little at night, most from late morning to evening.
    static let hourWeights = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 14, 16, 14, 13, 13, 13, 12, 12, 12, 11, 9, 6, 3]

    /// Weekday weights, Monday first: weekends are quieter.
    static let weekdayWeights = [10, 10, 10, 10, 11, 8, 7]

    /// The weekday (0 = Monday) of the local day that contains `time` (epoch seconds, +08:00).
    static func weekday(_ time: Int64) -> Int {
        Int(((time + 8 * 3600) / 86_400 + 3) % 7)  // 1970-01-01 was a Thursday
    }

    /// `midnight` moved back to the Friday before when it falls on a weekend (payroll), or on to
    /// the Monday after (`forward`, supplier payments).
    static func businessDay(_ midnight: Int64, forward: Bool) -> Int64 {
        switch weekday(midnight) {
        case 5: return midnight + (forward ? 2 : -1) * 86_400
        case 6: return midnight + (forward ? 1 : -2) * 86_400
        default: return midnight
        }
    }

    init(parameters: SimulationParameters, start: Int64) {
        self.parameters = parameters
        self.start = start
    }

    /// Creates the background population and schedules the look-alikes' transfers. Each person
    /// plays one role; those left ordinary are in ``people`` afterwards (gangs take victims there).
    mutating func populate(_ population: inout Population, rng: inout SplitMix64) {
        let p = parameters
        for _ in 0..<p.accounts { people.append(population.add(.person)) }
        var free = people.filter { population.roles[Int($0)] == .person }
        func takePerson(_ role: Role) -> Int32 {
            let person = free.removeLast()
            population.setRole(person, role)
            return person
        }
        free.shuffle(using: &rng)
        let end = start + Int64(p.days) * 86_400

        // Payroll, client payments and salary cash-outs.
        let paydays = Self.days(in: p.days, start: start, dayOfMonth: 15)
        var cashoutsLeft = p.salaryCashouts
        for _ in 0..<p.employers {
            let employer = population.add(.employer, kind: .company)
            let client = population.add(.client, kind: .company)
            var staff: [(Int32, Int64)] = []
            for _ in 0..<p.employeesPerEmployer {
                staff.append((takePerson(.employee), Int64(rng.int(40...200)) * 10_000))  // 4,000–20,000 yuan
            }
            for k in 0..<min(cashoutsLeft, max(0, (p.salaryCashouts + p.employers - 1) / max(1, p.employers))) {
                population.setRole(staff[k].0, .salaryCashout)
                cashoutsLeft -= 1
            }
            let payroll = staff.reduce(Int64(0)) { $0 + $1.1 }
            for payday in paydays {
                let payTime = payday + 9 * 3600 + Int64(rng.int(0...1800))
                let clientTime = max(start, payTime - Int64(rng.int(1...3)) * 86_400 - Int64(rng.int(0...3600)))
                scheduled.append(SimulatedTransfer(
                    time: clientTime, from: client, to: employer, fen: payroll * Int64(rng.int(110...150)) / 100,
                    channel: .transfer, memo: .service))
                for (n, (employee, salary)) in staff.enumerated() {
                    scheduled.append(SimulatedTransfer(time: payTime + Int64(n), from: employer, to: employee, fen: salary,
                                                       channel: .transfer, memo: .salary))
                    if population.roles[Int(employee)] == .salaryCashout {
                        let later = payTime + Int64(rng.int(1...5)) * 86_400 + Int64(rng.int(1...8)) * 3600
                        if later < end {
                            scheduled.append(SimulatedTransfer(time: later, from: employee, to: -1, fen: salary,
                                                               channel: .cashWithdrawal, memo: .cash,
                                                               place: Int16(rng.int(0...9))))
                        }
                    }
                }
            }
        }

        // Shops, their regular customers (drawn from everyone) and weekly supplier payments.
        for _ in 0..<p.shops {
            let shop = population.add(.shop, kind: .merchant)
            var customers: [Int32] = []
            var seen = Set<Int32>()
            while customers.count < min(p.customersPerShop, people.count) {
                let person = rng.pick(people)
                if seen.insert(person).inserted { customers.append(person) }
            }
            shops.append((shop, customers))
            let suppliers = (0..<rng.int(2...4)).map { _ in population.add(.supplier, kind: .company) }
            var day = Int64(rng.int(0...6))
            while day < Int64(p.days) {
                let paymentDay = Self.businessDay(start + day * 86_400, forward: true)
                for supplier in suppliers {
                    scheduled.append(SimulatedTransfer(
                        time: paymentDay + Int64(rng.int(15...17)) * 3600 + Int64(rng.int(0...3599)),
                        from: shop, to: supplier, fen: Int64(rng.int(2_000...20_000)) * 100, channel: .transfer, memo: .goods))
                }
                day += 7
            }
        }

        // Families at Spring Festival.
        let eveDay = Int64(p.days > 8 ? 8 : p.days / 2)
        let eve = start + eveDay * 86_400
        let packets: [Int64] = [6_600, 8_800, 10_000, 16_800, 18_800, 20_000]
        for _ in 0..<p.families {
            let members = (0..<5).map { _ in takePerson(.family) }
            for (n, elder) in members.prefix(2).enumerated() {
                for relative in members where relative != elder {
                    for k in 0..<(n == 0 ? 3 : 1) {
                        scheduled.append(SimulatedTransfer(
                            time: eve + 19 * 3600 + Int64(k * 1800 + rng.int(0...1700)), from: elder, to: relative,
                            fen: rng.pick(packets), channel: .redPacket, memo: .festival))
                    }
                }
            }
            for young in members.suffix(3) {
                scheduled.append(SimulatedTransfer(
                    time: eve + 86_400 + 9 * 3600 + Int64(rng.int(0...7200)), from: young, to: members[0],
                    fen: rng.pick(packets), channel: .redPacket, memo: .festival))
            }
        }

        // Rent on the 1st.
        let rentDays = Self.days(in: p.days, start: start, dayOfMonth: 1)
        for _ in 0..<p.landlords {
            let landlord = population.add(.landlord)
            let tenants = (0..<p.tenantsPerLandlord).map { _ in (takePerson(.tenant), Int64(rng.int(15...60)) * 10_000) }
            for day in rentDays {
                for (tenant, rent) in tenants {
                    scheduled.append(SimulatedTransfer(
                        time: day + Int64(rng.int(8...21)) * 3600 + Int64(rng.int(0...3599)), from: tenant, to: landlord,
                        fen: rent, channel: .transfer, memo: .rent))
                }
            }
        }
        people = free.sorted()  // what is left: ordinary people, for victims and the filler's payers
    }

    /// Everyone who takes part in the filler (all people and employees, whatever their role).
    func fillerPeople(_ population: Population) -> [Int32] {
        (0..<Int32(population.count)).filter {
            switch population.roles[Int($0)] {
            case .person, .employee, .salaryCashout, .family, .tenant, .victim: return true
            default: return false
            }
        }
    }

    /// The midnight (epoch seconds) of each day in the period that is the given day of its month;
    /// when the period has none, its middle day, so that short cases still hold the look-alike.
    static func days(in count: Int, start: Int64, dayOfMonth: Int) -> [Int64] {
        var result: [Int64] = []
        for day in 0..<count {
            let midnight = start + Int64(day) * 86_400
            let local = (midnight + 8 * 3600) / 86_400
            if CivilCalendar.civilFromDays(Int(local)).day == dayOfMonth { result.append(midnight) }
        }
        if result.isEmpty { result.append(start + Int64(count / 2) * 86_400) }
        return result
    }

    /// One filler transfer at `time`: person to person, a shop QR payment, or a cash deposit.
    static func filler(
        at time: Int64, people: [Int32], shops: [(shop: Int32, customers: [Int32])], rng: inout SplitMix64
    ) -> SimulatedTransfer {
        let kind = rng.int(0...99)
        if kind < 35 && !shops.isEmpty {
            let shop = shops[rng.int(0...(shops.count - 1))]
            return SimulatedTransfer(time: time, from: rng.pick(shop.customers), to: shop.shop,
                                     fen: Int64(rng.int(800...15_000)), channel: .qrPayment, memo: .meal)
        }
        if kind < 97 || people.count < 2 {
            let from = rng.pick(people)
            var to = rng.pick(people)
            if to == from { to = people[(people.firstIndex(of: from)! + 1) % people.count] }
            return SimulatedTransfer(time: time, from: from, to: to, fen: heavyTail(&rng), channel: .transfer,
                                     memo: rng.chance(70) ? .transfer : .loan)
        }
        return SimulatedTransfer(time: time, from: -1, to: rng.pick(people), fen: Int64(rng.int(5...50)) * 10_000,
                                 channel: .cashDeposit, memo: .deposit, place: Int16(rng.int(10...11)))
    }

    /// A heavy-tailed amount from 10 yuan up to about 100,000 (log-uniform steps, small ones
    /// likelier), in integer fen: whole yuan most of the time, as people pay.
    static func heavyTail(_ rng: inout SplitMix64) -> Int64 {
        let multipliers: [Int64] = [1000, 1334, 1778, 2371, 3162, 4217, 5623, 7499]
        let step = min(rng.int(0...31), rng.int(0...31))  // 4 decades, 8 steps each
        var yuan = 10 * multipliers[step % 8] / 1000
        for _ in 0..<(step / 8) { yuan *= 10 }
        yuan += Int64(rng.int(0...Int(max(1, yuan / 5))))
        return yuan * 100 + (rng.chance(70) ? 0 : Int64(rng.int(1...99)))
    }
}
