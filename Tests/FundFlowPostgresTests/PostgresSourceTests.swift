import Foundation
import FundFlow
@testable import FundFlowPostgres
import Testing

/// The server `scripts/test.sh` started.
let testServer = ProcessInfo.processInfo.environment["FUNDFLOW_TEST_POSTGRES"]
/// The fixtures' local time, +08:00 (their files write times without a zone).
let cst = 8 * 3600

/// The PostgreSQL source against a real server: `scripts/test.sh` starts one on loopback and
/// sets `FUNDFLOW_TEST_POSTGRES` (postgres://USER@127.0.0.1:PORT/DB). Each test loads the demo case
/// into a table of its own and compares with reading the file.
@Suite(.enabled(if: testServer != nil, "FUNDFLOW_TEST_POSTGRES is not set (scripts/test.sh sets it)"))
struct PostgresSourceTests {
    static let server = testServer
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A connection to a new table holding `fixture` (default: the demo case), and the file-based
    /// read of the same file.
    func loadedDemo(_ fixture: String = "demo/transfers.csv") async throws -> (TransferDatabase, IngestResult) {
        try await loaded(Self.root + "/fixtures/" + fixture)
    }

    /// A connection to a new table holding the file at `path`, and the file-based read of it.
    func loaded(_ path: String) async throws -> (TransferDatabase, IngestResult) {
        let file = try Ingestor.read([path])
        let table = "t_\(UInt32.random(in: 0...UInt32.max))"
        let database = try await TransferDatabase.connect(try PostgresLocation(url: (Self.server ?? "") + "?table=" + table))
        do {
            try await database.createSchema()
            #expect(try await database.load(file.graph) == file.graph.transferCount)
            #expect(try await database.count() == file.graph.transferCount)
        } catch {
            await database.close()  // a connection must be closed before it goes away
            throw error
        }
        return (database, file)
    }

    func reports(_ fixture: String = "demo/victims.csv") throws -> [VictimReport] {
        try VictimReportReader.read(Self.root + "/fixtures/" + fixture, timeParser: TimeParser()).reports
    }

    /// The transfers reachable from the reports' losses in time order (payer reached at or before
    /// the transfer's time), computed on the whole file: what the frontier queries must fetch.
    func reachable(_ graph: TransferGraph, _ reports: [VictimReport]) -> Int {
        var since: [Int32: EpochMilliseconds] = [:]
        for report in reports {
            if let victim = graph.account(named: report.victim) { since[victim.index] = min(since[victim.index] ?? .max, report.time ?? .min) }
        }
        var reached = Set<Int>()
        var changed = true
        while changed {
            changed = false
            for t in 0..<graph.transferCount {
                let payer = graph.payerIndex(t)
                guard payer >= 0, let low = since[payer], graph.time(t) >= low else { continue }
                if reached.insert(t).inserted { changed = true }
                let payee = graph.payeeIndex(t)
                if payee >= 0 && graph.time(t) < since[payee] ?? .max { since[payee] = graph.time(t); changed = true }
            }
        }
        return reached.count
    }

    @Test func aPushdownTraceEqualsTheFileTraceToTheFen() async throws {
        let (database, file) = try await loadedDemo()
        defer { Task { await database.close() } }
        let reports = try reports()
        let before = database.statistics.rows
        let fetch = try await database.fetchForTrace(reports, offsetSeconds: cst)
        let fetchedRows = database.statistics.rows - before
        let local = try Ingestor.read(tables: [fetch.table])
        #expect(local.report.rejected == 0 && local.accountingProblems.isEmpty)
        // Only what the trace needs came back, and the frontier was exactly the reachable transfers.
        #expect(fetch.frontierRows == reachable(file.graph, reports))
        #expect(fetch.frontierRows + fetch.contextRows == local.graph.transferCount)
        #expect(local.graph.transferCount < file.graph.transferCount)
        #expect(fetchedRows >= local.graph.transferCount)
        for policy in [TracePolicy.fifo, .lifo, .proportional, .poison] {
            let fromFile = Tracer(graph: file.graph, resolution: LossResolution(reports, in: file.graph, offsetSeconds: cst), policy: policy).run()
            let fromDatabase = Tracer(graph: local.graph, resolution: LossResolution(reports, in: local.graph, offsetSeconds: cst), policy: policy).run()
            #expect(TraceOutputs.freeze(fromDatabase) == TraceOutputs.freeze(fromFile), "\(policy)")
            #expect(TraceOutputs.returns(fromDatabase) == TraceOutputs.returns(fromFile), "\(policy)")
            #expect(TraceOutputs.cashout(fromDatabase, offsetSeconds: cst) == TraceOutputs.cashout(fromFile, offsetSeconds: cst), "\(policy)")
            #expect(!TraceOutputs.freeze(fromFile).split(separator: "\n").dropFirst().isEmpty, "\(policy)")
        }
    }

    /// The mule held 1,000.00 of clean money and paid 300.00 of it away before the victim's 500.00
    /// came; FIFO then pays its 1,000.00 out of the 700.00 clean first. Only the mule's history
    /// (the inflow C1 and the earlier outflow E1, neither reachable from the loss) gets this right.
    @Test func theHistoriesOfReachedAccountsOrderTheirMoney() async throws {
        let (database, file) = try await loadedDemo("db/clean_money_first.csv")
        defer { Task { await database.close() } }
        let reports = try reports("db/clean_money_first_victims.csv")
        let fetch = try await database.fetchForTrace(reports, offsetSeconds: cst)
        #expect(fetch.frontierRows == 3 && fetch.contextRows == 2)  // L1, O1, W1; C1, E1
        let local = try Ingestor.read(tables: [fetch.table])
        for policy in [TracePolicy.fifo, .lifo, .proportional] {
            let fromFile = Tracer(graph: file.graph, resolution: LossResolution(reports, in: file.graph, offsetSeconds: cst), policy: policy).run()
            let fromDatabase = Tracer(graph: local.graph, resolution: LossResolution(reports, in: local.graph, offsetSeconds: cst), policy: policy).run()
            #expect(TraceOutputs.freeze(fromDatabase) == TraceOutputs.freeze(fromFile), "\(policy)")
        }
        let fifo = Tracer(graph: local.graph, resolution: LossResolution(reports, in: local.graph, offsetSeconds: cst)).run()
        #expect(TraceOutputs.freeze(fifo).contains("6230000000000009,200.00,6217000000000002,1,fifo"))
    }

    /// A table whose time column is a `timestamp` of local times (read in the timezone option).
    @Test func aTableOfLocalTimesTracesTheSame() async throws {
        let (database, file) = try await loadedDemo("db/clean_money_first.csv")
        defer { Task { await database.close() } }
        try await database.execute(
            "ALTER TABLE \(database.location.quotedTable) ALTER COLUMN \"time\" TYPE timestamp USING (\"time\" AT TIME ZONE 'Asia/Shanghai')")
        let reports = try reports("db/clean_money_first_victims.csv")
        let fetch = try await database.fetchForTrace(reports, offsetSeconds: cst)
        #expect(fetch.frontierRows == 3 && fetch.contextRows == 2)
        let local = try Ingestor.read(tables: [fetch.table])
        #expect((0..<local.graph.transferCount).map(local.graph.time) == (0..<file.graph.transferCount).map(file.graph.time))
        let fromFile = Tracer(graph: file.graph, resolution: LossResolution(reports, in: file.graph, offsetSeconds: cst)).run()
        let fromDatabase = Tracer(graph: local.graph, resolution: LossResolution(reports, in: local.graph, offsetSeconds: cst)).run()
        #expect(TraceOutputs.freeze(fromDatabase) == TraceOutputs.freeze(fromFile))
    }

    @Test func anAsOfTraceFetchesNothingAfterTheClock() async throws {
        let (database, file) = try await loadedDemo()
        defer { Task { await database.close() } }
        let reports = try reports()
        // Two hours after the last report: the losses are made, the money is still moving.
        let clock = try #require(reports.compactMap(\.time).max()) + 2 * 3_600_000
        let fetch = try await database.fetchForTrace(reports, asOf: clock, offsetSeconds: cst)
        let local = try Ingestor.read(tables: [fetch.table])
        #expect((0..<local.graph.transferCount).allSatisfy { local.graph.time($0) <= clock })
        let fromFile = Tracer(graph: file.graph, resolution: LossResolution(reports, in: file.graph, asOf: clock, offsetSeconds: cst), asOf: clock).run()
        let fromDatabase = Tracer(graph: local.graph, resolution: LossResolution(reports, in: local.graph, asOf: clock, offsetSeconds: cst), asOf: clock).run()
        #expect(TraceOutputs.freeze(fromDatabase) == TraceOutputs.freeze(fromFile))
        #expect(TraceOutputs.freeze(fromFile).split(separator: "\n").count > 1)
    }

    @Test func aNeighbourhoodChartFromTheDatabaseIsTheFileChart() async throws {
        let (database, file) = try await loadedDemo()
        defer { Task { await database.close() } }
        let seed = "6214167745961732"
        for (hops, direction) in [(2, FlowDirection.both), (3, .forward), (1, .backward)] {
            let fetch = try await database.fetchNeighbourhood(of: [seed], hops: hops, direction: direction)
            let local = try Ingestor.read(tables: [fetch.table])
            #expect(local.graph.transferCount < file.graph.transferCount)
            func drawn(_ graph: TransferGraph) throws -> (accounts: [String], transfers: [String], dot: String) {
                let account = try #require(graph.account(named: seed))
                let request = ChartSelection.around(graph, seeds: [account], query: NeighborhoodQuery(hops: hops, direction: direction), title: "t")
                let chart = FlowChartBuilder.build(graph, request, offsetSeconds: cst)
                return (request.accounts.map { graph.name(of: $0) }.sorted(), request.transfers.map { graph.id($0) }.sorted(),
                        DOTWriter.dot(chart))
            }
            let fromFile = try drawn(file.graph), fromDatabase = try drawn(local.graph)
            #expect(fromDatabase.accounts == fromFile.accounts, "\(hops) \(direction)")
            #expect(fromDatabase.transfers == fromFile.transfers, "\(hops) \(direction)")
            #expect(fromDatabase.dot == fromFile.dot, "\(hops) \(direction)")
            if direction == .both { #expect(fromFile.accounts.count > 10) }
        }
    }

    /// Findings as an investigator reads them: pattern, accounts, transfers, amount, score, text.
    func described(_ findings: [Finding], _ graph: TransferGraph) -> [String] {
        findings.map { f in
            "\(f.pattern.rawValue) \(f.accounts.map { graph.name(of: $0) }) \(f.transfers.map { graph.id($0) }) \(f.amount) \(f.score) \(f.summary)"
        }
    }

    /// Candidates from the SQL aggregates, their transfers, then the detectors: the findings and
    /// the flagged accounts of the whole file, from part of its rows.
    @Test(arguments: ["demo", "simulated"])
    func detectionFromTheDatabaseFindsWhatTheFileFinds(_ fixture: String) async throws {
        var path = Self.root + "/fixtures/demo/transfers.csv"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ff-db-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if fixture == "simulated" {
            var parameters = SimulationParameters()
            parameters.seed = 7
            parameters.transfers = 30_000
            parameters.days = 20
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = try Simulator(parameters: parameters).run(into: directory)
            path = directory + "/transfers.csv"
        }
        let (database, file) = try await loaded(path)
        defer { Task { await database.close() } }
        // Account by account, whatever the candidates' share of the table.
        let fetch = try await database.fetchForDetection(rules: Rules(), offsetSeconds: cst, wholeTableShare: 101)
        let local = try Ingestor.read(tables: [fetch.table])
        #expect(local.report.rejected == 0 && local.accountingProblems.isEmpty)
        #expect(local.graph.transferCount == fetch.candidateRows + fetch.onwardRows)
        #expect(!fetch.wholeTable)
        #expect(local.graph.transferCount < file.graph.transferCount, "fetched \(local.graph.transferCount) of \(file.graph.transferCount)")
        let whole = DetectionEngine().run(DetectionContext(graph: file.graph, offsetSeconds: cst)).findings
        let part = DetectionEngine().run(DetectionContext(graph: local.graph, scope: fetch.scope, offsetSeconds: cst)).findings
        #expect(Set(whole.map(\.pattern)).count >= 6 && whole.count > 10)
        #expect(described(part, local.graph) == described(whole, file.graph))
        #expect(DetectionOutputs.findingsJSON(part, graph: local.graph, offsetSeconds: cst) == DetectionOutputs.findingsJSON(whole, graph: file.graph, offsetSeconds: cst))
        #expect(DetectionOutputs.flaggedCSV(Flagger().flag(part, trace: nil, graph: local.graph), graph: local.graph)
                == DetectionOutputs.flaggedCSV(Flagger().flag(whole, trace: nil, graph: file.graph), graph: file.graph))
        // The simulated case's candidates hold most of its rows: one scan of the table instead.
        let scan = try await database.fetchForDetection(rules: Rules(), offsetSeconds: cst, wholeTableShare: fixture == "simulated" ? 50 : 101)
        #expect(scan.wholeTable == (fixture == "simulated"))
        let scanned = try Ingestor.read(tables: [scan.table])
        let fromScan = DetectionEngine().run(DetectionContext(graph: scanned.graph, scope: scan.scope, offsetSeconds: cst)).findings
        #expect(described(fromScan, scanned.graph) == described(whole, file.graph))
        // Channels written as a bank writes them go through the general spelling test in SQL.
        try await database.execute("""
            UPDATE \(database.location.quotedTable) SET "channel" = CASE "channel" WHEN 'red_packet' THEN ' 红包' \
            WHEN 'cash_withdrawal' THEN 'ATM取款' WHEN 'qr_payment' THEN 'QR-Payment' WHEN 'transfer' THEN '' ELSE "channel" END
            """)
        let respelled = try await database.fetchForDetection(rules: Rules(), offsetSeconds: cst, wholeTableShare: 101)
        #expect(respelled.scope.completeAccounts == fetch.scope.completeAccounts)
        let reread = try Ingestor.read(tables: [respelled.table])
        let fromRespelled = DetectionEngine().run(DetectionContext(graph: reread.graph, scope: respelled.scope, offsetSeconds: cst)).findings
        #expect(described(fromRespelled, reread.graph) == described(whole, file.graph))
        print("detection from the database, \(fixture): \(local.graph.transferCount) of \(file.graph.transferCount) rows, "
              + "\(fetch.candidateAccounts) candidates of \(file.graph.accountCount) accounts, \(whole.count) findings, "
              + fetch.candidates.map { "\($0.pattern.rawValue) \($0.accounts)" }.joined(separator: ", "))
    }

    /// `analyze --source` with victims, as the command runs it (the whole table: flags follow money
    /// through every account): the case files (freeze list, returns, findings, flagged accounts)
    /// are the file's. The partial fetch's findings are checked above.
    @Test func anAnalysisFromTheDatabaseIsTheFileAnalysis() async throws {
        let (database, _) = try await loadedDemo()
        defer { Task { await database.close() } }
        var request = CaseAnalysis.Request(inputs: [Self.root + "/fixtures/demo/transfers.csv"])
        request.victims = Self.root + "/fixtures/demo/victims.csv"
        let whole = try CaseAnalysis.run(request)
        let fetch = try await database.fetchForDetection(rules: request.rules, reports: try reports(), offsetSeconds: cst, wholeTableShare: 0)
        #expect(fetch.wholeTable)
        let local = try Ingestor.read(tables: [fetch.table])
        let part = try CaseAnalysis.run(request, data: local, scope: fetch.scope)
        let (w, p) = (try #require(whole.trace), try #require(part.trace))
        #expect(TraceOutputs.freeze(p) == TraceOutputs.freeze(w))
        #expect(TraceOutputs.returns(p) == TraceOutputs.returns(w))
        #expect(described(part.findings, local.graph) == described(whole.findings, whole.data.graph))
        #expect(whole.findings.contains { $0.pattern == .victimMule })
        #expect(DetectionOutputs.flaggedCSV(part.flagged, graph: local.graph) == DetectionOutputs.flaggedCSV(whole.flagged, graph: whole.data.graph))
    }
}

@Suite struct PostgresLocationTests {
    @Test func urlsNameTheServerTheDatabaseAndTheTable() throws {
        let location = try PostgresLocation(url: "postgres://ff:secret@10.0.0.5:6432/cases?table=province.transfers")
        #expect(location.host == "10.0.0.5" && location.port == 6432 && location.user == "ff" && location.password == "secret")
        #expect(location.database == "cases" && location.table == "province.transfers")
        #expect(location.quotedTable == "\"province\".\"transfers\"")
        #expect(!location.description.contains("secret"))
        #expect(try PostgresLocation(url: "postgresql://ff@localhost/cases").table == "transfers")
        #expect(throws: DatabaseError.self) { try PostgresLocation(url: "mysql://x@y/z") }
        #expect(throws: DatabaseError.self) { try PostgresLocation(url: "postgres://x@y/") }
        #expect(throws: DatabaseError.self) { try PostgresLocation(url: "postgres://x@y/z?table=t;drop") }
    }

    @Test func copyTextEscapesItsSeparators() {
        var buffer: [UInt8] = []
        TransferDatabase.appendCopyText("a\tb\\c\nd", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"a\tb\\c\nd"#)
        #expect(TransferDatabase.utcText(1_709_258_400_123) == "2024-03-01 02:00:00.123+00")
        #expect(TransferDatabase.utcText(-1) == "1969-12-31 23:59:59.999+00")
    }
}
