// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "fundflow",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FundFlow", targets: ["FundFlow"]),
        // The case folder `analyze` writes (report, diagrams, manifest.json).
        .library(name: "FundFlowCase", targets: ["FundFlowCase"]),
        .executable(name: "fundflow", targets: ["fundflow"]),
        // The PostgreSQL source: `fundflow db`, `--source postgres://…`.
        .library(name: "FundFlowPostgres", targets: ["FundFlowPostgres"]),
        // `fundflow serve`: the case as a local web app.
        .library(name: "FundFlowServe", targets: ["FundFlowServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Deque, for the tracer's lots and the pass-through window.
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // SHA-256 of the chain of custody (manifest.json) and of the chart cache's keys: BoringSSL's,
        // which courts and auditors can name (Sources/FundFlow/Support/SHA256Digest.swift measures it).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The HTTP server of `fundflow serve` (Sources/FundFlowServe/CaseServer.swift says why this one).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
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
        // The CSV reader's 64-bytes-at-a-time scan for field ends (SSE2, or NEON on 64-bit ARM; CSVReader says why).
        .target(name: "CByteScan"),
        .target(
            name: "FundFlow",
            dependencies: ["CGraphviz", "CZlib", "CByteScan", .product(name: "DequeModule", package: "swift-collections")]
        ),
        // A case folder as `analyze` writes it, with its chain of custody (manifest.json's SHA-256):
        // apart from FundFlow so that the fuzz targets, which link FundFlow, do not build BoringSSL.
        .target(
            name: "FundFlowCase",
            dependencies: ["FundFlow", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // libpq, PostgreSQL's own client library, for the PostgreSQL source (TransferDatabase says why).
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "FundFlowPostgres",
            dependencies: ["FundFlow", "CLibpq"]
        ),
        .target(
            name: "FundFlowServe",
            dependencies: ["FundFlow", "FundFlowCase", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "fundflow",
            dependencies: [
                "FundFlow",
                "FundFlowCase",
                "FundFlowServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "FundFlowPostgres",
            ]
        ),
        .executableTarget(
            name: "fundflow-bench",
            dependencies: ["FundFlow", "FundFlowCase", "FundFlowPostgres"],
            path: "Benchmarks/Sources/fundflow-bench"
        ),
        .testTarget(
            name: "FundFlowTests",
            // The CLI is a dependency so that its exit codes are tested on the built binary.
            dependencies: ["FundFlow", "FundFlowCase", "FundFlowServe", "fundflow"]
        ),
        .testTarget(
            name: "FundFlowPostgresTests",
            dependencies: ["FundFlow", "FundFlowPostgres"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
