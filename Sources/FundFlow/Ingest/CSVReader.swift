#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming, byte-level reader of CSV and TSV files (RFC 4180).
///
/// It reads the file in chunks through ``TextSource`` (so GB18030 and BOMs are handled), sniffs
/// the separator from the first line (comma, tab or semicolon, outside quotes), and hands out one
/// ``RawRecord`` at a time. Fields are ranges into a reused buffer; a quoted field with doubled
/// quotes is unescaped in place. Nothing is allocated per field or per record.
///
/// Leniencies, for files as banks write them: CRLF, LF or lone CR line ends; a quote inside an
/// unquoted field is literal; text after a closing quote is kept as part of the field; an
/// unterminated quote at the end of the file ends the field there.
public final class CSVReader {
    /// The longest record accepted; longer ones stop the file with ``IngestError/Kind/recordTooLong(limit:)``.
    public static let maxRecordBytes = 64 << 20

    /// The file's path.
    public let path: String
    /// The detected (or forced) encoding.
    public var encoding: TextEncoding { source.encoding }
    /// The separator used: `,`, `\t` or `;`.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")
    /// Bytes read from disk so far.
    public var bytesRead: Int { source.bytesRead }

    private let source: TextSource
    private let forcedSeparator: UInt8?
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var escaped: [Bool] = []

    /// Opens `path`. `separator` forces a separator instead of sniffing it.
    public init(path: String, encoding: TextEncoding? = nil, separator: UInt8? = nil) throws(IngestError) {
        self.path = path
        self.source = try TextSource(path: path, forcedEncoding: encoding)
        self.forcedSeparator = separator
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
        escaped.reserveCapacity(64)
    }

    /// Calls `body` with every record of the file in order. `body` returns `false` to stop early.
    public func forEachRecord(_ body: (RawRecord) throws -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: TextSource.chunkSize * 2)
        var count = 0
        var position = 0
        var line = 1
        var eof = false
        var sniffed = false
        while true {
            if !eof {
                if let newCount = try source.read(into: &buffer, count: count) {
                    count = newCount
                    if !sniffed {
                        // Sniff only once a whole first line (or the whole file) is in the buffer.
                        if buffer[0..<count].contains(0x0A) || count > Self.maxRecordBytes {
                            separator = forcedSeparator ?? Self.sniffSeparator(buffer, count: count)
                            sniffed = true
                        } else {
                            continue
                        }
                    }
                } else {
                    eof = true
                    if !sniffed {
                        separator = forcedSeparator ?? Self.sniffSeparator(buffer, count: count)
                        sniffed = true
                    }
                }
            }
            var stop = false
            try buffer.withUnsafeMutableBufferPointer { whole in
                let buf = whole.baseAddress!
                while position < count {
                    guard let (next, newlines) = scanRecord(buf, from: position, end: count, eof: eof) else { break }
                    unescapeFields(buf)
                    let keepGoing = try starts.withUnsafeBufferPointer { s in
                        try ends.withUnsafeBufferPointer { e in
                            try body(RawRecord(base: UnsafePointer(buf), starts: s.baseAddress!, ends: e.baseAddress!,
                                               count: starts.count, line: line))
                        }
                    }
                    line += 1 + newlines
                    position = next
                    if !keepGoing { stop = true; return }
                }
            }
            if stop || (eof && position >= count) { return }
            if eof {
                // scanRecord always completes a record at the end of the file.
                return
            }
            // Keep the unfinished record and read more.
            let remaining = count - position
            if remaining > Self.maxRecordBytes {
                throw IngestError(file: path, line: line, kind: .recordTooLong(limit: Self.maxRecordBytes))
            }
            if position > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + position, remaining)
                }
            }
            count = remaining
            position = 0
            if buffer.count < count + TextSource.chunkSize {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
        }
    }

    /// Scans one record starting at `start`; returns where the next record starts and how many
    /// newlines were inside quoted fields, or `nil` when the record is not complete in the buffer.
    @inline(__always)
    private func scanRecord(
        _ buf: UnsafeMutablePointer<UInt8>, from start: Int, end: Int, eof: Bool
    ) -> (Int, Int)? {
        let quote = UInt8(ascii: "\"")
        let newline: UInt8 = 0x0A
        let carriage: UInt8 = 0x0D
        let sep = separator
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        var newlines = 0
        var i = start
        while true {
            if i < end && buf[i] == quote {
                var j = i + 1
                var hasEscape = false
                var closed = false
                while j < end {
                    let c = buf[j]
                    if c == quote {
                        if j + 1 < end {
                            if buf[j + 1] == quote { hasEscape = true; j += 2; continue }
                            closed = true
                            break
                        }
                        if !eof { return nil }
                        closed = true
                        break
                    }
                    if c == newline { newlines += 1 }
                    j += 1
                }
                if !closed {
                    if !eof { return nil }
                    starts.append(i + 1); ends.append(end); escaped.append(hasEscape)
                    return (end, newlines)
                }
                // j is the closing quote.
                var k = j + 1
                if k < end && buf[k] != sep && buf[k] != newline && buf[k] != carriage {
                    // Malformed: text after the closing quote. Keep the raw text to the separator.
                    while k < end && buf[k] != sep && buf[k] != newline && buf[k] != carriage { k += 1 }
                    if k >= end && !eof { return nil }
                    starts.append(i); ends.append(k); escaped.append(false)
                } else {
                    starts.append(i + 1); ends.append(j); escaped.append(hasEscape)
                }
                i = k
            } else {
                var j = i
                while j < end {
                    let c = buf[j]
                    if c == sep || c == newline || c == carriage { break }
                    j += 1
                }
                if j >= end && !eof { return nil }
                starts.append(i); ends.append(j); escaped.append(false)
                i = j
            }
            if i >= end { return eof ? (end, newlines) : nil }
            let c = buf[i]
            if c == sep {
                i += 1
                if i >= end {
                    if !eof { return nil }
                    starts.append(end); ends.append(end); escaped.append(false)
                    return (end, newlines)
                }
                continue
            }
            if c == carriage {
                if i + 1 < end { return (buf[i + 1] == newline ? i + 2 : i + 1, newlines) }
                return eof ? (i + 1, newlines) : nil
            }
            return (i + 1, newlines)
        }
    }

    /// Removes the doubling of quotes inside quoted fields, in place.
    @inline(__always)
    private func unescapeFields(_ buf: UnsafeMutablePointer<UInt8>) {
        for index in 0..<escaped.count where escaped[index] {
            var read = starts[index]
            var write = read
            let end = ends[index]
            while read < end {
                let c = buf[read]
                buf[write] = c
                write += 1
                read += (c == UInt8(ascii: "\"") && read + 1 < end && buf[read + 1] == c) ? 2 : 1
            }
            ends[index] = write
        }
    }

    /// Picks the separator that occurs most often outside quotes on the first line.
    static func sniffSeparator(_ buffer: [UInt8], count: Int) -> UInt8 {
        var commas = 0, tabs = 0, semicolons = 0
        var inQuotes = false
        for byte in buffer[0..<min(count, 1 << 20)] {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A { break }
            switch byte {
            case UInt8(ascii: ","): commas += 1
            case 0x09: tabs += 1
            case UInt8(ascii: ";"): semicolons += 1
            default: break
            }
        }
        if tabs > commas && tabs >= semicolons { return 0x09 }
        if semicolons > commas && semicolons > tabs { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
