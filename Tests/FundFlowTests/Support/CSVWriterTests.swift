import Testing
@testable import FundFlow

/// The fields of fundflow's CSV files: quoted where RFC 4180 needs it, quotes doubled byte by
/// byte, and formula-looking text from untrusted data defused.
@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("6222020000000001", "6222020000000001"),
        ("张三", "张三"),
        ("a,b", "\"a,b\""),
        ("说\"好\"的", "\"说\"\"好\"\"的\""),
        ("两行\n备注", "\"两行\n备注\""),
        ("crlf\r\nhere", "\"crlf\r\nhere\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+86 138", "'+86 138"),
        ("@sum", "'@sum"),
        ("-12.50", "-12.50"),
        ("", ""),
    ])
    func escapesAField(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    /// A quote followed by a combining mark is one `Character` that is not `"`; its quote byte
    /// is still doubled, so the field cannot end early.
    @Test func doublesAQuoteHiddenInAGrapheme() {
        let field = "x\"\u{301},y"
        #expect(CSVWriter.escape(field) == "\"x\"\"\u{301},y\"")
    }

    @Test func writesRows() {
        var writer = CSVWriter(header: ["account", "memo"])
        writer.appendRow(["wxid_a,b", "红包"])
        #expect(writer.text == "account,memo\n\"wxid_a,b\",红包\n")
    }
}
