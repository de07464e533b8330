import Testing
@testable import FundFlow

/// Rows put in time order by the radix sort: the same order a stable comparison sort gives, and a
/// graph read from shuffled rows equal to the one read from the same rows in order.
@Suite struct TimeOrderTests {
    /// What the radix sort must equal: positions sorted by (time, position).
    func reference(_ times: [Int64]) -> [Int32] {
        times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }.map { Int32($0) }
    }

    @Test func equalsAStableComparisonSortAtEverySpan() {
        var rng = SplitMix64(seed: 11)
        // Spans from a few milliseconds (many ties) to the whole Int64 range (every digit sorted).
        for spanBits in [1, 3, 10, 11, 12, 16, 17, 22, 31, 33, 40, 48, 63] {
            for count in [2, 3, 100, TimeOrder.smallCount, TimeOrder.smallCount + 1, 5_000] {
                let span = spanBits == 63 ? UInt64.max : (UInt64(1) << UInt64(spanBits))
                let base: Int64 = spanBits == 63 ? Int64.min : 1_704_038_400_000 - 77
                let times = (0..<count).map { _ in base &+ Int64(bitPattern: rng.next() % span) }
                let order = TimeOrder.sortedOrder(times)
                let expected = reference(times)
                if expected == times.indices.map({ Int32($0) }) {
                    #expect(order == nil, "span 2^\(spanBits), \(count) rows already in order")
                } else {
                    #expect(order == expected, "span 2^\(spanBits), \(count) rows")
                }
            }
        }
    }

    @Test func timesInOrderNeedNoOrder() {
        #expect(TimeOrder.sortedOrder([]) == nil)
        #expect(TimeOrder.sortedOrder([5]) == nil)
        #expect(TimeOrder.sortedOrder([1, 1, 2, 2, 2, 9]) == nil)
        #expect(TimeOrder.sortedOrder([2, 1]) == [1, 0])
        #expect(TimeOrder.sortedOrder([-5, -9, -5, 0]) == [1, 0, 2, 3])
    }

    @Test func permuteMovesEachValueOnce() {
        #expect(TimeOrder.permute(["a", "b", "c"], by: [2, 0, 1]) == ["c", "a", "b"])
        #expect(TimeOrder.permute([Int64](), by: []) == [])
    }

    /// A dump whose rows come as two per-account statements one after the other, read as it is and
    /// with its rows in time order: every transfer has the same id, time, accounts, attributes and
    /// source line (the line of its row in its own file).
    @Test func shuffledRowsReadAsTheSameGraph() throws {
        let header = ["id", "time", "from", "to", "amount", "channel", "from_name", "memo"]
        let rows: [[String]] = [
            ["T3", "2025-03-01 10:05:00", "6222000011112222", "wxid_a1b2c3", "500.00", "transfer", "王芳", "生活费"],
            ["T1", "2025-03-01 09:00:00", "6222000011112222", "2088123412341234", "120.00", "transfer", "王芳", ""],
            ["T5", "2025-03-02 08:00:00", "6222000011112222", "", "300.00", "cash_withdrawal", "王芳", "ATM取款"],
            ["T2", "2025-03-01 10:05:00", "2088123412341234", "6222000011112222", "99.50", "red_packet", "李强", "红包"],
            ["T4", "2025-03-01 23:59:59", "wxid_a1b2c3", "6222000011112222", "10.00", "qr_payment", "", "扫码支付"],
        ]
        var shuffled = TextTable(name: "dump.csv", header: header)
        for (i, row) in rows.enumerated() { shuffled.append(row, line: i + 2) }
        let inOrder = rows.enumerated().sorted { a, b in
            let (ta, tb) = (a.element[1], b.element[1])
            return ta != tb ? ta < tb : a.offset < b.offset
        }
        var sorted = TextTable(name: "dump.csv", header: header)
        for (i, row) in inOrder { sorted.append(row, line: i + 2) }
        let a = try Ingestor.read(tables: [shuffled]).graph
        let b = try Ingestor.read(tables: [sorted]).graph
        #expect(a.transferCount == 5 && b.transferCount == 5)
        #expect((0..<5).map { a.id($0) } == ["T1", "T3", "T2", "T4", "T5"])
        for t in 0..<5 {
            #expect(a.id(t) == b.id(t))
            #expect(a.time(t) == b.time(t))
            #expect(a.fen(t) == b.fen(t))
            #expect(a.payer(t).map { a.name(of: $0) } == b.payer(t).map { b.name(of: $0) })
            #expect(a.payee(t).map { a.name(of: $0) } == b.payee(t).map { b.name(of: $0) })
            #expect(a.attributes.attributes(row: t).map { "\($0.key)=\($0.value)" }
                    == b.attributes.attributes(row: t).map { "\($0.key)=\($0.value)" })
            #expect(a.source(of: t) == b.source(of: t))
        }
        #expect(a.attributes.value("memo", row: 1) == "生活费")
        #expect(a.source(of: 0) == ("dump.csv", 3))
        #expect(a.source(of: 4) == ("dump.csv", 4))
    }
}
