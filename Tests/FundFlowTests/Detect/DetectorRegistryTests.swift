import Testing
@testable import FundFlow

/// The registry and the rules it assembles: each detector's file names its pattern, its section
/// and its keys once, and every key of every section reaches the value it names.
@Suite struct DetectorRegistryTests {
    @Test func eachDetectorsSectionIsNamedAsItsPattern() {
        let detectors = DetectorRegistry.all
        #expect(detectors.allSatisfy { $0.rulesSection.name == $0.pattern.rawValue })
        #expect(Set(detectors.map(\.pattern)).count == detectors.count, "one detector a pattern")
        #expect(Set(Rules.sections.map(\.name)).count == Rules.sections.count, "one section a name")
        #expect(Pattern.allCases == detectors.map(\.pattern))
        #expect(Pattern(rawValue: "fan_in") == .fanIn && Pattern(rawValue: "fan_inn") == nil)
        // Every detector runs once: the independent ones, then those that read their findings.
        let run = DetectionEngine.independent.map(\.pattern) + DetectionEngine.dependent.map(\.pattern)
        #expect(Set(run) == Set(Pattern.allCases) && run.count == Pattern.allCases.count)
    }

    /// Every key, set alone in a rules file, changes exactly its own value.
    @Test func everyKeyReachesItsOwnValue() throws {
        let defaults = Rules()
        #expect(try Rules.parse(Rules.defaultsText) == defaults)
        for section in Rules.sections {
            for field in section.fields {
                let value: Int64 = switch field.kind {
                case .amount: defaults[keyPath: field.path] + 100  // one yuan more
                case .duration: defaults[keyPath: field.path] + 60_000
                case .percent: defaults[keyPath: field.path] == 100 ? 99 : defaults[keyPath: field.path] + 1
                case .count: defaults[keyPath: field.path] + 1
                }
                var expected = defaults
                expected[keyPath: field.path] = value
                let text = "[\(section.name)]\n\(field.key) = \(Rules.format(value, field.kind))\n"
                let parsed = try Rules.parse(text)
                #expect(parsed[keyPath: field.path] == value, "\(section.name).\(field.key)")
                #expect(parsed == expected, "\(section.name).\(field.key) changed only itself")
                #expect(parsed != defaults)
            }
        }
    }
}
