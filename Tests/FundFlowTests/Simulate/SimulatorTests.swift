import Foundation
import Testing
@testable import FundFlow

@Suite struct SimulatorTests {
    func simulate(_ parameters: SimulationParameters) throws -> (directory: String, summary: SimulationSummary) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-sim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (directory, try Simulator(parameters: parameters).run(into: directory))
    }

    func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func oneSeedGivesByteIdenticalFiles() throws {
        let a = try simulate(.demo).directory
        let b = try simulate(.demo).directory
        for file in ["transfers.csv", "victims.csv", "truth.csv"] {
            #expect(try contents("\(a)/\(file)") == contents("\(b)/\(file)"), "\(file) differs")
        }
        var other = SimulationParameters.demo
        other.seed = 8
        let c = try simulate(other).directory
        #expect(try contents("\(a)/transfers.csv") != contents("\(c)/transfers.csv"))
    }

    @Test func theBundledDemoIsWhatSimulateDemoWrites() throws {
        let fresh = try simulate(.demo).directory
        for file in ["transfers.csv", "victims.csv", "truth.csv"] {
            #expect(try contents("\(fresh)/\(file)") == contents(Fixtures.path("demo/\(file)")),
                    "fixtures/demo/\(file) is not what `fundflow simulate --demo` writes: regenerate it")
        }
    }

    @Test func everyRoleAppearsWithTheCountsAskedFor() throws {
        var p = SimulationParameters()
        p.gangs = 2
        p.victimsPerGang = 7
        p.victimMulesPerGang = 2
        p.qrVictimsPerGang = 3
        p.mulesPerGang = 3
        p.collectorsPerSplitter = 9
        let (directory, summary) = try simulate(p)
        let truth = try GroundTruth.read("\(directory)/truth.csv")
        var counts: [String: Int] = [:]
        for role in truth.roles.values { counts[role, default: 0] += 1 }
        let expected: [Role: Int] = [
            .employer: p.employers, .client: p.employers, .shop: p.shops, .landlord: p.landlords,
            .employee: p.employers * p.employeesPerEmployer - p.salaryCashouts, .salaryCashout: p.salaryCashouts,
            .family: p.families * 5, .tenant: p.landlords * p.tenantsPerLandlord,
            .victim: p.gangs * (p.victimsPerGang - p.victimMulesPerGang), .victimMule: p.gangs * p.victimMulesPerGang,
            .firstLevel: p.gangs * p.firstLevelPerGang, .qrMerchant: p.gangs, .tier: p.gangs * p.tiersPerGang,
            .splitter: p.gangs * p.splittersPerGang, .collector: p.gangs * p.splittersPerGang * p.collectorsPerSplitter,
            .consolidation: p.gangs, .mule: p.gangs * p.mulesPerGang,
            .layering: p.gangs * p.layeringChainsPerGang * p.layeringHops,
        ]
        for (role, count) in expected {
            #expect(counts[role.rawValue] == count, "\(role.rawValue)")
            #expect(summary.roles[role] == count, "\(role.rawValue) in the summary")
        }
        #expect(summary.transfers == p.transfers)
        let victims = try String(contentsOfFile: "\(directory)/victims.csv", encoding: .utf8).split(separator: "\n")
        #expect(victims.count == 1 + p.gangs * p.victimsPerGang)
    }

    /// Reads a simulated case back through the ingest path.
    func read(_ directory: String) throws -> (TransferGraph, GroundTruth) {
        let result = try Ingestor.read(["\(directory)/transfers.csv"])
        #expect(result.report.rejected == 0)
        #expect(result.report.skipped == 0)
        return (result.graph, try GroundTruth.read("\(directory)/truth.csv"))
    }

    func accounts(_ truth: GroundTruth, _ role: Role, in graph: TransferGraph) -> [AccountID] {
        truth.roles.filter { $0.value == role.rawValue }.keys.sorted().compactMap { graph.account(named: $0) }
    }

    @Test func theLookAlikesBehaveAsTheirNamesSay() throws {
        let p = SimulationParameters()
        let (directory, _) = try simulate(p)
        let (graph, truth) = try read(directory)
        // Payroll: each employer pays every employee on payday, after a client's payment.
        for employer in accounts(truth, .employer, in: graph) {
            let salaries = graph.outgoing(employer).filter { graph.attributes.value("memo", row: Int($0)) == "工资" }
            #expect(salaries.count == p.employeesPerEmployer)
            let firstSalary = graph.time(Int(salaries.first!))
            #expect(graph.incoming(employer).contains { graph.time(Int($0)) < firstSalary })
        }
        // Salary cash-outs: the whole salary at an ATM, days after payday.
        for account in accounts(truth, .salaryCashout, in: graph) {
            let salary = try #require(graph.incoming(account).first { graph.attributes.value("memo", row: Int($0)) == "工资" })
            let cash = try #require(graph.outgoing(account).first { graph.channel(Int($0)) == .cashWithdrawal })
            #expect(graph.fen(Int(cash)) == graph.fen(Int(salary)))
            #expect(graph.time(Int(cash)) - graph.time(Int(salary)) >= 86_400_000)
        }
        // Shops: many distinct QR payers, weekly supplier payments.
        for shop in accounts(truth, .shop, in: graph) {
            let payers = Set(graph.incoming(shop).filter { graph.channel(Int($0)) == .qrPayment }.compactMap { graph.payer(Int($0)) })
            #expect(payers.count >= 100)
            #expect(graph.outgoing(shop).count >= 8)
        }
        // Family red packets at Spring Festival, at most 200 yuan each.
        let family = accounts(truth, .family, in: graph)
        let packets = family.flatMap { graph.outgoing($0) }.filter { graph.channel(Int($0)) == .redPacket }
        #expect(packets.count >= p.families * 10)
        #expect(packets.allSatisfy { graph.fen(Int($0)) <= 20_000 })
        // Rent to each landlord from each tenant on the 1st (Feb 1 and Mar 1 in 30 days from Feb 1).
        let rentDays = LegitimateTraffic.days(in: p.days, start: Simulator.start, dayOfMonth: 1).count
        #expect(rentDays == 2)
        for landlord in accounts(truth, .landlord, in: graph) {
            #expect(graph.incoming(landlord).count == p.tenantsPerLandlord * rentDays)
            #expect(graph.incoming(landlord).allSatisfy { graph.attributes.value("memo", row: Int($0)) == "房租" })
        }
    }

    @Test func paydaysAndSupplierPaymentsFallOnWeekdays() throws {
        var p = SimulationParameters()
        p.days = 90  // three paydays; Sep 15 2024 would be a Sunday, but the case starts in February
        let (directory, _) = try simulate(p)
        let (graph, truth) = try read(directory)
        func weekday(_ t: Int) -> Int { LegitimateTraffic.weekday(graph.time(t) / 1000) }
        for employer in accounts(truth, .employer, in: graph) {
            #expect(graph.outgoing(employer).allSatisfy { weekday(Int($0)) < 5 })
        }
        for shop in accounts(truth, .shop, in: graph) {
            #expect(graph.outgoing(shop).allSatisfy { weekday(Int($0)) < 5 })
        }
        // 2024-03-15 was a Friday, 2024-02-15 a Thursday: the weekday arithmetic agrees.
        #expect(LegitimateTraffic.weekday(Simulator.start + 14 * 86_400) == 3)
        #expect(LegitimateTraffic.weekday(Simulator.start + 43 * 86_400) == 4)
        let victims = try String(contentsOfFile: "\(directory)/victims.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(victims.allSatisfy { line in GangScheme.scams.contains { line.hasSuffix("," + $0) } })
    }

    @Test func gangsMoveMoneyAsPatternsSay() throws {
        let p = SimulationParameters()
        let (directory, _) = try simulate(p)
        let (graph, truth) = try read(directory)
        // Splitters: ≥ 10 red packets of ≤ 200 yuan to ≥ 5 wallets after a large inflow.
        for splitter in accounts(truth, .splitter, in: graph) where !graph.incoming(splitter).isEmpty {
            let packets = graph.outgoing(splitter).filter { graph.channel(Int($0)) == .redPacket }
            #expect(packets.count >= 10)
            #expect(packets.allSatisfy { graph.fen(Int($0)) <= 20_000 })
            #expect(Set(packets.compactMap { graph.payee(Int($0)) }).count >= 5)
        }
        // Mules withdraw cash at more than one ATM.
        for mule in accounts(truth, .mule, in: graph) where !graph.incoming(mule).isEmpty {
            let cash = graph.outgoing(mule).filter { graph.channel(Int($0)) == .cashWithdrawal }
            #expect(Set(cash.compactMap { graph.attributes.value("place", row: Int($0)) }).count >= 2)
        }
        // Every reported victim paid a gang account.
        let victims = truth.roles.filter { $0.value == Role.victim.rawValue || $0.value == Role.victimMule.rawValue }.keys
        for victim in victims {
            let account = try #require(graph.account(named: victim))
            #expect(graph.outgoing(account).contains { t in
                graph.payee(Int(t)).map { truth.positives.contains(graph.name(of: $0)) } ?? false
            })
        }
    }

    @Test func gangAccountsNeverSendMoreThanTheyReceived() throws {
        let (directory, _) = try simulate(.demo)
        let (graph, truth) = try read(directory)
        for (name, role) in truth.roles where Role(rawValue: role)?.isGangSide == true && role != Role.victimMule.rawValue {
            guard let account = graph.account(named: name) else { continue }
            // Walk the account's transfers in time order: the balance never goes below zero.
            var balance: Int64 = 0
            var events = graph.incoming(account).map { (Int($0), Int64(1)) } + graph.outgoing(account).map { (Int($0), Int64(-1)) }
            events.sort { ($0.0, -$0.1) < ($1.0, -$1.1) }
            for (t, sign) in events {
                balance += sign * graph.fen(t)
                #expect(balance >= 0, "\(name) (\(role)) overdrawn at \(graph.id(t))")
            }
        }
    }

    @Test(arguments: [
        ("days 0", "--days must be at least 1"),
        ("400 gangs", "people are needed"),
        ("0 accounts", "--accounts must be at least 1"),
        ("9 victim mules", "more victim mules than victims"),
    ])
    func impossibleParametersAreRefused(change: String, message: String) {
        var p = SimulationParameters()
        switch change {
        case "days 0": p.days = 0
        case "400 gangs": p.gangs = 400
        case "0 accounts": p.accounts = 0
        default: p.victimMulesPerGang = 9
        }
        #expect(p.problem?.contains(message) == true, "\(p.problem ?? "no problem")")
        // Into a directory that exists, so that only the parameter check can make it throw.
        let directory = FileManager.default.temporaryDirectory.path
        do {
            _ = try Simulator(parameters: p).run(into: directory)
            Issue.record("expected the parameters to be refused")
        } catch let error as SimulationError {
            #expect(error.description == p.problem)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
