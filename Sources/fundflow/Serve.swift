import ArgumentParser
import Dispatch
import Foundation
import FundFlow
import FundFlowServe

/// `fundflow serve`: the case as a local web app.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a case once and explore it in the browser: accounts, transfers, the flow chart, annotations.",
        discussion: """
            The first line on stdout is `fundflow serving http://HOST:PORT/`. The server binds \
            127.0.0.1 unless --host says otherwise; another host needs the token (printed, or \
            --token) on every request, and writes need it always. Annotations are kept in \
            CASE/annotations.json; `fundflow analyze --annotations CASE/annotations.json` honours them.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "The victim reports (victims.csv).")
    var victims: String?

    @Option(help: "A rules file (TOML) overriding the default thresholds.")
    var rules: String?

    @Option(help: "fifo (default), lifo, proportional or poison.")
    var policy: TracePolicy = .fifo

    @Flag(name: .customLong("cash-bridges"), help: "Follow cash withdrawn and paid into another account soon after, nearby (同存同取): inferred links, marked. Not with poison.")
    var cashBridges = false

    @Option(name: .customLong("case"), help: "The case folder (created): annotations.json is kept here.")
    var caseFolder: String = "fundflow-case"

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port (0: a free one).")
    var port: Int = 8080

    @Option(help: "The access token (default: a random one, printed).")
    var token: String?

    @Option(name: .customLong("render-helpers"), help: "Graphviz helper processes laying out charts in parallel (default: one per core; 0: in this process, one chart at a time).")
    var renderHelpers: Int?

    func run() throws {
        guard (0...65535).contains(port) else { throw UsageError(message: "--port \(port): expected 0–65535") }
        var request = CaseAnalysis.Request(inputs: input.inputs)
        request.ingest = try input.ingestOptions()
        request.victims = victims
        request.policy = policy
        if cashBridges && !policy.conserves { throw UsageError(message: "--cash-bridges needs a policy that conserves amounts (fifo, lifo, proportional)") }
        request.followCashBridges = cashBridges
        if let rules {
            let text: String
            do { text = try String(contentsOfFile: rules, encoding: .utf8) } catch { throw UsageError(message: "\(rules): cannot read the rules file") }
            request.rules = try Rules.parse(text, file: rules)
        }
        if let token, token.count < 16 { throw UsageError(message: "--token: at least 16 characters") }
        do {
            try FileManager.default.createDirectory(atPath: caseFolder, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "--case \(caseFolder): cannot create the folder")
        }
        let session = try CaseSession(request, folder: caseFolder)
        let renderer = try makeRenderer()
        let loopback = AccessPolicy.isLoopback(host)
        let token = self.token ?? AccessPolicy.makeToken()
        let host = self.host
        let port = self.port
        let failure = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await CaseServer.run(host: host, port: port, makeAPI: { bound in
                    CaseAPI(session: session, policy: AccessPolicy(token: token, loopback: loopback, port: bound), renderer: renderer)
                }, started: { started in
                    FileHandle.standardOutput.write("fundflow serving \(started.url)\n")
                    if loopback {
                        FileHandle.standardOutput.write("token (for scripts that write): \(token)\n")
                    } else {
                        FileHandle.standardOutput.write("token: \(token) — open \(started.url)?token=\(token)\n")
                    }
                })
            } catch {
                failure.message = "cannot serve on \(host):\(port): \(error)"
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message { throw UsageError(message: message) }
    }
}

extension Serve {
    /// The helpers of `--render-helpers`: this same executable as `fundflow render-helper`.
    func makeRenderer() throws -> ChartRenderer {
        let count = renderHelpers ?? ProcessInfo.processInfo.activeProcessorCount
        guard (0...64).contains(count) else { throw UsageError(message: "--render-helpers \(count): expected 0–64") }
        guard count > 0 else { return .inProcess }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return .helpers(RenderWorkerPool(executable: executable, arguments: ["render-helper"], count: count))
    }
}

/// The server's failure, written once before the semaphore is signalled and read after the wait.
private final class ServeOutcome: @unchecked Sendable {
    var message: String?
}
