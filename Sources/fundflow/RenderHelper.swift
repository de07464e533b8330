import ArgumentParser
import FundFlow

/// `fundflow render-helper` (hidden): the Graphviz helper process of `fundflow serve`, which
/// starts one per core and talks to it on standard input and output (``RenderWorker``).
struct RenderHelper: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-helper",
        abstract: "Render charts for `fundflow serve` (started by the server, not by hand).",
        shouldDisplay: false)

    func run() throws {
        guard RenderWorker.serve(input: 0, output: 1) else { throw ExitCode(3) }
    }
}
