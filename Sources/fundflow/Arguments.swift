import ArgumentParser
import FundFlow

/// The library's option values as command-line arguments: parsed (any case) and listed in
/// `--help` by ArgumentParser, so no command parses them by hand.
extension TracePolicy: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension FlowDirection: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension EdgeSummary: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
