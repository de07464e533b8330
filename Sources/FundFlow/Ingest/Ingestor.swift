#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading a set of files gives: the graph and the account of every row.
public struct IngestResult: Sendable {
    /// The temporal transaction graph of all transfers read.
    public var graph: TransferGraph
    /// Rows read, by outcome, per file; the rejected rows with their reasons.
    public var report: IngestReport
    /// The accounts whose own ledger (statement, 调单 result) is among the inputs: the subject
    /// accounts of the statement rows read.
    public var ledgerAccounts: Set<String> = []
    /// The accounts' holders, where document numbers were given (``HolderIndex``).
    public var holders = HolderIndex()

    public init(graph: TransferGraph, report: IngestReport, ledgerAccounts: Set<String> = [], holders: HolderIndex = HolderIndex()) {
        self.graph = graph
        self.report = report
        self.ledgerAccounts = ledgerAccounts
        self.holders = holders
    }
}

/// Reads transfer dumps, bank statements, xlsx workbooks, AMLworld and AMLSim files into one
/// ``TransferGraph``.
///
/// Canonical rows stream straight into the graph builder; statement rows are kept until every
/// file is read, then merged two-sided (``StatementMerger``) so that a transfer seen in two
/// ledgers is counted once.
public enum Ingestor {
    /// Reads `paths` (CSV, TSV or xlsx; layout and encoding detected per file).
    ///
    /// - Throws: ``IngestError`` for a file that cannot be read as a table at all. A bad row
    ///   never throws: it is rejected and counted in the report.
    public static func read(
        _ paths: [String], options: IngestOptions = IngestOptions(),
        progress: ((_ bytesRead: Int) -> Void)? = nil
    ) throws(IngestError) -> IngestResult {
        // Reserve for the most rows the input could hold (rows are rarely under 32 bytes): pages
        // reserved but never written cost no resident memory, and the arrays never regrow.
        let inputBytes = paths.reduce(0) { $0 + Self.fileSize($1) }
        return try read(paths.map(Input.file), inputBytes: inputBytes, options: options, progress: progress)
    }

    /// Reads one file already in memory (CSV, TSV or xlsx), exactly as the file `name` holding
    /// `contents` would be read: for callers that have the bytes (an upload, the fuzzer), no
    /// file is written. Read on the calling thread.
    ///
    /// - Throws: ``IngestError`` when the bytes cannot be read as a table at all.
    public static func read(named name: String, contents: [UInt8], options: IngestOptions = IngestOptions()) throws(IngestError) -> IngestResult {
        try read([.memory(name: name, bytes: contents)], inputBytes: contents.count, options: options, progress: nil)
    }

    /// One input: a file, or a file's bytes in memory.
    private enum Input {
        case file(String)
        case memory(name: String, bytes: [UInt8])

        var name: String {
            switch self {
            case .file(let path): path
            case .memory(let name, _): name
            }
        }
    }

    private static func read(
        _ inputs: [Input], inputBytes: Int, options: IngestOptions, progress: ((_ bytesRead: Int) -> Void)?
    ) throws(IngestError) -> IngestResult {
        var sinks = TableIngestor.Sinks(
            builder: GraphBuilder(expectedTransfers: inputBytes / 32), report: IngestReport(), options: options)
        var bytesBefore = 0
        for input in inputs {
            // A dump's account keys are interned in batches and a statement's at once: the last
            // batch of the file before goes first, so ids follow the order accounts are read in
            // (a split read, which ends each file's parts with every key interned, gives the same).
            sinks.builder.resolvePendingAccounts()
            let path = input.name
            let fileIndex = sinks.builder.addSourceFile(path)
            let reportIndex = sinks.report.files.count
            sinks.report.files.append(FileReport(file: path))
            let workbook: XLSXReader?
            switch input {
            case .file(let path): workbook = XLSXReader.looksLikeXLSX(path) ? try XLSXReader(path: path) : nil
            case .memory(let name, let bytes): workbook = XLSXReader.looksLikeXLSX(bytes) ? try XLSXReader(name: name, bytes: bytes) : nil
            }
            if let workbook {
                var sheetsRead = 0
                var firstError: IngestError?
                for sheet in workbook.sheetNames {
                    var table = TableIngestor(
                        path: "\(path)[\(sheet)]", fileIndex: fileIndex, reportIndex: reportIndex, options: options,
                        acceptsExcelSerialTimes: true)
                    do {
                        try workbook.forEachRow(inSheet: sheet) { (record: RawRecord) throws(IngestError) in
                            try table.consume(record, &sinks)
                        }
                        try table.finish(&sinks)
                        sheetsRead += 1
                    } catch {
                        // A sheet that is not a transfer table (a cover page, notes) is passed over,
                        // unless no sheet of the workbook is one; a damaged sheet never is.
                        if case .damagedWorkbook = error.kind { throw error }
                        if table.header != nil { throw error }
                        firstError = firstError ?? error
                    }
                }
                if sheetsRead == 0 { throw firstError ?? IngestError(file: path, kind: .empty) }
                sinks.report.files[reportIndex].bytes = workbook.byteCount
                bytesBefore += workbook.byteCount
                progress?(bytesBefore)
                continue
            }
            if case .file = input, let bytes = try SplitRead.read(
                path: path, fileIndex: fileIndex, reportIndex: reportIndex, options: options, bytesBefore: bytesBefore,
                progress: progress, &sinks)
            {
                sinks.report.files[reportIndex].bytes = bytes
                bytesBefore += bytes
                progress?(bytesBefore)
                continue
            }
            var table = TableIngestor(path: path, fileIndex: fileIndex, reportIndex: reportIndex, options: options)
            let reader: CSVReader
            switch input {
            case .file(let path):
                reader = try SplitRead.readStretch(
                    path: path, options: options, encoding: options.encoding, separator: nil, table: &table,
                    bytesBefore: bytesBefore, progress: progress, &sinks)
            case .memory(let name, let bytes):
                reader = try CSVReader(name: name, contents: bytes, encoding: options.encoding, maxRecordBytes: options.maxRecordBytes)
                try SplitRead.readStretch(reader, table: &table, bytesBefore: bytesBefore, progress: progress, &sinks)
            }
            sinks.report.files[reportIndex].encoding = reader.encoding
            try table.finish(&sinks)
            sinks.report.files[reportIndex].bytes = reader.bytesRead
            bytesBefore += reader.bytesRead
            progress?(bytesBefore)
        }
        let (ledgers, statementHolders) = appendStatementTransfers(&sinks)
        let graph = takeBuilder(&sinks).build()
        return IngestResult(graph: graph, report: sinks.report, ledgerAccounts: ledgers,
                            holders: HolderIndex(statementHolders + Self.dumpHolders(graph)))
    }

    /// Reads tables that do not come from files (database results) into one graph, each exactly as
    /// a CSV file with its header would be read.
    ///
    /// - Throws: ``IngestError`` when a table's header has no column for a required field.
    public static func read(tables: [TextTable], options: IngestOptions = IngestOptions()) throws(IngestError) -> IngestResult {
        var sinks = TableIngestor.Sinks(
            builder: GraphBuilder(expectedTransfers: tables.reduce(0) { $0 + $1.count }), report: IngestReport(), options: options)
        for table in tables {
            let fileIndex = sinks.builder.addSourceFile(table.name)
            let reportIndex = sinks.report.files.count
            sinks.report.files.append(FileReport(file: table.name))
            var ingestor = TableIngestor(path: table.name, fileIndex: fileIndex, reportIndex: reportIndex, options: options)
            try table.forEachRecord { (record: RawRecord) throws(IngestError) in try ingestor.consume(record, &sinks) }
            try ingestor.finish(&sinks)
        }
        let (ledgers, statementHolders) = appendStatementTransfers(&sinks)
        let graph = takeBuilder(&sinks).build()
        return IngestResult(graph: graph, report: sinks.report, ledgerAccounts: ledgers,
                            holders: HolderIndex(statementHolders + Self.dumpHolders(graph)))
    }

    /// The builder, moved out of `sinks` so that building it copies none of its storage (a
    /// builder still held by `sinks` would be copied on its first write: 50 MB at 1M rows).
    private static func takeBuilder(_ sinks: inout TableIngestor.Sinks) -> GraphBuilder {
        var builder = GraphBuilder()
        swap(&builder, &sinks.builder)
        builder.buildThreads = sinks.options.readThreads
        builder.helpedBuildMinimum = sinks.options.helpedBuildMinimum
        return builder
    }

    private static func fileSize(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Merges the statement rows of all files and appends the transfers they make; returns the
    /// statements' subject accounts.
    private static func appendStatementTransfers(
        _ sinks: inout TableIngestor.Sinks
    ) -> (Set<String>, [(account: String, id: String, name: String?)]) {
        var statements = StatementRows()
        swap(&statements, &sinks.statements)
        guard !statements.isEmpty else { return ([], []) }
        let serialGroups = resolveBills(&statements)
        let entries = consume statements
        // Key ids read one by one: a copy of the attribute store kept here would be copied again
        // on the builder's next write.
        let subjectNameKey = sinks.builder.attributes.existingKeyID(Field.accountName.rawValue)
        let counterpartyNameKey = sinks.builder.attributes.existingKeyID(Field.counterpartyName.rawValue)
        let subjectID = sinks.builder.attributes.existingKeyID(Field.holderID.rawValue)
        let otherID = sinks.builder.attributes.existingKeyID(Field.counterpartyHolderID.rawValue)
        let hasBalances = sinks.builder.attributes.existingKeyID(Field.balance.rawValue) != nil
        // The holders, the ledgers and their gaps only read the entries and the accounts (which the
        // merge below does not change): on a second thread beside it for a large read (bank
        // 查询反馈 500K rows: 200 ms of holders, perf).
        final class Side: @unchecked Sendable {
            var holders: [(account: String, id: String, name: String?)] = []
            var ledgers = Set<String>()
            var gaps: [LedgerGap] = []
        }
        let side = Side()
        let accounts = sinks.builder.accounts, sourceFiles = sinks.builder.sourceFiles
        let sideWork: @Sendable () -> Void = {
            if subjectID != nil || otherID != nil {
                side.holders = statementHolders(entries, accounts: accounts, subjectKeys: (subjectID, subjectNameKey),
                                                counterpartyKeys: (otherID, counterpartyNameKey))
            }
            var isSubject = [Bool](repeating: false, count: accounts.count)
            for subject in entries.subjects where !isSubject[Int(subject)] {
                isSubject[Int(subject)] = true
                side.ledgers.insert(accounts.name(AccountID(subject)))
            }
            side.gaps = LedgerGapCheck.gaps(entries, hasBalances: hasBalances, accountName: { accounts.name(AccountID($0)) },
                                            fileName: { sourceFiles[Int($0)] })
        }
        let sideWorker = sinks.options.readThreads > 1 && entries.count >= sinks.options.helpedBuildMinimum ? WorkerThread(sideWork) : nil
        if sideWorker == nil { sideWork() }
        let rows = entries
        // A statement names its subject (户名) and counterparty (对手户名); the transfer names its
        // payer and payee (`from_name`, `to_name`), which every name lookup reads.
        let names = subjectNameKey != nil || counterpartyNameKey != nil
        let fromNameKey = names ? sinks.builder.attributes.keyID(Field.fromName.rawValue) : 0
        let toNameKey = names ? sinks.builder.attributes.keyID(Field.toName.rawValue) : 0
        let merger = StatementMerger(window: sinks.options.matchWindowMilliseconds)
        // Keep input order among the results so ties in time keep file order.
        // A bill row merged with a return's row: the return's is the record (its time has seconds,
        // its line is the platform's), the bill's the merged copy.
        var pairs = merger.merge(rows, serialGroups: serialGroups)
        for k in pairs.indices {
            guard let second = pairs[k].second, rows.provisional[pairs[k].first], !rows.provisional[second] else { continue }
            pairs[k] = StatementMerger.Pair(first: second, second: pairs[k].first)
        }
        pairs.sort { $0.first < $1.first }
        let placeholders = (StatementRows.payerNameKey, StatementRows.payeeNameKey), sideIDs = (fromNameKey, toNameKey)
        // Counted per file here and added to the report once (an update of the report's array of
        // files per row costs more than the row).
        var counts = [(transfers: Int, transferred: Int128, merged: Int, mergedAmount: Int128)](
            repeating: (0, 0, 0, 0), count: sinks.report.files.count)
        let size = rows.attributeSize
        sinks.builder.attributes.reserve(rows: rows.count, values: size.values, bytes: size.bytes)
        // A run of transfers that are one entry each, entries next to each other: their attribute
        // rows are copied at once when the run ends.
        var run = 0..<0
        func endRun() {
            rows.appendAttributeRows(run, to: &sinks.builder.attributes, placeholders: placeholders, ids: sideIDs)
            run = 0..<0
        }
        for pair in pairs {
            let first = pair.first
            var channel = rows.channels[first]
            var serialOf = first
            if let second = pair.second {
                endRun()
                // The debit's values (and its side's names), then the credit's of the keys it lacks.
                rows.addAttributes(of: first, to: &sinks.builder.attributes, onlyNewKeys: false, placeholders: placeholders, ids: sideIDs)
                channel = StatementMerger.channel(rows.channels[first], rows.channels[second])
                rows.addAttributes(of: second, to: &sinks.builder.attributes, onlyNewKeys: true, placeholders: placeholders, ids: sideIDs)
                if !rows.hasSerial(first) { serialOf = second }
                counts[Int(rows.files[second])].merged += 1
                counts[Int(rows.files[second])].mergedAmount += Int128(rows.amounts[second])
            } else if run.upperBound == first && !run.isEmpty {
                run = run.lowerBound..<first + 1
            } else {
                endRun()
                run = first..<first + 1
            }
            // Read before the closure, which would otherwise copy `rows` for every transfer.
            let payer = rows.payer(first), payee = rows.payee(first)
            let time = rows.times[first], amount = rows.amounts[first], file = rows.files[first], line = Int(rows.lines[first])
            let single = pair.second == nil
            rows.withSerial(serialOf) { serial in
                sinks.builder.append(
                    time: time, amount: amount, payer: payer >= 0 ? AccountID(payer) : nil, payee: payee >= 0 ? AccountID(payee) : nil,
                    channel: channel, id: serial, file: file, line: line, endsAttributeRow: !single)
            }
            counts[Int(rows.files[first])].transfers += 1
            counts[Int(rows.files[first])].transferred += Int128(rows.amounts[first])
        }
        endRun()
        for (file, count) in counts.enumerated() where count.transfers > 0 || count.merged > 0 {
            sinks.report.files[file].transfers += count.transfers
            sinks.report.files[file].amounts.transfers += count.transferred
            sinks.report.files[file].merged += count.merged
            sinks.report.files[file].amounts.merged += count.mergedAmount
        }
        sideWorker?.join()
        sinks.report.ledgerGaps = side.gaps
        return (side.ledgers, side.holders)
    }

    /// (account, document number, name) of the statements' subjects and counterparties, where
    /// their rows give a number; the keys are the attribute ids of each side's number and name.
    private static func statementHolders(
        _ rows: StatementRows, accounts: AccountTable, subjectKeys: (id: UInt16?, name: UInt16?), counterpartyKeys: (id: UInt16?, name: UInt16?)
    ) -> [(account: String, id: String, name: String?)] {
        var pairs = HolderPairs(accounts: accounts.count)
        let subjects = rows.subjects, counterparties = rows.counterparties
        // Store by store (reached once each, not once per entry), both values of a side in one call.
        rows.forEachAttributeStore { store, first, count in
            func pair(_ account: Int32, _ keys: (id: UInt16?, name: UInt16?), row: Int) {
                guard let idKey = keys.id else { return }
                _ = store.withValues(idKey, keys.name, row: row) { id, name in
                    pairs.add(account, id: id, name: name) { accounts.name(AccountID($0)) }
                }
            }
            for row in 0..<count {
                let i = first + row
                pair(subjects[i], subjectKeys, row: row)
                if counterparties[i] >= 0 { pair(counterparties[i], counterpartyKeys, row: row) }
            }
        }
        return pairs.pairs
    }

    /// Gives personal bills' accounts (a WeChat nickname, a masked Alipay login, a 交易对方 display
    /// name) the real accounts of the returns that list the same transfer: a bill row and a
    /// return's row with the same serial (WeChat's 交易单号 is TenpayTrades' 交易单号) and amount
    /// are one transfer, so the bill's payer is the return's payer and its payee the return's
    /// payee. Every row of the bill then uses them, and the merger makes the two rows one transfer.
    /// Returns the serial groups it found (``StatementRows/serialGroups()``; nil when there are no
    /// bills), which the merge takes as they are.
    @discardableResult
    static func resolveBills(_ rows: inout StatementRows) -> [[Int]]? {
        guard rows.provisional.contains(true) else { return nil }
        // Each bill entry's match: the first return entry with its serial and amount.
        var matches: [(bill: Int, real: Int)] = []
        let groups = rows.serialGroups()
        for group in groups {
            for bill in group where rows.provisional[bill] {
                if let real = group.first(where: { !rows.provisional[$0] && rows.amounts[$0] == rows.amounts[bill] }) {
                    matches.append((bill, real))
                }
            }
        }
        matches.sort { $0.bill < $1.bill }  // the first bill entry of an account decides
        var alias: [Int32: Int32] = [:]
        for (index, real) in matches {
            let payer = rows.payer(index), payee = rows.payee(index)
            if payer >= 0 && rows.payer(real) >= 0 && alias[payer] == nil { alias[payer] = rows.payer(real) }
            if payee >= 0 && rows.payee(real) >= 0 && alias[payee] == nil { alias[payee] = rows.payee(real) }
        }
        guard !alias.isEmpty else { return groups }
        for index in 0..<rows.count where rows.provisional[index] {
            var counterparty = rows.counterparties[index]
            if counterparty >= 0, let real = alias[counterparty] { counterparty = real }
            rows.setAccount(index, counterparty: true, counterparty)
            if let real = alias[rows.subjects[index]] { rows.setAccount(index, counterparty: false, real) }
        }
        return groups
    }

    /// (account, document number, name) of a dump's payers and payees, where its rows give them.
    private static func dumpHolders(_ graph: TransferGraph) -> [(account: String, id: String, name: String?)] {
        let keys = graph.attributes.keys
        guard keys.contains(Field.fromHolderID.rawValue) || keys.contains(Field.toHolderID.rawValue) else { return [] }
        let store = graph.attributes
        let fromID = store.existingKeyID(Field.fromHolderID.rawValue), toID = store.existingKeyID(Field.toHolderID.rawValue)
        let fromName = store.existingKeyID(Field.fromName.rawValue), toName = store.existingKeyID(Field.toName.rawValue)
        var pairs = HolderPairs(accounts: graph.accountCount)
        func pair(_ account: Int32, _ idKey: UInt16?, _ nameKey: UInt16?, row: Int) {
            guard account >= 0, let idKey else { return }
            _ = store.withValues(idKey, nameKey, row: row) { id, name in
                pairs.add(account, id: id, name: name) { graph.name(of: AccountID($0)) }
            }
        }
        for t in 0..<graph.transferCount {
            pair(graph.payerIndex(t), fromID, fromName, row: t)
            pair(graph.payeeIndex(t), toID, toName, row: t)
        }
        return pairs.pairs
    }
}
