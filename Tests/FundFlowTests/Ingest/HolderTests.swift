import Testing
@testable import FundFlow

/// Holders: accounts with the same document number are one holder's; a name alone, or a masked
/// number, links nothing.
@Suite struct HolderTests {
    @Test func aStatementsNumbersLinkTheSubjectAndItsOwnOtherAccount() throws {
        let path = try Fixtures.temporaryFile("""
            交易卡号,交易方户名,交易方证件号码,交易时间,收付标志,交易金额,交易余额,交易对手账卡号,对手户名,对手身份证号,摘要说明,交易流水号
            6217000011110001,王芳,110101199001011234,2024-03-01 10:00:00,进,5000.00,5000.00,6222000000000001,李娜,220101198505054321,转账,Q1
            6217000011110001,王芳,110101199001011234,2024-03-01 10:10:00,出,4000.00,1000.00,6230000022220002,王芳,110101199001011234,转账,Q2
            6217000011110001,王芳,110101199001011234,2024-03-01 10:20:00,出,500.00,500.00,6230000033330003,王芳,1101**********1234,转账,Q3
            6217000011110001,王芳,110101199001011234,2024-03-01 10:30:00,出,100.00,400.00,6230000044440004,王芳,,转账,Q4

            """)
        let holders = try Fixtures.read([path]).holders
        #expect(holders.withSeveralAccounts.map(\.accounts) == [["6217000011110001", "6230000022220002"]])
        #expect(holders.holder(of: "6230000022220002")?.names == ["王芳"])
        #expect(holders.holder(of: "6222000000000001")?.id == "220101198505054321")
        // The masked number and the bare name link nothing.
        #expect(holders.holder(of: "6230000033330003") == nil && holders.holder(of: "6230000044440004") == nil)
    }

    @Test func aDumpsPayerAndPayeeNumbersToo() throws {
        let path = try Fixtures.temporaryFile("""
            id,time,from,to,amount,付款人证件号码,收款人证件号码,from_name,to_name
            T1,2024-03-01 10:00:00,A1,B1,100.00,310101197001010011,320101198001010022,甲,乙
            T2,2024-03-01 10:05:00,B2,A2,50.00,320101198001010022,310101197001010011x,乙,甲

            """)
        let holders = try Fixtures.read([path]).holders
        #expect(holders.withSeveralAccounts.map(\.accounts) == [["B1", "B2"]])
        #expect(holders.holder(of: "A2")?.id == "310101197001010011X")
    }

    /// Pairs as statements give them, repeated row after row and interleaved: every account and
    /// every name of a number is kept, first seen first (a name that changes from one row to the
    /// next as well); masked and blank numbers link nothing.
    @Test func repeatedAndInterleavedPairsKeepEveryAccountAndName() {
        let index = HolderIndex([
            ("6222000011112222", "32010219800101123x", "王芳"),
            ("6222000011112222", "32010219800101123x", "王芳"),
            ("wxid_a1b2c3", "320102198001011234", "李强"),
            ("6222000011112222", "32010219800101123X", "王 芳"),
            ("6222000011112222", "32010219800101123x", "王芳"),
            ("wxid_a1b2c3", "320102198001011234", "李强"),
            ("2088123412341234", "32010219800101123X", "王芳"),
            ("2088123412341234", "32010219800101123X", "王小芳"),
            ("6222000099998888", "3201**********1234", "张三"),
            ("6222000077776666", " ", "赵六"),
        ])
        #expect(index.holders.map(\.id) == ["320102198001011234", "32010219800101123X"])
        let wang = index.holder(of: "2088123412341234")
        #expect(wang?.accounts == ["2088123412341234", "6222000011112222"])
        #expect(wang?.names == ["王芳", "王 芳", "王小芳"])
        #expect(index.holder(of: "wxid_a1b2c3")?.names == ["李强"])
        #expect(index.holder(of: "6222000099998888") == nil && index.holder(of: "6222000077776666") == nil)
    }

    /// Dropping the repeats of each account's last pair before making its name gives the index
    /// that all the pairs give, and names each account only for the pairs kept.
    @Test func droppedRepeatsChangeNothing() {
        let rows: [(Int32, String, String?)] = [
            (0, "32010219800101123x", "王芳"), (1, "320102198001011234", "李强"), (0, "32010219800101123x", "王芳"),
            (0, "32010219800101123X", "王小芳"), (1, "320102198001011234", "李强"), (0, "32010219800101123x", "王芳"),
            (2, "32010219800101123x", nil), (2, "32010219800101123x", "王芳"),
        ]
        let names = ["6222000011112222", "wxid_a1b2c3", "2088123412341234"]
        var pairs = HolderPairs(accounts: names.count)
        var named = 0
        for (account, id, name) in rows {
            var id = id, name = name
            id.withUTF8 { idBytes in
                if name == nil {
                    pairs.add(account, id: idBytes, name: nil) { named += 1; return names[Int($0)] }
                } else {
                    name!.withUTF8 { nameBytes in pairs.add(account, id: idBytes, name: nameBytes) { named += 1; return names[Int($0)] } }
                }
            }
        }
        #expect(named == 6 && pairs.pairs.count == 6)
        #expect(HolderIndex(pairs.pairs) == HolderIndex(rows.map { (names[Int($0.0)], $0.1, $0.2) }))
    }
}
