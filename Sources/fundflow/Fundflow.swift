import ArgumentParser
import FundFlow

#if canImport(Glibc)
import Glibc
#endif

/// The `fundflow` command line.
@main
struct Fundflow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundflow",
        abstract: "Trace victims' money, detect laundering patterns and flag accounts in transfer data.",
        discussion: """
            Exit codes: 0 success; 2 bad usage or unreadable input (the message names the file, \
            line and column).
            """,
        version: FundFlowVersion.string,
        subcommands: [Analyze.self, Serve.self, Stats.self, Trace.self, Detect.self, Render.self, RenderHelper.self, RulesCommand.self, Simulate.self, Evaluate.self, Database.self]
    )

    /// Runs the command and maps every failure to a message on stderr and exit code 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version
                print(fullMessage(for: error))
                SystemCalls.exit(0)
            }
            let message: String
            if let ingest = error as? IngestError {
                message = "fundflow: \(ingest)"
            } else if let usage = error as? UsageError {
                message = "fundflow: \(usage.message)"
            } else {
                message = fullMessage(for: error)
            }
            FileHandle.standardError.write(message + "\n")
            SystemCalls.exit(2)
        }
    }
}

/// A usage error with a message for the user (exit code 2).
struct UsageError: Error {
    var message: String
}
