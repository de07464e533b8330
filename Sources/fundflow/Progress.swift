#if canImport(Glibc)
import Glibc
#endif

/// A progress line on stderr, only when stderr is a terminal, redrawn at most 5 times a second.
final class Progress {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    init(label: String, unit: String, enabled: Bool = true) {
        self.label = label
        self.unit = unit
        self.enabled = enabled && isatty(2) != 0
    }

    /// Shows the stage now under way.
    func stage(_ name: String) {
        guard enabled else { return }
        drawn = true
        FileHandle.standardError.write("\r\(label): \(name)…\u{1B}[K")
    }

    func update(_ count: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw > .milliseconds(200) else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write("\r\(label): \(count) \(unit)\u{1B}[K")
    }

    func finish() {
        if drawn { FileHandle.standardError.write("\r\u{1B}[K") }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
