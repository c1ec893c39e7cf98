// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Waymark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
        .executable(name: "waymark-bench", targets: ["waymark-bench"]),
        .library(name: "Directory", targets: ["Directory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "WaymarkData",
            path: "Data",
            exclude: ["README.md"],
            sources: ["WaymarkData.swift"],
            resources: [.copy("sample"), .copy("strings"), .copy("sop"), .copy("languages")]
        ),
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "TerminalSafety"
        ),
        .target(
            name: "Terminal",
            dependencies: ["CNcurses", "TerminalSafety"]
        ),
        .target(
            name: "App",
            dependencies: ["Casework", "Directory", "Exchange", "Home", "Routing", "SOP", "Terminal", "WaymarkData"]
        ),
        .target(
            name: "Home",
            dependencies: ["Casework", "Directory", "SOP", "WaymarkData"]
        ),
        .target(
            name: "SOP",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Casework",
            dependencies: [
                "SOP",
                "Directory",
                "Routing",
                "WaymarkData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Exchange",
            dependencies: [
                "Casework",
                "Directory",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Routing",
            dependencies: ["Directory", .product(name: "HeapModule", package: "swift-collections")]
        ),
        .target(
            name: "Directory",
            dependencies: [
                "TerminalSafety",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "waymark",
            dependencies: [
                "App",
                "Casework",
                "Directory",
                "Exchange",
                "Home",
                "SOP",
                "Routing",
                "Terminal",
                "TerminalSafety",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "waymark-bench",
            dependencies: [
                "App",
                "Casework",
                "Directory",
                "Exchange",
                "Routing",
                "SOP",
                "Terminal",
                "WaymarkData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Casework", "Directory", "Routing", "SOP", "WaymarkData"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "DirectoryTests",
            dependencies: ["Directory", "WaymarkData", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AppTests",
            dependencies: ["App", "Casework", "Directory", "Routing", "SOP", "Terminal", "WaymarkData", "TestSupport"]
        ),
        .testTarget(
            name: "SOPTests",
            dependencies: ["SOP", "WaymarkData", "TestSupport"]
        ),
        .testTarget(
            name: "CaseworkTests",
            dependencies: ["Casework", "SOP", "Directory", "Routing", "WaymarkData", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ExchangeTests",
            dependencies: ["Exchange", "Casework", "Directory", "TestSupport", "WaymarkData", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: ["Routing", "Directory", "WaymarkData", "TestSupport"]
        ),
        .testTarget(
            name: "HomeTests",
            dependencies: ["Home", "Casework", "Directory", "TestSupport"]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "TerminalSafety"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["App", "Casework", "Directory", "Home", "Routing", "SOP", "Terminal", "TestSupport", "waymark", "waymark-bench"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
