import Testing
@testable import FundFlow

@Suite struct TransferGraphTests {
    /// A small graph built by hand: A pays B, B splits to C and D, C withdraws cash, E deposits.
    func sample() -> TransferGraph {
        var builder = GraphBuilder()
        let file = builder.addSourceFile("hand.csv")
        func account(_ name: String) -> AccountID { builder.accounts.intern(name) }
        let a = account("A"), b = account("B"), c = account("C"), d = account("D"), e = account("E")
        // Appended out of time order on purpose; t2a and t2b share a time.
        builder.append(time: 3000, amount: 400, payer: b, payee: c, channel: .transfer, id: "t2a", file: file, line: 3)
        builder.append(time: 1000, amount: 1000, payer: a, payee: b, channel: .transfer, id: "t1", file: file, line: 2)
        builder.append(time: 3000, amount: 500, payer: b, payee: d, channel: .redPacket, id: "t2b", file: file, line: 4)
        builder.append(time: 5000, amount: 300, payer: c, payee: nil, channel: .cashWithdrawal, id: "t3", file: file, line: 5)
        builder.append(time: 500, amount: 50, payer: nil, payee: e, channel: .cashDeposit, id: "", file: file, line: 6)
        return builder.build()
    }

    @Test func transfersAreInTimeThenInputOrder() {
        let graph = sample()
        #expect((0..<graph.transferCount).map { graph.id($0) } == ["6", "t1", "t2a", "t2b", "t3"])
        #expect((0..<graph.transferCount).map(graph.time) == [500, 1000, 3000, 3000, 5000])
        #expect(graph.source(of: 0) == ("hand.csv", 6))
    }

    @Test func adjacencyRunsAreInTimeOrder() throws {
        let graph = sample()
        let b = try #require(graph.account(named: "B"))
        #expect(graph.outgoing(b).map { graph.id(Int($0)) } == ["t2a", "t2b"])
        #expect(graph.incoming(b).map { graph.id(Int($0)) } == ["t1"])
        let c = try #require(graph.account(named: "C"))
        #expect(graph.outgoing(c).map { graph.channel(Int($0)) } == [.cashWithdrawal])
        #expect(graph.accountCount == 5)
        #expect(graph.account(named: "Z") == nil)
    }

    @Test func windowsAreInclusive() throws {
        let graph = sample()
        #expect(graph.transfers(in: 1000...3000) == 1..<4)
        #expect(graph.transfers(in: 1001...2999).isEmpty)
        let b = try #require(graph.account(named: "B"))
        #expect(graph.outgoing(b, in: 3000...3000).count == 2)
        #expect(graph.outgoing(b, in: 0...2999).isEmpty)
        #expect(graph.incoming(b, in: 1000...1000).count == 1)
    }

    @Test func internsWithoutDuplicates() {
        var table = AccountTable(capacity: 4)
        var ids: [AccountID] = []
        for i in 0..<10_000 { ids.append(table.intern("acct-\(i)")) }
        for i in 0..<10_000 { #expect(table.intern("acct-\(i)") == ids[i]) }
        #expect(table.count == 10_000)
        #expect(table.name(ids[1234]) == "acct-1234")
        #expect(table.find("acct-10000") == nil)
    }

    /// A batch of names already in a crowded table (many away from their home slot) and new
    /// ones, repeated within the batch: the batch gives the ids one-by-one interning gives.
    @Test func batchInterningMatchesOneByOne() {
        var single = AccountTable(capacity: 4)
        for i in 0..<20_000 { _ = single.intern("6222\(100_000 + i * 7)") }
        var batched = single
        let names = (0..<30_000).map { "6222\(100_000 + ($0 * 13 % 30_000) * 7)" } + ["", "x", "6222"]
        let expected = names.map { single.intern($0).index }
        #expect(internBatch(&batched, names.map { Array($0.utf8) }) == expected)
        #expect(batched.count == single.count && batched.count == 30_003)
        #expect(batched.name(AccountID(29_999)) == single.name(AccountID(29_999)))
    }

    /// A copied table is a value: names interned into the copy, one by one or in a batch, are
    /// not in the original, nor the original's in the copy.
    @Test func aCopiedTableIsAValue() {
        var original = AccountTable(capacity: 4)
        for i in 0..<100 { _ = original.intern("a\(i)") }
        var copy = original
        func batch(_ table: inout AccountTable, _ names: [String]) -> [Int32] { internBatch(&table, names.map { Array($0.utf8) }) }
        #expect(batch(&copy, ["a3", "a7"]) == [3, 7])
        #expect(batch(&copy, ["a1", "b0"]) == [1, 100])
        for i in 1..<1_000 { _ = copy.intern("b\(i)") }
        _ = original.intern("c")
        #expect(original.count == 101 && copy.count == 1_100)
        #expect(original.find("b5") == nil && copy.find("b5") == AccountID(105))
        #expect(original.name(AccountID(100)) == "c" && copy.name(AccountID(100)) == "b0")
        #expect(copy.find("c") == nil && copy.find("a99") == original.find("a99"))
    }

    /// A copied builder is a value: rows appended to the copy (past a staging block, with keys
    /// still queued) do not reach the original, and both build what was appended to each.
    @Test func aCopiedBuilderIsAValue() {
        var original = GraphBuilder()
        let file = original.addSourceFile("a.csv")
        func add(_ builder: inout GraphBuilder, _ i: Int) {
            let payer = Array("p\(i % 97)".utf8), payee = Array("q\(i % 89)".utf8)
            payer.withUnsafeBufferPointer { from in
                payee.withUnsafeBufferPointer { to in
                    Array("t\(i)".utf8).withUnsafeBufferPointer { id in
                        builder.append(time: Int64(i), amount: Int64(i + 1), payerKey: from, payeeKey: to, channel: .transfer,
                                       id: id, file: file, line: i + 2)
                    }
                }
            }
        }
        for i in 0..<5_000 { add(&original, i) }
        var copy = original
        for i in 5_000..<9_000 { add(&copy, i) }
        for i in 5_000..<5_010 { add(&original, i + 100_000) }
        let a = original.build(), b = copy.build()
        #expect(a.transferCount == 5_010 && b.transferCount == 9_000)
        #expect(a.id(4_999) == "t4999" && a.id(5_000) == "t105000" && b.id(5_000) == "t5000" && b.id(8_999) == "t8999")
        #expect(a.name(of: AccountID(a.payerIndex(5_009))) == "p\(105_009 % 97)" && b.name(of: AccountID(b.payeeIndex(8_999))) == "q\(8_999 % 89)")
        #expect(a.source(of: 5_009).line == 105_011 && b.source(of: 8_999).line == 9_001)
    }

    /// Names of every length around the three key words (0...40 bytes), differing in their last
    /// byte or in their length only: each interned once, batched or not, found again, and named back.
    @Test func internsNamesOfEveryLengthByTheirWholeBytes() {
        var names: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x30 + ($0 * 7) % 10) }
            names.append(base)
            if length > 0 { names.append(base.dropLast() + [UInt8(ascii: "x")]) }
            names.append(base + [0])  // a trailing zero byte must not read as the padding
        }
        var single = AccountTable(capacity: 4)
        let ids = names.map { name in name.withUnsafeBufferPointer { single.intern($0) } }
        #expect(Set(ids).count == names.count)
        for (name, id) in zip(names, ids) {
            #expect(name.withUnsafeBufferPointer { single.find($0) } == id)
            #expect(single.name(id) == String(decoding: name, as: UTF8.self))
        }
        var batched = AccountTable(capacity: 4)
        #expect(internBatch(&batched, names + names) == ids.map(\.index) + ids.map(\.index))
        for length in 0...8 {
            let bytes = (0..<length).map { UInt8(0xA0 + $0) }
            let word = bytes.withUnsafeBufferPointer { AccountTable.Key.load($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, length) }
            #expect(word == bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) })
        }
    }

    @Test func forwardNeighborhood() throws {
        let graph = sample()
        let a = try #require(graph.account(named: "A"))
        let one = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 1))
        #expect(one.accounts.map { graph.name(of: $0) } == ["A", "B"])
        #expect(one.transfers.map { graph.id($0) } == ["t1"])
        let three = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 3))
        #expect(three.accounts.map { graph.name(of: $0) } == ["A", "B", "C", "D"])
        #expect(three.distances == [0, 1, 2, 2])
        #expect(three.transfers.map { graph.id($0) } == ["t1", "t2a", "t2b", "t3"])
    }

    @Test func filtersByAmountAndWindow() throws {
        let graph = sample()
        let a = try #require(graph.account(named: "A"))
        let big = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 3, minimumAmount: Amount(fen: 450)))
        #expect(big.accounts.map { graph.name(of: $0) } == ["A", "B", "D"])
        let early = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 3, window: 0...2000))
        #expect(early.accounts.map { graph.name(of: $0) } == ["A", "B"])
    }

    @Test func backwardAndBoth() throws {
        let graph = sample()
        let c = try #require(graph.account(named: "C"))
        let back = graph.neighborhood(around: [c], NeighborhoodQuery(hops: 2, direction: .backward))
        #expect(back.accounts.map { graph.name(of: $0) } == ["C", "B", "A"])
        let both = graph.neighborhood(around: [c], NeighborhoodQuery(hops: 1, direction: .both))
        #expect(both.accounts.map { graph.name(of: $0) } == ["C", "B"])
        #expect(both.transfers.map { graph.id($0) } == ["t2a", "t3"])
    }

    @Test func timeRespectingWalksDoNotGoBackInTime() throws {
        var builder = GraphBuilder()
        let file = builder.addSourceFile("x")
        let a = builder.accounts.intern("A"), b = builder.accounts.intern("B"), c = builder.accounts.intern("C")
        builder.append(time: 100, amount: 10, payer: b, payee: c, channel: .transfer, id: "early", file: file, line: 2)
        builder.append(time: 200, amount: 10, payer: a, payee: b, channel: .transfer, id: "in", file: file, line: 3)
        let graph = builder.build()
        let plain = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 2))
        #expect(plain.accounts.count == 3)
        let respecting = graph.neighborhood(around: [a], NeighborhoodQuery(hops: 2, timeRespecting: true))
        #expect(respecting.accounts.map { graph.name(of: $0) } == ["A", "B"])
    }

    @Test func summaryTotals() throws {
        let summary = try GraphSummary(sample(), top: 2)
        #expect(summary.amount == Amount(fen: 2250))
        #expect(summary.byChannel.map(\.channel) == [.transfer, .redPacket, .cashWithdrawal, .cashDeposit])
        #expect(summary.topOutflow.map(\.name) == ["A", "B"])
        #expect(summary.topCounterparties.first?.name == "B")
        #expect(summary.topCounterparties.first?.value == 3)
    }

    @Test func statsJSONHasTheContractKeys() throws {
        let result = try Fixtures.read([Fixtures.path("canonical/mixed_en.csv")])
        let json = StatsReport.json(result.report, try GraphSummary(result.graph), offsetSeconds: 8 * 3600).serialized()
        for key in ["\"transfers\": 14", "\"accounts\": 14", "\"amount\": \"114573.00\"", "\"merged\": 0", "\"rejected\": 4", "\"skipped\": 1"] {
            #expect(json.contains(key), "missing \(key)")
        }
    }
}

/// Interns `names` into `table` in one batch (``AccountTable/intern(batch:ends:into:)``).
private func internBatch(_ table: inout AccountTable, _ names: [[UInt8]]) -> [Int32] {
    let arena = names.flatMap { $0 }
    var ends: [Int] = [], end = 0
    for name in names { end += name.count; ends.append(end) }
    var result = [Int32](repeating: -1, count: names.count)
    arena.withUnsafeBufferPointer { a in
        ends.withUnsafeBufferPointer { e in
            result.withUnsafeMutableBufferPointer { table.intern(batch: a, ends: e, into: $0) }
        }
    }
    return result
}
