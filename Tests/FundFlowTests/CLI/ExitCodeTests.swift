import Foundation
import Testing

/// The `fundflow` binary's exit codes: 0 success, 2 bad usage or an unreadable input (with one
/// line naming the file). Findings never change the exit code, so 1 is not used.
@Suite struct ExitCodeTests {
    /// The `fundflow` executable built beside the test bundle.
    static let binary: String = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("fundflow").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.root + "/.build/debug/fundflow"
    }()

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                       error: String(decoding: error, as: UTF8.self))
    }

    @Test func successIsZero() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "\(Self.binary)")
        let stats = try Self.run(["stats", "fixtures/canonical/mixed_en.csv", "--json"])
        #expect(stats.status == 0)
        #expect(stats.output.contains("\"accounting_problems\": []"))
        #expect(try Self.run(["--version"]).status == 0)
        // Rejected rows are reported, not failed on.
        #expect(try Self.run(["stats", "fixtures/bad/bad_values.csv"]).status == 0)
    }

    @Test func badUsageIsTwo() throws {
        let unknown = try Self.run(["stats", "--no-such-option", "fixtures/canonical/mixed_en.csv"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("--no-such-option"))
        #expect(try Self.run(["no-such-command"]).status == 2)
        let policy = try Self.run(["trace", "fixtures/demo/transfers.csv", "--victims", "fixtures/demo/victims.csv",
                                   "--policy", "random", "--out", FileManager.default.temporaryDirectory.path + "/ff-exit"])
        #expect(policy.status == 2)
        // --source where a command reads files only.
        let source = try Self.run(["stats", "--source", "postgres://u@127.0.0.1/db"])
        #expect(source.status == 2 && source.error.contains("--source works with trace, render, detect and analyze"))
        // --source where no server listens: one line naming the server, without the password.
        let unreachable = try Self.run(["detect", "--source", "postgres://u:secret@127.0.0.1:1/db", "--out",
                                        FileManager.default.temporaryDirectory.path + "/ff-exit-\(UInt32.random(in: 0...UInt32.max))"])
        #expect(unreachable.status == 2 && unreachable.error.hasPrefix("fundflow: postgres://u@127.0.0.1:1/db?table=transfers: cannot connect"),
                "\(unreachable.error)")
        #expect(!unreachable.error.contains("secret"))
    }

    /// The library's errors reach the user as they are, one line naming the file and line, in
    /// every command that reads the file (``FundFlowError``, mapped in `Fundflow.main` alone).
    @Test func aBadRulesFileIsTwoWithItsLineInEveryCommand() throws {
        let rules = FileManager.default.temporaryDirectory.path + "/ff-rules-\(UInt32.random(in: 0...UInt32.max)).toml"
        try "[fan_in]\nwindw = 2h\n".write(toFile: rules, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let out = FileManager.default.temporaryDirectory.path + "/ff-exit-\(UInt32.random(in: 0...UInt32.max))"
        for arguments in [["analyze", "fixtures/demo/transfers.csv", "--rules", rules, "--out", out],
                          ["trace", "fixtures/demo/transfers.csv", "--victims", "fixtures/demo/victims.csv", "--rules", rules, "--out", out],
                          ["rules", "--check", rules]] {
            let outcome = try Self.run(arguments)
            #expect(outcome.status == 2, "\(arguments[0])")
            #expect(outcome.error == "fundflow: \(rules):2: unknown key windw in [fan_in]; known: window, min_payers, min_total, "
                    + "min_forward_percent, forward_window, score_percent, new_account_bonus_percent\n", "\(arguments[0]): \(outcome.error)")
        }
    }

    @Test func unreadableInputIsTwoWithOneLineNamingTheFile() throws {
        for file in ["fixtures/bad/empty.csv", "fixtures/bad/binary.bin", "fixtures/no/such/file.csv"] {
            let outcome = try Self.run(["stats", file])
            #expect(outcome.status == 2, "\(file)")
            #expect(outcome.error.hasPrefix("fundflow: \(file)"), "\(file): \(outcome.error)")
            #expect(outcome.error.split(separator: "\n").count == 1, "\(file): \(outcome.error)")
            #expect(outcome.output.isEmpty, "\(file)")
        }
    }

    /// Two runs of `analyze` on the same case write the same diagrams. The victims' chart has
    /// several collapsed groups of alike accounts, once numbered in a dictionary's order, which
    /// changes from one process to the next.
    @Test func twoRunsDrawTheSameDiagrams() throws {
        let base = FileManager.default.temporaryDirectory.path + "/ff-twice-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        for run in ["a", "b"] {
            let outcome = try Self.run(["analyze", "fixtures/demo/transfers.csv", "--victims", "fixtures/demo/victims.csv",
                                        "--out", base + "/" + run, "--quiet"])
            #expect(outcome.status == 0, "\(outcome.error)")
        }
        let flow = try String(contentsOfFile: base + "/a/diagrams/flow.svg", encoding: .utf8)
        #expect(flow.components(separatedBy: " accounts</text>").count > 2)  // several collapsed groups
        let names = try FileManager.default.contentsOfDirectory(atPath: base + "/a/diagrams").sorted()
        #expect(names.count > 5)
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: base + "/a/diagrams/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: base + "/b/diagrams/" + name))
            #expect(a == b, "\(name)")
        }
    }
}
