/// Formats epoch milliseconds back into text at a fixed UTC offset.
public enum TimeFormatter {
    /// `YYYY-MM-DD HH:MM:SS` at `offsetSeconds` east of UTC (fractions are dropped).
    public static func string(_ ms: EpochMilliseconds, offsetSeconds: Int) -> String {
        format(ms, offsetSeconds: offsetSeconds, separator: " ")
    }

    /// ISO 8601 with the offset, e.g. `2024-03-01T14:02:00+08:00`.
    public static func iso8601(_ ms: EpochMilliseconds, offsetSeconds: Int) -> String {
        let base = format(ms, offsetSeconds: offsetSeconds, separator: "T")
        if offsetSeconds == 0 { return base + "Z" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return base + sign + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude / 60 % 60)
    }

    private static func format(_ ms: EpochMilliseconds, offsetSeconds: Int, separator: String) -> String {
        let seconds = (ms >= 0 ? ms / 1000 : (ms - 999) / 1000) + Int64(offsetSeconds)
        var days = Int(seconds / 86_400)
        var secondOfDay = Int(seconds % 86_400)
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = CivilCalendar.civilFromDays(days)
        return "\(y)-\(twoDigits(m))-\(twoDigits(d))\(separator)\(twoDigits(secondOfDay / 3600)):"
            + "\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
