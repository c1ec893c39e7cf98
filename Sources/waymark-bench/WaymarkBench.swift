import ArgumentParser
import Foundation

/// Waymark's benchmarks: each prints percentiles against its target (build with -c release for real figures).
@main
struct WaymarkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark-bench",
        abstract: "Measure Waymark's speed, and write synthetic directories to measure it on.",
        discussion: "Build it beside waymark with `swift build -c release`. Example: .build/release/waymark-bench search --services 100000",
        subcommands: [SearchBench.self, UIBench.self, RouteBench.self, CaseworkBench.self, EditBench.self, BundleBench.self, ScaleBench.self, Generate.self])

    /// The fixed moment every benchmark runs at: Thursday 15 January 2026, 10:00 UTC.
    static let epoch = Date(timeIntervalSince1970: 1_768_471_200)
}
