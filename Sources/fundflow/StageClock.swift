#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall time per stage of a command, printed to standard error as `fundflow: timing STAGE N ms`
/// when enabled (`FUNDFLOW_TIMINGS=1`, for the benchmarks); does nothing otherwise.
struct StageClock {
    let enabled: Bool
    private var last = ContinuousClock.now

    init(enabled: Bool) { self.enabled = enabled }

    /// A clock enabled by `FUNDFLOW_TIMINGS=1` in the environment.
    static func fromEnvironment() -> StageClock {
        StageClock(enabled: getenv("FUNDFLOW_TIMINGS").map { String(cString: $0) == "1" } ?? false)
    }

    /// Starts the next lap now.
    mutating func restart() { last = .now }

    /// Prints the time since the previous lap (or since the clock was made) under `stage`.
    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let milliseconds = Double((now - last) / .microseconds(1)) / 1000
        last = now
        report(stage, milliseconds: milliseconds)
    }

    /// Prints a stage's time measured elsewhere (the detectors time themselves).
    func report(_ stage: String, milliseconds: Double) {
        guard enabled else { return }
        FileHandle.standardError.write("fundflow: timing \(stage) \(Int(milliseconds.rounded())) ms\n")
    }
}
