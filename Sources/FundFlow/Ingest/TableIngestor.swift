/// Turns the records of one table (a CSV file or an xlsx sheet) into transfers.
///
/// It finds the header (searching past title lines), maps the columns, and then accounts for
/// every data row: a transfer appended to the builder (canonical and AMLworld rows), a statement
/// entry kept for the two-sided merge, a skipped non-transfer, or a rejected row with its reason.
struct TableIngestor {
    struct Sinks {
        var builder: GraphBuilder
        var report: IngestReport
        var statements = StatementRows()
        let options: IngestOptions
    }

    let path: String
    let fileIndex: UInt16
    let reportIndex: Int
    let parser: TimeParser
    let forcedLayout: TableLayout?
    let searchLimit: Int
    private(set) var header: HeaderMap?
    private var headerBytes: [[UInt8]] = []
    private(set) var headerLine = 0
    private var best: (map: HeaderMap, line: Int)?
    private var candidates = 0
    private var preambleRows = 0
    /// What the lines above the header say of a personal bill's holder.
    private var preambleSubject: String?, preambleName: String?
    /// A personal bill's subject account: the preamble's, else the file's name.
    private var billSubject: [UInt8] = []
    /// `billSubject` interned (once per table: every row of a bill has it).
    private var billSubjectID: AccountID?

    // Column indices, -1 when absent.
    /// Whether the amount column is in fen (TenpayTrades' 交易金额(分)).
    private var amountInFen = false
    private var cID = -1, cTime = -1, cDate = -1, cTimeOfDay = -1, cFrom = -1, cTo = -1, cAmount = -1
    private var cChannel = -1, cMemo = -1, cType = -1, cSuccess = -1, cPlace = -1
    private var cAccount = -1, cDirection = -1, cCounterparty = -1, cCash = -1, cFromBank = -1, cToBank = -1
    private var cQueryResult = -1, cBalance = -1, cFromCard = -1, cToCard = -1, cMerchant = -1
    private var cAccountInfo = -1, cCounterpartyInfo = -1, cPaidTime = -1, cCounterpartyName = -1
    private var accountNameKey: UInt16 = 0, counterpartyNameKey: UInt16 = 0
    /// The ids of `from_name` and `to_name` when this table has columns of them.
    private var fromNameColumnKey: UInt16?, toNameColumnKey: UInt16?
    /// Each statement subject's balance after its last entry read (by account index), to tell the
    /// direction of an entry whose 收付标志 is blank.
    private(set) var lastBalance: [Int32: Int64] = [:]
    /// Statement account keys waiting to be interned in one batch (``queueAccount(_:target:)``):
    /// bytes, ends, the entry each names (-1: a rejected row's) and its row's balance.
    private var pendingKeys: [UInt8] = [], pendingEnds: [Int] = [], pendingTargets: [Int] = [], pendingBalances: [Int64] = []
    private var resolvedIDs: [Int32] = []
    private var resolvedSubject: Int32 = -1
    static let accountBatch = 1024
    /// Set for a reader of a later part of a file (``SplitRead``): a row there whose direction
    /// only an earlier part's balance could tell makes the part unusable (``needsEarlierRows``).
    var readsPart = false
    /// Whether a row needed a balance from before the part (the part is then read again in line).
    private(set) var needsEarlierRows = false
    private var attributeColumns: [(column: Int, key: UInt16)] = []
    private var channelAttribute: UInt16 = 0
    private var headerCount = 0
    private var layout: TableLayout = .canonical
    private let accountKey = AccountKey()
    private let counterpartyKey = AccountKey()
    private var scratch: [UInt8] = []
    /// The magnitude of the current row's amount once it parsed (0 before): the money that the
    /// row's outcome accounts for.
    private var rowAmount: Int128 = 0
    /// The per-row counts and sums of the report, kept here and added to it by ``finish(_:)``
    /// (updating the report's array of files for every row cost 3% of a read).
    private var counted = (rows: 0, transfers: 0, read: Int128(0), transferred: Int128(0))

    /// The last fixed-width date read and its day number (see ``TimeParser/DayCache``).
    private var dayCache = TimeParser.DayCache()

    let acceptsExcelSerialTimes: Bool

    init(path: String, fileIndex: UInt16, reportIndex: Int, options: IngestOptions, acceptsExcelSerialTimes: Bool = false) {
        self.acceptsExcelSerialTimes = acceptsExcelSerialTimes
        self.path = path
        self.fileIndex = fileIndex
        self.reportIndex = reportIndex
        self.parser = TimeParser(defaultOffsetSeconds: options.timezoneOffsetSeconds)
        self.forcedLayout = options.layout
        self.searchLimit = options.headerSearchLimit
    }

    /// Reads one record; throws when no header can be found within the search limit.
    mutating func consume(_ record: RawRecord, _ sinks: inout Sinks) throws(IngestError) {
        if header == nil {
            try consumeHeaderCandidate(record, &sinks)
            return
        }
        if record.isBlank { return }
        counted.rows += 1
        rowAmount = 0
        switch layout {
        case .canonical, .amlworld: canonicalRow(record, &sinks)
        case .statement: statementRow(record, &sinks)
        }
    }

    /// Called at the end of the table: adds the rows' counts to the report; a table with no
    /// header is an error.
    mutating func finish(_ sinks: inout Sinks) throws(IngestError) {
        resolvePendingAccounts(&sinks)
        sinks.report.files[reportIndex].rows += counted.rows
        sinks.report.files[reportIndex].transfers += counted.transfers
        sinks.report.files[reportIndex].amounts.read += counted.read
        sinks.report.files[reportIndex].amounts.transfers += counted.transferred
        counted = (0, 0, 0, 0)
        guard header == nil else { return }
        if let best {
            throw IngestError(file: path, line: best.line, kind: .missingColumns(best.map.missing))
        }
        throw IngestError(file: path, kind: .empty)
    }

    private mutating func consumeHeaderCandidate(_ record: RawRecord, _ sinks: inout Sinks) throws(IngestError) {
        if record.isBlank { return }
        let names = (0..<record.count).map { record.string($0) }
        let map = HeaderMap(header: names, forcedLayout: forcedLayout)
        candidates += 1
        if map.missing.isEmpty {
            var map = map
            if map.personalBill {
                map.preambleSubject = preambleSubject
                map.preambleName = preambleName
            }
            adopt(map, line: record.line, &sinks)
            return
        }
        if best == nil || map.mappedCount > best!.map.mappedCount { best = (map, record.line) }
        notePreamble(names)
        preambleRows += 1
        if candidates >= searchLimit {
            throw IngestError(file: path, line: best?.line ?? record.line, kind: .missingColumns(best?.map.missing ?? []))
        }
    }

    /// Reads a personal bill's holder from a line above its header: `微信昵称：[张三]` (WeChat),
    /// `支付宝账户：138****0000` and `姓名：张三` (Alipay), ASCII or full-width colon.
    private mutating func notePreamble(_ fields: [String]) {
        for field in fields {
            guard let colon = field.firstIndex(where: { $0 == ":" || $0 == "：" }) else { continue }
            let label = field[..<colon].trimmingCharacters(in: .whitespaces)
            var value = String(field[field.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("["), let close = value.firstIndex(of: "]") { value = String(value[value.index(after: value.startIndex)..<close]) }
            guard !value.isEmpty else { continue }
            switch label {
            case "微信昵称", "微信号", "支付宝账户", "支付宝账号", "账户", "账号": if preambleSubject == nil { preambleSubject = value }
            case "姓名", "户名": if preambleName == nil { preambleName = value }
            default: break
            }
        }
    }

    /// Takes `map`, found on `line` by another reader of the same file, as this table's header:
    /// for a reader of a later part of the file (``SplitRead``).
    mutating func adoptHeader(_ map: HeaderMap, line: Int, _ sinks: inout Sinks) {
        adopt(map, line: line, &sinks)
    }

    private mutating func adopt(_ map: HeaderMap, line: Int, _ sinks: inout Sinks) {
        header = map
        headerBytes = map.headerNames.map { Array($0.utf8) }
        headerLine = line
        layout = map.layout
        headerCount = map.headerNames.count
        if map.personalBill {
            let stem = path.split(separator: "/").last.map { name in name.split(separator: ".").dropLast().joined(separator: ".") } ?? path
            billSubject = Array((map.preambleSubject ?? (stem.isEmpty ? path : stem)).utf8)
        }
        sinks.report.files[reportIndex].layouts.append(map.layout)
        if preambleRows > 0 {
            sinks.report.files[reportIndex].rows += preambleRows
            sinks.report.files[reportIndex].skipped[.preamble, default: 0] += preambleRows
        }
        let c = map.columns
        amountInFen = map.amountInFen
        cID = c[.id] ?? -1
        cTime = c[.time] ?? -1
        cDate = c[.date] ?? -1
        cTimeOfDay = c[.timeOfDay] ?? -1
        cFrom = c[.from] ?? -1
        cTo = c[.to] ?? -1
        cAmount = c[.amount] ?? -1
        cChannel = c[.channel] ?? -1
        cMemo = c[.memo] ?? -1
        cType = c[.transactionType] ?? -1
        cSuccess = c[.success] ?? -1
        cPlace = c[.place] ?? -1
        cAccount = c[.account] ?? -1
        cDirection = c[.direction] ?? -1
        cCounterparty = c[.counterparty] ?? -1
        cCash = c[.cashFlag] ?? -1
        cFromBank = c[.fromBank] ?? -1
        cToBank = c[.toBank] ?? -1
        cQueryResult = c[.queryResult] ?? -1
        cBalance = c[.balance] ?? -1
        cFromCard = c[.fromCard] ?? -1
        cToCard = c[.toCard] ?? -1
        cMerchant = c[.merchant] ?? -1
        cAccountInfo = c[.accountInfo] ?? -1
        cCounterpartyInfo = c[.counterpartyInfo] ?? -1
        cPaidTime = c[.paidTime] ?? -1
        cCounterpartyName = c[.counterpartyName] ?? -1
        accountNameKey = sinks.builder.attributes.keyID(Field.accountName.rawValue)
        counterpartyNameKey = sinks.builder.attributes.keyID(Field.counterpartyName.rawValue)
        // A date column with a separate time column: the time column holds the time of day.
        if cDate >= 0 && cTime >= 0 && cTimeOfDay < 0 { cTimeOfDay = cTime; cTime = -1 }
        attributeColumns = []
        let kept = sinks.options.keptAttributes
        func keep(_ key: String) -> Bool { kept?.contains(key) ?? true }
        for (field, column) in c.sorted(by: { $0.value < $1.value }) {
            guard let key = field.attributeKey, keep(key) else { continue }
            if layout == .amlworld && (field == .fromBank || field == .toBank) { continue }
            if layout == .statement && (field == .place) { continue }  // stored per side below
            attributeColumns.append((column, sinks.builder.attributes.keyID(key)))
        }
        if layout == .statement {
            for field in [Field.accountName, .counterpartyName, .counterpartyBank, .place, .holderID, .counterpartyHolderID] where keep(field.rawValue) {
                if let column = c[field] { attributeColumns.append((column, sinks.builder.attributes.keyID(field.rawValue))) }
            }
            attributeColumns.sort { $0.column < $1.column }
        }
        for extra in map.extraColumns where keep(extra.name) {
            attributeColumns.append((extra.index, sinks.builder.attributes.keyID(extra.name)))
        }
        channelAttribute = sinks.builder.attributes.keyID("channel_text")
        fromNameColumnKey = attributeColumns.contains { $0.key == sinks.builder.attributes.existingKeyID(Field.fromName.rawValue) }
            ? sinks.builder.attributes.existingKeyID(Field.fromName.rawValue) : nil
        toNameColumnKey = attributeColumns.contains { $0.key == sinks.builder.attributes.existingKeyID(Field.toName.rawValue) }
            ? sinks.builder.attributes.existingKeyID(Field.toName.rawValue) : nil
    }

    /// Takes the balances a later part of the file ended with (its account indices mapped to
    /// this read's by `accountMap`), as if its rows had been read here.
    mutating func takeBalances(_ balances: [Int32: Int64], accountMap: [Int32]) {
        for (account, balance) in balances { lastBalance[accountMap[Int(account)]] = balance }
    }

    // MARK: - Rows

    private mutating func canonicalRow(_ r: RawRecord, _ sinks: inout Sinks) {
        if isEmptyReturn(r) { skip(.emptyReturn, &sinks); return }
        if cSuccess >= 0 && Self.isFailure(r[cSuccess]) { skip(.failed, &sinks); return }
        if r.count > headerCount && hasExtraFields(r) {
            reject(r, column: nil, "has \(r.count) fields, the header has \(headerCount)", &sinks); return
        }
        let fen: Int64
        switch parseAmount(r[cAmount]) {
        case .success(let value):
            fen = value
            rowAmount = Int128(value.magnitude)
            counted.read += rowAmount
        case .failure(let error):
            if nonTransferLine(r, &sinks) { return }
            reject(r, column: cAmount, error.description, &sinks); return
        }
        if fen == 0 { skip(.zeroAmount, &sinks); return }
        if fen < 0 { reject(r, column: cAmount, "negative amount in a transfer dump", &sinks); return }
        let time: EpochMilliseconds
        switch parseTime(r) {
        case .success(let value): time = value
        case .failure(let error):
            if nonTransferLine(r, &sinks) { return }
            reject(r, column: cTime >= 0 ? cTime : cDate, error.description, &sinks); return
        }
        var channel = Channel.transfer
        var unknownChannel = false
        if cChannel >= 0 {
            let text = RawRecord.trim(r[cChannel])
            if !text.isEmpty {
                if let known = Channel.parse(text) {
                    channel = known
                } else {
                    channel = .other
                    unknownChannel = true
                }
            }
        } else if let inferred = inferChannel(r) {
            channel = inferred
        }
        // Check both sides before interning, so that a rejected row adds no account.
        let needsPayer = channel != .cashDeposit
        let needsPayee = channel != .cashWithdrawal
        var from = accountKey.clean(r[cFrom])
        var to = counterpartyKey.clean(r[cTo])
        // A payment institution's row with no payment account on one side: the bank card is it.
        if from.isEmpty && cFromCard >= 0 { from = accountKey.clean(r[cFromCard]) }
        if to.isEmpty && cToCard >= 0 { to = counterpartyKey.clean(r[cToCard]) }
        if channel == .cashDeposit && to.isEmpty { (from, to) = (to, from) }  // the account given as `from`
        if needsPayer && from.isEmpty { reject(r, column: cFrom, "no payer account (from)", &sinks); return }
        // The statement reader interns at once; canonical rows queue their keys in the builder.
        if needsPayee && to.isEmpty { reject(r, column: cTo, "no payee account (to)", &sinks); return }
        for (column, key) in attributeColumns { sinks.builder.attributes.add(key, r[column]) }
        if unknownChannel { sinks.builder.attributes.add(channelAttribute, r[cChannel]) }
        let id = cID >= 0 ? RawRecord.trim(r[cID]) : UnsafeBufferPointer(start: nil, count: 0)
        if layout == .amlworld {
            let payer = composite(bank: r[cFromBank], account: from, &sinks)
            let payee = composite(bank: r[cToBank], account: to, &sinks)
            sinks.builder.append(time: time, amount: fen, payer: payer, payee: payee, channel: channel, id: id, file: fileIndex, line: r.line)
        } else {
            let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            sinks.builder.append(
                time: time, amount: fen, payerKey: needsPayer ? from : none, payeeKey: needsPayee ? to : none,
                channel: channel, id: id, file: fileIndex, line: r.line)
        }
        counted.transfers += 1
        counted.transferred += rowAmount
    }

    private mutating func statementRow(_ r: RawRecord, _ sinks: inout Sinks) {
        if isEmptyReturn(r) { skip(.emptyReturn, &sinks); return }
        if cSuccess >= 0 && Self.isFailure(r[cSuccess]) { skip(.failed, &sinks); return }
        if r.count > headerCount && hasExtraFields(r) {
            reject(r, column: nil, "has \(r.count) fields, the header has \(headerCount)", &sinks); return
        }
        var fen: Int64
        switch parseAmount(r[cAmount]) {
        case .success(let value):
            fen = value
            rowAmount = Int128(value.magnitude)
            counted.read += rowAmount
        case .failure(let error):
            if nonTransferLine(r, &sinks) { return }
            reject(r, column: cAmount, error.description, &sinks); return
        }
        if fen == 0 { skip(.zeroAmount, &sinks); return }
        var outgoing = fen < 0
        var blankDirection = false
        if cDirection >= 0 {
            let flag = RawRecord.trim(r[cDirection])
            switch Self.direction(flag) {
            case .some(let isOut): outgoing = isOut
            case .none:
                if Self.isNotCounted(flag) { skip(.notCounted, &sinks); return }
                if fen > 0 {
                    if nonTransferLine(r, &sinks) { return }
                    guard flag.isEmpty && cBalance >= 0 else {
                        reject(r, column: cDirection, flag.isEmpty ? "收付标志 is blank and there is no balance to tell which way the money went"
                               : "unknown direction \(r.string(cDirection).debugDescription)", &sinks)
                        return
                    }
                    blankDirection = true
                }
            }
        }
        fen = fen < 0 ? -fen : fen
        let time: EpochMilliseconds
        switch parseTime(r) {
        case .success(let value): time = value
        case .failure(let error):
            if nonTransferLine(r, &sinks) { return }
            reject(r, column: cTime >= 0 ? cTime : cDate, error.description, &sinks); return
        }
        // 用户信息 / 交易对方信息: an id and a name in one cell.
        let subjectInfo = cAccount < 0 && cAccountInfo >= 0 ? PartyInfo.split(r[cAccountInfo]) : nil
        let counterpartyInfo = cCounterparty < 0 && cCounterpartyInfo >= 0 ? PartyInfo.split(r[cCounterpartyInfo]) : nil
        let bill = header?.personalBill == true
        // The subject's index, or -1 while its key waits in the batch (``queueAccount(_:target:)``).
        var subject: Int32 = -1
        var subjectItem = -1  // its place in the batch
        let entry = sinks.statements.count
        if bill {
            if billSubjectID == nil {
                resolvePendingAccounts(&sinks)  // interned after the keys before it, as one by one
                billSubjectID = billSubject.withUnsafeBufferPointer { sinks.builder.accounts.intern($0) }
            }
            subject = billSubjectID!.index
        } else {
            let subjectBytes = accountKey.clean(subjectInfo?.id ?? r[cAccount])
            if subjectBytes.isEmpty { reject(r, column: cAccount >= 0 ? cAccount : cAccountInfo, "no account (交易卡号)", &sinks); return }
            subjectItem = queueAccount(subjectBytes, target: entry &* 2)
        }
        let balance: Int64? = cBalance >= 0 ? (try? AmountParser.parse(r[cBalance]).fen).map { amountInFen ? $0 / 100 : $0 } : nil
        if blankDirection {
            // A blank 收付标志: the balance after the entry, against the one before, says which way.
            if subject < 0 {
                resolvePendingAccounts(&sinks)
                subject = resolvedSubject
                subjectItem = -1
            }
            if readsPart && lastBalance[subject] == nil { needsEarlierRows = true }
            guard let balance, let before = lastBalance[subject],
                  let way = Self.direction(before: before, after: balance, amount: fen) else {
                reject(r, column: cDirection, "收付标志 is blank and the balance does not say which way the money went", &sinks)
                return
            }
            outgoing = way
        }
        if let balance {
            // Every earlier key is interned when the subject's index is known here.
            if subject >= 0 { lastBalance[subject] = balance } else { pendingBalances[subjectItem] = balance }
        }
        var channel = inferChannel(r) ?? .transfer
        if cCash >= 0 && Self.isCashFlag(RawRecord.trim(r[cCash]), counterparty: cCounterparty >= 0 ? RawRecord.trim(r[cCounterparty]) : nil) {
            channel = outgoing ? .cashWithdrawal : .cashDeposit
        }
        if channel == .cashWithdrawal && !outgoing { channel = .cashDeposit }
        if channel == .cashDeposit && outgoing { channel = .cashWithdrawal }
        let counterparty: Int32 = -1  // or set when its queued key is interned
        if channel != .cashWithdrawal && channel != .cashDeposit {
            var other = counterpartyKey.clean(counterpartyInfo?.id ?? r[cCounterparty])
            var column = counterpartyInfo == nil ? cCounterparty : cCounterpartyInfo
            if cCounterparty < 0 && (cFrom >= 0 || cTo >= 0) {
                // A payment institution's return names payer and payee: the other side is the
                // payee of money out and the payer of money in (its bank card when no wallet).
                column = outgoing ? cTo : cFrom
                other = counterpartyKey.clean(r[column])
                let card = outgoing ? cToCard : cFromCard
                if other.isEmpty && card >= 0 { other = counterpartyKey.clean(r[card]); column = card }
            }
            // A card payment at a shop names the merchant (商户号, 商户名称), not an account.
            if other.isEmpty && cMerchant >= 0 { other = counterpartyKey.clean(r[cMerchant]) }
            // A personal bill names the other side by its display name (交易对方) when it gives no account.
            if other.isEmpty && bill && cCounterpartyName >= 0 { other = counterpartyKey.clean(r[cCounterpartyName]) }
            if other.isEmpty {
                // The subject is still interned, as one by one, but names no entry.
                if subjectItem >= 0 { pendingTargets[subjectItem] = -1 }
                reject(r, column: column >= 0 ? column : nil, "no counterparty account (对手账号) on a non-cash row", &sinks)
                return
            }
            _ = queueAccount(other, target: entry &* 2 &+ 1)
        }
        if bill {
            // A personal bill writes `/` for no value (商品, 商户单号, 备注): kept as nothing.
            for (column, key) in attributeColumns {
                let value = RawRecord.trim(r[column])
                if value.count == 1 && value[0] == UInt8(ascii: "/") { continue }
                sinks.statements.attributes.add(key, value)
            }
        } else {
            for (column, key) in attributeColumns { sinks.statements.attributes.add(key, r[column]) }
        }
        if let name = subjectInfo?.name { sinks.statements.attributes.add(accountNameKey, name) }
        if bill, let name = header?.preambleName ?? header?.preambleSubject { sinks.statements.attributes.add(accountNameKey, name) }
        if let name = counterpartyInfo?.name { sinks.statements.attributes.add(counterpartyNameKey, name) }
        // The transfer's payer and payee names: the subject's and the counterparty's, by direction
        // (unless a column gives them).
        let (payerName, payeeName) = outgoing ? (accountNameKey, counterpartyNameKey) : (counterpartyNameKey, accountNameKey)
        sinks.statements.attributes.addCopy(of: payerName, as: StatementRows.payerNameKey, unlessPresent: fromNameColumnKey)
        sinks.statements.attributes.addCopy(of: payeeName, as: StatementRows.payeeNameKey, unlessPresent: toNameColumnKey)
        sinks.statements.append(
            subject: subject, counterparty: counterparty, outgoing: outgoing, amount: fen, time: time, channel: channel,
            serial: cID >= 0 ? r[cID] : UnsafeBufferPointer(start: nil, count: 0), file: fileIndex,
            line: Int32(truncatingIfNeeded: r.line), balance: balance, provisional: bill)
        if pendingEnds.count >= Self.accountBatch { resolvePendingAccounts(&sinks) }
    }

    /// Queues an account key of the row being read, to be interned with others in one batch
    /// (the cache misses of a batch's lookups overlap: one by one, interning took a quarter of
    /// reading a TenpayTrades return on two threads, most of it waiting on memory). `target` is
    /// the entry it names × 2, + 1 for the counterparty. Returns its place in the batch.
    private mutating func queueAccount(_ bytes: UnsafeBufferPointer<UInt8>, target: Int) -> Int {
        pendingKeys.append(contentsOf: bytes)
        pendingEnds.append(pendingKeys.count)
        pendingTargets.append(target)
        pendingBalances.append(StatementRows.noBalance)
        return pendingEnds.count - 1
    }

    /// Interns the queued account keys in the order they came (the ids a one-by-one read gives),
    /// sets them in the entries they name, and records the balances their rows ended with. The
    /// subject of the row being read, if queued, is left in ``resolvedSubject``. Called before
    /// anything else is interned in the same table (a bill's subject, another part's accounts).
    mutating func resolvePendingAccounts(_ sinks: inout Sinks) {
        let count = pendingEnds.count
        guard count > 0 else { return }
        resolvedIDs.removeAll(keepingCapacity: true)
        resolvedIDs.append(contentsOf: repeatElement(-1, count: count))
        pendingKeys.withUnsafeBufferPointer { keys in
            pendingEnds.withUnsafeBufferPointer { ends in
                resolvedIDs.withUnsafeMutableBufferPointer { ids in sinks.builder.accounts.intern(batch: keys, ends: ends, into: ids) }
            }
        }
        let entries = sinks.statements.count
        for k in 0..<count {
            let id = resolvedIDs[k], target = pendingTargets[k]
            if pendingBalances[k] != StatementRows.noBalance { lastBalance[id] = pendingBalances[k] }
            guard target >= 0 else { continue }
            if target >> 1 < entries {
                sinks.statements.setAccount(target >> 1, counterparty: target & 1 == 1, id)
            } else {
                resolvedSubject = id
            }
        }
        pendingKeys.removeAll(keepingCapacity: true)
        pendingEnds.removeAll(keepingCapacity: true)
        pendingTargets.removeAll(keepingCapacity: true)
        pendingBalances.removeAll(keepingCapacity: true)
    }

    // MARK: - Pieces

    private func parseAmount(_ field: UnsafeBufferPointer<UInt8>) -> Result<Int64, AmountError> {
        do throws(AmountError) {
            let value = try AmountParser.parse(field).fen
            guard amountInFen else { return .success(value) }
            // A column in fen holds whole fen: read as yuan, it must have no fraction; then ÷ 100.
            guard value % 100 == 0 else { return .failure(.invalidCharacter("a fraction in a column of fen (分)")) }
            return .success(value / 100)
        } catch {
            return .failure(error)
        }
    }

    private mutating func parseTime(_ r: RawRecord) -> Result<EpochMilliseconds, TimeParseError> {
        if cPaidTime >= 0 && !RawRecord.trim(r[cPaidTime]).isEmpty {
            do throws(TimeParseError) { return .success(try parser.parse(r[cPaidTime])) } catch { return .failure(error) }
        }
        if cTime >= 0, let value = parser.fixedWidth(r[cTime], cache: &dayCache) { return .success(value) }
        do throws(TimeParseError) {
            if cDate >= 0 {
                let timeOfDay = cTimeOfDay >= 0 ? r[cTimeOfDay] : nil
                do throws(TimeParseError) {
                    return .success(try parser.parse(date: r[cDate], time: timeOfDay))
                } catch {
                    // Some exports write the full date-time in the time column.
                    if let timeOfDay, let value = try? parser.parse(timeOfDay) { return .success(value) }
                    throw error
                }
            }
            return .success(try parser.parse(r[cTime]))
        } catch {
            // xlsx stores dates as serial day numbers unless the cell is text.
            if acceptsExcelSerialTimes, let value = parser.parseExcelSerial(r[cTime >= 0 ? cTime : cDate]) {
                return .success(value)
            }
            return .failure(error)
        }
    }

    private mutating func composite(bank: UnsafeBufferPointer<UInt8>, account: UnsafeBufferPointer<UInt8>, _ sinks: inout Sinks) -> AccountID? {
        let a = RawRecord.trim(account)
        if a.isEmpty { return nil }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: RawRecord.trim(bank))
        scratch.append(UInt8(ascii: ":"))
        scratch.append(contentsOf: a)
        return scratch.withUnsafeBufferPointer { sinks.builder.accounts.intern($0) }
    }

    private func inferChannel(_ r: RawRecord) -> Channel? {
        if cMemo >= 0, let channel = Channel.inferred(fromMemo: r[cMemo]) { return channel }
        if cType >= 0, let channel = Channel.inferred(fromMemo: r[cType]) { return channel }
        return nil
    }

    private func hasExtraFields(_ r: RawRecord) -> Bool {
        (headerCount..<r.count).contains { !RawRecord.trim(r[$0]).isEmpty }
    }

    /// A repeated header or a summary line, counted as skipped; `true` when it was one. Looks only
    /// at byte prefixes, so a huge field costs nothing here.
    private func nonTransferLine(_ r: RawRecord, _ sinks: inout Sinks) -> Bool {
        guard let header else { return false }
        var matches = 0
        for index in 0..<min(r.count, header.headerNames.count) {
            let field = RawRecord.trim(r[index])
            let name = headerBytes[index]
            if field.count == name.count && field.elementsEqual(name) { matches += 1 }
        }
        if matches * 2 > header.headerNames.count {
            skip(.repeatedHeader, &sinks)
            return true
        }
        // A separator line (`-----…`, `=====…`), as personal bills draw below their rows.
        let first = RawRecord.trim(r[0])
        if first.count >= 3 && (first.allSatisfy { $0 == UInt8(ascii: "-") } || first.allSatisfy { $0 == UInt8(ascii: "=") }) {
            skip(.summary, &sinks)
            return true
        }
        for index in 0..<r.count {
            let field = RawRecord.trim(r[index])
            if Self.summaryPrefixes.contains(where: { prefix in
                field.count >= prefix.count && zip(field.prefix(prefix.count), prefix).allSatisfy { $0.lowercasedASCII == $1 }
            }) {
                skip(.summary, &sinks)
                return true
            }
        }
        return false
    }

    /// 合计, 总计, 小计 and "total" (compared lowercased).
    private static let summaryPrefixes: [[UInt8]] = ["合计", "总计", "小计", "total"].map { Array($0.utf8) }

    private func skip(_ reason: SkipReason, _ sinks: inout Sinks) {
        sinks.report.files[reportIndex].skipped[reason, default: 0] += 1
        sinks.report.files[reportIndex].amounts.skipped += rowAmount
    }

    private func reject(_ r: RawRecord, column: Int?, _ reason: String, _ sinks: inout Sinks) {
        sinks.report.files[reportIndex].rejected += 1
        sinks.report.files[reportIndex].amounts.rejected += rowAmount
        guard sinks.report.rejectedRows.count < sinks.options.rejectedLimit else { return }
        // The row's text, cut at 500 bytes without converting more of a huge field than that.
        var bytes: [UInt8] = []
        for index in 0..<r.count where bytes.count <= 500 {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: r[index].prefix(501 - bytes.count))
        }
        var text = String(decoding: bytes.prefix(500), as: UTF8.self)
        if bytes.count > 500 { text += "…" }
        var columnName: String?
        if let column, column >= 0, let header, column < header.headerNames.count { columnName = header.headerNames[column] }
        sinks.report.rejectedRows.append(RejectedRow(file: path, line: r.line, column: columnName, reason: reason, text: text))
    }

    static func isFailure(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        failureWords.contains(RawRecord.trim(field))
    }

    /// The spellings of a failed row, compared as bytes (ASCII case-insensitively): a `String`
    /// switch over Chinese words compared through Unicode normalisation on every row, 19% of
    /// reading a 500,000-row bill (Benchmarks/readers.sh).
    private static let failureWords = ByteWords([
        "否", "失败", "交易失败", "n", "no", "false", "0", "f", "fail", "failed", "失败交易", "不成功",
        // 查询反馈 exports code it: 01 succeeded, 02 (or 00) failed.
        "00", "02",
        // 支付宝: an order closed or never paid moved no money.
        "交易关闭", "已关闭", "关闭", "等待付款", "等待买家付款", "未付款", "支付失败",
        // 微信: a transfer the recipient sent back (or never took) moved nothing in the end.
        "对方已退还", "已退还", "已退回", "对方已退回",
    ])

    /// Whether a 现金标志 says cash. A word (现金, 是, cash, …) always does; the code `01`, which
    /// 查询反馈 exports use for cash but other banks for other things, only on a row without a
    /// counterparty account (a cash row has none).
    static func isCashFlag(_ field: UnsafeBufferPointer<UInt8>, counterparty: UnsafeBufferPointer<UInt8>? = nil) -> Bool {
        let text = String(decoding: field, as: UTF8.self).lowercased()
        switch text {
        case "现金", "是", "1", "y", "yes", "cash", "true", "现": return true
        case "01": return counterparty?.isEmpty ?? true
        default: return false
        }
    }

    /// The direction an entry of `amount` took between the balances `before` and `after` (`true`
    /// out, `false` in), or nil when neither adds up (rows missing between them).
    static func direction(before: Int64, after: Int64, amount: Int64) -> Bool? {
        let (up, upOverflow) = before.addingReportingOverflow(amount)
        let (down, downOverflow) = before.subtractingReportingOverflow(amount)
        if !upOverflow && up == after { return false }
        if !downOverflow && down == after { return true }
        return nil
    }

    /// 支付宝's 收/支 `不计收支` (or `/`, as some exports leave it).
    static func isNotCounted(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        notCountedWords.contains(field)
    }

    private static let notCountedWords = ByteWords(["不计收支", "/"])

    /// A 查询反馈 row that says the query found nothing: 查询反馈结果原因 filled and no amount.
    private func isEmptyReturn(_ r: RawRecord) -> Bool {
        guard cQueryResult >= 0, cQueryResult < r.count, !RawRecord.trim(r[cQueryResult]).isEmpty else { return false }
        return cAmount < 0 || cAmount >= r.count || RawRecord.trim(r[cAmount]).isEmpty
    }

    private static let outWords = ByteWords(["出", "借", "D", "支出", "付", "O", "OUT", "DEBIT", "DR", "转出", "支", "-", "付款", "借方"])
    private static let inWords = ByteWords(["进", "入", "贷", "C", "收入", "收", "I", "IN", "CREDIT", "CR", "转入", "+", "收款", "贷方"])

    /// 出 借 付 支 (out) and 进 入 贷 收 (in) as UTF-8.
    private static let singleCharacterDirections: [((UInt8, UInt8, UInt8), Bool)] = [
        ("出", true), ("借", true), ("付", true), ("支", true), ("进", false), ("入", false), ("贷", false), ("收", false),
    ].map { (text, out) in let b = Array(text.utf8); return ((b[0], b[1], b[2]), out) }

    /// `true` for money out, `false` for money in, `nil` when unknown.
    static func direction(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        // The common spellings without making a String (a row each: 6% of reading a return).
        if field.count == 1 {
            switch field[0] | 0x20 {
            case UInt8(ascii: "d"), UInt8(ascii: "o"): return true
            case UInt8(ascii: "c"), UInt8(ascii: "i"): return false
            default: break
            }
        } else if field.count == 3 {
            for (bytes, out) in singleCharacterDirections where field[0] == bytes.0 && field[1] == bytes.1 && field[2] == bytes.2 { return out }
        }
        if outWords.contains(field) { return true }
        if inWords.contains(field) { return false }
        return nil
    }
}
