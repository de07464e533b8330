// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "fundflow",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FundFlow", targets: ["FundFlow"]),
        .executable(name: "fundflow", targets: ["fundflow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "FundFlow",
            dependencies: ["CGraphviz", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "fundflow",
            dependencies: [
                "FundFlow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "fundflow-bench",
            dependencies: ["FundFlow"],
            path: "Benchmarks/Sources/fundflow-bench"
        ),
        .testTarget(
            name: "FundFlowTests",
            // The CLI is a dependency so that its exit codes are tested on the built binary.
            dependencies: ["FundFlow", "fundflow"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
