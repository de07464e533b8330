import Testing
@testable import FundFlow

/// Numeric cells of a workbook: binary-double noise within 10⁻⁸ of a fen is read as that fen;
/// anything else is left as written.
@Suite struct XLSXNumberTests {
    @Test(arguments: [
        ("8.880000000000001", "8.88"), ("8.879999999999999", "8.88"), ("99.99999999999999", "100.00"),
        ("-0.30000000000000004", "-0.30"), ("0.07000000000000001", "0.07"), ("12345.670000000002", "12345.67"),
        ("9.999999999999998", "10.00"),
    ])
    func noiseIsReadAsTheNearestFen(text: String, expected: String) {
        #expect(XLSXNumber.nearestHundredth(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test(arguments: ["1.005", "12.5", "12", "45352.583333333336", "1e-05", "8.8800001", "abc", "-", ".5", "1.2.3"])
    func anythingElseIsLeftAsWritten(text: String) {
        #expect(XLSXNumber.nearestHundredth(Array(text.utf8)) == nil)
    }
}
