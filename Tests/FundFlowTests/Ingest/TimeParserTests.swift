import Testing
@testable import FundFlow

@Suite struct TimeParserTests {
    let beijing = TimeParser()  // +08:00
    // 2024-03-01T14:02:11+08:00 = 2024-03-01T06:02:11Z
    let expected: Int64 = 1_709_272_931_000

    @Test(arguments: [
        "2024-03-01T14:02:11", "2024-03-01 14:02:11", "2024/03/01 14:02:11", "20240301140211",
        "2024-03-01T06:02:11Z", "2024-03-01T14:02:11+08:00", "2024-03-01T07:02:11+01:00", "2024-03-01 14:02:11 +0800",
        "2024-03-01T01:02:11-05:00", " 2024-03-01 14:02:11 ", "2024/3/1 14:02:11",
    ])
    func parsesFullForms(text: String) throws {
        #expect(try beijing.parse(text) == expected)
    }

    @Test func keepsFractionsAsMilliseconds() throws {
        #expect(try beijing.parse("2024-03-01 14:02:11.5") == expected + 500)
        #expect(try beijing.parse("2024-03-01T14:02:11.123456Z") == expected + 8 * 3_600_000 + 123)
    }

    @Test func parsesMinutePrecisionAsAMLworldWritesIt() throws {
        #expect(try beijing.parse("2024/03/01 14:02") == expected - 11_000)
    }

    @Test func parsesDateAndTimeColumns() throws {
        for (date, time) in [("2024-03-01", "14:02:11"), ("20240301", "140211"), ("2024/03/01", "14:02:11")] {
            var d = date, t = time
            let value = try d.withUTF8 { db in try t.withUTF8 { tb in try beijing.parse(date: db, time: tb) } }
            #expect(value == expected)
        }
    }

    /// DB2 timestamps (`YYYY-MM-DD-HH.MM.SS.ffffff`), as some banks' 查询反馈 exports write them.
    @Test func parsesDB2Timestamps() throws {
        #expect(try beijing.parse("2024-03-01-14.02.11.000000") == expected)
        #expect(try beijing.parse("2024-03-01-14.02.11") == expected)
        #expect(try beijing.parse("2024-03-01-14.02.11.123456") == expected + 123)
        #expect(throws: TimeParseError.self) { try beijing.parse("2024-03-01-14.02.1x") }
        #expect(throws: TimeParseError.self) { try beijing.parse("2024-03-01--14.02.11") }
    }

    /// A time-of-day column stored as an integer HHMMSS loses its leading zeros.
    @Test func integerTimesOfDayAreHHMMSS() throws {
        for (time, seconds) in [("90000", 9 * 3600), ("140211", 14 * 3600 + 131), ("0", 0), ("130", 90)] {
            var d = "2024-03-01", t = time
            let value = try d.withUTF8 { db in try t.withUTF8 { tb in try beijing.parse(date: db, time: tb) } }
            #expect(value == 1_709_222_400_000 + Int64(seconds) * 1000, "\(time)")
        }
        var d = "2024-03-01", t = "96000"
        #expect(throws: TimeParseError.self) { try d.withUTF8 { db in try t.withUTF8 { tb in try beijing.parse(date: db, time: tb) } } }
    }

    @Test func aDateAloneIsLocalMidnight() throws {
        #expect(try beijing.parse("2024-03-01") == 1_709_222_400_000)
        #expect(try beijing.parse("20240301") == 1_709_222_400_000)
    }

    @Test func usesTheTimezoneOption() throws {
        let utc = TimeParser(defaultOffsetSeconds: 0)
        #expect(try utc.parse("2024-03-01 06:02:11") == expected)
        #expect(TimeParser.parseOffset("+08:00") == 28_800)
        #expect(TimeParser.parseOffset("-0530") == -19_800)
        #expect(TimeParser.parseOffset("Z") == 0)
        #expect(TimeParser.parseOffset("8") == nil)
    }

    @Test(arguments: ["2024-13-01 10:00:00", "2024-02-30 10:00:00", "2023-02-29", "2024-03-01 24:00:00",
                      "0000-01-01 00:00:00", "9999-12-31 23:59:59", "2024-03-01 10:60:00"])
    func rejectsOutOfRange(text: String) {
        #expect(throws: TimeParseError.self) { try beijing.parse(text) }
    }

    @Test(arguments: ["", "yesterday", "2024-03", "14:02:11", "2024-03-01X14:02", "2024-03-01 14:02:11+99:00"])
    func rejectsNonTimes(text: String) {
        #expect(throws: TimeParseError.self) { try beijing.parse(text) }
    }

    @Test func acceptsLeapDays() throws {
        #expect(try beijing.parse("2024-02-29 00:00:00") > 0)
        #expect(try beijing.parse("2000-02-29 00:00:00") > 0)
    }

    @Test func convertsExcelSerials() {
        // 45353.40625 = 2024-03-02 09:45:00 local
        var text = "45353.40625"
        let value = text.withUTF8 { beijing.parseExcelSerial($0) }
        #expect(value == (try? beijing.parse("2024-03-02 09:45:00")))
    }

    @Test func formatsBack() throws {
        #expect(TimeFormatter.string(expected, offsetSeconds: cst) == "2024-03-01 14:02:11")
        #expect(TimeFormatter.iso8601(expected, offsetSeconds: cst) == "2024-03-01T14:02:11+08:00")
        #expect(TimeFormatter.iso8601(expected, offsetSeconds: 0) == "2024-03-01T06:02:11Z")
        #expect(TimeFormatter.string(-1, offsetSeconds: cst) == "1970-01-01 07:59:59")
        for ms in stride(from: Int64(0), to: 4_000_000_000_000, by: 123_456_789_000) {
            let rounded = ms / 1000 * 1000
            #expect(try beijing.parse(TimeFormatter.string(rounded, offsetSeconds: cst)) == rounded)
        }
    }

    /// The fixed-width fast path gives what the general parser gives, and leaves everything else
    /// (out of range, not digits, other widths) to it.
    @Test func theFixedWidthFormAgreesWithTheGeneralParser() throws {
        let parser = TimeParser(defaultOffsetSeconds: 8 * 3600)
        var rng = SplitMix64(seed: 11)
        func general(_ text: String) -> EpochMilliseconds? {
            var copy = text
            return copy.withUTF8 { try? parser.parse(date: $0, time: nil) }
        }
        func fast(_ text: String) -> EpochMilliseconds? {
            var copy = text
            return copy.withUTF8 { parser.fixedWidth($0) }
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        for _ in 0..<20_000 {
            let text = "\(rng.int(1890...2210))-\(two(rng.int(0...13)))-\(two(rng.int(0...32)))\(rng.int(0...1) == 0 ? " " : "T")"
                + "\(two(rng.int(0...24))):\(two(rng.int(0...60))):\(two(rng.int(0...61)))"
            let expected = general(text)
            #expect(fast(text) == expected, "\(text)")
            if expected != nil { #expect(try parser.parse(text) == expected) }
        }
        for text in ["2024-0a-01 00:00:00", "2024-02-30 10:00:00", "2024-01-01 00:00:00Z", " 2024-01-01 00:00:0", "2024/01/01 00:00:00"] {
            #expect(fast(text) == nil, "\(text)")
        }
        #expect(fast("2024-02-29 23:59:60") == general("2024-02-29 23:59:60"))
        // With the day cache, over rows that mostly repeat a few dates (one of them invalid).
        var cache = TimeParser.DayCache()
        let dates = ["2024-01-31", "2024-01-01", "2024-02-29", "2023-02-29", "2024-1a-01", "2199-12-31"]
        for _ in 0..<5_000 {
            let text = dates[rng.int(0...dates.count - 1)] + (rng.int(0...3) == 0 ? "T" : " ")
                + "\(two(rng.int(0...24))):\(two(rng.int(0...60))):\(two(rng.int(0...61)))"
            var copy = text
            let cached = copy.withUTF8 { parser.fixedWidth($0, cache: &cache) }
            #expect(cached == general(text), "\(text)")
        }
    }
}
