// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "huifang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "huifang", targets: ["huifang"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "HuifangYAML", dependencies: ["CYAML"]),
        .target(name: "HuifangCore"),
        .target(
            name: "HuifangStore",
            dependencies: ["HuifangCore", "HuifangYAML"],
            resources: [.embedInCode("Resources/cn-holidays.yaml")]
        ),
        .target(name: "HuifangReport", dependencies: ["HuifangCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .executableTarget(
            name: "huifang",
            dependencies: [
                "HuifangCore", "HuifangStore", "HuifangReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds on Linux carry the Swift standard library and Foundation in the
            // binary: it starts faster, calls the runtime (retain/release, allocation) directly
            // instead of through the dynamic linker's tables (about 4% less CPU on a cold read),
            // and runs on machines without a Swift toolchain. `-static-stdlib` at link time only
            // (SwiftPM offers no per-target static stdlib), so the static Foundation's own
            // libraries are named here; they are those of swift-foundation (Swift 6).
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib"]
                        + ["FoundationInternationalization", "FoundationEssentials", "CoreFoundation", "_FoundationICU",
                           "_FoundationCShims", "_FoundationCollections", "swiftSynchronization"].flatMap { ["-Xlinker", "-l\($0)"] },
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .testTarget(name: "HuifangYAMLTests", dependencies: ["HuifangYAML"]),
        .testTarget(name: "HuifangCoreTests", dependencies: ["HuifangCore"]),
        .testTarget(name: "HuifangStoreTests", dependencies: ["HuifangStore"]),
        .testTarget(name: "HuifangReportTests", dependencies: ["HuifangReport", "HuifangCore"]),
        .testTarget(
            name: "huifangTests",
            dependencies: ["huifang"],
            exclude: ["Expected", "Fixtures"]
        ),
    ]
)
