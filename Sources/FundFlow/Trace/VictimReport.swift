/// One row of `victims.csv` (formats.md §3): a reported loss.
public struct VictimReport: Sendable, Equatable {
    /// The line of the victims file.
    public var line: Int
    /// The victim's account id (受害人账号).
    public var victim: String
    /// The reported loss.
    public var amount: Amount
    /// The time of the first loss transfer, when given.
    public var time: EpochMilliseconds?
    /// The account the victim paid (一级卡), when given.
    public var payee: String?
    /// The case id (案件编号); `line-N` when the file gives none.
    public var caseID: String
    /// The victim's name, when given.
    public var name: String?
}

/// A problem with one row of a victims file: the row is left out, the trace runs on the rest.
public struct VictimReportProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// What is wrong.
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}

/// Reads `victims.csv`: `victim` and `amount` required; `time`, `to`, `case`, `name` optional
/// (also under the Chinese headers 受害人账号, 损失金额 / 被骗金额, 转账时间, 收款账号, 案件编号, 姓名).
public enum VictimReportReader {
    /// The reports that parse, in file order, and the problems of the rows that do not.
    ///
    /// - Throws: ``IngestError`` when the file cannot be read or has no `victim` / `amount` column.
    public static func read(
        _ path: String, timeParser: TimeParser = TimeParser()
    ) throws -> (reports: [VictimReport], problems: [VictimReportProblem]) {
        try read(try CSVReader(path: path), timeParser: timeParser)
    }

    /// The reports of a victims file already in memory, read as the file `name` would be.
    public static func read(
        named name: String, contents: [UInt8], timeParser: TimeParser = TimeParser()
    ) throws -> (reports: [VictimReport], problems: [VictimReportProblem]) {
        try read(try CSVReader(name: name, contents: contents), timeParser: timeParser)
    }

    private static func read(
        _ reader: CSVReader, timeParser: TimeParser
    ) throws -> (reports: [VictimReport], problems: [VictimReportProblem]) {
        let path = reader.path
        var columns: [String: Int]?
        var reports: [VictimReport] = []
        var problems: [VictimReportProblem] = []
        var failure: IngestError?
        let aliases: [String: [String]] = [
            "victim": ["victim", "victimaccount", "account", "受害人账号", "受害人卡号", "受害账号", "被害人账号"],
            "amount": ["amount", "loss", "损失金额", "被骗金额", "涉案金额", "金额"],
            "time": ["time", "losstime", "转账时间", "被骗时间", "交易时间", "时间"],
            "to": ["to", "payee", "firstlevel", "收款账号", "一级卡", "对方账号", "收款卡号"],
            "case": ["case", "caseid", "案件编号", "案件号"],
            "name": ["name", "victimname", "姓名", "受害人姓名", "受害人"],
        ]
        try reader.forEachRecord { record in
            if record.isBlank { return true }
            guard let map = columns else {
                let found = HeaderNames(record).columns(aliases)
                let missing = ["victim", "amount"].filter { found[$0] == nil }
                if !missing.isEmpty {
                    failure = IngestError(file: path, line: record.line, kind: .missingColumns(missing))
                    return false
                }
                columns = found
                return true
            }
            func field(_ name: String) -> String? {
                guard let index = map[name] else { return nil }
                let value = record.string(index)
                return value.isEmpty ? nil : value
            }
            guard let victim = field("victim").map(AccountKey.clean), !victim.isEmpty else {
                problems.append(VictimReportProblem(file: path, line: record.line, reason: "no victim account"))
                return true
            }
            let amount: Amount
            do {
                amount = try AmountParser.parse(field("amount") ?? "")
            } catch {
                problems.append(VictimReportProblem(file: path, line: record.line, reason: "amount: \(error)"))
                return true
            }
            guard amount.fen > 0 else {
                problems.append(VictimReportProblem(file: path, line: record.line, reason: "the reported amount is not positive"))
                return true
            }
            var time: EpochMilliseconds?
            if let text = field("time") {
                do {
                    time = try timeParser.parse(text)
                } catch {
                    problems.append(VictimReportProblem(file: path, line: record.line, reason: "time: \(error)"))
                    return true
                }
            }
            reports.append(VictimReport(
                line: record.line, victim: victim, amount: amount, time: time, payee: field("to").map(AccountKey.clean),
                caseID: field("case") ?? "line-\(record.line)", name: field("name")))
            return true
        }
        if let failure { throw failure }
        if columns == nil { throw IngestError(file: path, kind: .empty) }
        return (reports, problems)
    }
}
