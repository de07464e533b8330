import Foundation

/// Reads the sheets of an `.xlsx` workbook as tables (formats.md §2b).
///
/// A workbook is a zip of XML parts; this reads `xl/workbook.xml` (sheet names and order), its
/// relationships (where each sheet lives), `xl/sharedStrings.xml`, and each sheet's cells, with
/// a small byte-level scanner: no DOM, one pass per sheet. Cells are handed out as text, as Excel
/// stores them (numbers in their shortest decimal form; dates as serial numbers, which the time
/// parser accepts for xlsx input).
final class XLSXReader {
    let path: String
    private let zip: ZipArchive
    /// The sheets, in workbook order.
    private(set) var sheetNames: [String] = []
    private var sheetPaths: [String: String] = [:]
    private var sharedStrings: [[UInt8]] = []
    /// The size of the file on disk.
    let byteCount: Int

    /// Whether `path` is a zip file (by its first bytes), which fundflow reads as a workbook.
    static func looksLikeXLSX(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Whether `bytes` begin as a zip file does.
    static func looksLikeXLSX(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    convenience init(path: String) throws(IngestError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError(file: path, kind: .unreadable("no such file, or no permission"))
        }
        try self.init(name: path, bytes: [UInt8](data))
    }

    /// A workbook already in memory, named `name` in errors.
    init(name: String, bytes: [UInt8]) throws(IngestError) {
        let path = name
        self.path = name
        byteCount = bytes.count
        do {
            zip = try ZipArchive(bytes: bytes)
        } catch {
            throw IngestError(file: path, kind: .notATable("a zip file that cannot be opened (\(error.message))"))
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw IngestError(file: path, kind: .notATable("a zip file without xl/workbook.xml (not an xlsx workbook)"))
        }
        let relations = try part("xl/_rels/workbook.xml.rels") ?? []
        var targets: [String: String] = [:]
        XMLScan.elements(named: "Relationship", in: relations) { attributes in
            if let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        XMLScan.elements(named: "sheet", in: workbook) { attributes in
            guard let name = attributes["name"] else { return }
            let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            if let id, let target = targets[id] {
                sheetNames.append(name)
                sheetPaths[name] = target
            }
        }
        if let strings = try part("xl/sharedStrings.xml") {
            sharedStrings = XMLScan.sharedStrings(strings)
        }
    }

    /// The bytes of a part of the workbook, or `nil` when it is absent.
    private func part(_ name: String) throws(IngestError) -> [UInt8]? {
        do throws(ZipArchive.DamagedZip) {
            return try zip.contents(of: name)
        } catch {
            throw IngestError(file: path, kind: .damagedWorkbook(error.message))
        }
    }

    /// Calls `body` with each row of sheet `name`; `line` is the sheet's row number.
    func forEachRow(inSheet name: String, _ body: (RawRecord) throws(IngestError) -> Void) throws(IngestError) {
        guard let sheetPath = sheetPaths[name], let xml = try part(sheetPath) else { return }
        var record = OwnedRecord()
        var rowNumber = 0
        var failure: IngestError?
        XMLScan.rows(xml) { event in
            guard failure == nil else { return }
            switch event {
            case .rowStart(let number):
                record.removeAll()
                rowNumber = number ?? (rowNumber + 1)
            case .cell(let column, let type, let value):
                if type == "s" {
                    let index = Int(String(decoding: value, as: UTF8.self)) ?? -1
                    record.set(column, index >= 0 && index < sharedStrings.count ? sharedStrings[index] : [])
                } else if type == "b" {
                    record.set(column, value == [UInt8(ascii: "1")] ? Array("TRUE".utf8) : Array("FALSE".utf8))
                } else if type.isEmpty || type == "n" {
                    record.set(column, XLSXNumber.nearestHundredth(value) ?? value)
                } else {
                    record.set(column, value)
                }
            case .rowEnd:
                record.withRecord(line: rowNumber) { (r: RawRecord) in
                    do throws(IngestError) { try body(r) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
    }
}

/// A minimal scanner for the XML of xlsx parts.
enum XMLScan {
    enum RowEvent {
        case rowStart(Int?)
        case cell(column: Int, type: String, value: [UInt8])
        case rowEnd
    }

    /// Calls `body` with the attributes of every start tag named `name`.
    static func elements(named name: String, in xml: [UInt8], _ body: ([String: String]) -> Void) {
        let target = Array(name.utf8)
        var i = 0
        while let open = find(UInt8(ascii: "<"), xml, from: i) {
            guard let close = find(UInt8(ascii: ">"), xml, from: open) else { return }
            let (tag, attributes) = parseTag(xml, open + 1, close)
            if tag == target { body(attributes) }
            i = close + 1
        }
    }

    /// The texts of `<si>` items: the `<t>` texts inside each one, concatenated.
    static func sharedStrings(_ xml: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var inItem = false
        var i = 0
        while let open = find(UInt8(ascii: "<"), xml, from: i) {
            guard let close = find(UInt8(ascii: ">"), xml, from: open) else { break }
            let (tag, _) = parseTag(xml, open + 1, close)
            let selfClosing = xml[close - 1] == UInt8(ascii: "/")
            if tag == Array("si".utf8) {
                inItem = true
                current = []
                if selfClosing { result.append([]); inItem = false }
            } else if tag == Array("/si".utf8) {
                result.append(current)
                inItem = false
            } else if tag == Array("t".utf8) && inItem && !selfClosing {
                let end = find(UInt8(ascii: "<"), xml, from: close + 1) ?? xml.count
                current.append(contentsOf: decodeEntities(xml[(close + 1)..<end]))
                i = end
                continue
            } else if tag == Array("rPh".utf8) && !selfClosing {
                // Phonetic runs are not part of the text.
                let endTag = Array("</rPh>".utf8)
                i = findSequence(endTag, xml, from: close + 1).map { $0 + endTag.count } ?? xml.count
                continue
            }
            i = close + 1
        }
        return result
    }

    /// Scans a worksheet's `<sheetData>` into row and cell events.
    static func rows(_ xml: [UInt8], _ body: (RowEvent) -> Void) {
        var i = 0
        var inRow = false
        var cellColumn = 0
        var nextColumn = 0
        var cellType = ""
        var cellValue: [UInt8] = []
        var inCell = false
        while let open = find(UInt8(ascii: "<"), xml, from: i) {
            guard let close = find(UInt8(ascii: ">"), xml, from: open) else { break }
            let selfClosing = xml[close - 1] == UInt8(ascii: "/")
            let (tag, attributes) = parseTag(xml, open + 1, selfClosing ? close - 1 : close)
            switch String(decoding: tag, as: UTF8.self) {
            case "row":
                inRow = true
                nextColumn = 0
                body(.rowStart(attributes["r"].flatMap { Int($0) }))
                if selfClosing { body(.rowEnd); inRow = false }
            case "/row":
                if inRow { body(.rowEnd) }
                inRow = false
            case "c":
                cellColumn = attributes["r"].flatMap(columnIndex) ?? nextColumn
                nextColumn = cellColumn + 1
                cellType = attributes["t"] ?? ""
                cellValue = []
                inCell = !selfClosing
                if selfClosing { body(.cell(column: cellColumn, type: cellType, value: [])) }
            case "/c":
                if inCell { body(.cell(column: cellColumn, type: cellType, value: cellValue)) }
                inCell = false
            case "v", "t":
                if inCell && !selfClosing {
                    let end = find(UInt8(ascii: "<"), xml, from: close + 1) ?? xml.count
                    cellValue.append(contentsOf: decodeEntities(xml[(close + 1)..<end]))
                    i = end
                    continue
                }
            case "f":
                // A formula: its cached value follows in <v>; skip the formula text.
                if !selfClosing {
                    i = find(UInt8(ascii: "<"), xml, from: close + 1) ?? xml.count
                    continue
                }
            default:
                break
            }
            i = close + 1
        }
    }

    /// The 0-based column of a cell reference like `AB12`.
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A") + 1)
            letters += 1
        }
        return letters > 0 && column <= 16_384 ? column - 1 : nil
    }

    private static func find(_ byte: UInt8, _ xml: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < xml.count {
            if xml[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private static func findSequence(_ needle: [UInt8], _ xml: [UInt8], from start: Int) -> Int? {
        var i = start
        while let at = find(needle[0], xml, from: i) {
            if at + needle.count <= xml.count && Array(xml[at..<(at + needle.count)]) == needle { return at }
            i = at + 1
        }
        return nil
    }

    /// The tag name (with a leading `/` for end tags) and attributes between `<` and `>`.
    private static func parseTag(_ xml: [UInt8], _ start: Int, _ end: Int) -> ([UInt8], [String: String]) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var i = start
        if i < end && xml[i] == UInt8(ascii: "/") { i += 1 }
        while i < end && !isSpace(xml[i]) && xml[i] != UInt8(ascii: "/") { i += 1 }
        var name = Array(xml[start..<i])
        // Drop a namespace prefix (x:row → row).
        if let colon = name.firstIndex(of: UInt8(ascii: ":")) {
            name = (name.first == UInt8(ascii: "/") ? [UInt8(ascii: "/")] : []) + name[(colon + 1)...]
        }
        var attributes: [String: String] = [:]
        while i < end {
            while i < end && (isSpace(xml[i]) || xml[i] == UInt8(ascii: "/")) { i += 1 }
            let keyStart = i
            while i < end && xml[i] != UInt8(ascii: "=") && xml[i] != 0x20 { i += 1 }
            let key = String(decoding: xml[keyStart..<i], as: UTF8.self)
            guard i < end, xml[i] == UInt8(ascii: "=") else { break }
            i += 1
            guard i < end else { break }
            let quote = xml[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { break }
            i += 1
            let valueStart = i
            while i < end && xml[i] != quote { i += 1 }
            attributes[key] = String(decoding: decodeEntities(xml[valueStart..<min(i, end)]), as: UTF8.self)
            i += 1
        }
        return (name, attributes)
    }

    /// Replaces `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), let semicolon = bytes[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch name {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i = semicolon + 1
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }
}
