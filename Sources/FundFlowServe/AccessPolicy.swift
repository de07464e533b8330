import FundFlow

/// Who may do what on a `fundflow serve` server.
///
/// - Bound to loopback (the default), reads are open to this machine, but only under the names a
///   browser on this machine uses (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`): a page from
///   elsewhere that points its own domain at 127.0.0.1 (DNS rebinding) sends another `Host` and is
///   refused.
/// - Bound to any other address, every request needs the token, as the `X-Fundflow-Token` header
///   or, for the first page load and download links, a `token` query parameter.
/// - Writes need the token always, as the header. A page of another origin cannot read the token
///   (it is in our page, which the same-origin policy keeps from it), and cannot send the header
///   without a CORS preflight, which this server never grants.
public struct AccessPolicy: Sendable {
    /// The token (printed at start, embedded in the served page).
    public let token: String
    /// Whether the server listens on loopback only.
    public let loopback: Bool
    /// The `Host` values accepted on loopback (set once the port is known).
    public var hosts: Set<String>

    public init(token: String, loopback: Bool, port: Int) {
        self.token = token
        self.loopback = loopback
        hosts = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
    }

    /// Whether `host` (the `--host` option) is a loopback address.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// A new random token: 32 hex digits from the system's random source.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let value = generator.next() as UInt32
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// The refusal for `request`, or `nil` when it may go on.
    public func refusal(for request: APIRequest) -> APIResponse? {
        let header = request.headers["x-fundflow-token"]
        let given = header ?? request.parameter("token")
        let tokenOK = given.map { Self.constantTimeEqual($0, token) } ?? false
        if loopback {
            guard let host = request.headers["host"], hosts.contains(host.lowercased()) else {
                return .error(403, "this server answers only as \(hosts.sorted().first ?? "127.0.0.1") (Host header refused)")
            }
        } else if !tokenOK && !Self.isPublicAsset(request) {
            return .error(401, "a token is needed (X-Fundflow-Token header, or ?token= in the address printed at start)")
        }
        if request.method != "GET" && request.method != "HEAD" {
            guard let header, Self.constantTimeEqual(header, token) else {
                return .error(401, "writes need the X-Fundflow-Token header")
            }
        }
        return nil
    }

    /// The page's script and style hold no case data: a page opened with `?token=` loads them
    /// without it.
    static func isPublicAsset(_ request: APIRequest) -> Bool {
        request.method == "GET" && request.segments.count == 1 && (request.segments[0] == "app.js" || request.segments[0] == "app.css")
    }

    /// Compares without stopping at the first difference, so that timing tells nothing of the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
