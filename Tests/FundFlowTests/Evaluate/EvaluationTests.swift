import Testing
@testable import FundFlow

@Suite struct EvaluationTests {
    @Test func figuresOnAHandMadeCase() throws {
        let truth = try GroundTruth.read(Fixtures.temporaryFile("""
            account,role,gang
            F1,first_level,G1
            T1,tier,G1
            T2,tier,G1
            M1,mule,G1
            S1,shop,
            E1,employer,
            P1,person,
            P2,person,
            """, name: "truth.csv"))
        #expect(truth.positives == ["F1", "T1", "T2", "M1"])
        // Flag F1, T1, M1 (3 of 4 positives) and S1 (a look-alike) and X9 (not in the truth).
        let flagged = try Evaluation.readFlagged(Fixtures.temporaryFile("""
            account,score,patterns,reason
            F1,0.9,fan_out,x
            T1,0.8,pass_through,x
            M1,0.95,cash_mule,x
            S1,0.6,fan_in,x
            X9,0.5,fan_in,x
            """, name: "flagged.csv"))
        let e = Evaluation(truth: truth, flagged: flagged)
        #expect(e.truePositives == 3)
        #expect(e.falsePositives == 2)
        #expect(e.falseNegatives == 1)
        #expect(threeDecimals(e.precision) == "0.600")
        #expect(threeDecimals(e.recall) == "0.750")
        #expect(threeDecimals(e.f1) == "0.667")
        #expect(e.missed.map(\.account) == ["T2"])
        #expect(e.falseAccounts.map { "\($0.account):\($0.role)" } == ["S1:shop", "X9:unknown"])
        let tier = try #require(e.roles.first { $0.role == "tier" })
        #expect(tier.count == 2 && tier.flagged == 1 && tier.positive)
        let shop = try #require(e.roles.first { $0.role == "shop" })
        #expect(shop.flagged == 1 && !shop.positive)
        #expect(e.json.serialized().contains("\"precision\": 0.600"))
    }

    @Test func nothingFlagged() throws {
        let e = Evaluation(truth: GroundTruth(roles: ["A": "mule"], positives: ["A"]), flagged: [])
        #expect(e.precision == 1)
        #expect(e.recall == 0)
        #expect(e.f1 == 0)
    }

    @Test func readsAMLworldLabels() throws {
        let truth = try GroundTruth.read(Fixtures.path("aml/amlworld_trans.csv"))
        #expect(truth.positives == ["001:8000F5AD0", "0111:8001A7D20"])
        #expect(truth.roles["010:8000EBD30"] == "normal")
    }

    @Test func readsAMLSimLabels() throws {
        let truth = try GroundTruth.read(Fixtures.path("aml/amlsim_transactions.csv"))
        #expect(truth.positives == ["4", "5", "6"])
        #expect(truth.roles["0"] == "normal")
        let alerts = try GroundTruth.read(Fixtures.temporaryFile("alert_id,alert_type,acct_id,is_sar\n12,cycle,4,True\n12,cycle,5,True\n13,fan_in,9,False\n",
                                                               name: "alert_accounts.csv"))
        #expect(alerts.positives == ["4", "5"])
    }

    @Test func refusesAFileWithoutLabels() throws {
        #expect(throws: IngestError.self) { try GroundTruth.read(Fixtures.path("canonical/mixed_en.csv")) }
    }
}
