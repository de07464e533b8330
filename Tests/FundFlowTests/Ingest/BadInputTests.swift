import Testing
@testable import FundFlow

/// A file that cannot be read as a table stops with one clear error naming file and line;
/// a bad row never does.
@Suite struct BadInputTests {
    func error(reading text: String, name: String = "dump.csv") throws -> IngestError? {
        let path = try Fixtures.temporaryFile(text, name: name)
        do {
            _ = try Ingestor.read([path])
            return nil
        } catch {
            return error
        }
    }

    @Test func aHeaderWithoutAnAmountColumnNamesTheField() throws {
        let error = try #require(try error(reading: "id,time,from,to,value\n1,2024-03-01 10:00:00,A,B,5\n"))
        #expect(error.kind == .missingColumns(["amount"]))
        #expect(error.line == 1)
        #expect(error.description.hasSuffix("dump.csv:1: no column for required field(s) amount in the header"))
    }

    @Test func aHeaderWithoutTimeOrAccounts() throws {
        let error = try #require(try error(reading: "amount,memo\n5,x\n"))
        #expect(error.kind == .missingColumns(["time", "from", "to"]))
    }

    @Test func anEmptyFile() throws {
        #expect(try error(reading: "")?.kind == .empty)
        #expect(try error(reading: "\n\n  \n")?.kind == .empty)
    }

    @Test func aHeaderOnlyFileIsReadAsNoTransfers() throws {
        let path = try Fixtures.temporaryFile("id,time,from,to,amount\n")
        let result = try Ingestor.read([path])
        #expect(result.graph.transferCount == 0)
        #expect(result.report.rows == 0)
    }

    @Test func titleLinesBeforeTheHeaderAreSkipped() throws {
        let path = try Fixtures.temporaryFile("查询结果\n导出时间: 2024-03-05\nid,time,from,to,amount\n1,2024-03-01 10:00:00,A,B,5\n")
        let result = try Ingestor.read([path])
        #expect(result.graph.transferCount == 1)
        #expect(result.report.skippedByReason == [.preamble: 2])
        #expect(result.report.addsUp)
    }

    @Test func raggedRowsAreRejectedNotDropped() throws {
        let path = try Fixtures.temporaryFile("id,time,from,to,amount\n1,2024-03-01 10:00:00,A,B,5,extra\n2,2024-03-01 10:00:00,A\n3,2024-03-01 10:00:00,A,B,5,\n")
        let result = try Ingestor.read([path])
        #expect(result.report.transfers == 1)  // row 3: a trailing empty field is harmless
        #expect(result.report.rejected == 2)
        #expect(result.report.rejectedRows.map(\.reason) == ["has 6 fields, the header has 5", "empty amount"])
    }

    @Test func aZipThatIsNotAWorkbook() throws {
        let path = try Fixtures.temporaryFile([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], name: "fake.xlsx")
        do {
            _ = try Ingestor.read([path])
            Issue.record("expected an error")
        } catch {
            guard case .notATable = error.kind else { Issue.record("unexpected \(error)"); return }
            #expect(error.file == path)
        }
    }

    @Test func aForcedLayoutThatDoesNotFit() throws {
        var options = IngestOptions()
        options.layout = .statement
        let path = try Fixtures.temporaryFile("id,time,from,to,amount\n1,2024-03-01 10:00:00,A,B,5\n")
        do {
            _ = try Ingestor.read([path], options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .missingColumns(["account (交易卡号)"]))
        }
    }
}
