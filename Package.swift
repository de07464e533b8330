// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "fundflow",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FundFlow", targets: ["FundFlow"]),
        .executable(name: "fundflow", targets: ["fundflow"]),
        // The PostgreSQL source (`--traits PostgreSQL`): empty in the default build.
        .library(name: "FundFlowPostgres", targets: ["FundFlowPostgres"]),
    ],
    traits: [
        .trait(name: "PostgreSQL", description: "The PostgreSQL source: `fundflow db`, `--source postgres://…` (builds PostgresNIO)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Built only with the PostgreSQL trait.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // zlib, for the xlsx reader's inflate (ZipArchive).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "FundFlow",
            dependencies: ["CGraphviz", "CZlib"]
        ),
        .target(
            name: "FundFlowPostgres",
            dependencies: [
                "FundFlow",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        .executableTarget(
            name: "fundflow",
            dependencies: [
                "FundFlow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "FundFlowPostgres", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        .executableTarget(
            name: "fundflow-bench",
            dependencies: ["FundFlow", .target(name: "FundFlowPostgres", condition: .when(traits: ["PostgreSQL"]))],
            path: "Benchmarks/Sources/fundflow-bench"
        ),
        .testTarget(
            name: "FundFlowTests",
            // The CLI is a dependency so that its exit codes are tested on the built binary.
            dependencies: ["FundFlow", "fundflow"]
        ),
        .testTarget(
            name: "FundFlowPostgresTests",
            dependencies: [
                "FundFlow", "FundFlowPostgres",
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
