// fundflow-bench: the performance harness. `Benchmarks/run.sh` drives it.
//
//   fundflow-bench generate N FILE   write a canonical dump of N transfers (deterministic)
//   fundflow-bench generate N FILE --realistic [--sorted]  the same transfers as users get them:
//                                    names, places, memos, cards and wallets, rows not in time order
//                                    (`--sorted`: the same rows in time order)
//   fundflow-bench read FILE...      read + build the graph with the library; print figures
//   fundflow-bench detect FILE       read, then run every detector; print wall time per detector
//   fundflow-bench render N...       lay out and render money-flow-like charts of N nodes per format
//   fundflow-bench renderloop COUNT SEED  COUNT renders of varied charts (for the valgrind script)
//   fundflow-bench analyze DIR OUT   analyze a simulated case (DIR/transfers.csv, DIR/victims.csv)
//                                    into OUT as `fundflow analyze` does; print wall time by stage
//   fundflow-bench pgtrace URL VICTIMS  a pushdown trace of the
//                                    table at URL against fetching every row; rows and wall times
//   fundflow-bench pgdetect URL        detection from candidates'
//                                    aggregates against fetching every row; rows, wall times
//   fundflow-bench victims FILE N OUT  write N victim reports: N transfers spread over the file,
//                                      each by a different payer, reported in full
import Foundation
import FundFlow
import FundFlowCase
import FundFlowPostgres

#if canImport(Glibc)
import Glibc
#endif

/// A chart layered like a money flow: tiers of nodes, each paying 1–3 nodes of the next tier.
func flowLikeChart(nodes n: Int, seed: UInt64) -> FlowChart {
    var rng = SplitMix64(seed: seed)
    var chart = FlowChart(title: "\(n) nodes")
    let tiers = max(3, Int(Double(n).squareRoot() / 2))
    for k in 0..<n {
        chart.nodes.append(FlowChart.Node(id: "n\(k)", lines: ["62220000\(100_000 + k)", "账户 \(k)"], style: .tier,
                                          rank: k * tiers / n, tooltip: "node \(k)"))
    }
    for k in 0..<n {
        let tier = k * tiers / n
        guard tier + 1 < tiers else { continue }
        let nextStart = (tier + 1) * n / tiers, nextEnd = min(n, (tier + 2) * n / tiers)
        guard nextEnd > nextStart else { continue }
        for _ in 0..<rng.int(1...3) {
            let to = rng.int(nextStart...(nextEnd - 1))
            chart.edges.append(FlowChart.Edge(from: "n\(k)", to: "n\(to)", label: "2× 10,000.00\n02-11 14:02–14:31",
                                              fen: Int64(rng.int(1_000...10_000_000)), transferIDs: ["TX\(k)"], tooltip: "t"))
        }
    }
    return chart
}

/// Peak resident set size of this process, in bytes.
func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Writes N canonical rows: id,time,from,to,amount,channel. Accounts are 16-digit card numbers
/// drawn from a pool of N/8 (a few hubs receive much more); amounts are heavy-tailed.
func generate(count: Int, path: String) {
    guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
    defer { fclose(file) }
    var rng = SplitMix64(seed: 42)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 21)
    buffer.append(contentsOf: Array("id,time,from,to,amount,channel\n".utf8))
    let pool = UInt64(max(16, count / 8))
    var time: Int64 = 1_704_038_400  // 2024-01-01 00:00:00 +08:00 as epoch seconds (UTC 2023-12-31 16:00)
    let channels: [[UInt8]] = ["transfer", "transfer", "transfer", "transfer", "red_packet", "qr_payment"].map { Array($0.utf8) }

    func digits(_ value: UInt64, width: Int) {
        var v = value
        var tmp = [UInt8](repeating: 0x30, count: width)
        var i = width - 1
        while i >= 0 { tmp[i] = UInt8(0x30 + v % 10); v /= 10; i -= 1 }
        buffer.append(contentsOf: tmp)
    }
    func account(_ n: UInt64) { buffer.append(contentsOf: [0x36, 0x32, 0x32, 0x32]); digits(n, width: 12) }

    for i in 0..<count {
        time += Int64(rng.next() % 4)
        buffer.append(UInt8(ascii: "T")); digits(UInt64(i), width: 10); buffer.append(UInt8(ascii: ","))
        // time as YYYY-MM-DD HH:MM:SS in +08:00
        let local = time + 8 * 3600
        let days = Int(local / 86_400)
        let sod = Int(local % 86_400)
        let (y, m, d) = CivilCalendar.civilFromDays(days)
        digits(UInt64(y), width: 4); buffer.append(UInt8(ascii: "-")); digits(UInt64(m), width: 2); buffer.append(UInt8(ascii: "-"))
        digits(UInt64(d), width: 2); buffer.append(0x20); digits(UInt64(sod / 3600), width: 2); buffer.append(UInt8(ascii: ":"))
        digits(UInt64(sod / 60 % 60), width: 2); buffer.append(UInt8(ascii: ":")); digits(UInt64(sod % 60), width: 2)
        buffer.append(UInt8(ascii: ","))
        let r = rng.next()
        let from = r % pool
        let to = (r >> 20) % 50 == 0 ? (r >> 30) % 64 : (r >> 32) % pool  // 2% to 64 hubs
        account(from); buffer.append(UInt8(ascii: ",")); account(to); buffer.append(UInt8(ascii: ","))
        let magnitude = rng.next() % 6
        var yuan = rng.next() % 100
        for _ in 0..<magnitude { yuan = yuan * 10 + rng.next() % 10 }
        let text = Array(String(yuan + 1).utf8)
        buffer.append(contentsOf: text); buffer.append(UInt8(ascii: ".")); digits(rng.next() % 100, width: 2)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: channels[Int(rng.next() % 6)])
        buffer.append(0x0A)
        if buffer.count > 1 << 20 {
            _ = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
    _ = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
}


let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: fundflow-bench generate N FILE | read FILE...")
    exit(2)
}
switch arguments[1] {
case "generate":
    let flags = Set(arguments.dropFirst(4))
    guard let count = Int(arguments[2]), arguments.count >= 4, flags.isSubset(of: ["--realistic", "--sorted"]),
          flags.contains("--realistic") || !flags.contains("--sorted") else {
        print("usage: fundflow-bench generate N FILE [--realistic [--sorted]]"); exit(2)
    }
    let start = ContinuousClock.now
    if flags.contains("--realistic") {
        RealisticDump(count: count, sorted: flags.contains("--sorted")).write(to: arguments[3])
    } else {
        generate(count: count, path: arguments[3])
    }
    let elapsed = seconds(ContinuousClock.now - start)
    print("generate: \(count) transfers in \(format3(elapsed)) s (\(Int(Double(count) / elapsed)) transfers/s)")
case "read":
    // `read [--threads N] FILE...`: one thread unless told (issue 2's target is one core).
    var paths = Array(arguments[2...])
    var options = IngestOptions()
    options.readThreads = 1
    if paths.count >= 2 && paths[0] == "--threads", let threads = Int(paths[1]) {
        options.readThreads = threads
        paths.removeFirst(2)
    }
    let baseline = peakRSS()
    let start = ContinuousClock.now
    let result: IngestResult
    do { result = try Ingestor.read(paths, options: options) } catch { print("error: \(error)"); exit(2) }
    let elapsed = seconds(ContinuousClock.now - start)
    let bytes = result.report.files.reduce(0) { $0 + $1.bytes }
    let rows = result.report.rows
    let rss = peakRSS()
    let perTransfer = Double(rss) / Double(max(1, result.graph.transferCount))
    print("read+build: \(rows) rows, \(result.graph.transferCount) transfers, \(result.graph.accountCount) accounts in \(format3(elapsed)) s")
    print("  \(Int(Double(rows) / elapsed)) rows/s, \(format3(Double(bytes) / 1_048_576 / elapsed)) MB/s")
    print("  peak RSS \(rss / 1_048_576) MB (\(Int(perTransfer)) bytes/transfer; \(baseline / 1_048_576) MB before reading)")
    print("  graph arrays \(result.graph.coreMemoryBytes / 1_048_576) MB (\(result.graph.coreMemoryBytes / max(1, result.graph.transferCount)) bytes/transfer)")
case "detect":
    let readStart = ContinuousClock.now
    let data: IngestResult
    do { data = try Ingestor.read([arguments[2]]) } catch { print("error: \(error)"); exit(2) }
    let readSeconds = seconds(ContinuousClock.now - readStart)
    let start = ContinuousClock.now
    let context = DetectionContext(graph: data.graph, offsetSeconds: IngestOptions().timezoneOffsetSeconds)
    let contextSeconds = seconds(ContinuousClock.now - start)
    let (findings, timings) = DetectionEngine().run(context)
    let detectSeconds = seconds(ContinuousClock.now - start)
    let flagged = Flagger().flag(findings, trace: nil, graph: data.graph)
    print("detect: \(data.graph.transferCount) transfers read in \(format3(readSeconds)) s; context \(format3(contextSeconds)) s; "
          + "all detectors \(format3(detectSeconds)) s wall (2 cores); \(findings.count) findings, \(flagged.count) flagged; "
          + "peak RSS \(peakRSS() / 1_048_576) MB")
    for timing in timings.sorted(by: { $0.milliseconds > $1.milliseconds }) {
        print("  \(timing.pattern.rawValue): \(format3(timing.milliseconds / 1000)) s")
    }
case "render":
    for n in arguments[2...].compactMap({ Int($0) }) {
        let chart = flowLikeChart(nodes: n, seed: UInt64(n))
        let layout = LayoutChoice.choose(nodes: chart.nodes.count, edges: chart.edges.count)
        let dot = DOTWriter.dot(chart, layout: layout)
        if let path = ProcessInfoLike.environment("FUNDFLOW_BENCH_DOT") { try? FileOutput.write(dot, to: path) }
        var line = "render: \(n) nodes, \(chart.edges.count) edges, engine \(layout)"
        for format in [RenderFormat.svg, .png, .pdf] {
            let start = ContinuousClock.now
            do { _ = try GraphvizRenderer.render(dot, engine: layout.engine, format: format) } catch { print("error: \(error)"); exit(2) }
            line += "; \(format.rawValue) \(format3(seconds(ContinuousClock.now - start))) s"
        }
        print(line)
    }
case "renderfile":
    // renderfile DOT_FILE ENGINE FORMAT COUNT [OUT]: the median wall time of COUNT in-process
    // renders of one DOT file (and the chart written to OUT).
    guard arguments.count == 6 || arguments.count == 7, let format = RenderFormat(rawValue: arguments[4]), let count = Int(arguments[5]),
          let dot = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
        print("usage: fundflow-bench renderfile DOT_FILE ENGINE FORMAT COUNT [OUT]"); exit(2)
    }
    var walls: [Double] = []
    var chart: [UInt8] = []
    for _ in 0..<count {
        let start = ContinuousClock.now
        chart = try GraphvizRenderer.render(dot, engine: arguments[3], format: format)
        walls.append(seconds(ContinuousClock.now - start))
    }
    if arguments.count == 7 { FileManager.default.createFile(atPath: arguments[6], contents: Data(chart)) }
    walls.sort()
    print("renderfile: median \(format3(walls[walls.count / 2] * 1000)) ms over \(count) renders")
case "renderloop":
    // renderloop COUNT SEED: COUNT renders of varied charts (2–40 nodes; each layout; SVG, PNG,
    // PDF; one in 20 a DOT text Graphviz refuses), for scripts/render-valgrind.sh.
    guard arguments.count == 4, let count = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
        print("usage: fundflow-bench renderloop COUNT SEED"); exit(2)
    }
    var rng = SplitMix64(seed: seed)
    var rendered = 0, refused = 0, bytes = 0
    for index in 0..<count {
        let chart = flowLikeChart(nodes: rng.int(2...40), seed: rng.next())
        let layout = [LayoutChoice.dot, .limitedDot, .sfdp][rng.int(0...2)]
        var dot = DOTWriter.dot(chart, layout: layout)
        let broken = index % 20 == 19
        if broken { dot = String(dot.dropLast(rng.int(2...40))) + "\"unterminated" }
        let roll = rng.int(0...19)
        let format: RenderFormat = roll < 14 ? .svg : roll < 17 ? .png : .pdf
        do {
            bytes += try GraphvizRenderer.render(dot, engine: layout.engine, format: format).count
            rendered += 1
        } catch {
            refused += 1
        }
    }
    print("renderloop: \(rendered) rendered (\(bytes) bytes), \(refused) refused by Graphviz")
case "pgtrace":
    guard arguments.count == 4 else { print("usage: fundflow-bench pgtrace URL VICTIMS"); exit(2) }
    do {
        let reports = try VictimReportReader.read(arguments[3]).reports
        let database = try await TransferDatabase.connect(try PostgresLocation(url: arguments[2]))
        let total = try await database.count()
        var freezes: [String] = []
        for mode in ["pushdown", "everything"] {
            let before = database.statistics
            let start = ContinuousClock.now
            let fetch = mode == "pushdown" ? try await database.fetchForTrace(reports, offsetSeconds: IngestOptions().timezoneOffsetSeconds) : try await database.fetchAll()
            let fetched = ContinuousClock.now
            let data = try Ingestor.read(tables: [fetch.table])
            let result = Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, offsetSeconds: IngestOptions().timezoneOffsetSeconds)).run()
            let end = ContinuousClock.now
            freezes.append(TraceOutputs.freeze(result))
            let after = database.statistics
            print("pgtrace \(mode): \(after.rows - before.rows) of \(total) rows fetched in \(after.queries - before.queries) queries"
                  + (mode == "pushdown" ? " (\(fetch.frontierRows) reachable in \(fetch.rounds) rounds, \(fetch.contextRows) history)" : "")
                  + "; fetch \(format3(seconds(fetched - start))) s, read + trace \(format3(seconds(end - fetched))) s, "
                  + "total \(format3(seconds(end - start))) s; peak RSS \(peakRSS() / 1_048_576) MB")
        }
        print("pgtrace: freeze lists \(freezes[0] == freezes[1] ? "equal" : "DIFFER") (\(freezes[0].split(separator: "\n").count - 1) accounts)")
        await database.close()
    } catch {
        print("error: \(error)"); exit(2)
    }
case "pgdetect":
    guard arguments.count == 3 else { print("usage: fundflow-bench pgdetect URL"); exit(2) }
    do {
        let database = try await TransferDatabase.connect(try PostgresLocation(url: arguments[2]))
        let total = try await database.count()
        var outputs: [String] = []
        for mode in ["pushdown", "everything"] {
            let before = database.statistics
            let start = ContinuousClock.now
            var scope: DetectionScope?
            var table: TextTable
            var detail = ""
            if mode == "pushdown" {
                let fetch = try await database.fetchForDetection(rules: Rules(), offsetSeconds: IngestOptions().timezoneOffsetSeconds)
                (table, scope) = (fetch.table, fetch.scope)
                detail = " (\(fetch.aggregatedAccounts) accounts aggregated in \(format3(fetch.aggregateSeconds)) s, "
                    + "\(fetch.candidateAccounts) candidates: " + (fetch.wholeTable ? "whole table read" : "\(fetch.candidateRows) of their rows")
                    + " + \(fetch.onwardRows) onward in \(format3(fetch.fetchSeconds)) s)"
            } else {
                table = try await database.fetchAll().table
            }
            let fetched = ContinuousClock.now
            let data = try Ingestor.read(tables: [table])
            let findings = DetectionEngine().run(DetectionContext(graph: data.graph, scope: scope, offsetSeconds: IngestOptions().timezoneOffsetSeconds)).findings
            let end = ContinuousClock.now
            outputs.append(DetectionOutputs.findingsJSON(findings, graph: data.graph, offsetSeconds: IngestOptions().timezoneOffsetSeconds))
            let after = database.statistics
            print("pgdetect \(mode): \(after.rows - before.rows) of \(total) rows fetched in \(after.queries - before.queries) queries\(detail); "
                  + "fetch \(format3(seconds(fetched - start))) s, read + detect \(format3(seconds(end - fetched))) s, "
                  + "total \(format3(seconds(end - start))) s; \(findings.count) findings; peak RSS \(peakRSS() / 1_048_576) MB")
        }
        print("pgdetect: findings.json \(outputs[0] == outputs[1] ? "equal" : "DIFFER")")
        await database.close()
    } catch {
        print("error: \(error)"); exit(2)
    }
case "renderdot":
    // renderdot FILE ENGINE FORMAT: render a DOT file through the library's renderer (for debugging).
    let text = (try? String(contentsOfFile: arguments[2], encoding: .utf8)) ?? ""
    do {
        let bytes = try GraphvizRenderer.render(text, engine: arguments[3], format: RenderFormat(rawValue: arguments[4]) ?? .svg)
        print("renderdot: \(bytes.count) bytes")
    } catch { print("error: \(error)"); exit(2) }
case "analyze":
    guard arguments.count == 4 else { print("usage: fundflow-bench analyze DIR OUT"); exit(2) }
    let start = ContinuousClock.now
    var request = CaseAnalysis.Request(inputs: [arguments[2] + "/transfers.csv"])
    request.victims = arguments[2] + "/victims.csv"
    do {
        let analysis = try CaseAnalysis.run(request)
        let writeStart = ContinuousClock.now
        try OutputDirectory.prepare(arguments[3], force: true)
        try CaseFiles.write(analysis, to: arguments[3])
        let writeSeconds = seconds(ContinuousClock.now - writeStart)
        let total = seconds(ContinuousClock.now - start)
        let stages = analysis.timings.filter { !$0.stage.hasPrefix("detect.") }
            .map { "\($0.stage) \(format3($0.milliseconds / 1000)) s" }.joined(separator: ", ")
        print("analyze: \(analysis.data.graph.transferCount) transfers, \(analysis.trace?.resolution.victims.count ?? 0) victims: "
              + "\(stages), write+render \(format3(writeSeconds)) s; total \(format3(total)) s; peak RSS \(peakRSS() / 1_048_576) MB")
    } catch { print("error: \(error)"); exit(2) }
case "digest":
    // `digest FILE...`: every transfer (time, amount, accounts, channel, id, source, attributes),
    // the report's counts, the rejected rows, the ledger gaps and the holders, one line each: two
    // builds that read the same files the same way print the same text (for refactors of readers).
    let result: IngestResult
    do { result = try Ingestor.read(Array(arguments[2...])) } catch { print("error: \(error)"); exit(2) }
    let graph = result.graph
    var out = ""
    func flush() { FileHandle.standardOutput.write(out.data(using: .utf8)!); out = "" }
    for t in 0..<graph.transferCount {
        let payer = graph.payer(t).map { graph.name(of: $0) } ?? "-", payee = graph.payee(t).map { graph.name(of: $0) } ?? "-"
        let source = graph.source(of: t)
        out += "\(graph.time(t)) \(graph.fen(t)) \(payer) \(payee) \(graph.channel(t)) \(graph.id(t)) \(source.file):\(source.line)"
        for (key, value) in graph.attributes.attributes(row: t) { out += " \(key)=\(value)" }
        out += "\n"
        if out.utf8.count > 1 << 20 { flush() }
    }
    for file in result.report.files {
        out += "file \(file.file) rows \(file.rows) transfers \(file.transfers) merged \(file.merged) rejected \(file.rejected) "
            + "skipped \(file.skipped.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }) amounts \(file.amounts)\n"
    }
    for row in result.report.rejectedRows { out += "rejected \(row.file):\(row.line) \(row.column ?? "-") \(row.reason) \(row.text)\n" }
    for gap in result.report.ledgerGaps { out += "gap \(gap)\n" }
    for holder in result.holders.holders { out += "holder \(holder.id) \(holder.names) \(holder.accounts)\n" }
    out += "ledgers \(result.ledgerAccounts.sorted())\n"
    flush()
case "victims":
    guard arguments.count == 5, let count = Int(arguments[3]) else { print("usage: fundflow-bench victims FILE N OUT"); exit(2) }
    let graph: TransferGraph
    var options = IngestOptions()
    options.keptAttributes = []  // names and memos are not needed here (a 10^8-row dump holds gigabytes of them)
    do { graph = try Ingestor.read([arguments[2]], options: options).graph } catch { print("error: \(error)"); exit(2) }
    var writer = CSVWriter(header: ["victim", "amount", "time", "to", "case"])
    var used = Set<Int32>()
    var t = 0
    let step = max(1, graph.transferCount / max(1, count))
    while used.count < count && t < graph.transferCount {
        let payer = graph.payerIndex(t)
        if payer >= 0, graph.payeeIndex(t) >= 0, used.insert(payer).inserted {
            writer.appendRow([graph.name(of: AccountID(payer)), graph.amount(t).decimalString, TimeFormatter.string(graph.time(t), offsetSeconds: IngestOptions().timezoneOffsetSeconds),
                              graph.name(of: AccountID(graph.payeeIndex(t))), "B\(used.count)"])
            t += step
        } else {
            t += 1
        }
    }
    do { try FileOutput.write(writer.text, to: arguments[4]) } catch { print("error: \(error)"); exit(2) }
    print("victims: \(used.count) reports written to \(arguments[4])")
default:
    print("unknown command \(arguments[1])")
    exit(2)
}

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}

/// The environment, without Foundation.
enum ProcessInfoLike {
    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
