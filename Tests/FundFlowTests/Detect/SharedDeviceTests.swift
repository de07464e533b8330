import Testing
@testable import FundFlow

/// `shared_device` on fixtures/devices (scripts/make-devices-fixture.py): a gang's three cards run
/// from one phone are linked; a campus Wi-Fi used by 120 students makes no finding; a family's
/// home network makes a finding that flags no one.
@Suite struct SharedDeviceTests {
    static func analysis(victims: Bool) throws -> CaseAnalysis {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("devices/query_feedback_devices.csv")])
        if victims { request.victims = Fixtures.path("devices/victims.csv") }
        return try CaseAnalysis.run(request)
    }

    static let gang: Set<String> = ["6217881000000001", "6217882000000002", "6217883000000003"]
    static let family: Set<String> = ["6217001111000001", "6217001111000002"]

    @Test func thePhoneLinksTheGangsCardsAndTheCampusWiFiLinksNoOne() throws {
        let analysis = try Self.analysis(victims: false)
        let graph = analysis.data.graph
        let devices = analysis.findings.filter { $0.pattern == .sharedDevice }
        let named = devices.map { Set($0.accounts.map { graph.name(of: $0) }) }
        #expect(named.filter { $0 == Self.gang }.count == 2, "the phone's MAC and its IP")
        #expect(named.contains(Self.family))
        #expect(devices.count == 3, "nothing for the campus address used by 120 accounts")
        #expect(!devices.contains { $0.summary.contains("202.112.10.1") })
        let phone = try #require(devices.first { $0.summary.contains("mac 3C-2E-FF-11-22-33") })
        // Evidence: the cards' own outgoing transfers from the phone, in time order.
        #expect(phone.transfers.map { graph.id($0) } == ["D0002", "D0003", "D0004", "D0005"])
    }

    @Test func aDeviceAloneFlagsNoOne() throws {
        for victims in [false, true] {
            let analysis = try Self.analysis(victims: victims)
            let flagged = Set(analysis.flagged.map { analysis.data.graph.name(of: $0.account) })
            #expect(flagged.isDisjoint(with: Self.family), "victims: \(victims)")
            #expect(!flagged.contains { $0.hasPrefix("62170099") }, "no student")
        }
    }

    @Test func besideTheMoneyTheDeviceIsInTheReason() throws {
        let analysis = try Self.analysis(victims: true)
        let graph = analysis.data.graph
        for account in analysis.flagged where Self.gang.contains(graph.name(of: account.account)) {
            #expect(account.patterns.contains(.sharedDevice))
            #expect(account.reason.components(separatedBy: "transacted from one device with flagged").count == 2, "\(account.reason)")
        }
    }

    @Test func aDeviceUsedByMoreThanMaxAccountsIsSharedByDesign() throws {
        var rules = Rules()
        rules.sharedDevice.maxAccounts = 200
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("devices/query_feedback_devices.csv")])
        request.rules = rules
        let analysis = try CaseAnalysis.run(request)
        #expect(analysis.findings.contains { $0.pattern == .sharedDevice && $0.summary.contains("202.112.10.1") })
    }

    @Test func maxAccountsZeroTurnsTheDetectorOff() throws {
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("devices/query_feedback_devices.csv")])
        #expect(try CaseAnalysis.run(request).findings.contains { $0.pattern == .sharedDevice })
        request.rules.sharedDevice.maxAccounts = 0
        #expect(!(try CaseAnalysis.run(request).findings.contains { $0.pattern == .sharedDevice }))
    }
}
