import FlyingFox
import Dispatch
import FlyingSocks
import Foundation
import FundFlow
import Synchronization

/// The HTTP side of `fundflow serve`: FlyingFox in front of ``CaseAPI``.
///
/// Why FlyingFox and not Hummingbird 2: both are kept up and run on Linux, and this server's
/// needs are small (one process, loopback by default, a dozen routes, JSON and SVG bodies).
/// Hummingbird brings SwiftNIO and its dependencies, a first debug build of 2.5 to 4.5 minutes
/// on our 2-core machines, which `make test` (≤ 8 minutes from a fresh clone, issue 21) cannot
/// afford; FlyingFox is Swift concurrency over BSD sockets with no dependencies and builds in
/// seconds. Every route is answered by ``CaseAPI`` from a transport-free ``APIRequest``, so the
/// server could be swapped without touching them.
public enum CaseServer {
    /// What a started server tells its caller.
    public struct Started: Sendable {
        /// The address to open, e.g. `http://127.0.0.1:8080/`.
        public var url: String
        public var port: Int
    }

    /// Binds `host:port` (`port` 0: a free one), builds the API with `makeAPI` once the port is
    /// known, calls `started`, then serves until the task is cancelled.
    public static func run(host: String, port: Int, makeAPI: @Sendable (Int) throws -> CaseAPI,
                           started: @Sendable (Started) -> Void) async throws {
        let address: any SocketAddress
        if host.contains(":") {
            address = try sockaddr_in6.inet6(ip6: host == "::" ? "::" : host, port: UInt16(port))
        } else {
            address = try sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: UInt16(port))
        }
        let handler = Handler()
        let server = HTTPServer(config: .init(address: address, timeout: 30, logger: .disabled), handler: handler)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening(timeout: 10)
            let bound: Int
            switch await server.listeningAddress {
            case .ip4(_, let p)?: bound = Int(p)
            case .ip6(_, let p)?: bound = Int(p)
            default: throw CaseServerError("could not read the bound port")
            }
            ListeningSocket.disableNagle(port: bound)
            let api = try makeAPI(bound)
            handler.api.withLock { $0 = api }
            started(Started(url: host.contains(":") ? "http://[\(host)]:\(bound)/" : "http://\(host):\(bound)/", port: bound))
            try await group.next()
        }
    }

    /// Turns FlyingFox requests into ``APIRequest``s and answers with the API (503 until it is set).
    final class Handler: HTTPHandler, Sendable {
        let api = Mutex<CaseAPI?>(nil)

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard let api = api.withLock({ $0 }) else { return Self.response(.error(503, "the case is still being read")) }
            var headers: [String: String] = [:]
            for name in request.headers.keys { headers[name.rawValue.lowercased()] = request.headers[name] }
            if let length = headers["content-length"].flatMap(Int.init), length > 64 * 1024 {
                return Self.response(.error(413, "a request body is at most 64 KiB"))
            }
            let body = request.method == .GET ? [] : [UInt8](try await request.bodyData.prefix(64 * 1024 + 1))
            let target = request.target.path() + (request.target.query().isEmpty ? "" : "?" + request.target.query())
            guard let parsed = APIRequest(method: request.method.rawValue.uppercased(), target: target, headers: headers, body: body) else {
                return Self.response(.error(400, "the address is not valid percent-encoded UTF-8"))
            }
            // A chart request waits for Graphviz (one chart at a time in-process, one per helper
            // with helpers) on a thread of its own, not on one of the few threads that answer
            // every other request.
            if parsed.segments.count == 2 && parsed.segments[0] == "api" && parsed.segments[1] == "graph" {
                let queue = api.renderer.parallelism > 1 ? Self.parallelCharts : Self.charts
                return await withCheckedContinuation { continuation in
                    queue.async { continuation.resume(returning: Self.response(api.respond(parsed))) }
                }
            }
            return Self.response(api.respond(parsed))
        }

        /// The queue chart requests run on with the in-process renderer (measured at 1M
        /// transfers, 8 clients: account and transfers p95 fell from 200–223 ms to the figures in
        /// Benchmarks/README.md when charts stopped holding their threads).
        static let charts = DispatchQueue(label: "fundflow.serve.charts")
        /// With render helpers: charts are selected and drawn in parallel, the pool bounds how
        /// many lay out at once.
        static let parallelCharts = DispatchQueue(label: "fundflow.serve.charts.parallel", attributes: .concurrent)

        static func response(_ answer: APIResponse) -> HTTPResponse {
            var headers: HTTPHeaders = [:]
            headers[HTTPHeader("Content-Type")] = answer.contentType
            headers[HTTPHeader("Cache-Control")] = "no-store"
            for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: phrase(answer.status)), headers: headers, body: Data(answer.body))
        }

        static func phrase(_ status: Int) -> String {
            switch status {
            case 200: return "OK"
            case 201: return "Created"
            case 400: return "Bad Request"
            case 401: return "Unauthorized"
            case 403: return "Forbidden"
            case 404: return "Not Found"
            case 405: return "Method Not Allowed"
            case 413: return "Content Too Large"
            case 503: return "Service Unavailable"
            default: return "Error"
            }
        }
    }
}

/// A server that could not start.
public struct CaseServerError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// FlyingFox writes a response's header and body in two writes. With Nagle's algorithm on, the
/// body waits for the client to acknowledge the header, and a client delays that acknowledgement
/// by up to 40 ms: every request took 40–50 ms however small (measured: the transfers endpoint at
/// 44 ms p50 with one client on loopback). FlyingFox 0.27 offers no hook on its sockets, so the
/// listening socket is found by its port among this process's descriptors and given TCP_NODELAY,
/// which Linux copies to every socket it accepts.
enum ListeningSocket {
    static func disableNagle(port: Int) {
        for fd in Int32(0)..<Int32(4096) {
            var listening: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening == 1 else { continue }
            var address = sockaddr_storage()
            var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
            }
            guard named == 0 else { continue }
            let bound: UInt16
            switch Int32(address.ss_family) {
            case AF_INET: bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
            case AF_INET6: bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
            default: continue
            }
            guard Int(bound) == port else { continue }
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}

extension CaseServerError: FundFlowError {}
