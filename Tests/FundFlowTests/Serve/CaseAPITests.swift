import Foundation
import Testing
@testable import FundFlow
@testable import FundFlowServe

/// `fundflow serve`'s routes, answered without a socket: what they return, what they refuse.
@Suite struct CaseAPITests {
    static let hostile = "<b>&amp;</b>\"\\'{}"

    /// The demo case plus two transfers of an account with a hostile id, served on port 4321.
    static let session: CaseSession = {
        let extra = "id,time,from,to,amount,channel\n"
            + "H1,2024-02-05 10:00:00,\"<b>&amp;</b>\"\"\\'{}\",6214167745961732,88.00,transfer\n"
            + "H2,2024-02-05 10:05:00,6214167745961732,\"a/b c\",8.00,transfer\n"
        let file = try! Fixtures.temporaryFile(extra)
        var request = CaseAnalysis.Request(inputs: [Fixtures.path("demo/transfers.csv"), file])
        request.victims = Fixtures.path("demo/victims.csv")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fundflow-serve-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try! CaseSession(request, folder: folder)
    }()

    func api(loopback: Bool = true) -> CaseAPI {
        CaseAPI(session: Self.session, policy: AccessPolicy(token: "t0k3n-t0k3n-t0k3n", loopback: loopback, port: 4321), now: { 1_733_100_000_000 })
    }

    func get(_ target: String, _ api: CaseAPI? = nil, headers: [String: String] = ["host": "127.0.0.1:4321"]) throws -> (Int, String) {
        let request = try #require(APIRequest(method: "GET", target: target, headers: headers))
        let response = (api ?? self.api()).respond(request)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theSummaryAddsUpAndNamesTheFreezeList() throws {
        let (status, body) = try get("/api/summary")
        #expect(status == 200)
        let summary = try json(body)
        #expect(summary["rows"] as? Int == 4002 && summary["adds_up"] as? Bool == true)
        let money = try #require(summary["victims_money"] as? [String: String])
        #expect(money["reported"] == "742400.00")
        let freeze = try #require(summary["freeze"] as? [[String: Any]])
        #expect(freeze.first?["account"] as? String == "6228022157225796")
        #expect((summary["flagged"] as? [Any])?.isEmpty == false)
    }

    @Test func anAccountWithAHostileIdRoundTripsVerbatim() throws {
        let encoded = Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (status, body) = try get("/api/accounts/" + encoded)
        #expect(status == 200)
        let account = try json(body)
        #expect(account["account"] as? String == Self.hostile)
        #expect((account["paid"] as? [String: Any])?["total"] as? String == "88.00")
        // An id with a slash is one segment when encoded.
        let (slashStatus, slashBody) = try get("/api/accounts/a%2Fb%20c/transfers")
        #expect(slashStatus == 200)
        #expect(try json(slashBody)["total"] as? Int == 1)
        // Search finds it by prefix, verbatim.
        let (_, found) = try get("/api/search?q=%3Cb%3E")
        let hits = try #require(try json(found)["accounts"] as? [[String: Any]])
        #expect(hits.map { $0["account"] as? String } == [Self.hostile])
    }

    @Test func transfersFilterAndPage() throws {
        let (_, all) = try get("/api/accounts/6214167745961732/transfers?limit=1000")
        let total = try #require(try json(all)["total"] as? Int)
        #expect(total == 71)  // 69 received in the demo + H1 in + H2 out
        let (_, inbound) = try get("/api/accounts/6214167745961732/transfers?direction=out")
        #expect(try json(inbound)["total"] as? Int == 1)
        let (_, window) = try get("/api/accounts/6214167745961732/transfers?since=2024-02-11%2013:00:00&until=2024-02-11%2015:00:00")
        let windowed = try #require(try json(window)["total"] as? Int)
        #expect(windowed > 0 && windowed < total)
        let (_, big) = try get("/api/accounts/6214167745961732/transfers?min_amount=5000")
        let rows = try #require(try json(big)["transfers"] as? [[String: Any]])
        #expect(rows.allSatisfy { (try? AmountParser.parse($0["amount"] as! String).fen) ?? 0 >= 500_000 })
        let (_, page) = try get("/api/accounts/6214167745961732/transfers?offset=70&limit=10")
        #expect((try json(page)["transfers"] as? [Any])?.count == 1)
    }

    @Test func theGraphsDotIsRendersAndItsNodesNameTheirAccounts() throws {
        let (status, dot) = try get("/api/graph?account=6214167745961732&hops=2&format=dot")
        #expect(status == 200)
        var chart = NeighbourhoodChart(accounts: ["6214167745961732"])
        chart.hops = 2
        let expected = try ChartSelection.render(try chart.request(on: Self.session.graph), graph: Self.session.graph, format: .dot,
                                                 offsetSeconds: cst)
        #expect(Array(dot.utf8) == expected)
        let (_, body) = try get("/api/graph?account=6214167745961732&hops=1&format=json&hide=6230045091307002")
        let graph = try json(body)
        let nodes = try #require(graph["nodes"] as? [[String: Any]])
        #expect(nodes.contains { $0["account"] as? String == "6214167745961732" })
        #expect(!nodes.contains { $0["account"] as? String == "6230045091307002" })
        #expect((graph["svg"] as? String)?.contains("<svg") == true)
        let (victimStatus, victim) = try get("/api/graph?victim=6212180789943047&format=json")
        let title = try json(victim)["title"] as? String
        #expect(victimStatus == 200 && title?.hasPrefix("victim 6212180789943047") == true)
    }

    @Test func badRequestsGetAJSONErrorNeverACrash() throws {
        for (target, status) in [("/api/accounts/nope", 404), ("/api/accounts/6214167745961732/transfers?limit=0", 400),
                                 ("/api/accounts/6214167745961732/transfers?since=yesterday", 400), ("/api/graph", 400),
                                 ("/api/graph?account=nope", 404), ("/api/graph?account=6214167745961732&hops=99", 400),
                                 ("/api/graph?account=6214167745961732&format=exe", 400), ("/api/search?q=", 400),
                                 ("/api/nothing", 404), ("/../../etc/passwd", 404), ("/api/accounts/6214167745961732/transfers?min_amount=-1", 400)] {
            let (code, body) = try get(target)
            #expect(code == status, "\(target)")
            #expect(try json(body)["error"] is String, "\(target)")
        }
        #expect(APIRequest(method: "GET", target: "/api/accounts/%ZZ") == nil)
        #expect(APIRequest(method: "GET", target: "/api/accounts/%FF%FE") == nil)
    }

    @Test func accessNeedsTheRightHostAndWritesNeedTheToken() throws {
        // DNS rebinding: another Host on loopback is refused.
        #expect(try get("/api/summary", headers: ["host": "evil.example:4321"]).0 == 403)
        #expect(try get("/api/summary", headers: [:]).0 == 403)
        #expect(try get("/api/summary", headers: ["host": "localhost:4321"]).0 == 200)
        // Another host: every request needs the token, as a header or ?token=.
        let open = api(loopback: false)
        #expect(try get("/api/summary", open, headers: [:]).0 == 401)
        #expect(try get("/api/summary?token=wrong", open, headers: [:]).0 == 401)
        #expect(try get("/api/summary?token=t0k3n-t0k3n-t0k3n", open, headers: [:]).0 == 200)
        #expect(try get("/api/summary", open, headers: ["x-fundflow-token": "t0k3n-t0k3n-t0k3n"]).0 == 200)
        #expect(try get("/app.js", open, headers: [:]).0 == 200)
        // Writes: the header, always; ?token= is not enough.
        let body = Array(#"{"account":"6214167745961732","status":"suspect","note":"x"}"#.utf8)
        let noToken = try #require(APIRequest(method: "POST", target: "/api/annotations", headers: ["host": "127.0.0.1:4321"], body: body))
        #expect(api().respond(noToken).status == 401)
        let queryToken = try #require(APIRequest(method: "POST", target: "/api/annotations?token=t0k3n-t0k3n-t0k3n", headers: ["host": "127.0.0.1:4321"], body: body))
        #expect(api().respond(queryToken).status == 401)
    }

    @Test func anAnnotationIsWrittenToTheCaseFolderAndChangesTheFlags() throws {
        let headers = ["host": "127.0.0.1:4321", "x-fundflow-token": "t0k3n-t0k3n-t0k3n"]
        let flagged = Self.session.analysis.flagged.map { Self.session.graph.name(of: $0.account) }
        let target = try #require(flagged.first)
        let note = "银行核实 \(Self.hostile)"
        let payload = try JSONSerialization.data(withJSONObject: ["account": target, "status": "cleared", "note": note])
        let post = try #require(APIRequest(method: "POST", target: "/api/annotations", headers: headers, body: Array(payload)))
        #expect(api().respond(post).status == 201)
        let onDisk = try AnnotationBook.read(Self.session.folder + "/annotations.json")
        #expect(onDisk.current(for: target)?.note == note)
        let (_, summary) = try get("/api/summary")
        let names = (try json(summary)["flagged"] as? [[String: Any]])?.compactMap { $0["account"] as? String } ?? []
        #expect(!names.contains(target))
        let (_, page) = try get("/api/accounts/" + target)
        #expect((try json(page)["annotation"] as? [String: Any])?["status"] as? String == "cleared")
        for bad in [#"{"account":"nope","status":"cleared"}"#, #"{"account":"6214167745961732","status":"maybe"}"#, "not json"] {
            let request = try #require(APIRequest(method: "POST", target: "/api/annotations", headers: headers, body: Array(bad.utf8)))
            #expect((400...404).contains(api().respond(request).status), "\(bad)")
        }
    }

    @Test func thePageEmbedsTheTokenAsAnAttributeAndSendsSecurityHeaders() throws {
        let response = api().respond(try #require(APIRequest(method: "GET", target: "/", headers: ["host": "127.0.0.1:4321"])))
        let page = String(decoding: response.body, as: UTF8.self)
        #expect(page.contains(#"<meta name="fundflow-token" content="t0k3n-t0k3n-t0k3n">"#))
        #expect(response.headers.contains { $0.0 == "Content-Security-Policy" })
        #expect(WebApp.attribute(#""><script>"#) == "&quot;&gt;&lt;script&gt;")
        #expect(!WebApp.script.contains("innerHTML"))
    }
}
