import Testing
@testable import FundFlow

@Suite struct AccountKeyTests {
    @Test(arguments: [
        ("6222021234567890", "6222021234567890"), (" 6222021234567890_ ", "6222021234567890"),
        ("6222 0212 3456 7890", "6222021234567890"), ("=\"6222021234567890\"", "6222021234567890"),
        ("'6222021234567890", "6222021234567890"), ("wx_zhang san", "wx_zhang san"), ("alipay:13800138000", "alipay:13800138000"),
        ("6222\t0212", "62220212"), ("__", ""), ("", ""),
    ])
    func cleansIdsAsExportsWriteThem(raw: String, clean: String) {
        #expect(AccountKey.clean(raw) == clean)
    }

    /// The shortcut for ids that need nothing removed gives what the byte-by-byte cleaning gives.
    @Test func theShortcutAgreesWithTheGeneralCleaning() {
        let pieces: [[UInt8]] = ["6", "2", "a", "Z", " ", "\t", "_", "'", "=", "\"", ":", "张", "@"].map { Array($0.utf8) }
        var random = SplitMix64(seed: 11)
        let key = AccountKey()
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 24) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            let shortcut = bytes.withUnsafeBufferPointer { Array(key.clean($0)) }
            let general = bytes.withUnsafeBufferPointer { Array(key.cleanGeneral($0)) }
            #expect(shortcut == general, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}
