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
        var entries = sinks.entries
        guard !entries.isEmpty else { return ([], []) }
        resolveBills(&entries)
        var holders: [(account: String, id: String, name: String?)] = []
        // Key ids read one by one: a copy of the attribute store kept here would be copied again
        // on the builder's next write.
        let subjectID = sinks.builder.attributes.existingKeyID(Field.holderID.rawValue)
        let otherID = sinks.builder.attributes.existingKeyID(Field.counterpartyHolderID.rawValue)
        if subjectID != nil || otherID != nil {
            let subjectName = sinks.builder.attributes.existingKeyID(Field.accountName.rawValue)
            let otherName = sinks.builder.attributes.existingKeyID(Field.counterpartyName.rawValue)
            func value(_ entry: StatementEntry, _ key: UInt16?) -> String? {
                guard let key else { return nil }
                return entry.attributes.first { $0.key == key }?.value
            }
            var pairs = HolderPairs()
            for entry in entries {
                if let id = value(entry, subjectID) {
                    pairs.add(entry.subject, id: id, name: value(entry, subjectName)) { sinks.builder.accounts.name(AccountID($0)) }
                }
                if entry.counterparty >= 0, let id = value(entry, otherID) {
                    pairs.add(entry.counterparty, id: id, name: value(entry, otherName)) { sinks.builder.accounts.name(AccountID($0)) }
                }
            }
            holders = pairs.pairs
        }
        var subjects = Set<Int32>()
        for entry in entries { subjects.insert(entry.subject) }
        // Read through `sinks` (no copy of the builder: a copy would be copied again on its next write).
        let gaps = LedgerGapCheck.gaps(
            entries, balanceKey: sinks.builder.attributes.existingKeyID(Field.balance.rawValue),
            accountName: { sinks.builder.accounts.name(AccountID($0)) }, fileName: { sinks.builder.sourceFiles[Int($0)] })
        sinks.report.ledgerGaps = gaps
        let ledgers = Set(subjects.map { sinks.builder.accounts.name(AccountID($0)) })
        // A statement names its subject (户名) and counterparty (对手户名); the transfer names its
        // payer and payee (`from_name`, `to_name`), which every name lookup reads.
        let subjectNameKey = sinks.builder.attributes.existingKeyID(Field.accountName.rawValue)
        let counterpartyNameKey = sinks.builder.attributes.existingKeyID(Field.counterpartyName.rawValue)
        let names = subjectNameKey != nil || counterpartyNameKey != nil
        let fromNameKey = names ? sinks.builder.attributes.keyID(Field.fromName.rawValue) : 0
        let toNameKey = names ? sinks.builder.attributes.keyID(Field.toName.rawValue) : 0
        func sideNames(_ entry: StatementEntry, into attributes: inout [(key: UInt16, value: String)]) {
            func value(_ key: UInt16?) -> String? {
                guard let key else { return nil }
                return entry.attributes.first { $0.key == key }?.value
            }
            let (payerName, payeeName) = entry.outgoing ? (value(subjectNameKey), value(counterpartyNameKey))
                                                        : (value(counterpartyNameKey), value(subjectNameKey))
            if let payerName, !attributes.contains(where: { $0.key == fromNameKey }) { attributes.append((fromNameKey, payerName)) }
            if let payeeName, !attributes.contains(where: { $0.key == toNameKey }) { attributes.append((toNameKey, payeeName)) }
        }
        let merger = StatementMerger(window: sinks.options.matchWindowMilliseconds)
        // Keep input order among the results so ties in time keep file order.
        // A bill row merged with a return's row: the return's is the record (its time has seconds,
        // its line is the platform's), the bill's the merged copy.
        let pairs = merger.merge(entries).map { pair -> StatementMerger.Pair in
            guard let second = pair.second, entries[pair.first].provisional, !entries[second].provisional else { return pair }
            return StatementMerger.Pair(first: second, second: pair.first)
        }.sorted { $0.first < $1.first }
        for pair in pairs {
            let first = entries[pair.first]
            var channel = first.channel
            var attributes = first.attributes
            if names { sideNames(first, into: &attributes) }
            var serial = first.serial
            if let secondIndex = pair.second {
                let second = entries[secondIndex]
                channel = StatementMerger.channel(first.channel, second.channel)
                for attribute in second.attributes where !attributes.contains(where: { $0.key == attribute.key }) {
                    attributes.append(attribute)
                }
                if serial.isEmpty { serial = second.serial }
                if names { sideNames(second, into: &attributes) }
                sinks.report.files[Int(second.file)].merged += 1
                sinks.report.files[Int(second.file)].amounts.merged += Int128(second.amount)
            }
            for attribute in attributes { sinks.builder.attributes.add(attribute.key, attribute.value) }
            sinks.builder.append(
                time: first.time, amount: first.amount,
                payer: first.payer >= 0 ? AccountID(first.payer) : nil,
                payee: first.payee >= 0 ? AccountID(first.payee) : nil,
                channel: channel, id: serial, file: first.file, line: Int(first.line))
            sinks.report.files[Int(first.file)].transfers += 1
            sinks.report.files[Int(first.file)].amounts.transfers += Int128(first.amount)
        }
        sinks.entries = []
        return (ledgers, holders)
    }

    /// Gives personal bills' accounts (a WeChat nickname, a masked Alipay login, a 交易对方 display
    /// name) the real accounts of the returns that list the same transfer: a bill row and a
    /// return's row with the same serial (WeChat's 交易单号 is TenpayTrades' 交易单号) and amount
    /// are one transfer, so the bill's payer is the return's payer and its payee the return's
    /// payee. Every row of the bill then uses them, and the merger makes the two rows one transfer.
    static func resolveBills(_ entries: inout [StatementEntry]) {
        guard entries.contains(where: \.provisional) else { return }
        var returns: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() where !entry.provisional && !entry.serial.isEmpty {
            returns[entry.serial, default: []].append(index)
        }
        var alias: [Int32: Int32] = [:]
        for entry in entries where entry.provisional && !entry.serial.isEmpty {
            guard let match = returns[entry.serial]?.first(where: { entries[$0].amount == entry.amount }) else { continue }
            let real = entries[match]
            if entry.payer >= 0 && real.payer >= 0 && alias[entry.payer] == nil { alias[entry.payer] = real.payer }
            if entry.payee >= 0 && real.payee >= 0 && alias[entry.payee] == nil { alias[entry.payee] = real.payee }
        }
        guard !alias.isEmpty else { return }
        for index in entries.indices where entries[index].provisional {
            if let real = alias[entries[index].subject] { entries[index].subject = real }
            if entries[index].counterparty >= 0, let real = alias[entries[index].counterparty] { entries[index].counterparty = real }
        }
    }

    /// (account, document number, name) of a dump's payers and payees, where its rows give them.
    private static func dumpHolders(_ graph: TransferGraph) -> [(account: String, id: String, name: String?)] {
        let keys = graph.attributes.keys
        guard keys.contains(Field.fromHolderID.rawValue) || keys.contains(Field.toHolderID.rawValue) else { return [] }
        var pairs = HolderPairs()
        for t in 0..<graph.transferCount {
            if let payer = graph.payer(t), let id = graph.attributes.value(Field.fromHolderID.rawValue, row: t) {
                pairs.add(payer.index, id: id, name: graph.attributes.value(Field.fromName.rawValue, row: t)) { graph.name(of: AccountID($0)) }
            }
            if let payee = graph.payee(t), let id = graph.attributes.value(Field.toHolderID.rawValue, row: t) {
                pairs.add(payee.index, id: id, name: graph.attributes.value(Field.toName.rawValue, row: t)) { graph.name(of: AccountID($0)) }
            }
        }
        return pairs.pairs
    }
}
