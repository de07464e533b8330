@testable import fundflow
import Testing

/// The command line a manifest records keeps no database password.
@Suite struct RedactionTests {
    @Test func passwordsOfPostgresURLsAreLeftOut() {
        let arguments = ["fundflow", "analyze", "--source", "postgres://police:s3cret@10.0.0.5:5432/cases?table=t",
                         "--source=postgresql://u:p@h/db", "postgres://nopassword@h/db", "postgres://u:p@ss@h:1/db", "--out", "case"]
        #expect(InputOptions.redacted(arguments) == [
            "fundflow", "analyze", "--source", "postgres://police@10.0.0.5:5432/cases?table=t",
            "--source=postgresql://u@h/db", "postgres://nopassword@h/db", "postgres://u@h:1/db", "--out", "case",
        ])
    }
}
