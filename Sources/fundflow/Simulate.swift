import ArgumentParser
import FundFlow

/// `fundflow simulate`: a realistic telecom-fraud case with its ground truth.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a simulated telecom-fraud case: transfers.csv, victims.csv and truth.csv.",
        discussion: """
            The case starts 2024-02-01 (+08:00) and holds payroll, shops with regular QR payers, \
            family red packets at Spring Festival, salary cash-outs and rent beside the gangs' \
            victims, first-level cards, tiers, red-packet splitters and collectors, mules and \
            layering chains. The same seed gives byte-identical files.
            """)

    @Option(help: "Directory to write into (created; refused if not empty unless --force).")
    var out: String

    @Flag(help: "Write into a non-empty directory.")
    var force = false

    @Flag(help: "Use the parameters of the bundled demo case (other options still override them).")
    var demo = false

    @Option(help: "Random seed.") var seed: UInt64?
    @Option(help: "Ordinary people in the background population.") var accounts: Int?
    @Option(help: "Days covered, from 2024-02-01.") var days: Int?
    @Option(help: "Fraud gangs.") var gangs: Int?
    @Option(help: "Total transfers (the background fills what the scheduled traffic leaves).") var transfers: Int?
    @Option(name: .customLong("victims-per-gang")) var victimsPerGang: Int?
    @Option(name: .customLong("qr-victims-per-gang")) var qrVictimsPerGang: Int?
    @Option(name: .customLong("first-level-per-gang")) var firstLevelPerGang: Int?
    @Option(name: .customLong("tiers-per-gang")) var tiersPerGang: Int?
    @Option(name: .customLong("splitters-per-gang")) var splittersPerGang: Int?
    @Option(name: .customLong("collectors-per-splitter")) var collectorsPerSplitter: Int?
    @Option(name: .customLong("mules-per-gang")) var mulesPerGang: Int?
    @Option(name: .customLong("victim-mules-per-gang")) var victimMulesPerGang: Int?
    @Option(name: .customLong("layering-chains-per-gang")) var layeringChainsPerGang: Int?
    @Option(name: .customLong("layering-hops")) var layeringHops: Int?
    @Option(help: "Employers paying monthly payroll.") var employers: Int?
    @Option(name: .customLong("employees-per-employer")) var employeesPerEmployer: Int?
    @Option(name: .customLong("salary-cashouts")) var salaryCashouts: Int?
    @Option(help: "Shops with regular QR payers.") var shops: Int?
    @Option(name: .customLong("customers-per-shop")) var customersPerShop: Int?
    @Option(help: "Families exchanging red packets at Spring Festival.") var families: Int?
    @Option(help: "Landlords collecting rent.") var landlords: Int?
    @Option(name: .customLong("tenants-per-landlord")) var tenantsPerLandlord: Int?

    /// The parameters these options describe.
    func parameters() -> SimulationParameters {
        var p = demo ? SimulationParameters.demo : SimulationParameters()
        func set(_ value: Int?, _ keyPath: WritableKeyPath<SimulationParameters, Int>) {
            if let value { p[keyPath: keyPath] = value }
        }
        if let seed { p.seed = seed }
        set(accounts, \.accounts); set(days, \.days); set(gangs, \.gangs); set(transfers, \.transfers)
        set(victimsPerGang, \.victimsPerGang); set(qrVictimsPerGang, \.qrVictimsPerGang)
        set(firstLevelPerGang, \.firstLevelPerGang); set(tiersPerGang, \.tiersPerGang)
        set(splittersPerGang, \.splittersPerGang); set(collectorsPerSplitter, \.collectorsPerSplitter)
        set(mulesPerGang, \.mulesPerGang); set(victimMulesPerGang, \.victimMulesPerGang)
        set(layeringChainsPerGang, \.layeringChainsPerGang); set(layeringHops, \.layeringHops)
        set(employers, \.employers); set(employeesPerEmployer, \.employeesPerEmployer)
        set(salaryCashouts, \.salaryCashouts); set(shops, \.shops); set(customersPerShop, \.customersPerShop)
        set(families, \.families); set(landlords, \.landlords); set(tenantsPerLandlord, \.tenantsPerLandlord)
        return p
    }

    func run() throws {
        let p = parameters()
        if let problem = p.problem { throw UsageError(message: problem) }
        try OutputDirectory.prepare(out, force: force)
        let progress = Progress(label: "simulate", unit: "transfers")
        let started = ContinuousClock.now
        let summary = try Simulator(parameters: p).run(into: out) { progress.update($0) }
        progress.finish()
        let seconds = (ContinuousClock.now - started).seconds
        let gangSide = summary.roles.filter { $0.key.isGangSide }.values.reduce(0, +)
        print("Wrote \(out)/transfers.csv (\(summary.transfers) transfers), victims.csv (\(summary.victimReports) reports), "
              + "truth.csv (\(summary.accounts) accounts, \(gangSide) on the gang side) in \(String(format: "%.2f", seconds)) s")
    }
}
