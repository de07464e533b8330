import FundFlow

/// Who lays out the server's charts.
public enum ChartRenderer: Sendable {
    /// In this process, one chart at a time (``GraphvizRenderer``'s lock).
    case inProcess
    /// In helper processes, as many charts at once as the pool has helpers.
    case helpers(RenderWorkerPool)

    /// Renders `dot` as ``GraphvizRenderer/render(_:engine:format:)`` does.
    public func render(_ dot: String, engine: String, format: RenderFormat) throws(RenderError) -> [UInt8] {
        switch self {
        case .inProcess: return try GraphvizRenderer.render(dot, engine: engine, format: format)
        case .helpers(let pool): return try pool.render(dot, engine: engine, format: format)
        }
    }

    /// How many charts can lay out at once.
    public var parallelism: Int {
        switch self {
        case .inProcess: return 1
        case .helpers(let pool): return pool.count
        }
    }
}
