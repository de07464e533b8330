import FundFlow

extension CaseAPI {
    /// `GET /api/graph`: the chart of the working set.
    ///
    /// - `account=ID` (repeatable): the accounts in focus; `hops`, `direction` (forward, backward,
    ///   both), `since`, `until`, `min_amount`, `hide=ID` (repeatable), `max_nodes`, `summarize`:
    ///   as `fundflow render` (the DOT is the command's for the same options).
    /// - `victim=ID` instead of accounts: that victim's traced money, hop by hop.
    /// - `format`: `svg` (default), `dot`, `png`, `pdf`, or `json` — the SVG with the accounts
    ///   behind its nodes, which is what the page uses to make nodes clickable.
    func graphView(_ request: APIRequest) -> APIResponse {
        let graph = session.graph
        let formatText = request.parameter("format") ?? "svg"
        let wantsJSON = formatText == "json"
        guard wantsJSON || RenderFormat(rawValue: formatText) != nil else { return .error(400, "format \(formatText): expected svg, dot, png, pdf or json") }
        let chartRequest: ChartRequest
        if let victim = request.parameter("victim") {
            guard let trace = session.analysis.trace else { return .error(400, "victim: this case has no victim reports") }
            guard let label = trace.resolution.victims.firstIndex(of: victim) else { return .error(404, "no such victim: \(victim)") }
            chartRequest = CaseCharts.trace(trace, title: "victim \(victim): where the money went (\(trace.policy.rawValue))",
                                                labels: [Int32(label)])
        } else {
            let accounts = request.parameters("account").filter { !$0.isEmpty }
            guard !accounts.isEmpty else { return .error(400, "account: give at least one (or victim=)") }
            var chart = NeighbourhoodChart(accounts: accounts)
            guard let hops = Int(request.parameter("hops") ?? "2"), (0...6).contains(hops) else { return .error(400, "hops: expected 0–6") }
            chart.hops = hops
            let directionText = request.parameter("direction") ?? "both"
            guard let direction = FlowDirection(rawValue: directionText) else { return .error(400, "direction \(directionText): expected forward, backward or both") }
            chart.direction = direction
            switch TransferFilter.parse(request, offsetSeconds: session.offsetSeconds) {
            case .success(let filter):
                chart.window = filter.window
                chart.minimumAmount = filter.minimum
            case .failure(let problem):
                return .error(400, problem.text)
            }
            if let text = request.parameter("summarize") {
                guard let summary = EdgeSummary(rawValue: text) else { return .error(400, "summarize \(text): expected single, directed, every or net") }
                chart.summary = summary
            }
            if let text = request.parameter("max_nodes") {
                guard let value = Int(text), (1...500).contains(value) else { return .error(400, "max_nodes: expected 1–500") }
                chart.maxNodes = value
            }
            chart.hidden = request.parameters("hide")
            do {
                chartRequest = try chart.request(on: graph)
            } catch {
                return .error(404, error.description)
            }
        }
        let (chart, layout, dot) = ChartSelection.draw(chartRequest, graph: graph, offsetSeconds: session.offsetSeconds)
        if formatText == "dot" {
            return APIResponse(status: 200, contentType: "text/vnd.graphviz; charset=utf-8", body: Array(dot.utf8))
        }
        let format = wantsJSON ? RenderFormat.svg : RenderFormat(rawValue: formatText)!
        let bytes: [UInt8]
        let cache: (String, String)
        do {
            let renderer = self.renderer
            let drawn = try charts.chart(dot, engine: layout.engine, format: format) { () throws(RenderError) in
                try renderer.render(dot, engine: layout.engine, format: format)
            }
            bytes = drawn.bytes
            cache = ("X-Fundflow-Chart-Cache", drawn.hit ? "hit" : "miss")
        } catch {
            return .error(500, error.description)
        }
        switch format {
        case .svg where !wantsJSON:
            return APIResponse(status: 200, contentType: "image/svg+xml; charset=utf-8", body: bytes, headers: [cache])
        case .png:
            return APIResponse(status: 200, contentType: "image/png", body: bytes, headers: [("Content-Disposition", "attachment; filename=\"fundflow-chart.png\""), cache])
        case .pdf:
            return APIResponse(status: 200, contentType: "application/pdf", body: bytes, headers: [("Content-Disposition", "attachment; filename=\"fundflow-chart.pdf\""), cache])
        default:
            let annotations = session.annotations.current
            let nodes: [JSONValue] = chart.nodes.map { node in
                var fields: [(String, JSONValue)] = [("node", .string("node-" + node.id)), ("title", .string(node.lines.first ?? ""))]
                if let account = node.account {
                    let id = graph.name(of: account)
                    fields.append(("account", .string(id)))
                    fields.append(("annotation", annotationValue(annotations[id])))
                }
                if !node.members.isEmpty {
                    fields.append(("members", .array(node.members.prefix(200).map { .string(graph.name(of: $0)) })))
                    fields.append(("member_count", .int(Int64(node.members.count))))
                }
                return .object(fields)
            }
            var answer = APIResponse.json(.object([("title", .string(chart.title)), ("svg", .string(String(decoding: bytes, as: UTF8.self))),
                                                   ("nodes", .array(nodes)), ("edges", .int(Int64(chart.edges.count)))]))
            answer.headers.append(cache)
            return answer
        }
    }
}
