// swift-tools-version:6.0
// recon's CSV reader against the Swift CSV packages a developer would reach for, on the same file.
// A package of its own, so that `make test` never builds these dependencies; `make bench` runs it.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the project was cloned into.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let reconIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "csv-readers",
    dependencies: [
        .package(path: root.path),
        .package(url: "https://github.com/yaslab/CSV.swift.git", exact: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", exact: "0.10.0"),
    ],
    targets: [
        .executableTarget(name: "csv-readers", dependencies: [
            .product(name: "ReconCore", package: reconIdentity),
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
