import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FundFlow

@Suite struct RenderTests {
    /// Account ids and names that would break DOT, HTML labels or SVG if not escaped.
    static let hostile = [
        #"quote " inside"#, #"back\slash \N \l \n"#, "a -> b { } ; [x=1]", "<b>&amp;</b> & < >", "中文账户 张三",
        "graph", "node", "edge", "subgraph", "strict", String(repeating: "9", count: 400), "tab\there", "emoji 🧧 red packet",
    ]

    func hostileChart() -> FlowChart {
        var chart = FlowChart(title: #"case "A\N" <&>"#)
        for (index, id) in Self.hostile.enumerated() {
            chart.nodes.append(FlowChart.Node(id: "n\(index)", lines: [id, "holder \(id)"], style: .account, rank: index % 3, tooltip: id))
        }
        for index in 1..<Self.hostile.count {
            chart.edges.append(FlowChart.Edge(from: "n\(index - 1)", to: "n\(index)", label: "1,000.00 \(Self.hostile[index])",
                                              fen: 100_000, transferIDs: ["TX\"\(index)", "T\\\(index)"], tooltip: Self.hostile[index]))
        }
        return chart
    }

    @Test func escapingRoundTripsThroughGraphvizsParser() throws {
        let chart = hostileChart()
        let dot = DOTWriter.dot(chart)
        let parsed = try GraphvizRenderer.parse(dot)
        #expect(Set(parsed.nodes.keys) == Set(chart.nodes.map(\.id)))
        #expect(Set(parsed.edges.map { "\($0.0)->\($0.1)" }) == Set(chart.edges.map { "\($0.from)->\($0.to)" }))
        // Tooltips come back exactly as the data had them (Graphviz keeps `\\` for a backslash,
        // which it shows as one; `\"` becomes `"`; `&amp;` is the `&` it shows).
        func shown(_ parsed: String) -> String {
            parsed.replacingOccurrences(of: "\\\\", with: "\\").replacingOccurrences(of: "&amp;", with: "&")
        }
        for node in chart.nodes {
            let tooltip = try #require(parsed.nodes[node.id]?["tooltip"])
            #expect(shown(tooltip) == node.tooltip.replacingOccurrences(of: "\t", with: ""), "\(node.tooltip)")
        }
        // Labels are plain text: markup in the data stays text, and its lines are the node's lines.
        let label = try #require(parsed.nodes["n3"]?["label"])
        #expect(shown(label) == #"<b>&amp;</b> & < >\nholder <b>&amp;</b> & < >"#)
    }

    @Test func svgIsWellFormedXMLWithTheNodes() throws {
        let chart = hostileChart()
        let svg = try GraphvizRenderer.render(DOTWriter.dot(chart), engine: "dot", format: .svg)
        let parser = XMLParser(data: Data(svg))
        let delegate = Collector()
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.ids.contains("node-n0"))
        #expect(delegate.ids.filter { $0.hasPrefix("node-") }.count == chart.nodes.count)
        #expect(delegate.ids.contains { $0.hasPrefix("edge-0:") && $0.contains("TX") })
        #expect(delegate.text.contains("中文账户 张三"))
        // What a browser shows is the id as typed: Graphviz decodes entities, so `&amp;` in an id
        // must not come out as `&`.
        #expect(delegate.text.contains("<b>&amp;</b> & < >"))
        #expect(delegate.text.contains("holder <b>&amp;</b> & < >"))
    }

    @Test func entityLikeIdsShowAsTyped() throws {
        var chart = FlowChart(title: "x&#38;y")
        for (index, id) in ["&amp;", "x&#38;y", "&lt;script&gt;", "&#x4e2d;&", "A&B"].enumerated() {
            chart.nodes.append(FlowChart.Node(id: "n\(index)", lines: [id], style: .account, rank: index, tooltip: id))
        }
        let svg = try GraphvizRenderer.render(DOTWriter.dot(chart), engine: "dot", format: .svg)
        let parser = XMLParser(data: Data(svg))
        let delegate = Collector()
        parser.delegate = delegate
        #expect(parser.parse())
        for id in ["&amp;", "x&#38;y", "&lt;script&gt;", "&#x4e2d;&", "A&B"] { #expect(delegate.text.contains(id), "\(id)") }
        #expect(!delegate.text.contains("中"))
    }

    @Test func pngAndPDFStartWithTheirMagicBytes() throws {
        let dot = DOTWriter.dot(hostileChart())
        let png = try GraphvizRenderer.render(dot, engine: "dot", format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphvizRenderer.render(dot, engine: "dot", format: .pdf)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
    }

    @Test func graphvizErrorsComeBackAsSwiftErrors() {
        do {
            _ = try GraphvizRenderer.render("digraph { a -> ", engine: "dot", format: .svg)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.lowercased().contains("syntax error"), "\(error.message)")
        }
        // And the next render works: no sticky error.
        #expect((try? GraphvizRenderer.render("digraph { a -> b }", engine: "dot", format: .svg))?.isEmpty == false)
        #expect(throws: RenderError.self) { try GraphvizRenderer.render("digraph { a -> b }", engine: "no-such-engine", format: .svg) }
    }

    @Test func parallelRendersShareOneSerialOwner() async throws {
        let dot = DOTWriter.dot(hostileChart())
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask { try GraphvizRenderer.render(dot, engine: "dot", format: .svg).count }
            }
            for try await size in group { #expect(size > 1000) }
        }
    }

    /// Resident memory is process-wide and other suites run in parallel, so growth is measured
    /// over windows of renders until one stays small (at most 48): a leak grows every window
    /// (leaking even the 25 KB of SVG per render would add 10 MB to each), while the other suites'
    /// allocations end when they do — four windows were not always enough for them to, twelve
    /// once were not while the million-column input test was still growing beside them, and 24
    /// (22 s) once were not on a slow afternoon while the whole suite took 25 s.
    @Test func aLoopOfRendersKeepsMemoryFlat() throws {
        let dot = DOTWriter.dot(hostileChart())
        for _ in 0..<200 { _ = try GraphvizRenderer.render(dot, engine: "dot", format: .svg) }
        var growths: [Int] = []
        while growths.count < 48 && growths.allSatisfy({ $0 >= 6 << 20 }) {
            let before = residentBytes()
            for _ in 0..<400 { _ = try GraphvizRenderer.render(dot, engine: "dot", format: .svg) }
            growths.append(residentBytes() - before)
        }
        #expect(growths.min()! < 6 << 20, "resident memory grew in every window of 400 renders: \(growths.map { $0 / 1024 }) KiB")
    }

    func residentBytes() -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
        return (Int(text.split(separator: " ")[1]) ?? 0) * 4096
    }

    @Test func chartsSummariseCapAndCollapse() throws {
        // A splitter paying 12 wallets that all forward to one account, plus parallel transfers.
        var lines = ["t0 0 T S 1000000", "t1 1 T S 500000", "t2 2 S T 100000"]
        for k in 0..<12 { lines.append("r\(k) \(10 + k) S W\(k) 19900 red_packet"); lines.append("f\(k) \(100 + k) W\(k) C 19000") }
        lines.append("c1 200 C - 100000 cash_withdrawal ATM-Haidian")
        let graph = makeGraph(lines.joined(separator: "\n"))
        let accounts = (0..<graph.accountCount).map { AccountID($0) }
        var request = ChartRequest(title: "split", accounts: accounts, transfers: Array(0..<graph.transferCount))
        for k in 0..<12 { request.styles[graph.account(named: "W\(k)")!] = .wallets }
        let chart = FlowChartBuilder.build(graph, request, offsetSeconds: cst)
        #expect(chart.nodes.contains { $0.lines.first == "12 wallets" })
        #expect(chart.nodes.contains { $0.lines.first == "ATM-Haidian" && $0.style == .cash })
        let tToS = chart.edges.filter { $0.transferIDs == ["t0", "t1"] }
        #expect(tToS.count == 1 && tToS[0].label.hasPrefix("2× 15,000.00"))
        // Net: T→S 15,000 and S→T 1,000 become one edge of net 14,000.
        request.summary = .net
        let net = FlowChartBuilder.build(graph, request, offsetSeconds: cst)
        #expect(net.edges.contains { $0.label.hasPrefix("net 3× 14,000.00") })
        // Capped at 5 accounts: the rest are summarised.
        request.summary = .directed
        request.maxNodes = 5
        request.collapseAlike = 100
        let capped = FlowChartBuilder.build(graph, request, offsetSeconds: cst)
        let note = try #require(capped.nodes.first { $0.style == .note })
        #expect(note.lines.contains { $0.hasPrefix("+") && $0.contains("wallets") })
    }

    /// A busy shop: 30 customers pay it a little, each customer got much more from five others,
    /// who trade among themselves more still.
    /// Capped at 40 accounts, the chart keeps the shop's own counterparties (nearest first), so it
    /// stays one piece around the shop; a group of payers says what it paid, not "received 0.00".
    @Test func aBusyAccountsChartStaysConnectedToItsCentre() throws {
        var lines: [String] = []
        var time = 0
        for k in 0..<30 {
            for j in 0..<5 { lines.append("b\(k)_\(j) \(time) B\(k)_\(j) P\(k) 100000000"); time += 1 }
            // The customer's payers also trade among themselves, far more than anyone near the shop.
            for j in 0..<5 { lines.append("x\(k)_\(j) \(time) B\(k)_\(j) B\(k)_\((j + 1) % 5) 10000000000"); time += 1 }
            lines.append("p\(k) \(time) P\(k) SHOP 1000"); time += 1
        }
        for k in 0..<5 { lines.append("s\(k) \(time) SHOP S\(k) 5000"); time += 1 }
        let graph = makeGraph(lines.joined(separator: "\n"))
        let shop = try #require(graph.account(named: "SHOP"))
        let request = ChartSelection.around(graph, seeds: [shop], query: NeighborhoodQuery(hops: 2, direction: .both), title: "shop")
        var capped = request
        capped.maxNodes = 40
        capped.collapseAlike = 1000
        let chart = FlowChartBuilder.build(graph, capped, offsetSeconds: cst)
        let centre = try #require(chart.nodes.first { $0.lines.first == "SHOP" }).id
        var neighbours: [String: Set<String>] = [:]
        for edge in chart.edges { neighbours[edge.from, default: []].insert(edge.to); neighbours[edge.to, default: []].insert(edge.from) }
        var reached: Set<String> = [centre], stack = [centre]
        while let node = stack.popLast() {
            for other in neighbours[node] ?? [] where reached.insert(other).inserted { stack.append(other) }
        }
        let drawn = chart.nodes.filter { $0.style != .note }
        #expect(drawn.count >= 36)
        #expect(drawn.allSatisfy { reached.contains($0.id) }, "\(drawn.filter { !reached.contains($0.id) }.map { $0.lines[0] })")
        let note = try #require(chart.nodes.first { $0.style == .note })
        #expect(note.lines.contains { $0.hasPrefix("+") && $0.hasSuffix(" accounts") && !$0.contains("account accounts") })

        // Six payers alike (each paid the shop only): one group node saying what they paid.
        let small = makeGraph((0..<6).map { "q\($0) \($0) Q\($0) SHOP 2000" }.joined(separator: "\n"))
        let smallShop = try #require(small.account(named: "SHOP"))
        let group = FlowChartBuilder.build(small, ChartSelection.around(small, seeds: [smallShop], query: NeighborhoodQuery(hops: 1, direction: .both), title: "q"), offsetSeconds: cst)
        let node = try #require(group.nodes.first { $0.lines.first == "6 accounts" })
        #expect(node.lines.contains("paid 120.00"))
        #expect(!node.lines.contains { $0.hasPrefix("received") })
    }

    /// Graphviz 2.42's dot double-freed edge-label nodes in gvFreeLayout on layered charts with
    /// rank=same groups; the writer no longer writes them. This chart crashed the process before.
    @Test func layeredChartsWithLabelledEdgesRenderSafely() throws {
        var rng = SplitMix64(seed: 50)
        var chart = FlowChart(title: "layered")
        let n = 50, tiers = 4
        for k in 0..<n {
            chart.nodes.append(FlowChart.Node(id: "n\(k)", lines: ["acct \(k)"], style: .tier, rank: k * tiers / n, tooltip: "\(k)"))
        }
        for k in 0..<n where (k * tiers / n) + 1 < tiers {
            let next = (k * tiers / n + 1) * n / tiers
            for _ in 0..<rng.int(1...3) {
                let to = min(n - 1, next + rng.int(0...(n / tiers - 1)))
                chart.edges.append(FlowChart.Edge(from: "n\(k)", to: "n\(to)", label: "2× 10,000.00\n02-11 14:02–14:31",
                                                  fen: 1_000_000, transferIDs: ["TX\(k)"], tooltip: "t"))
            }
        }
        let dot = DOTWriter.dot(chart)
        #expect(!dot.contains("rank=same"))
        for format in [RenderFormat.svg, .png, .pdf] {
            #expect(try GraphvizRenderer.render(dot, engine: "dot", format: format).count > 1000)
        }
    }

    @Test func layoutChoiceBoundsTime() {
        #expect(LayoutChoice.choose(nodes: 50, edges: 80) == .dot)
        #expect(LayoutChoice.choose(nodes: 300, edges: 500) == .limitedDot)
        #expect(LayoutChoice.choose(nodes: 1000, edges: 2000) == .sfdp)
        #expect(LayoutChoice.choose(nodes: 100, edges: 900) == .sfdp)
    }

    @Test func theDemoCaseRendersInEveryFormat() throws {
        let data = try Ingestor.read([Fixtures.path("demo/transfers.csv")])
        let (reports, _) = try VictimReportReader.read(Fixtures.path("demo/victims.csv"))
        let result = Tracer(graph: data.graph, resolution: LossResolution(reports, in: data.graph, offsetSeconds: cst)).run()
        let request = CaseCharts.trace(result, title: "demo")
        for format in RenderFormat.allCases {
            let bytes = try ChartSelection.render(request, graph: data.graph, format: format, offsetSeconds: cst)
            #expect(bytes.count > 500, "\(format)")
        }
    }
}

/// Collects element ids and text of an SVG.
final class Collector: NSObject, XMLParserDelegate {
    var ids: [String] = []
    var text = ""
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.append(id) }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
