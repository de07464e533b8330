import CGraphviz
import Synchronization

/// An output format of the renderer.
public enum RenderFormat: String, Sendable, CaseIterable {
    case dot, svg, png, pdf
}

/// Why Graphviz could not render, with its own message.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    /// Graphviz's message (or ours, when the call failed without one).
    public var message: String
    public var description: String { "Graphviz: \(message)" }

    public init(message: String) {
        self.message = message
    }
}

/// Lays out and renders DOT text in-process through libgvc (no `dot` subprocess).
///
/// Graphviz is not thread-safe — two contexts on two threads crash it — so every call runs under
/// one process-wide lock: the renderer is the serial owner of the library. It keeps one Graphviz
/// context for the life of the process: Graphviz 2.42's pango plugin caches a pointer to the
/// last font name, which lives in the context, so freeing a context made the next render read
/// freed memory (valgrind, `scripts/render-valgrind.sh`); one context also loads the plugins once.
/// Errors are captured with `agseterrf` (the sticky `agerrors()` would report an old error
/// forever) and come back as ``RenderError``. Everything else Graphviz allocates for a render is
/// freed before the lock is released: the render data, the layout, the graph.
public enum GraphvizRenderer {
    /// The process's Graphviz context, made on first use and guarded by the lock.
    private static let lock = Mutex<OpaquePointer?>(nil)

    /// Renders `dot` with `engine` (`dot`, `sfdp`, …) to `format` (`svg`, `png`, `pdf`; `dot` gives
    /// the laid-out DOT back). PNG gets 96 dpi and at most 3,840 pixels a side.
    public static func render(_ dot: String, engine: String, format: RenderFormat) throws(RenderError) -> [UInt8] {
        try lock.withLock { context throws(RenderError) in
            if context == nil { context = gvContext() }
            guard let context else { throw RenderError(message: "cannot create a Graphviz context") }
            return try renderLocked(dot, engine: engine, format: format, context: context)
        }
    }

    private static func renderLocked(
        _ dot: String, engine: String, format: RenderFormat, context: OpaquePointer
    ) throws(RenderError) -> [UInt8] {
        ErrorCapture.messages.removeAll()
        let previous = agseterrf(ErrorCapture.handler)
        defer { _ = agseterrf(previous) }
        guard let graph = agmemread(dot) else {
            throw RenderError(message: ErrorCapture.text ?? "the DOT text does not parse")
        }
        defer { agclose(graph) }
        if format == .png {
            // A bounded bitmap: 96 dpi, at most 40 × 40 inches (3,840 px); larger charts are scaled down.
            setGraphAttribute(graph, "dpi", "96")
            setGraphAttribute(graph, "size", "40,40")
        }
        guard gvLayout(context, graph, engine) == 0 else {
            throw RenderError(message: ErrorCapture.text ?? "layout with \(engine) failed")
        }
        defer { gvFreeLayout(context, graph) }
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let device = format == .png ? "png:cairo" : format == .pdf ? "pdf:cairo" : format.rawValue
        guard gvRenderData(context, graph, device, &data, &length) == 0, let data else {
            throw RenderError(message: ErrorCapture.text ?? "rendering \(format.rawValue) failed")
        }
        defer { gvFreeRenderData(data) }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// Parses DOT text with Graphviz's own parser and returns its node names and edges (names of
    /// tail and head) with each node's and edge's `label`, `tooltip` and `id` attributes, for tests
    /// of the writer's escaping.
    public static func parse(_ dot: String) throws(RenderError) -> (nodes: [String: [String: String]], edges: [(String, String, [String: String])]) {
        try lock.withLock { _ throws(RenderError) in try parseLocked(dot) }
    }

    private static func parseLocked(_ dot: String) throws(RenderError) -> (nodes: [String: [String: String]], edges: [(String, String, [String: String])]) {
        ErrorCapture.messages.removeAll()
        let previous = agseterrf(ErrorCapture.handler)
        defer { _ = agseterrf(previous) }
        guard let graph = agmemread(dot) else { throw RenderError(message: ErrorCapture.text ?? "the DOT text does not parse") }
        defer { agclose(graph) }
        func attributes(_ object: UnsafeMutableRawPointer) -> [String: String] {
            var result: [String: String] = [:]
            for key in ["label", "tooltip", "id"] {
                // The key's C string lives only inside withCString (an implicit conversion would
                // dangle).
                let value = key.withCString { name in agget(object, UnsafeMutablePointer(mutating: name)).map { String(cString: $0) } }
                if let value { result[key] = value }
            }
            return result
        }
        var nodes: [String: [String: String]] = [:]
        var edges: [(String, String, [String: String])] = []
        var node = agfstnode(graph)
        while let n = node {
            let name = String(cString: agnameof(UnsafeMutableRawPointer(n)))
            nodes[name] = attributes(UnsafeMutableRawPointer(n))
            var edge = agfstout(graph, n)
            while let e = edge {
                let head = String(cString: agnameof(UnsafeMutableRawPointer(ff_aghead(e))))
                edges.append((name, head, attributes(UnsafeMutableRawPointer(e))))
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
        return (nodes, edges)
    }
}

/// Sets a graph attribute (cgraph takes `char *`, so the strings are lent as mutable C strings).
private func setGraphAttribute(_ graph: UnsafeMutablePointer<Agraph_t>, _ name: String, _ value: String) {
    name.withCString { n in
        value.withCString { v in
            _ = agattr(graph, Int32(AGRAPH), UnsafeMutablePointer(mutating: n), UnsafeMutablePointer(mutating: v))
        }
    }
}

/// Graphviz's error messages of the call under way (guarded by the renderer's lock).
enum ErrorCapture {
    nonisolated(unsafe) static var messages: [String] = []

    static let handler: agusererrf = { message in
        if let message { ErrorCapture.messages.append(String(cString: message).trimmingSpaces) }
        return 0
    }

    static var text: String? {
        let joined = messages.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
