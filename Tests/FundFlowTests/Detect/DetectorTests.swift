import Testing
@testable import FundFlow

/// Each detector on a small hand-made case that must fire, and a look-alike that must not.
/// Times are seconds from day 10 of the data (so "new in the data" can apply), amounts in fen.
@Suite struct DetectorTests {
    /// A graph whose data starts 10 days before the first line's time, by a quiet opening transfer.
    func graph(_ spec: String) -> TransferGraph {
        makeGraph("t00 -864000 OLD0 OLD1 100\n" + spec)
    }

    func run(_ detector: some Detector, _ spec: String, earlier: [Finding] = [], rules: Rules = Rules()) -> [Finding] {
        detector.detect(DetectionContext(graph: graph(spec), rules: rules, offsetSeconds: cst), earlier: earlier)
    }

    func names(_ finding: Finding, _ spec: String) -> [String] {
        let g = graph(spec)
        return finding.accounts.map { g.name(of: $0) }
    }

    @Test func passThroughFiresOnMoneyInAndOutWithinTheWindow() {
        let spec = """
            t1 0 V T 2000000
            t2 600 T X 1980000
            """
        let found = run(PassThroughDetector(), spec)
        #expect(found.count == 1)
        #expect(found.first?.score ?? 0 >= 0.6)
        #expect(found.first.map { names($0, spec) } == ["T"])
        #expect(found.first?.transfers.count == 2)
    }

    @Test func passThroughStaysSilentOnOwnMoneyAndSlowSpending() {
        // A purchase much larger than the transfer in: the account's own money.
        #expect(run(PassThroughDetector(), """
            t1 0 P A 1500000
            t2 600 A SHOP 2800000
            """).isEmpty)
        // Payroll: the client pays, salaries leave two days later.
        #expect(run(PassThroughDetector(), """
            t1 0 CLIENT EMP 5000000
            t2 172800 EMP E1 1000000
            t3 172801 EMP E2 1000000
            t4 172802 EMP E3 1000000
            t5 172803 EMP E4 1000000
            """).isEmpty)
    }

    @Test func fanOutIsStrongOnlyWhenPayeesPassItOn() {
        // A first-level account fans out to 5 tiers, each passing the money on.
        var lines = ["t1 0 V F 5000000"]
        for k in 1...5 { lines.append("o\(k) \(60 * k) F T\(k) 990000"); lines.append("p\(k) \(60 * k + 300) T\(k) Z\(k) 980000") }
        let gang = run(FanOutDetector(), lines.joined(separator: "\n"))
        #expect(gang.count == 1 && gang[0].score >= 0.6)
        // Payroll: the employees keep their salaries: a fan-out below the flag threshold.
        var payroll = ["t1 0 CLIENT EMP 5000000"]
        for k in 1...8 { payroll.append("s\(k) \(3600 + k) EMP E\(k) 600000") }
        let found = run(FanOutDetector(), payroll.joined(separator: "\n"))
        #expect(found.count == 1 && found[0].score < 0.5)
    }

    @Test func fanInNeedsTheMoneyForwarded() {
        var lines: [String] = []
        for k in 1...6 { lines.append("i\(k) \(600 * k) P\(k) C 500000") }
        let forwarded = run(FanInDetector(), (lines + ["f1 7200 C Z 2900000"]).joined(separator: "\n"))
        #expect(forwarded.count == 1)
        // Rent: six tenants pay a landlord who keeps it.
        #expect(run(FanInDetector(), lines.joined(separator: "\n")).isEmpty)
    }

    @Test func redPacketSplitAndCollect() {
        var lines = ["t1 0 T S 1000000"]
        for k in 0..<30 { lines.append("r\(k) \(600 + 60 * k) S W\(k % 6) 19900 red_packet") }
        for w in 0..<6 { lines.append("c\(w) \(7200 + w) W\(w) CONS 99000") }
        let spec = lines.joined(separator: "\n")
        let splits = run(RedPacketSplitDetector(), spec)
        #expect(splits.count == 1)
        #expect(splits.first.map { Set(names($0, spec)) } == Set(["S", "W0", "W1", "W2", "W3", "W4", "W5"]))
        let collects = run(RedPacketCollectDetector(), spec, earlier: splits)
        #expect(collects.count == 6)
        #expect(collects.allSatisfy { names($0, spec).contains("CONS") })
    }

    @Test func festivalRedPacketsDoNotSplit() {
        // An elder who was paid a bonus sends 12 red packets to four relatives.
        var lines = ["t1 0 BOSS ELDER 800000"]
        for k in 0..<12 { lines.append("r\(k) \(3600 + 60 * k) ELDER R\(k % 4) 16800 red_packet") }
        #expect(run(RedPacketSplitDetector(), lines.joined(separator: "\n")).isEmpty)
    }

    @Test func cashMuleSeveralATMsWithinHours() {
        let spec = """
            t1 0 T M 3000000
            c1 1800 M - 1000000 cash_withdrawal ATM-1
            c2 5400 M - 1000000 cash_withdrawal ATM-2
            c3 9000 M - 950000 cash_withdrawal ATM-3
            """
        let found = run(CashMuleDetector(), spec)
        #expect(found.count == 1 && found[0].score >= 0.65)
        #expect(found[0].summary.contains("at 3 places"))
    }

    @Test func salaryWithdrawnDaysAfterPaydayOrInOneSlowGoIsNoMule() {
        #expect(run(CashMuleDetector(), """
            t1 0 EMP E 800000
            c1 259200 E - 800000 cash_withdrawal ATM-1
            """).isEmpty)
        let slow = run(CashMuleDetector(), """
            h1 -700000 E SHOP 5000
            t1 0 EMP E 800000
            c1 72000 E - 800000 cash_withdrawal ATM-1
            """)
        #expect(slow.allSatisfy { $0.score < 0.5 })
        // More cash than came in: the account's own savings.
        #expect(run(CashMuleDetector(), """
            t1 0 P E 400000
            c1 600 E - 2000000 cash_withdrawal ATM-1
            c2 900 E - 2000000 cash_withdrawal ATM-2
            """).isEmpty)
    }

    @Test func victimMuleNeedsAnotherVictimsTracedMoney() {
        let g = makeGraph("""
            t1 1 V1 A 100000
            t2 2 V2 A 50000
            t3 3 A V2 60000
            """)
        let traced = trace(g, [report("V1", 100000), report("V2", 50000)], .fifo)
        let found = VictimMuleDetector().detect(DetectionContext(graph: g, trace: traced, offsetSeconds: cst), earlier: [])
        #expect(found.map { g.name(of: $0.accounts[0]) } == ["V2"])
        // Without a trace it cannot fire.
        #expect(VictimMuleDetector().detect(DetectionContext(graph: g, offsetSeconds: cst), earlier: []).isEmpty)
    }

    @Test func layeringChainKeepsTheAmountHopAfterHop() {
        let spec = """
            t1 0 A B 1000000
            t2 3600 B C 970000
            t3 7200 C D 950000
            t4 10800 D E 930000
            """
        let found = run(LayeringChainDetector(), spec)
        #expect(found.count == 1)
        #expect(found.first?.transfers.count == 4)
        #expect(found.first.map { names($0, spec) } == ["B", "C", "D", "E"])
        // The same accounts, but each hop keeps a third: no chain.
        #expect(run(LayeringChainDetector(), """
            t1 0 A B 1000000
            t2 3600 B C 330000
            t3 7200 C D 110000
            """).isEmpty)
    }

    @Test func qrCollectionNeedsLargePaymentsAndLumps() {
        var lines: [String] = []
        for k in 1...6 { lines.append("q\(k) \(600 * k) V\(k) QR 1000000 qr_payment") }
        let found = run(QRCollectionDetector(), (lines + ["o1 7200 QR Z 5900000"]).joined(separator: "\n"))
        #expect(found.count == 1)
        // A canteen: sixty small payments, a weekly supplier payment.
        var canteen: [String] = []
        for k in 1...60 { canteen.append("q\(k) \(60 * k) C\(k) SHOP 3500 qr_payment") }
        #expect(run(QRCollectionDetector(), (canteen + ["o1 7200 SHOP SUP 200000"]).joined(separator: "\n")).isEmpty)
    }

    @Test func roundTripReturnsToItsStart() {
        let found = run(RoundTripDetector(), """
            t1 0 A B 1000000
            t2 3600 B C 950000
            t3 7200 C A 900000
            """)
        #expect(found.count == 1)
        #expect(found.first?.transfers.count == 3)
        // A loan of 10,000 repaid with 2,000: not kept.
        #expect(run(RoundTripDetector(), """
            t1 0 A B 1000000
            t2 86400 B A 200000
            """).isEmpty)
    }

    @Test func structuringJustBelowTheThreshold() {
        #expect(run(StructuringDetector(), """
            t1 0 A X 4900000
            t2 86400 A Y 4850000
            t3 172800 A Z 4990000
            """).count == 1)
        #expect(run(StructuringDetector(), """
            t1 0 A X 4900000
            t2 86400 A Y 5000000
            t3 864000 A Z 4990000
            """).isEmpty)
    }

    @Test func flaggingCombinesFindingsAndAlwaysFlagsTracedMoney() {
        let g = makeGraph("""
            t1 1 V A 100000
            t2 2 A B 100000
            """)
        let weak = Finding(pattern: .fanOut, accounts: [g.account(named: "A")!], transfers: [1], amount: Amount(fen: 1), score: 0.4,
                           summary: "weak", graph: g)
        let flagger = Flagger()
        #expect(flagger.flag([weak], trace: nil, graph: g).isEmpty)
        let both = flagger.flag([weak, weak], trace: nil, graph: g)
        #expect(both.count == 1 && abs(both[0].score - 0.64) < 0.001)
        let traced = trace(g, [report("V", 100000)], .fifo)
        let flagged = flagger.flag([], trace: traced, graph: g)
        #expect(flagged.map { g.name(of: $0.account) } == ["B"])
        #expect(flagged[0].holdsTracedMoney && flagged[0].reason.hasPrefix("holds 1,000.00 of victims' money"))
    }

    /// A rules file may set any threshold to 0: the detectors must not crash on empty evidence.
    @Test func zeroThresholdsDoNotCrash() throws {
        var text = ""
        for section in Rules.sections where section.name != "flag" {
            text += "[\(section.name)]\n"
            for field in section.fields { text += "\(field.key) = \(field.kind == .duration ? "\"0s\"" : "0")\n" }
        }
        let rules = try Rules.parse(text)
        let graph = try Ingestor.read([Fixtures.path("demo/transfers.csv")]).graph
        let context = DetectionContext(graph: graph, rules: rules, offsetSeconds: cst)
        let (findings, _) = DetectionEngine().run(context)
        #expect(findings.allSatisfy { !$0.accounts.isEmpty && !$0.transfers.isEmpty })
    }

    @Test func rulesFileOverridesAndRejectsUnknownKeys() throws {
        let rules = try Rules.parse("""
            # stricter
            [pass_through]
            min_inflow = 20000
            window = "30m"
            [flag]
            threshold_percent = 70
            """)
        #expect(rules.passThrough.minInflow == 2_000_000)
        #expect(rules.passThrough.window == 30 * 60_000)
        #expect(rules.flag.thresholdPercent == 70)
        #expect(rules.fanIn == FanInRules())
        #expect(throws: RulesError.self) { try Rules.parse("[pass_through]\nmin_inflw = 1\n") }
        #expect(throws: RulesError.self) { try Rules.parse("[pass_thru]\n") }
        #expect(throws: RulesError.self) { try Rules.parse("[flag]\nthreshold_percent = 150\n") }
        do {
            _ = try Rules.parse("[fan_in]\nwindow = soon\n", file: "r.toml")
        } catch {
            #expect(error.description == "r.toml:2: fan_in.window = soon: expected a duration like 30m, 2h or 7d")
        }
        // The printed defaults parse back to the defaults.
        #expect(try Rules.parse(Rules.defaultsText) == Rules())
    }
}
