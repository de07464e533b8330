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

    /// Runs the command and maps every failure, in this one place, to a message on stderr and
    /// exit code 2: the library's errors (``FundFlowError``: they name the file, line and
    /// column) and the command line's own (``UsageError``) as they are, the option parser's
    /// with its usage text.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help and --version
            let message: String
            if let error = error as? any FundFlowError {
                message = "fundflow: \(error.description)"
            } else {
                message = fullMessage(for: error)
            }
            FileHandle.standardError.write(message + "\n")
            exit(withError: ExitCode(2))
        }
    }
}

/// A usage error with a message for the user (exit code 2).
struct UsageError: FundFlowError {
    var message: String
    var description: String { message }
}
