/// Writes a ``FlowChart`` as DOT text, in pure Swift (the `--format dot` output, and the input of
/// the Graphviz renderer).
///
/// No `rank=same` groups are written: with them, Graphviz 2.42's `dot` double-frees the virtual
/// nodes of edge labels in `gvFreeLayout` (seen here on layered charts; a known dot_cleanup bug
/// with flat edges). Without them every edge spans at least one rank, so there are no flat edges.
///
/// Labels are plain text, not HTML-like: Graphviz 2.42 leaks every HTML-like label it parses
/// (about 70 bytes a node a render, seen with valgrind in `scripts/render-valgrind.sh`).
///
/// Every string from the data is escaped: node ids are synthetic (`n0`, …), quoted attribute
/// values escape `\` and `"` (so `\N`, `\l`, `\n` in an account id show as typed, not as Graphviz
/// escapes) and write `&` as `&amp;` (so `&amp;` in an id shows as typed, not as `&`), and control
/// characters are dropped.
public enum DOTWriter {
    /// The DOT text of `chart`.
    public static func dot(_ chart: FlowChart, layout: LayoutChoice = .dot) -> String {
        var out = "digraph fundflow {\n"
        out += "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Noto Sans CJK SC,WenQuanYi Micro Hei,sans-serif\", "
            + "labelloc=t, fontsize=16, label=\(quoted(chart.title)), nodesep=0.3, ranksep=1.2"
        for (key, value) in layout.graphAttributes { out += ", \(key)=\(quoted(value))" }
        out += "];\n"
        out += "  node [fontname=\"Noto Sans CJK SC,WenQuanYi Micro Hei,sans-serif\", fontsize=10, style=\"filled,rounded\", penwidth=1];\n"
        out += "  edge [fontname=\"Noto Sans CJK SC,WenQuanYi Micro Hei,sans-serif\", fontsize=9, color=\"#4b5563\", arrowsize=0.7];\n"
        let ordered = chart.nodes.enumerated().sorted { ($0.element.rank ?? Int.max, $0.offset) < ($1.element.rank ?? Int.max, $1.offset) }.map(\.element)
        for node in ordered {
            out += "  \(node.id) [shape=\(node.style.shape), fillcolor=\"\(node.style.fill)\", label=\(nodeLabel(node.lines)), "
                + "tooltip=\(quoted(node.tooltip)), id=\(quoted("node-" + node.id))];\n"
        }
        // Tiers come out as columns from the edges themselves (each edge spans a rank to the
        // right). Nodes are written in tier order so dot keeps that order within a column.
        for (index, edge) in chart.edges.enumerated() {
            let width = edgeWidth(edge.fen)
            out += "  \(edge.from) -> \(edge.to) [label=\(quoted(edge.label)), penwidth=\(width), tooltip=\(quoted(edge.tooltip)), "
                + "id=\(quoted("edge-\(index):" + edge.transferIDs.prefix(20).joined(separator: ",")))];\n"
        }
        return out + "}\n"
    }

    /// `"…"` with `\` and `"` escaped, `&` written `&amp;` (Graphviz decodes `&amp;`, `&#38;` and
    /// the like in every string, so an id that looks like an entity would otherwise lose it), and
    /// control characters removed.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "&": out += "&amp;"  // Graphviz decodes entities in strings: `&amp;` must stay `&amp;`
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A node's label: its lines, one under the other, each cut at 60 characters.
    static func nodeLabel(_ lines: [String]) -> String {
        quoted(lines.map { $0.count > 60 ? String($0.prefix(57)) + "…" : $0 }.joined(separator: "\n"))
    }

    /// 1 to 6 points, growing with the logarithm of the amount in yuan.
    static func edgeWidth(_ fen: Int64) -> String {
        var yuan = max(1, fen / 100)
        var digits = 0
        while yuan >= 10 { yuan /= 10; digits += 1 }
        let width = min(6.0, 1.0 + Double(digits) * 0.7)
        return String(Double(Int(width * 10)) / 10)
    }
}

/// Which Graphviz engine lays a chart out, chosen by its size and shape so that layout time stays
/// bounded: `dot` for small layered charts, `dot` with its network-simplex and crossing-
/// minimisation limits for middling ones, `sfdp` past that (on this machine plain `dot` took over
/// 17 minutes on 1,000 random nodes; `sfdp` lays 3,000 out in under a second).
public enum LayoutChoice: Sendable, Equatable {
    case dot
    case limitedDot
    case sfdp

    /// The engine for a chart of `nodes` nodes and `edges` edges.
    public static func choose(nodes: Int, edges: Int) -> LayoutChoice {
        if nodes <= 120 && edges <= 2 * nodes + 20 { return .dot }
        if nodes <= 600 && edges <= 3 * nodes { return .limitedDot }
        return .sfdp
    }

    /// The Graphviz engine name.
    public var engine: String { self == .sfdp ? "sfdp" : "dot" }

    var graphAttributes: [(String, String)] {
        switch self {
        case .dot: return [("splines", "true"), ("mclimit", "1"), ("nslimit", "20"), ("nslimit1", "20")]
        case .limitedDot: return [("splines", "true"), ("mclimit", "0.1"), ("nslimit", "1"), ("nslimit1", "1"), ("searchsize", "10")]
        // Spline routing under sfdp took over 30 s for 2,000 nodes here, and prism overlap
        // removal 7 s: straight edges and scaling apart keep it near 2 s.
        case .sfdp: return [("overlap", "scale"), ("outputorder", "edgesfirst")]
        }
    }
}
