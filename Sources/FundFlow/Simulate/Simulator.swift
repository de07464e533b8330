#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a simulation wrote.
public struct SimulationSummary: Sendable {
    /// Transfers written to `transfers.csv`.
    public var transfers: Int
    /// Accounts in `truth.csv`.
    public var accounts: Int
    /// Rows of `victims.csv`.
    public var victimReports: Int
    /// Accounts per role.
    public var roles: [Role: Int]
}

/// Why a simulation could not run.
public struct SimulationError: Error, CustomStringConvertible, Sendable {
    /// The message for the user.
    public var description: String
}

/// Writes a realistic telecom-fraud case with its ground truth (issue 3): `transfers.csv` (a
/// canonical dump, formats.md §1), `victims.csv` (§3) and `truth.csv` (`account,role,gang`).
///
/// The same parameters and seed give byte-identical files. Transfers stream to disk hour by hour
/// in time order: the scheduled traffic (look-alikes and gangs, which grow with accounts, days
/// and gangs, not with the transfer count) is held in memory, the filler is made as it is
/// written, so memory does not grow with `transfers`.
public struct Simulator: Sendable {
    /// The case's parameters.
    public let parameters: SimulationParameters

    /// The simulated case's local time: China Standard Time, +08:00 (its files write local times
    /// without a zone, as Chinese bank exports do).
    public static let offsetSeconds = 8 * 3600

    /// 2024-02-01 00:00:00 +08:00, in epoch seconds.
    public static let start: Int64 = Int64(CivilCalendar.daysFromCivil(year: 2024, month: 2, day: 1)) * 86_400 - Int64(offsetSeconds)

    /// Creates a simulator; ``run(into:progress:)`` checks the parameters.
    public init(parameters: SimulationParameters) {
        self.parameters = parameters
    }

    /// Writes the three files into `directory` (which must exist).
    public func run(into directory: String, progress: ((_ written: Int) -> Void)? = nil) throws -> SimulationSummary {
        if let problem = parameters.problem { throw SimulationError(description: problem) }
        let p = parameters
        var rng = SplitMix64(seed: p.seed)
        var population = Population(seed: p.seed)
        let end = Self.start + Int64(p.days) * 86_400

        var legitimate = LegitimateTraffic(parameters: p, start: Self.start)
        legitimate.populate(&population, rng: &rng)
        var people = legitimate.people
        var scheduled = legitimate.scheduled
        var reports: [GangScheme.Report] = []
        for gang in 0..<p.gangs {
            // Gangs start spread over the period; the last one late enough that money is still held.
            let day = Int64((gang + 1) * p.days / (p.gangs + 1))
            let startTime = Self.start + min(day, Int64(p.days - 1)) * 86_400 + Int64(rng.int(9...20)) * 3600
            let scheme = GangScheme(gang: gang, parameters: p, startTime: startTime, end: end,
                                    population: &population, people: &people, rng: &rng)
            scheduled.append(contentsOf: scheme.transfers)
            reports.append(contentsOf: scheme.reports)
        }
        scheduled = scheduled.filter { $0.time >= Self.start && $0.time < end }
        scheduled = Self.sortedByTime(scheduled)

        let fillerPeople = legitimate.fillerPeople(population)
        var writer = try TransferCSVWriter(path: directory + "/transfers.csv", population: population)
        let fillerTotal = max(0, p.transfers - scheduled.count)
        let hours = p.days * 24
        let weights = (0..<hours).map {
            LegitimateTraffic.hourWeights[$0 % 24] * LegitimateTraffic.weekdayWeights[LegitimateTraffic.weekday(Self.start + Int64($0) * 3600)]
        }
        let weightTotal = weights.reduce(0, +)
        var cumulative = 0
        var next = 0  // next scheduled transfer
        var hourBatch: [SimulatedTransfer] = []
        for hour in 0..<hours {
            let hourStart = Self.start + Int64(hour) * 3600
            let quota = fillerTotal * (cumulative + weights[hour]) / weightTotal - fillerTotal * cumulative / weightTotal
            cumulative += weights[hour]
            hourBatch.removeAll(keepingCapacity: true)
            if !fillerPeople.isEmpty {
                for _ in 0..<quota {
                    hourBatch.append(LegitimateTraffic.filler(
                        at: hourStart + Int64(rng.int(0...3599)), people: fillerPeople, shops: legitimate.shops, rng: &rng))
                }
            }
            while next < scheduled.count && scheduled[next].time < hourStart + 3600 {
                hourBatch.append(scheduled[next])
                next += 1
            }
            for transfer in Self.sortedByTime(hourBatch) { try writer.write(transfer) }
            progress?(writer.written)
        }
        let written = writer.written
        try writer.close()

        try writeVictims(reports, population, to: directory + "/victims.csv")
        try writeTruth(population, to: directory + "/truth.csv")
        var roles: [Role: Int] = [:]
        for role in population.roles { roles[role, default: 0] += 1 }
        return SimulationSummary(transfers: written, accounts: population.count, victimReports: reports.count, roles: roles)
    }

    /// Sorted by time; equal times keep their order. The key packs the time's offset from the
    /// earliest and the position into one integer, so the sort compares integers only.
    static func sortedByTime(_ transfers: [SimulatedTransfer]) -> [SimulatedTransfer] {
        guard let earliest = transfers.lazy.map(\.time).min() else { return [] }
        var keys = transfers.indices.map { UInt64(transfers[$0].time - earliest) << 32 | UInt64($0) }
        keys.sort()
        return keys.map { transfers[Int($0 & 0xFFFF_FFFF)] }
    }

    private func writeVictims(_ reports: [GangScheme.Report], _ population: Population, to path: String) throws {
        var writer = CSVWriter(header: ["victim", "amount", "time", "to", "case", "name", "scam"])
        for report in reports {
            writer.appendRow([
                String(decoding: population.ids[Int(report.victim)], as: UTF8.self),
                Amount(fen: report.reported).decimalString,
                report.firstTime.map { TimeFormatter.string($0 * 1000, offsetSeconds: Self.offsetSeconds) } ?? "",
                report.payee.map { String(decoding: population.ids[Int($0)], as: UTF8.self) } ?? "",
                report.caseID,
                String(decoding: population.names[Int(report.victim)], as: UTF8.self),
                report.scam,
            ])
        }
        try FileOutput.write(writer.text, to: path)
    }

    private func writeTruth(_ population: Population, to path: String) throws {
        var writer = CSVWriter(header: ["account", "role", "gang"])
        for index in 0..<population.count {
            let gang = population.gangs[index]
            writer.appendRow([String(decoding: population.ids[index], as: UTF8.self), population.roles[index].rawValue,
                              gang >= 0 ? "G\(gang + 1)" : ""])
        }
        try FileOutput.write(writer.text, to: path)
    }
}

/// Writes simulated transfers as canonical CSV rows straight from bytes: account ids and names
/// sit in flat arenas and rows are assembled in a raw buffer, so a row costs no allocation,
/// reference counting or exclusivity check.
struct TransferCSVWriter: ~Copyable {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let capacity = 1 << 21
    private(set) var written = 0
    private var cachedDay: Int64 = .min
    private var cachedDate: [UInt8] = []
    private let arena: [UInt8]
    private let idStarts: [Int]  // account i's id is arena[idStarts[i] ..< nameStarts[i]]
    private let nameStarts: [Int]  // and its name nameStarts[i] ..< idStarts[i + 1]
    private let channelNames: [[UInt8]] = Channel.allCases.map { Array($0.name.utf8) }
    private let memoTexts: [[UInt8]] = (0...12).map { SimulatedTransfer.Memo(rawValue: UInt8($0))?.text ?? [] }

    init(path: String, population: borrowing Population) throws {
        guard let file = fopen(path, "w") else {
            throw SimulationError(description: "\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.path = path
        buffer = .allocate(capacity: capacity)
        var arena: [UInt8] = []
        var idStarts: [Int] = []
        var nameStarts: [Int] = []
        for i in 0..<population.count {
            idStarts.append(arena.count)
            arena.append(contentsOf: population.ids[i])
            nameStarts.append(arena.count)
            arena.append(contentsOf: population.names[i])
        }
        idStarts.append(arena.count)
        self.arena = arena
        self.idStarts = idStarts
        self.nameStarts = nameStarts
        append(Array("id,time,from,to,amount,channel,from_name,to_name,place,memo\n".utf8))
    }

    deinit {
        buffer.deallocate()
    }

    mutating func write(_ t: SimulatedTransfer) throws {
        if used > capacity - 4096 { try flush() }
        written += 1
        byte(UInt8(ascii: "T")); byte(UInt8(ascii: "X"))
        digits(UInt64(written), width: 10)
        byte(UInt8(ascii: ","))
        time(t.time)
        byte(UInt8(ascii: ","))
        if t.from >= 0 { span(idStarts[Int(t.from)], nameStarts[Int(t.from)]) }
        byte(UInt8(ascii: ","))
        if t.to >= 0 { span(idStarts[Int(t.to)], nameStarts[Int(t.to)]) }
        byte(UInt8(ascii: ","))
        digits(UInt64(t.fen / 100), width: 1)
        byte(UInt8(ascii: "."))
        digits(UInt64(t.fen % 100), width: 2)
        byte(UInt8(ascii: ","))
        append(channelNames[Int(t.channel.rawValue)])
        byte(UInt8(ascii: ","))
        if t.from >= 0 { span(nameStarts[Int(t.from)], idStarts[Int(t.from) + 1]) }
        byte(UInt8(ascii: ","))
        if t.to >= 0 { span(nameStarts[Int(t.to)], idStarts[Int(t.to) + 1]) }
        byte(UInt8(ascii: ","))
        if t.place >= 0 { append(SimulatedTransfer.places[Int(t.place)]) }
        byte(UInt8(ascii: ","))
        append(memoTexts[Int(t.memo.rawValue)])
        byte(0x0A)
    }

    consuming func close() throws {
        try flush()
        if fclose(file) != 0 { throw SimulationError(description: "\(path): cannot write: \(String(cString: strerror(errno)))") }
    }

    private mutating func flush() throws {
        let n = fwrite(buffer, 1, used, file)
        if n != used { throw SimulationError(description: "\(path): cannot write: \(String(cString: strerror(errno)))") }
        used = 0
    }

    @inline(__always)
    private mutating func byte(_ value: UInt8) {
        buffer[used] = value
        used += 1
    }

    /// Appends bytes; ``write(_:)`` keeps 4 KiB free before each row, and a generated row (ids,
    /// names, places and memos of a few dozen bytes each) is far shorter.
    @inline(__always)
    private mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { (buffer + used).update(from: $0.baseAddress!, count: $0.count) }
        used += bytes.count
    }

    @inline(__always)
    private mutating func span(_ start: Int, _ end: Int) {
        arena.withUnsafeBufferPointer { (buffer + used).update(from: $0.baseAddress! + start, count: end - start) }
        used += end - start
    }

    @inline(__always)
    private mutating func digits(_ value: UInt64, width: Int) {
        var count = 1
        var probe = value / 10
        while probe > 0 { count += 1; probe /= 10 }
        let total = max(count, width)
        var v = value
        var i = total - 1
        while i >= 0 {
            buffer[used + i] = UInt8(0x30 + v % 10)
            v /= 10
            i -= 1
        }
        used += total
    }

    private mutating func time(_ seconds: Int64) {
        let local = seconds + Int64(Simulator.offsetSeconds)
        let day = local / 86_400
        if day != cachedDay {
            cachedDay = day
            let (y, m, d) = CivilCalendar.civilFromDays(Int(day))
            cachedDate = Array("\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d) ".utf8)
        }
        append(cachedDate)
        let secondOfDay = local % 86_400
        digits(UInt64(secondOfDay / 3600), width: 2)
        byte(UInt8(ascii: ":"))
        digits(UInt64(secondOfDay / 60 % 60), width: 2)
        byte(UInt8(ascii: ":"))
        digits(UInt64(secondOfDay % 60), width: 2)
    }
}
