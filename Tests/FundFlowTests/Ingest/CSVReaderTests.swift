import Testing
@testable import FundFlow

@Suite struct CSVReaderTests {
    /// All records of a file as arrays of strings, with their line numbers.
    func records(_ path: String) throws -> [(line: Int, fields: [String])] {
        let reader = try CSVReader(path: path)
        var result: [(Int, [String])] = []
        try reader.forEachRecord { record in
            result.append((record.line, (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }))
            return true
        }
        return result
    }

    @Test func readsQuotesEscapesAndEmbeddedNewlines() throws {
        let path = try Fixtures.temporaryFile("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\r\n")
        let rows = try records(path)
        #expect(rows.count == 3)
        #expect(rows[1].fields == ["x,1", "say \"hi\"", "two\nlines"])
        #expect(rows[1].line == 2)
        #expect(rows[2].line == 4)
        #expect(rows[2].fields == ["last", "", ""])
    }

    @Test func handlesNoFinalNewlineAndLoneCR() throws {
        #expect(try records(Fixtures.temporaryFile("a,b\n1,2")).map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try records(Fixtures.temporaryFile("a,b\r1,2\r")).map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func sniffsTheSeparator() throws {
        let tsv = try CSVReader(path: Fixtures.temporaryFile("a\tb\tc\n1,5\t2\t3\n"))
        var first: [String] = []
        try tsv.forEachRecord { record in
            if record.line == 2 { first = (0..<record.count).map { record.string($0) } }
            return true
        }
        #expect(tsv.separator == 0x09)
        #expect(first == ["1,5", "2", "3"])
        let semicolons = try CSVReader(path: Fixtures.temporaryFile("a;b;\"c,d\"\n"))
        try semicolons.forEachRecord { _ in false }
        #expect(semicolons.separator == UInt8(ascii: ";"))
    }

    @Test func stripsTheBOM() throws {
        let path = try Fixtures.temporaryFile([0xEF, 0xBB, 0xBF] + Array("id,time\n1,2\n".utf8))
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == .utf8BOM)
        let rows = try records(path)
        #expect(rows[0].fields == ["id", "time"])
    }

    @Test func keepsTextAfterAClosingQuoteAndEndsAnOpenQuoteAtEOF() throws {
        #expect(try records(Fixtures.temporaryFile("\"ab\"cd,e\n")).map(\.fields) == [["\"ab\"cd", "e"]])
        #expect(try records(Fixtures.temporaryFile("a,\"open\nstill")).map(\.fields) == [["a", "open\nstill"]])
    }

    @Test func readsRecordsAcrossChunkBoundaries() throws {
        // 300,000 rows ≈ 9 MB: several 1 MiB chunks, records and quoted fields cut at their edges.
        var text = "id,memo,amount\n"
        for i in 0..<300_000 { text += "\(i),\"m,\(i)\"\"q\",\(i % 1000).5\n" }
        let path = try Fixtures.temporaryFile(text)
        let reader = try CSVReader(path: path)
        var count = 0
        var bad = 0
        try reader.forEachRecord { record in
            if record.line > 1 {
                let i = record.line - 2
                if record.string(0) != String(i) || record.string(1) != "m,\(i)\"q" || record.string(2) != "\(i % 1000).5" { bad += 1 }
                count += 1
            }
            return true
        }
        #expect(count == 300_000)
        #expect(bad == 0)
    }

    @Test func refusesBinaryAndUnknownEncodings() throws {
        let binary = try Fixtures.temporaryFile([0x61, 0x00, 0x62, 0x0A], name: "nul.csv")
        do {
            _ = try CSVReader(path: binary)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .binary)
            #expect(error.description.contains("nul.csv"))
        }
        // 0xFF is neither UTF-8 nor GB18030.
        let garbage = try Fixtures.temporaryFile([0x61, 0x2C, 0xFF, 0xFF, 0x0A], name: "garbage.csv")
        do {
            _ = try CSVReader(path: garbage)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownEncoding)
        }
    }

    /// The UTF-8 check (eight ASCII bytes at a time, then byte by byte) agrees with the
    /// standard library's validation on texts of ASCII runs, characters of every length, stray
    /// continuation bytes, overlong forms, surrogates and cut sequences, at every alignment.
    @Test func validatesUTF8AsTheStandardLibraryDoes() {
        var random = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [
            Array("6222021234567890,".utf8), Array("a".utf8), Array("张三".utf8), Array("é".utf8), Array("😀".utf8),
            [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE5, 0xBC], [0xFF],
        ]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                let piece = pieces[Int(random.next() % UInt64(pieces.count))]
                bytes += random.next() % 4 == 0 ? piece : Array(repeating: UInt8(0x30 + random.next() % 10), count: Int(random.next() % 20))
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let valid = bytes.withUnsafeBufferPointer { TextEncoding.isValidUTF8($0, allowTruncatedEnd: false) }
            #expect(valid == expected, "\(bytes)")
        }
    }

    @Test func reportsAMissingFile() {
        do {
            _ = try CSVReader(path: "/nonexistent/dump.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/dump.csv: cannot read file: No such file or directory")
        }
    }
}

/// The reader against a plain reference parser on random texts, so that the eight-bytes-at-a-time
/// path for plain records and the general path agree on every record, field and line number.
@Suite struct CSVReaderReferenceTests {
    /// RFC 4180 with the reader's leniencies, byte by byte.
    static func reference(_ bytes: [UInt8], separator sep: UInt8) -> [(line: Int, fields: [[UInt8]])] {
        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [(Int, [[UInt8]])] = []
        var i = 0
        var line = 1
        let end = bytes.count
        while i < end {
            var fields: [[UInt8]] = []
            var newlines = 0
            recordLoop: while true {
                if i < end && bytes[i] == quote {
                    var j = i + 1
                    var value: [UInt8] = []
                    var closed = false
                    while j < end {
                        if bytes[j] == quote {
                            if j + 1 < end && bytes[j + 1] == quote { value.append(quote); j += 2; continue }
                            closed = true
                            break
                        }
                        if bytes[j] == lf { newlines += 1 }
                        value.append(bytes[j])
                        j += 1
                    }
                    if !closed { fields.append(value); i = end; break recordLoop }
                    var k = j + 1
                    if k < end && bytes[k] != sep && bytes[k] != lf && bytes[k] != cr {
                        while k < end && bytes[k] != sep && bytes[k] != lf && bytes[k] != cr { k += 1 }
                        fields.append(Array(bytes[i..<k]))
                    } else {
                        fields.append(value)
                    }
                    i = k
                } else {
                    var j = i
                    while j < end && bytes[j] != sep && bytes[j] != lf && bytes[j] != cr { j += 1 }
                    fields.append(Array(bytes[i..<j]))
                    i = j
                }
                if i >= end { break }
                if bytes[i] == sep {
                    i += 1
                    if i >= end { fields.append([]); break }
                    continue
                }
                if bytes[i] == cr { i += (i + 1 < end && bytes[i + 1] == lf) ? 2 : 1; break }
                i += 1
                break
            }
            records.append((line, fields))
            line += 1 + newlines
        }
        return records
    }

    /// Whether `reader` (over `bytes`) gives the reference's records, fields and line numbers.
    static func readsAsReference(_ reader: CSVReader, _ bytes: [UInt8]) throws -> Bool {
        var read: [(Int, [[UInt8]])] = []
        try reader.forEachRecord { record in
            read.append((record.line, (0..<record.count).map { Array(record[$0]) }))
            return true
        }
        let expected = reference(bytes, separator: reader.separator)
        return read.count == expected.count && zip(read, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    @Test func agreesWithAPlainParserOnRandomTexts() throws {
        let pieces: [[UInt8]] = ["a", "7", "62220000", "2024-01-01 00:00:01", ",", ",", ";", "\t", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " ", "é", "_"]
            .map { Array($0.utf8) }
        var random = SplitMix64(seed: 42)
        var mismatches: [String] = []
        for trial in 0..<400 {
            var bytes = Array("id,time,from\n".utf8)
            let length = Int(random.next() % 120)
            for _ in 0..<length { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            let path = try Fixtures.temporaryFile(bytes, name: "random-\(trial).csv")
            let reader = try CSVReader(path: path)
            if try !Self.readsAsReference(reader, bytes) { mismatches.append(String(decoding: bytes, as: UTF8.self).debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of 400 texts read differently, first: \(mismatches.first ?? "")")
    }

    /// Long records — the 64-bytes-at-a-time scan's — with separators, quotes, CRs and LFs
    /// falling on every position of a 64-byte block.
    @Test func agreesWithAPlainParserOnLongRecords() throws {
        let plain: [[UInt8]] = ["6222020000000000001", "张三丰", "2024-01-01 00:00:01", "a", "手机银行转账", "wxid_kl0ufx0401xqah", "9"]
            .map { Array($0.utf8) }
        let structural: [[UInt8]] = [",", ",", ",", ",", "\n", "\r\n", "\r", "\"", "\"\"", "\t", ";"].map { Array($0.utf8) }
        var random = SplitMix64(seed: 64)
        var mismatches: [String] = []
        for trial in 0..<300 {
            var bytes = Array("id,time,from,to,amount,channel,memo\n".utf8)
            for _ in 0..<Int(random.next() % 400) {
                let piece = random.next() % 5 == 0 ? structural[Int(random.next() % UInt64(structural.count))]
                    : plain[Int(random.next() % UInt64(plain.count))]
                // Newlines rarely, so most records run past 64 bytes.
                if (piece == [0x0A] || piece == [0x0D, 0x0A] || piece == [0x0D]) && random.next() % 4 != 0 { continue }
                bytes += piece
            }
            let reader = try CSVReader(name: "long-\(trial).csv", contents: bytes)
            if try !Self.readsAsReference(reader, bytes) { mismatches.append(String(decoding: bytes, as: UTF8.self).debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of 300 texts read differently, first: \(mismatches.first ?? "")")
    }
}
