/// Why a time could not be parsed.
public enum TimeParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// The text is not in any accepted form.
    case unrecognized(String)
    /// A field is out of range (month 13, hour 25, year 0, …).
    case outOfRange(String)

    public var description: String {
        switch self {
        case .empty: return "empty time"
        case .unrecognized(let text): return "not a time: \(text)"
        case .outOfRange(let text): return "time out of range: \(text)"
        }
    }
}

/// Parses the time spellings of formats.md §1 from bytes, without Foundation.
///
/// Accepted date-times: `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD HH:MM:SS`, `YYYY/MM/DD HH:MM:SS`,
/// `YYYY/MM/DD HH:MM`, `YYYYMMDDHHMMSS`, `YYYYMMDD HHMMSS`, with an optional fraction
/// (`.123`) and an optional zone (`Z`, `+08:00`, `+0800`). A date alone (`YYYY-MM-DD`,
/// `YYYY/MM/DD`, `YYYYMMDD`) is midnight. Separate time-of-day columns accept `HH:MM:SS`,
/// `HH:MM`, `HHMMSS` and integers that lost their leading zeros (`90000`). DB2 timestamps
/// (`2024-03-01-14.22.05.123456`) are read too. A time without a zone is local time at `defaultOffsetSeconds`.
/// Years must lie in 1900…2199: anything else in a transfer dump is a data error.
public struct TimeParser: Sendable {
    /// The UTC offset of naive times, in seconds east of UTC (`+08:00` = 28,800).
    public var defaultOffsetSeconds: Int

    /// Creates a parser whose naive times are at `defaultOffsetSeconds` east of UTC.
    public init(defaultOffsetSeconds: Int = 8 * 3600) {
        self.defaultOffsetSeconds = defaultOffsetSeconds
    }

    /// Parses a zone offset such as `+08:00`, `-0530`, `Z` or `UTC` into seconds east of UTC.
    public static func parseOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        if text == "Z" || text.uppercased() == "UTC" { return 0 }
        var cursor = 0
        guard let offset = parseZone(bytes.withUnsafeBufferPointer { $0 }, &cursor), cursor == bytes.count
        else { return nil }
        return offset
    }

    /// Parses a full date-time (or a date alone) from a string.
    public func parse(_ text: String) throws(TimeParseError) -> EpochMilliseconds {
        var copy = text
        let result = copy.withUTF8 { buffer in
            Result { () throws(TimeParseError) -> EpochMilliseconds in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses a full date-time (or a date alone) from UTF-8 bytes.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(TimeParseError) -> EpochMilliseconds {
        if let value = fixedWidth(bytes) { return value }
        return try parse(date: bytes, time: nil)
    }

    /// `YYYY-MM-DD HH:MM:SS` (or with `T`), the form nearly every dump uses, read at fixed
    /// positions; `nil` for anything else, or a value out of range, which the general parser then
    /// reads or refuses. It gives what the general parser gives for these 19 bytes.
    @inline(__always)
    func fixedWidth(_ b: UnsafeBufferPointer<UInt8>) -> EpochMilliseconds? {
        var cache = DayCache()
        return fixedWidth(b, cache: &cache)
    }

    /// The day number of the last date read by ``fixedWidth(_:cache:)``, keyed by its ten bytes:
    /// rows come in time order, so most rows repeat the date of the row before.
    struct DayCache {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var days = 0
        var isValid = false
    }

    /// ``fixedWidth(_:)`` that skips reading and checking the date when it is the one in `cache`.
    @inline(__always)
    func fixedWidth(_ b: UnsafeBufferPointer<UInt8>, cache: inout DayCache) -> EpochMilliseconds? {
        guard b.count == 19, let p = b.baseAddress,
              p[10] == 0x20 || p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":")
        else { return nil }
        // A byte minus "0" is 0...9 for a digit; anything else wraps above 9.
        @inline(__always) func d(_ i: Int) -> UInt8 { p[i] &- 0x30 }
        let h0 = d(11), h1 = d(12), n0 = d(14), n1 = d(15), s0 = d(17), s1 = d(18)
        guard max(max(h0, h1), max(max(n0, n1), max(s0, s1))) <= 9 else { return nil }
        let hour = Int(h0) * 10 + Int(h1), minute = Int(n0) * 10 + Int(n1), second = Int(s0) * 10 + Int(s1)
        guard hour < 24, minute < 60, second < 61 else { return nil }
        let raw = UnsafeRawPointer(p)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let days: Int
        if cache.isValid && head == cache.head && tail == cache.tail {
            days = cache.days
        } else {
            guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
            let y0 = d(0), y1 = d(1), y2 = d(2), y3 = d(3), m0 = d(5), m1 = d(6), d0 = d(8), d1 = d(9)
            guard max(max(max(y0, y1), max(y2, y3)), max(max(m0, m1), max(d0, d1))) <= 9 else { return nil }
            let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
            let month = Int(m0) * 10 + Int(m1), day = Int(d0) * 10 + Int(d1)
            guard (1900...2199).contains(year), (1...12).contains(month), day >= 1,
                  day <= Self.daysIn(month: month, year: year) else { return nil }
            days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
            cache = DayCache(head: head, tail: tail, days: days, isValid: true)
        }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(defaultOffsetSeconds)
        return seconds * 1000
    }

    /// Parses a date column and an optional separate time-of-day column; the date column may
    /// itself carry a time, in which case `time` must be empty or `nil`.
    public func parse(
        date: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>?
    ) throws(TimeParseError) -> EpochMilliseconds {
        let b = Self.trimmed(date)
        if b.isEmpty { throw .empty }
        var cursor = 0
        guard let (year, month, day) = Self.parseDate(b, &cursor) else {
            throw .unrecognized(String(decoding: date, as: UTF8.self))
        }
        var clock = Clock()
        var offset: Int? = nil
        // Separator between date and time: 'T', ' ', none for YYYYMMDDHHMMSS, or '-' in DB2's
        // timestamps (`2024-03-01-14.22.05.123456`, whose clock has '.' between its fields).
        if cursor < b.count {
            if b[cursor] == UInt8(ascii: "T") || b[cursor] == 0x20 {
                cursor += 1
                while cursor < b.count && b[cursor] == 0x20 { cursor += 1 }
            } else if b[cursor] == UInt8(ascii: "-") && cursor + 1 < b.count && Self.digit(b[cursor + 1]) != nil {
                cursor += 1
            }
            guard Self.parseClock(b, &cursor, into: &clock) else {
                throw .unrecognized(String(decoding: date, as: UTF8.self))
            }
            var zoneStart = cursor
            while zoneStart < b.count && b[zoneStart] == 0x20 { zoneStart += 1 }
            if zoneStart < b.count { cursor = zoneStart }
            offset = Self.parseZone(b, &cursor)
            if cursor != b.count { throw .unrecognized(String(decoding: date, as: UTF8.self)) }
        }
        if let time {
            let t = Self.trimmed(time)
            if !t.isEmpty {
                if clock.given { throw .unrecognized(String(decoding: date, as: UTF8.self)) }
                // A time of day stored as an integer HHMMSS loses its leading zeros (`90000` is
                // 09:00:00, `0` midnight): up to five digits alone are padded back to six.
                var ok = false
                if t.count < 6 && t.allSatisfy({ Self.digit($0) != nil }) {
                    let padded = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - t.count) + Array(t)
                    ok = padded.withUnsafeBufferPointer { p in
                        var tc = 0
                        return Self.parseClock(p, &tc, into: &clock) && tc == p.count
                    }
                } else {
                    var tc = 0
                    if Self.parseClock(t, &tc, into: &clock) {
                        offset = Self.parseZone(t, &tc)
                        ok = tc == t.count
                    }
                }
                if !ok { throw .unrecognized(String(decoding: time, as: UTF8.self)) }
            }
        }
        guard (1900...2199).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(month: month, year: year),
              clock.hour < 24, clock.minute < 60, clock.second < 61
        else {
            var text = String(decoding: date, as: UTF8.self)
            if let time { text += " " + String(decoding: time, as: UTF8.self) }
            throw .outOfRange(text)
        }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(clock.hour * 3600 + clock.minute * 60 + clock.second)
            - Int64(offset ?? defaultOffsetSeconds)
        return seconds * 1000 + Int64(clock.millisecond)
    }

    /// Converts an Excel serial date (days since 1899-12-30, with a fraction for the time of day,
    /// given as text like `45123.5`) in local time to epoch milliseconds.
    public func parseExcelSerial(_ bytes: UnsafeBufferPointer<UInt8>) -> EpochMilliseconds? {
        let b = Self.trimmed(bytes)
        var whole: Int64 = 0
        var cursor = 0
        var digits = 0
        while cursor < b.count, let d = Self.digit(b[cursor]) {
            whole = whole * 10 + Int64(d); cursor += 1; digits += 1
            if digits > 6 { return nil }
        }
        guard digits > 0, whole >= 1, whole < 2_958_466 else { return nil }
        // Fraction of a day in units of 10^-k, converted to ms with integer arithmetic.
        var numerator: Int64 = 0
        var denominator: Int64 = 1
        if cursor < b.count {
            guard b[cursor] == UInt8(ascii: ".") else { return nil }
            cursor += 1
            while cursor < b.count, let d = Self.digit(b[cursor]) {
                if denominator < 1_000_000_000_000 {
                    numerator = numerator * 10 + Int64(d); denominator *= 10
                }
                cursor += 1
            }
            guard cursor == b.count else { return nil }
        }
        let msOfDay = (numerator * 86_400_000 + denominator / 2) / denominator
        let days = whole - 25_569  // 1899-12-30 to 1970-01-01
        return days * 86_400_000 + msOfDay - Int64(defaultOffsetSeconds) * 1000
    }

    // MARK: - Pieces

    struct Clock {
        var hour = 0, minute = 0, second = 0, millisecond = 0
        var given = false
    }

    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = b.count
        while start < end && (b[start] == 0x20 || b[start] == 0x09) { start += 1 }
        while end > start && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    /// Reads exactly `count` digits.
    @inline(__always)
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, count: Int) -> Int? {
        guard cursor + count <= b.count else { return nil }
        var value = 0
        for i in 0..<count {
            guard let d = digit(b[cursor + i]) else { return nil }
            value = value * 10 + d
        }
        cursor += count
        return value
    }

    /// Reads 1 or 2 digits (for `2024/1/5 9:03` as some exports write it).
    @inline(__always)
    static func shortNumber(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Int? {
        guard cursor < b.count, let first = digit(b[cursor]) else { return nil }
        cursor += 1
        if cursor < b.count, let second = digit(b[cursor]) {
            cursor += 1
            return first * 10 + second
        }
        return first
    }

    static func parseDate(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> (Int, Int, Int)? {
        guard let year = number(b, &cursor, count: 4) else { return nil }
        guard cursor < b.count else { return nil }
        let separator = b[cursor]
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") {
            cursor += 1
            guard let month = shortNumber(b, &cursor), cursor < b.count, b[cursor] == separator else { return nil }
            cursor += 1
            guard let day = shortNumber(b, &cursor) else { return nil }
            return (year, month, day)
        }
        guard let month = number(b, &cursor, count: 2), let day = number(b, &cursor, count: 2) else { return nil }
        return (year, month, day)
    }

    static func parseClock(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, into clock: inout Clock) -> Bool {
        guard let hour = shortNumber(b, &cursor) else { return false }
        // `HH:MM:SS`, or DB2's `HH.MM.SS` (a '.' after the seconds starts the fraction in both).
        if cursor < b.count && (b[cursor] == UInt8(ascii: ":") || b[cursor] == UInt8(ascii: ".")) {
            let separator = b[cursor]
            cursor += 1
            guard let minute = number(b, &cursor, count: 2) else { return false }
            clock.hour = hour
            clock.minute = minute
            if cursor < b.count && b[cursor] == separator {
                cursor += 1
                guard let second = number(b, &cursor, count: 2) else { return false }
                clock.second = second
            }
        } else {
            // HHMMSS: the first two digits were read as the hour.
            guard let minute = number(b, &cursor, count: 2), let second = number(b, &cursor, count: 2) else {
                return false
            }
            clock.hour = hour
            clock.minute = minute
            clock.second = second
        }
        if cursor < b.count && (b[cursor] == UInt8(ascii: ".") || b[cursor] == UInt8(ascii: ",")) {
            cursor += 1
            var ms = 0
            var digits = 0
            while cursor < b.count, let d = digit(b[cursor]) {
                if digits < 3 { ms = ms * 10 + d }
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return false }
            while digits < 3 { ms *= 10; digits += 1 }
            clock.millisecond = ms
        }
        clock.given = true
        return true
    }

    static func parseZone(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Int? {
        guard cursor < b.count else { return nil }
        if b[cursor] == UInt8(ascii: "Z") || b[cursor] == UInt8(ascii: "z") {
            cursor += 1
            return 0
        }
        let sign = b[cursor]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var c = cursor + 1
        guard let hours = number(b, &c, count: 2), hours <= 14 else { return nil }
        var minutes = 0
        if c < b.count && b[c] == UInt8(ascii: ":") { c += 1 }
        if c < b.count {
            guard let m = number(b, &c, count: 2), m < 60 else { return nil }
            minutes = m
        }
        cursor = c
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
