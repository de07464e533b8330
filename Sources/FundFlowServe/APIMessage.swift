import FundFlow

/// A request as the case API sees it: transport-free, so that every route is tested without a
/// socket and the HTTP server is only an adapter.
public struct APIRequest: Sendable {
    public var method: String
    /// The path's segments, percent-decoded one by one (an id holding `/` arrives as `%2F` and
    /// stays one segment).
    public var segments: [String]
    /// The query's parameters, decoded, in order (a name may repeat: `account=a&account=b`).
    public var query: [(name: String, value: String)]
    /// Header values by lower-case name.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, segments: [String], query: [(name: String, value: String)] = [],
                headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.segments = segments
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Parses a request target such as `/api/accounts/a%2Fb?hops=2`: `nil` when its
    /// percent-encoding is broken.
    public init?(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments: [String] = []
        for raw in parts[0].split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentEncoding.decode(raw, plusIsSpace: false) else { return nil }
            segments.append(decoded)
        }
        var query: [(String, String)] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&", omittingEmptySubsequences: true) {
                let nv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = PercentEncoding.decode(nv[0], plusIsSpace: true),
                      let value = PercentEncoding.decode(nv.count == 2 ? nv[1] : "", plusIsSpace: true) else { return nil }
                query.append((name, value))
            }
        }
        self.init(method: method, segments: segments, query: query, headers: headers, body: body)
    }

    /// The last value of query parameter `name`.
    public func parameter(_ name: String) -> String? { query.last { $0.name == name }?.value }

    /// Every value of query parameter `name`, in order.
    public func parameters(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }
}

/// What the case API answers.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Extra headers (name, value).
    public var headers: [(String, String)] = []

    public init(status: Int, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A JSON body.
    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json; charset=utf-8", body: Array(value.serialized(indent: 0).utf8))
    }

    /// A JSON error, `{"error": message}`.
    public static func error(_ status: Int, _ message: String) -> APIResponse {
        json(.object([("error", .string(message))]), status: status)
    }
}

/// Percent-decoding of URL parts, strict: a `%` not followed by two hex digits, or bytes that are
/// not UTF-8, are refused rather than guessed.
enum PercentEncoding {
    static func decode(_ text: Substring, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hex), let low = iterator.next().flatMap(hex) else { return nil }
                bytes.append(high << 4 | low)
            } else if plusIsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
