#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one large CSV file in parts, on several threads, with the result of a one-thread read.
///
/// The file is cut at line ends near equal offsets. Part 0 is read on the calling thread into the
/// caller's sinks, from the start of the file. Every other part is read on a thread of its own into
/// a builder of its own, from its cut to the next, with the header that a first look at the start
/// of the file found. A cut can fall inside a quoted field that spans lines, so a part is taken
/// only when the part before it — itself read from a right start — ended its last record exactly at
/// the cut: its rows are then appended as they are, its accounts interned in the order it saw them,
/// its line numbers moved on. Otherwise the part is dropped and that stretch is read again on the
/// calling thread, from where the part before ended. Either way the graph, the account ids, the
/// line numbers and the report are those of a one-thread read.
///
/// A statement's part keeps its entries for the merge (``StatementRows``), taken with its accounts
/// mapped; a part in which a row's direction needs the balance an earlier part ended with (a
/// blank 收付标志) is read again in line too.
///
/// UTF-8 and GB18030 files are split (in both a line feed byte is never part of another
/// character, so a cut after one is a line end). A UTF-8 part's reader stops at the first record
/// that starts at or after the next cut (text offsets are file offsets); a GB18030 part, converted
/// as it is read, ends at the next cut as if the file ended there, and when a record crosses the
/// cut its reader reads on to the end of the file (the later parts are then not taken). UTF-16
/// files and small files are read on one thread.
enum SplitRead {
    /// What a thread read from one part.
    struct Part: Sendable {
        var builder: GraphBuilder
        var file: FileReport
        var rejectedRows: [RejectedRow]
        var stoppedAt: Int?
        var nextLine: Int
        /// A statement's entries, waiting for the merge, and the balances its accounts ended with.
        var statements: StatementRows
        var balances: [Int32: Int64]
        /// False when a row needed a balance from an earlier part: the part is read again in line.
        var complete: Bool
    }

    /// Where a thread leaves its part; joining the thread orders the write before the read.
    final class Slot: @unchecked Sendable {
        var part: Result<Part, IngestError>?
        var worker: WorkerThread?
    }

    /// Reads `path` in `options.readThreads` parts into `sinks`, or returns `nil` having read
    /// nothing when the file is not one to split. Returns the bytes read.
    static func read(
        path: String, fileIndex: UInt16, reportIndex: Int, options: IngestOptions, bytesBefore: Int,
        progress: ((Int) -> Void)?, _ sinks: inout TableIngestor.Sinks
    ) throws(IngestError) -> Int? {
        let parts = min(options.readThreads, 64)
        guard parts >= 2, let size = fileSize(path), size >= options.splitMinimumBytes,
              let look = firstLook(path: path, options: options),
              let cuts = cuts(path: path, size: size, parts: parts, after: look.headerEnd)
        else { return nil }

        // Parts 1... on their own threads.
        var slots: [Slot] = []
        for k in 1..<cuts.count {
            let slot = Slot()
            slots.append(slot)
            let start = cuts[k], stop = k + 1 < cuts.count ? cuts[k + 1] : Int.max
            let builder = sinks.builder.partBuilder(expectedTransfers: (min(stop, size) - start) / 32)
            let header = look.header, headerLine = look.headerLine, separator = look.separator, encoding = look.encoding.withoutBOM
            slot.worker = WorkerThread {
                slot.part = readPart(
                    path: path, fileIndex: fileIndex, options: options, header: header, headerLine: headerLine,
                    separator: separator, encoding: encoding, start: start, stop: stop, builder: builder)
            }
        }

        // On an error here, wait for the parts' threads before leaving.
        do {
            return try readParts(
                path: path, fileIndex: fileIndex, reportIndex: reportIndex, options: options, bytesBefore: bytesBefore,
                progress: progress, look: look, cuts: cuts, slots: slots, size: size, &sinks)
        } catch {
            for slot in slots { slot.worker?.join() }
            throw error
        }
    }

    /// Part 0 on the calling thread, then each later part taken or read again here.
    private static func readParts(
        path: String, fileIndex: UInt16, reportIndex: Int, options: IngestOptions, bytesBefore: Int,
        progress: ((Int) -> Void)?, look: (header: HeaderMap, headerLine: Int, headerEnd: Int, separator: UInt8, encoding: TextEncoding),
        cuts: [Int], slots: [Slot], size: Int, _ sinks: inout TableIngestor.Sinks
    ) throws(IngestError) -> Int {
        var table = TableIngestor(path: path, fileIndex: fileIndex, reportIndex: reportIndex, options: options)
        // With the encoding the first look detected from the same first bytes: not detected again.
        let first = try readStretch(
            path: path, options: options, encoding: look.encoding, separator: nil, stop: cuts[1],
            table: &table, bytesBefore: bytesBefore, progress: progress, &sinks)
        var (stoppedAt, nextLine) = (first.stoppedAt, first.nextLine)
        sinks.report.files[reportIndex].encoding = look.encoding
        for k in 1..<cuts.count {
            let slot = slots[k - 1]
            slot.worker?.join()
            guard let at = stoppedAt else { continue }  // the stretch before reached the end of the file
            let stop = k + 1 < cuts.count ? cuts[k + 1] : Int.max
            // The builder is moved out of the slot and the part: a second reference to its rows
            // would make absorbing copy them all (15 ms of the realistic 1M dump).
            let taken = slot.part
            slot.part = nil
            if at == cuts[k], case .success(var part)? = consume taken, part.complete {
                let offset = nextLine - 1
                let builder = part.builder
                part.builder = GraphBuilder()
                // A statement's entries hold attribute ids: the part must have named them alike.
                precondition(builder.attributes.keys.starts(with: sinks.builder.attributes.keys)
                             && (part.statements.isEmpty || builder.attributes.keys == sinks.builder.attributes.keys),
                             "a part adopts the header as the first part did")
                table.resolvePendingAccounts(&sinks)  // the stretch before's accounts first
                let map = sinks.builder.absorb(consume builder, lineOffset: Int32(truncatingIfNeeded: offset), threads: options.readThreads,
                                               parallelMinimum: options.parallelLookupMinimum)
                if !part.statements.isEmpty {
                    sinks.statements.append(contentsOf: part.statements, accountMap: map, lineOffset: Int32(truncatingIfNeeded: offset))
                }
                table.takeBalances(part.balances, accountMap: map)
                merge(part, lineOffset: offset, into: &sinks, reportIndex: reportIndex)
                stoppedAt = part.stoppedAt
                nextLine = part.nextLine + offset
            } else {
                let again = try readStretch(
                    path: path, options: options, encoding: look.encoding.withoutBOM, separator: look.separator, start: at, firstLine: nextLine,
                    stop: stop, table: &table, bytesBefore: bytesBefore, progress: progress, &sinks)
                (stoppedAt, nextLine) = (again.stoppedAt, again.nextLine)
            }
        }
        try table.finish(&sinks)
        return size
    }

    /// Reads from `start` on the calling thread until the first record at or after `stop` (the
    /// one-thread read of a whole file is `start` 0, no `stop`); the reader tells where it
    /// stopped (`stoppedAt`, `nil` at the end of the file), the line there, the encoding and the
    /// bytes read.
    static func readStretch(
        path: String, options: IngestOptions, encoding: TextEncoding?, separator: UInt8?, start: Int = 0, firstLine: Int = 1,
        stop: Int = .max, table: inout TableIngestor, bytesBefore: Int, progress: ((Int) -> Void)?, _ sinks: inout TableIngestor.Sinks
    ) throws(IngestError) -> CSVReader {
        // A converted file's text offsets are not file offsets: its stretch ends at a limit.
        let converted = encoding?.iconvName != nil
        let reader = try CSVReader(
            path: path, encoding: encoding, separator: separator, maxRecordBytes: options.maxRecordBytes,
            startOffset: start, firstLine: firstLine, limit: converted ? stop : .max)
        reader.stopOffset = converted ? .max : stop
        try readStretch(reader, start: start, table: &table, bytesBefore: bytesBefore, progress: progress, &sinks)
        return reader
    }

    /// Reads every record `reader` gives (up to its stop offset) into `table`.
    static func readStretch(
        _ reader: CSVReader, start: Int = 0, table: inout TableIngestor, bytesBefore: Int, progress: ((Int) -> Void)?,
        _ sinks: inout TableIngestor.Sinks
    ) throws(IngestError) {
        var records = 0
        do {
            try reader.forEachRecord { record in
                try table.consume(record, &sinks)
                records += 1
                if records & 0xFFFF == 0 { progress?(bytesBefore + start + reader.bytesRead) }
                return !table.needsEarlierRows  // such a part is read again in line: no need to go on
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(file: reader.path, kind: .unreadable("\(error)"))
        }
    }

    /// Reads one part on a thread of its own.
    private static func readPart(
        path: String, fileIndex: UInt16, options: IngestOptions, header: HeaderMap, headerLine: Int, separator: UInt8,
        encoding: TextEncoding, start: Int, stop: Int, builder: GraphBuilder
    ) -> Result<Part, IngestError> {
        var sinks = TableIngestor.Sinks(builder: builder, report: IngestReport(), options: options)
        sinks.report.files.append(FileReport(file: path))
        var table = TableIngestor(path: path, fileIndex: fileIndex, reportIndex: 0, options: options)
        table.adoptHeader(header, line: headerLine, &sinks)
        table.readsPart = true
        do throws(IngestError) {
            let reader = try readStretch(
                path: path, options: options, encoding: encoding, separator: separator, start: start, stop: stop,
                table: &table, bytesBefore: 0, progress: nil, &sinks)
            try table.finish(&sinks)
            return .success(Part(
                builder: sinks.builder, file: sinks.report.files[0], rejectedRows: sinks.report.rejectedRows,
                stoppedAt: reader.stoppedAt, nextLine: reader.nextLine, statements: sinks.statements,
                balances: table.lastBalance, complete: !table.needsEarlierRows))
        } catch {
            return .failure(error)
        }
    }

    /// Adds a part's counts and rejected rows to the file's report.
    private static func merge(_ part: Part, lineOffset: Int, into sinks: inout TableIngestor.Sinks, reportIndex: Int) {
        var file = sinks.report.files[reportIndex]
        file.rows += part.file.rows
        file.transfers += part.file.transfers
        file.merged += part.file.merged
        file.skipped.merge(part.file.skipped, uniquingKeysWith: +)
        file.rejected += part.file.rejected
        file.amounts = file.amounts + part.file.amounts
        sinks.report.files[reportIndex] = file
        for var row in part.rejectedRows where sinks.report.rejectedRows.count < sinks.options.rejectedLimit {
            row.line += lineOffset
            sinks.report.rejectedRows.append(row)
        }
    }

    /// The header of the file, where it ends, the separator and the encoding; `nil` when the file
    /// is not one to split.
    private static func firstLook(path: String, options: IngestOptions)
        -> (header: HeaderMap, headerLine: Int, headerEnd: Int, separator: UInt8, encoding: TextEncoding)?
    {
        // A header line is short: a longer first record (a hostile file) is not worth a look.
        guard let reader = try? CSVReader(path: path, encoding: options.encoding, maxRecordBytes: min(options.maxRecordBytes, 1 << 20)),
              reader.encoding == .utf8 || reader.encoding == .utf8BOM || reader.encoding == .gb18030
        else { return nil }
        var sinks = TableIngestor.Sinks(builder: GraphBuilder(), report: IngestReport(), options: options)
        sinks.report.files.append(FileReport(file: path))
        var table = TableIngestor(path: path, fileIndex: 0, reportIndex: 0, options: options)
        do {
            try reader.forEachRecord { record in
                try table.consume(record, &sinks)
                return table.header == nil
            }
        } catch {
            return nil
        }
        guard let header = table.header, let headerEnd = reader.stoppedAt
        else { return nil }
        return (header, table.headerLine, headerEnd, reader.separator, reader.encoding)
    }

    /// Part starts: 0, then the offset after the first line feed at or after each k/parts of the
    /// file; `nil` when a cut cannot be placed after the header and before the end.
    private static func cuts(path: String, size: Int, parts: Int, after headerEnd: Int) -> [Int]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var window = [UInt8](repeating: 0, count: 1 << 20)
        var cuts = [0]
        for k in 1..<parts {
            let target = size / parts * k
            let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(target)) }
            guard n > 0, let newline = window[0..<n].firstIndex(of: 0x0A) else { return nil }
            let cut = target + newline + 1
            guard cut > headerEnd, cut > cuts[cuts.count - 1], cut < size else { return nil }
            cuts.append(cut)
        }
        return cuts
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
