import Foundation
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

    /// Device values are interned in batches of thousands: a phone whose uses fall in different
    /// batches is still one device. 3,000 accounts pay a shop twice each; one account in five
    /// shares its phone with its neighbour (a couple), the others have their own; the two uses of
    /// a shared phone are 4,000 rows apart in the file.
    @Test func onePhoneAcrossInterningBatchesIsOneDevice() throws {
        let accounts = 3_000
        func mac(_ a: Int) -> String {
            let phone = a % 10 < 2 ? a / 2 * 2 : a  // accounts 10k and 10k + 1 share a phone
            let hex = String(phone, radix: 16, uppercase: true)
            return "02-00-" + String(repeating: "0", count: 8 - hex.count) + hex
        }
        var text = "id,time,from,to,amount,channel,mac\n"
        var row = 0
        // Even accounts' rows first, odd accounts' after them: a couple's uses are far apart.
        for a in Array(stride(from: 0, to: accounts, by: 2)) + Array(stride(from: 1, to: accounts, by: 2)) {
            for use in 0..<2 {
                row += 1
                let minute = (a / 2) * 20 + use * 10 + (a % 2) * 5  // each couple within 15 minutes
                let time = "2024-03-\(10 + minute / 1440) \(String(format: "%02d:%02d", minute % 1440 / 60, minute % 60)):00"
                text += "R\(row),\(time),62170000\(String(format: "%08d", a)),shop_0001,25.00,transfer,\(mac(a))\n"
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-devices-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let analysis = try CaseAnalysis.run(CaseAnalysis.Request(inputs: [path]))
        let graph = analysis.data.graph
        let found = analysis.findings.filter { $0.pattern == .sharedDevice }
            .map { Set($0.accounts.map { graph.name(of: $0) }) }
        let couples = stride(from: 0, to: accounts, by: 10).map { a in
            Set([a, a + 1].map { "62170000" + String(format: "%08d", $0) })
        }
        #expect(found.count == couples.count)
        #expect(Set(found) == Set(couples))
    }
}
