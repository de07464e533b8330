import FundFlow
import Testing

/// Channel names as a reader sees them: bytes of a field.
@Suite struct ChannelTests {
    func parse(_ text: String) -> Channel? {
        var copy = text
        return copy.withUTF8 { Channel.parse($0) }
    }

    @Test func everyNameAndSpellingParsesToItsChannel() {
        for channel in Channel.allCases { #expect(parse(channel.name) == channel) }
        for (spelling, channel) in Channel.spellings { #expect(parse(spelling) == channel, "\(spelling)") }
        #expect(parse("Red-Packet") == .redPacket)
        #expect(parse("ATM取款") == .cashWithdrawal)
    }

    /// Same length and the same first and last bytes as a name, but not the name.
    @Test func nearMissesAreNotNames() {
        for text in ["transfar", "red_pockat", "qr_paymont", "card_paymant", "cash_dapasit", "cash_withdrawol", "ottor", "", "x"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }
}
