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
