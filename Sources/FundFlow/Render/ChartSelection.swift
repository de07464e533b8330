/// Chart requests drawn from the graph alone (the accounts around some accounts), and the
/// drawing of any request: a DOT text, or SVG/PNG/PDF through Graphviz.
///
/// Render knows graphs and chart requests, not traces or findings: the requests for those are
/// made where they are understood (``CaseCharts``, beside the report).
public enum ChartSelection {
    /// The accounts within `query.hops` hops of `seeds`, ranked by hop (backward hops to the left).
    public static func around(_ graph: TransferGraph, seeds: [AccountID], query: NeighborhoodQuery, title: String) -> ChartRequest {
        let sub = graph.neighborhood(around: seeds, query)
        var request = ChartRequest(title: title, accounts: sub.accounts, transfers: sub.transfers)
        // Ranks: payers of a seed to its left, payees to its right.
        var rank: [AccountID: Int] = [:]
        for seed in seeds { rank[seed] = 0 }
        var changed = true
        var rounds = 0
        while changed && rounds < query.hops + 2 {
            changed = false
            rounds += 1
            for t in sub.transfers {
                guard let p = graph.payer(t), let q = graph.payee(t) else { continue }
                if let rp = rank[p], rank[q] == nil { rank[q] = rp + 1; changed = true }
                if let rq = rank[q], rank[p] == nil { rank[p] = rq - 1; changed = true }
            }
        }
        let low = rank.values.min() ?? 0
        request.ranks = rank.mapValues { $0 - low }
        for seed in seeds { request.styles[seed] = .flagged }
        return request
    }

    /// Renders a request: DOT text, or SVG/PNG/PDF through Graphviz with the engine its size calls for.
    public static func render(_ request: ChartRequest, graph: TransferGraph, format: RenderFormat,
                              offsetSeconds: Int) throws(RenderError) -> [UInt8] {
        let drawn = draw(request, graph: graph, offsetSeconds: offsetSeconds)
        if format == .dot { return Array(drawn.dot.utf8) }
        return try GraphvizRenderer.render(drawn.dot, engine: drawn.layout.engine, format: format)
    }

    /// A request's chart, the layout its size calls for and its DOT text: what ``render`` draws,
    /// for callers that also need the chart's nodes (the server's clickable graph).
    public static func draw(_ request: ChartRequest, graph: TransferGraph, offsetSeconds: Int)
        -> (chart: FlowChart, layout: LayoutChoice, dot: String) {
        let chart = FlowChartBuilder.build(graph, request, offsetSeconds: offsetSeconds)
        let layout = LayoutChoice.choose(nodes: chart.nodes.count, edges: chart.edges.count)
        return (chart, layout, DOTWriter.dot(chart, layout: layout))
    }
}
