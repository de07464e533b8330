import FlyingFox
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
            return Self.response(api.respond(parsed))
        }

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
