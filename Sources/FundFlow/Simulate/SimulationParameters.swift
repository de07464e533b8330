/// What a simulated case holds. Every count is exact: the simulator creates that many of each.
public struct SimulationParameters: Sendable, Equatable {
    /// The seed: two runs with one seed write byte-identical files.
    public var seed: UInt64 = 1
    /// Ordinary people in the background population (victims are drawn from them).
    public var accounts = 2_000
    /// Days covered, from 2024-02-01 00:00 (+08:00), so that Spring Festival (eve 2024-02-09)
    /// falls in any case of 10 days or more.
    public var days = 30
    /// Fraud gangs.
    public var gangs = 3
    /// Total transfers written (approximately: the background fills what the scheduled traffic
    /// and the gangs leave; never fewer than those).
    public var transfers = 20_000

    // Legitimate look-alikes (patterns.md).
    /// Employers that receive a client payment and pay monthly salaries (payroll fan-out).
    public var employers = 4
    /// Employees per employer.
    public var employeesPerEmployer = 30
    /// Employees who withdraw their whole salary at an ATM 1–5 days after payday.
    public var salaryCashouts = 12
    /// Shops with hundreds of regular QR payers, paying suppliers weekly.
    public var shops = 4
    /// Regular QR payers per shop.
    public var customersPerShop = 150
    /// Families exchanging red packets at Spring Festival.
    public var families = 8
    /// Landlords collecting monthly rent.
    public var landlords = 4
    /// Tenants per landlord.
    public var tenantsPerLandlord = 5

    // Gang composition, per gang.
    /// Reported victims.
    public var victimsPerGang = 6
    /// Of those, how many pay through the gang's merchant QR code (扫码跑分).
    public var qrVictimsPerGang = 2
    /// First-level accounts (一级卡).
    public var firstLevelPerGang = 2
    /// Second-tier accounts the first level fans out to.
    public var tiersPerGang = 4
    /// Red-packet splitters.
    public var splittersPerGang = 1
    /// Wallets per splitter that collect red packets and forward them.
    public var collectorsPerSplitter = 12
    /// Cash mules (ATM withdrawals for a courier).
    public var mulesPerGang = 2
    /// Victims of the same gang whose accounts are then used as mules.
    public var victimMulesPerGang = 1
    /// Layering chains (each of `layeringHops` accounts).
    public var layeringChainsPerGang = 1
    /// Accounts in each layering chain.
    public var layeringHops = 4

    /// The defaults: a case of 20,000 transfers over 30 days with three gangs.
    public init() {}

    /// The bundled demo case: a few thousand transfers, two gangs.
    public static var demo: SimulationParameters {
        var p = SimulationParameters()
        p.seed = 7
        p.accounts = 600
        p.days = 30
        p.gangs = 2
        p.transfers = 4_000
        p.employers = 2
        p.employeesPerEmployer = 25
        p.salaryCashouts = 6
        p.shops = 2
        p.customersPerShop = 120
        p.families = 5
        p.landlords = 2
        p.tenantsPerLandlord = 4
        return p
    }

    /// Why these parameters cannot make a case, or `nil` when they can.
    public var problem: String? {
        if days < 1 { return "--days must be at least 1" }
        if days > 3_660 { return "--days must be at most 3660" }
        if accounts < 1 { return "--accounts must be at least 1" }
        if gangs < 0 || transfers < 0 { return "counts cannot be negative" }
        let counts = [employers, employeesPerEmployer, salaryCashouts, shops, customersPerShop, families, landlords,
                      tenantsPerLandlord, victimsPerGang, qrVictimsPerGang, firstLevelPerGang, tiersPerGang,
                      splittersPerGang, collectorsPerSplitter, mulesPerGang, victimMulesPerGang, layeringChainsPerGang,
                      layeringHops]
        if counts.contains(where: { $0 < 0 }) { return "counts cannot be negative" }
        if gangs > 0 && victimsPerGang < 1 { return "each gang needs at least one victim" }
        if gangs > 0 && firstLevelPerGang < 1 { return "each gang needs at least one first-level account" }
        if gangs > 0 && tiersPerGang < 1 { return "each gang needs at least one tier account" }
        if qrVictimsPerGang > victimsPerGang { return "more QR victims than victims per gang" }
        if victimMulesPerGang > victimsPerGang { return "more victim mules than victims per gang" }
        if salaryCashouts > employers * employeesPerEmployer { return "more salary cash-outs than employees" }
        if splittersPerGang > 0 && collectorsPerSplitter < 5 { return "a splitter needs at least 5 collector wallets" }
        if layeringChainsPerGang > 0 && layeringHops < 3 { return "a layering chain needs at least 3 hops" }
        // People play one role each: victims, employees, customers, tenants and family members.
        let people = gangs * victimsPerGang + employers * employeesPerEmployer + families * 5 + landlords * tenantsPerLandlord
        if people > accounts {
            return "\(people) people are needed for the gangs' victims, employees, families and tenants, but --accounts is \(accounts)"
        }
        if shops > 0 && customersPerShop > accounts { return "more customers per shop than accounts" }
        return nil
    }
}
