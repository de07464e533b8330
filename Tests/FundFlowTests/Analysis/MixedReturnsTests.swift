import Foundation
import Testing
@testable import FundFlow
@testable import FundFlowCase

/// A case as it arrives (fixtures/mixed/README.md): a TenpayTrades return, two Alipay 账户明细, two
/// bank 查询反馈 exports and the victims' own WeChat and Alipay bills, analysed at once.
@Suite struct MixedReturnsTests {
    static let inputs = [
        "tenpay/TenpayTrades_2024030101.txt", "alipay/账户明细_2088101000000001.csv", "alipay/账户明细_2088102000000002.csv",
        "query-feedback/bank_full_gb18030.csv", "query-feedback/bank_variant.csv",
        "bills/微信支付账单(20240201-20240331).csv", "bills/支付宝交易明细(20240301-20240331).csv",
    ].map(Fixtures.path)

    @Test func tracesEndToEndWithHoldersAndGapsInTheReport() throws {
        var request = CaseAnalysis.Request(inputs: Self.inputs)
        request.victims = Fixtures.path("mixed/victims.csv")
        let analysis = try CaseAnalysis.run(request)
        let report = analysis.data.report
        #expect(report.rejected == 0)
        let rows = report.files.reduce(0) { $0 + $1.rows }
        #expect(rows == report.transfers + report.merged + report.skipped + report.rejected)
        let trace = try #require(analysis.trace)
        // Every report resolves to its transfer, the bills' included (no loss counted twice).
        #expect(trace.resolution.reports.allSatisfy { $0.warning == nil && $0.resolved == $0.report.amount },
                "\(trace.resolution.reports.map { $0.warning ?? "" })")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-mixed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try CaseFiles.write(analysis, to: directory)
        let freeze = try String(contentsOfFile: directory + "/freeze.csv", encoding: .utf8)
        #expect(freeze.contains(",陈小红,440301199505050033\n"))
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.contains("陈小红") && html.contains("440301199505050033"), "the holder and the document number")
        #expect(!report.ledgerGaps.isEmpty && html.contains("Ledger gaps"), "bank_variant.csv's balances jump")
    }
}
