/// Durations as people write them in options and rules files: a whole number and a unit, `90s`,
/// `5m`, `2h` or `7d`.
///
/// One parser for the command line and the rules file, so that `--match-window` and a rule's
/// `window` accept the same spellings. A bare number is refused rather than guessed: `5` could be
/// minutes to one reader and seconds to another, and a window off by 60× silently changes what
/// is matched or found.
public enum DurationText {
    /// The milliseconds of `text`, or `nil` when it is not a non-negative whole number followed by
    /// `s`, `m`, `h` or `d`, or when it exceeds 100 years.
    public static func milliseconds(_ text: String) -> Int64? {
        guard let unit = text.last, let value = Int64(text.dropLast()), value >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: return nil
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, product <= 100 * 366 * 86_400_000 else { return nil }
        return product
    }

    /// `milliseconds` written back in the largest unit that divides it (`"7d"`, `"2h"`, `"30m"`,
    /// `"90s"`); the inverse of ``milliseconds(_:)`` for whole seconds.
    public static func string(_ milliseconds: Int64) -> String {
        if milliseconds % 86_400_000 == 0 { return "\(milliseconds / 86_400_000)d" }
        if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        return "\(milliseconds / 1000)s"
    }
}
