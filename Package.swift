// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "recon",
    products: [
        .executable(name: "recon", targets: ["recon"]),
        .library(name: "ReconCore", targets: ["ReconCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        // C libraries from Debian packages, each behind a one-header shim.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // One system call Swift's Glibc module does not expose: the atomic swap of two folders.
        .target(name: "CAtomicRename"),
        // SHA-256's compression function, with the x86 SHA instructions where the CPU has them.
        .target(name: "CSHA256"),
        // Splits a plain CSV line at its commas, 16 bytes at a time.
        .target(name: "CCSVScan"),
        // A cache prefetch hint, for the ingest's id lookups (one instruction Swift does not expose).
        .target(name: "CPrefetch"),
        // The pipeline: ingest, normalise, match, cases and flags, report.
        .target(
            name: "ReconCore",
            dependencies: [
                "CZlib", "CXlsxWriter", "CAtomicRename", "CSHA256", "CCSVScan", "CPrefetch",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command line: parses arguments, calls ReconCore, and maps every way out onto an exit code.
        .target(
            name: "ReconCLI",
            dependencies: [
                "ReconCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `recon` executable: runs ReconCLI's root command.
        .executableTarget(name: "recon", dependencies: ["ReconCLI"]),
        // Tests only: counts the Swift heap objects a thread makes (through uprobes on the runtime).
        .target(name: "CAllocationCount", path: "Tests/CAllocationCount"),
        .testTarget(
            name: "ReconCoreTests", dependencies: ["ReconCore", "CSHA256", "CCSVScan", "CZlib", "CAllocationCount"]),
        // The command line run in-process: help, messages and exit codes.
        .testTarget(name: "ReconCLITests", dependencies: ["ReconCLI", "ReconCore"]),
    ],
    swiftLanguageModes: [.v6]
)
