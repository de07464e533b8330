import Testing
@testable import FundFlow

/// Hand-computed cases, per policy (amounts in fen).
@Suite struct TracerTests {
    /// A holds 50 clean (from X) then receives 100 from victim V, then pays B 80 and C 70.
    let fanOut = makeGraph("""
        t1 1 X A 50
        t2 2 V A 100
        t3 3 A B 80
        t4 4 A C 70
        """)

    @Test func fanOutFIFO() {
        let r = trace(fanOut, [report("V", 100)], .fifo)
        // A: [clean 50, V 100]; B draws clean 50 + V 30; C draws V 70.
        #expect(r.heldMap == ["B/V": 30, "C/V": 70])
        #expect(r.hops(of: "A") == 1 && r.hops(of: "B") == 2 && r.hops(of: "C") == 2)
    }

    @Test func fanOutLIFO() {
        let r = trace(fanOut, [report("V", 100)], .lifo)
        // B draws V 80; C draws V 20 + clean 50.
        #expect(r.heldMap == ["B/V": 80, "C/V": 20])
    }

    @Test func fanOutProportional() {
        let r = trace(fanOut, [report("V", 100)], .proportional)
        // A holds V 100, clean 50 (150). B 80: V 8000/150 = 53 r 50, clean 4000/150 = 26 r 100:
        // the leftover fen goes to clean (larger remainder): B gets V 53, clean 27. C takes the rest.
        #expect(r.heldMap == ["B/V": 53, "C/V": 47])
    }

    @Test func fanOutPoisonIsAnUpperBound() {
        let r = trace(fanOut, [report("V", 100)], .poison)
        let freeze = Dictionary(uniqueKeysWithValues: r.freezeOrder.map { (r.graph.name(of: $0.account), $0.total) })
        #expect(freeze == ["B": 80, "C": 70])  // whole transfers, though A held only 100 of V's money
    }

    @Test func proportionalTiesGoToTheLowerVictimIdThenClean() {
        // A holds 1 fen of each of "b", "A" (UTF-8 "A" < "b") and 1 clean; a 1-fen draw has three
        // equal remainders: the fen goes to victim "A".
        let g = makeGraph("""
            t1 1 b Z 1
            t2 2 A Z 1
            t3 3 Q Z 1
            t4 4 Z Y 1
            """)
        let r = trace(g, [report("b", 1), report("A", 1)], .proportional)
        #expect(r.heldMap == ["Y/A": 1, "Z/b": 1])
        // Two fen: "A" and "b" one each, clean none.
        let g2 = makeGraph("""
            t1 1 b Z 1
            t2 2 A Z 1
            t3 3 Q Z 1
            t4 4 Z Y 2
            """)
        let r2 = trace(g2, [report("b", 1), report("A", 1)], .proportional)
        #expect(r2.heldMap == ["Y/A": 1, "Y/b": 1])
    }

    @Test func victimsMergeInOneAccount() {
        let g = makeGraph("""
            t1 1 V1 A 100
            t2 2 V2 A 50
            t3 3 A B 120
            """)
        #expect(trace(g, [report("V1", 100), report("V2", 50)], .fifo).heldMap == ["B/V1": 100, "B/V2": 20, "A/V2": 30])
        #expect(trace(g, [report("V1", 100), report("V2", 50)], .lifo).heldMap == ["B/V2": 50, "B/V1": 70, "A/V1": 30])
        // Proportional: 120 of 150: V1 80, V2 40 exactly.
        #expect(trace(g, [report("V1", 100), report("V2", 50)], .proportional).heldMap == ["B/V1": 80, "B/V2": 40, "A/V1": 20, "A/V2": 10])
    }

    @Test func partialDrawsAndUnobservedMoney() {
        let g = makeGraph("""
            t1 1 V A 100
            t2 2 A B 30
            t3 3 A C 30
            t4 4 A D 90
            """)
        // D's 90: 40 tainted left at A, 50 unobserved (clean).
        #expect(trace(g, [report("V", 100)], .fifo).heldMap == ["B/V": 30, "C/V": 30, "D/V": 40])
    }

    @Test func aVictimUsedAsAMuleCashesOutAnotherVictimsMoney() {
        let g = makeGraph("""
            t1 1 V2 A 40
            t2 2 V1 A 100
            t3 3 A V2 60
            t4 4 V2 - 50 cash_withdrawal ATM-9
            """)
        let r = trace(g, [report("V1", 100), report("V2", 40)], .fifo)
        // A: [V2 40, V1 100]; A→V2 60 draws V2 40 + V1 20; V2 withdraws 50 of [V2 40, V1 20] oldest first.
        #expect(r.cashMap == ["V2/V2": 40, "V2/V1": 10])
        #expect(r.heldMap == ["A/V1": 80, "V2/V1": 10])
        #expect(r.hops(of: "V2") == 2)
        #expect(TraceOutputs.cashout(r, offsetSeconds: cst).contains("ATM-9"))
    }

    @Test func cashOutLeavesTheSystem() {
        let g = makeGraph("""
            t1 1 V M 3000
            t2 2 M - 1000 cash_withdrawal ATM-1
            t3 3 M - 1500 cash_withdrawal ATM-2
            t4 4 M B 500
            """)
        let r = trace(g, [report("V", 3000)], .fifo)
        #expect(r.cashMap == ["M/V": 2500])
        #expect(r.heldMap == ["B/V": 500])
        let cash = TraceOutputs.cashout(r, offsetSeconds: cst)
        #expect(cash.contains("M,25.00,V,") && cash.contains("ATM-1;ATM-2"))  // 2,500 fen
    }

    @Test func aLossResolvedInPartAndATransferOnlyPartlyALoss() {
        let g = makeGraph("""
            t1 1 V A 100
            t2 2 A B 100
            """)
        // Reported 60 of a 100 transfer: A receives V 60 and 40 clean; FIFO B draws V 60 then clean 40.
        let part = trace(g, [report("V", 60)], .fifo)
        #expect(part.heldMap == ["B/V": 60])
        // Reported 150 where the data holds 100: resolved 100, with a warning.
        let more = trace(g, [report("V", 150)], .fifo)
        #expect(more.resolution.reports[0].resolved == Amount(fen: 100))
        #expect(more.resolution.reports[0].warning == "the data covers 1.00 of the reported 1.50")
        #expect(more.totalsByLabel[0].resolved == 100)
    }

    @Test func resolutionFollowsTimeTheToAccountAndFileOrder() {
        let g = makeGraph("""
            t1 1 V X 500
            t2 2 V A 100
            t3 3 V A 100
            t4 4 V B 100
            """)
        // `to` A from time 2: takes t2 and part of t3; the second report (any payee, from start)
        // takes t1 first, then what is left of t3.
        let resolution = LossResolution([report("V", 150, to: "A", time: 2, line: 2), report("V", 560, line: 3)], in: g, offsetSeconds: cst)
        #expect(resolution.reports[0].parts.map { g.id($0.transfer) } == ["t2", "t3"])
        #expect(resolution.reports[0].parts.map(\.fen) == [100, 50])
        #expect(resolution.reports[1].parts.map { g.id($0.transfer) } == ["t1", "t3", "t4"])
        #expect(resolution.reports[1].parts.map(\.fen) == [500, 50, 10])
        #expect(resolution.cases == [["C-V"]])
    }

    @Test func unknownAccountsAndLateTimesAreWarnedNotTraced() {
        let g = makeGraph("t1 1 V A 100")
        let resolution = LossResolution([report("Nobody", 10), report("V", 10, to: "Z"), report("V", 10, time: 99)], in: g, offsetSeconds: cst)
        #expect(resolution.reports.map(\.warning) == [
            "victim account Nobody is not in the data", "payee account Z is not in the data",
            "the reported time 1970-01-01 08:01:39 is after the data ends",
        ])
        #expect(resolution.victims.isEmpty)
    }

    @Test func asOfStopsTheClock() {
        let g = makeGraph("""
            t1 1 V A 100
            t2 5 A B 100
            """)
        #expect(trace(g, [report("V", 100)], .fifo, asOf: 4).heldMap == ["A/V": 100])
        #expect(trace(g, [report("V", 100)], .fifo, asOf: 5).heldMap == ["B/V": 100])
    }

    @Test func hopsFollowTimeRespectingChains() {
        let g = makeGraph("""
            t0 0 B C 10
            t1 1 V A 100
            t2 2 A B 100
            t3 3 B C 100
            t4 4 A2 C 5
            """)
        let r = trace(g, [report("V", 100)], .fifo)
        #expect(r.hops(of: "A") == 1 && r.hops(of: "B") == 2 && r.hops(of: "C") == 3)
        #expect(r.hops(of: "A2") == nil)
    }

    @Test func evidencePathIsTheWidestTimeRespectingChain() throws {
        let g = makeGraph("""
            t1 1 V A 1000
            t2 2 A B 600
            t3 3 A C 400
            t4 4 B D 500
            t5 5 C D 400
            """)
        let r = trace(g, [report("V", 1000)], .fifo)
        let d = try #require(g.account(named: "D"))
        let path = try #require(r.evidencePath(to: d, label: 0))
        #expect(path.map { g.id(Int($0.transfer)) } == ["t1", "t2", "t4"])
        let text = TraceOutputs.explain(r, account: d, offsetSeconds: cst)
        #expect(text.contains("t4") && text.contains("holds 9.00"))
    }

    @Test func outputsFollowTheContract() throws {
        let g = makeGraph("""
            t1 1 V1 A 100
            t2 2 V2 A 300
            t3 3 A B 150
            """)
        let r = trace(g, [report("V1", 100, caseID: "K1"), report("V2", 300, caseID: "K2")], .fifo)
        #expect(TraceOutputs.freeze(r) == """
            account,amount,victims,hops,policy,holder,holder_id
            A,2.50,V2,1,fifo,,
            B,1.50,V1;V2,2,fifo,,

            """)
        #expect(TraceOutputs.returns(r) == """
            account,victim,case,amount,policy
            A,V2,K2,2.50,fifo
            B,V1,K1,1.00,fifo
            B,V2,K2,0.50,fifo

            """)
    }
}
