/// A money-flow chart ready to be written as DOT: nodes with roles and ranks, summarised edges.
/// Render knows nothing of patterns: callers give it accounts, transfers, roles and ranks.
public struct FlowChart: Sendable {
    /// How a node is drawn.
    public enum Style: String, Sendable, CaseIterable {
        case victim, firstLevel = "first_level", tier, mule, wallets, cash, flagged, account, note

        var shape: String {
            switch self {
            case .victim: return "ellipse"
            case .cash: return "invhouse"
            case .wallets: return "folder"
            case .note: return "note"
            default: return "box"
            }
        }

        var fill: String {
            switch self {
            case .victim: return "#dbeafe"
            case .firstLevel: return "#fecaca"
            case .tier: return "#fed7aa"
            case .mule: return "#fde68a"
            case .wallets: return "#e9d5ff"
            case .cash: return "#d1fae5"
            case .flagged: return "#fecdd3"
            case .account: return "#f3f4f6"
            case .note: return "#ffffff"
            }
        }
    }

    /// One node.
    public struct Node: Sendable {
        /// The DOT id (`n0`, `n1`, …): never an account id, so no id can break the syntax.
        public var id: String
        /// The lines of its label: the first is the title (an account id, `ATM …`, `12 wallets`).
        public var lines: [String]
        /// How it is drawn.
        public var style: Style
        /// Its rank (column, left to right), when known.
        public var rank: Int?
        /// The tooltip (SVG `title`).
        public var tooltip: String
        /// The account the node stands for; `nil` for a group, a cash point or a note.
        public var account: AccountID?
        /// The accounts a group node stands for (empty otherwise).
        public var members: [AccountID] = []

        public init(id: String, lines: [String], style: Style, rank: Int?, tooltip: String, account: AccountID? = nil) {
            self.id = id
            self.lines = lines
            self.style = style
            self.rank = rank
            self.tooltip = tooltip
            self.account = account
        }
    }

    /// One edge: one transfer, or several summarised.
    public struct Edge: Sendable {
        public var from: String
        public var to: String
        /// The label shown on the edge.
        public var label: String
        /// The total amount, in fen (sets the width).
        public var fen: Int64
        /// The transfer ids it stands for (the SVG id and tooltip carry them).
        public var transferIDs: [String]
        /// The tooltip.
        public var tooltip: String

        public init(from: String, to: String, label: String, fen: Int64, transferIDs: [String], tooltip: String) {
            self.from = from
            self.to = to
            self.label = label
            self.fen = fen
            self.transferIDs = transferIDs
            self.tooltip = tooltip
        }
    }

    /// The title drawn above the chart.
    public var title: String
    public var nodes: [Node] = []
    public var edges: [Edge] = []

    /// An empty chart with a title.
    public init(title: String) {
        self.title = title
    }
}
