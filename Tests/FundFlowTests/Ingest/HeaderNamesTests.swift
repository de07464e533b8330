import Foundation
import Testing
@testable import FundFlow

/// One header matcher for transfer tables and side files: the same spelling rules everywhere.
@Suite struct HeaderNamesTests {
    @Test func spellingsAreNormalizedOnBothSides() {
        let header = HeaderNames(["Timestamp", "From Bank", "Account", "To Bank", "Account", "Is Laundering", "受害人帐号"])
        #expect(header.column("is_laundering") == 5)
        #expect(header.column("IS LAUNDERING") == 5)
        #expect(header.column("受害人账号") == 6, "帐 and 账 are one spelling")
        #expect(header.columns("account") == [2, 4])
        #expect(header.column("nothing", "to bank") == 3, "the first column matching any spelling")
        #expect(header.columns(["victim": ["受害人账号"], "amount": ["金额"]]) == ["victim": 6])
        #expect(!header.contains("amount"))
    }

    /// A flagged list whose account column is not first, spelled as a person would, is read by it;
    /// a list without one is read by its first column.
    @Test func flaggedListsFindTheirAccountColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-headers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "score, Account \n0.9,6217000000000001\n0.8,6217000000000002\n".write(toFile: directory + "/named.csv", atomically: true, encoding: .utf8)
        try "6217000000000003,x\n6217000000000004,y\n".write(toFile: directory + "/bare.csv", atomically: true, encoding: .utf8)
        #expect(try Evaluation.readFlagged(directory + "/named.csv") == ["6217000000000001", "6217000000000002"])
        #expect(try Evaluation.readFlagged(directory + "/bare.csv") == ["6217000000000003", "6217000000000004"])
    }

    /// Truth files are told apart by the same matcher: AMLworld's two `Account` columns, AMLSim's
    /// `is_sar`, our own `account,role`.
    @Test func truthLayoutsAreRecognised() {
        #expect(GroundTruth.layout(of: HeaderNames(["account", "role"]))?.0 == .simulated)
        #expect(GroundTruth.layout(of: HeaderNames(["Timestamp", "From Bank", "Account", "To Bank", "Account", "Is Laundering"]))?.1 == [1, 2, 3, 4, 5])
        #expect(GroundTruth.layout(of: HeaderNames(["tran_id", "orig_acct", "bene_acct", "IS_SAR"]))?.0 == .amlsimTransactions)
        #expect(GroundTruth.layout(of: HeaderNames(["ACCT_ID", "is_sar"]))?.0 == .amlsimAlerts)
        #expect(GroundTruth.layout(of: HeaderNames(["from", "to"])) == nil)
    }
}
