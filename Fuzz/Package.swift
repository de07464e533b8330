// swift-tools-version: 6.0
// The libFuzzer target over fundflow's readers and parsers: a package of its own, so that the
// main build never links libFuzzer. Build and run it with `scripts/fuzz.sh` (see the README).
import PackageDescription

let package = Package(
    name: "fundflow-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "fundflow", path: "..")],
    targets: [
        .executableTarget(
            name: "FundFlowFuzz",
            dependencies: [.product(name: "FundFlow", package: "fundflow")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
