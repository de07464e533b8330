import Testing
@testable import FundFlow

@Suite struct AmountTests {
    @Test(arguments: [
        ("1,234.50", Int64(123_450)), ("¥1234.5", 123_450), ("1234.50元", 123_450), ("-12.00", -1200),
        ("  88 ", 8800), ("0.01", 1), ("￥ 3,000", 300_000), ("RMB 12.3", 1230), ("12.500", 1250),
        ("+5", 500), ("1,000,000.99", 100_000_099), (".5", 50),
    ])
    func parsesEverySpelling(text: String, fen: Int64) throws {
        #expect(try AmountParser.parse(text) == Amount(fen: fen))
    }

    @Test func rejectsMoreThanTwoNonzeroFractionDigits() {
        #expect(throws: AmountError.tooManyFractionDigits) { try AmountParser.parse("12.345") }
    }

    @Test(arguments: ["", "   ", "¥", "abc", "12.3.4", "1-2", "--5", "0x10"])
    func rejectsNonAmounts(text: String) {
        #expect(throws: AmountError.self) { try AmountParser.parse(text) }
    }

    @Test func reportsOverflow() throws {
        #expect(throws: AmountError.overflow) { try AmountParser.parse("100000000000000000000") }
        #expect(throws: AmountError.overflow) { try AmountParser.parse("92233720368547758.08") }
        #expect(throws: AmountError.overflow) { try Amount(fen: .max).adding(Amount(fen: 1)) }
        #expect(throws: AmountError.overflow) { try Amount(fen: .min).subtracting(Amount(fen: 1)) }
        #expect(try AmountParser.parse("92233720368547758.07") == Amount(fen: .max))
    }

    @Test(arguments: [(Int64(0), "0.00"), (5, "0.05"), (-5, "-0.05"), (123_450, "1234.50"), (.min, "-92233720368547758.08")])
    func formatsExactly(fen: Int64, text: String) {
        #expect(Amount(fen: fen).decimalString == text)
    }

    @Test func roundTripsThroughText() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let fen = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)
            #expect(try AmountParser.parse(Amount(fen: fen).decimalString).fen == fen)
            #expect(try AmountParser.parse(Amount(fen: fen).groupedString).fen == fen)
        }
    }

    /// The one-pass reader of plain amounts gives what the general parser gives, on spellings
    /// around its edges: 0 to 20 digits, a point with 0 to 3 digits after it, a stray byte.
    @Test func plainAmountsReadAsTheGeneralParserReadsThem() {
        var random = SplitMix64(seed: 7)
        let extras: [[UInt8]] = [[], [], [], Array(".".utf8), Array(",".utf8), Array(" ".utf8), Array("-".utf8), Array("元".utf8), [0x2F], [0x3A]]
        var plainCount = 0
        for _ in 0..<20_000 {
            var bytes = (0..<Int(random.next() % 21)).map { _ in UInt8(0x30 + random.next() % 10) }
            if random.next() % 2 == 0 {
                bytes.append(UInt8(ascii: "."))
                bytes += (0..<Int(random.next() % 4)).map { _ in UInt8(0x30 + random.next() % 10) }
            }
            let extra = extras[Int(random.next() % UInt64(extras.count))]
            bytes.insert(contentsOf: extra, at: Int(random.next() % UInt64(bytes.count + 1)))
            let general = bytes.withUnsafeBufferPointer { b in Result { () throws(AmountError) in try AmountParser.parseGeneral(b) } }
            let fast = bytes.withUnsafeBufferPointer { AmountParser.plain($0) }
            let full = bytes.withUnsafeBufferPointer { b in Result { () throws(AmountError) in try AmountParser.parse(b) } }
            if let fast {
                plainCount += 1
                #expect((try? general.get().fen) == fast, "\(String(decoding: bytes, as: UTF8.self))")
            }
            #expect((try? full.get()) == (try? general.get()), "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(plainCount > 2_000)
    }

    @Test func groupsThousands() {
        #expect(Amount(fen: 123_456_780).groupedString == "1,234,567.80")
        #expect(Amount(fen: -100_000).groupedString == "-1,000.00")
        #expect(Amount(fen: 99_999).groupedString == "999.99")
    }
}
