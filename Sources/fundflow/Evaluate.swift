import ArgumentParser
import FundFlow

/// `fundflow evaluate`: account-level precision and recall of a flagged list.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a flagged list against ground truth: precision, recall and F1, overall and per role.",
        discussion: """
            The truth is a simulated case's truth.csv, an IBM AMLworld transactions file \
            (Is Laundering), an AMLSim transactions.csv (is_sar) or alert_accounts.csv.
            """)

    @Option(help: "The ground truth file.")
    var truth: String

    @Argument(help: "The flagged accounts: a flagged.csv (its account column) or a list of accounts.")
    var flagged: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let groundTruth = try GroundTruth.read(truth)
        let accounts = try Evaluation.readFlagged(flagged)
        let evaluation = Evaluation(truth: groundTruth, flagged: accounts)
        print(json ? evaluation.json.serialized() : evaluation.text, terminator: json ? "\n" : "")
    }
}
