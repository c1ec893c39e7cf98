import ArgumentParser
import Directory
import Foundation
import WaymarkData

/// The `--home` option, accepted before or after the subcommand.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder that holds Waymark's data.", valueName: "dir"))
    var home: String?

    /// The home the lookup order picks.
    var resolved: WaymarkHome { WaymarkHome.resolve(explicit: home ?? HomeOptions.inheritedHome) }

    /// Opens the home's directory, seeding it from the bundled sample on first use.
    func openDirectory(clock: any TimeSource = SystemTime()) throws -> DirectoryStore {
        try prepare()
        return try resolved.openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: clock)
    }

    /// Makes the home readable by its owner only (saying so when it tightens it), or refuses a
    /// folder that others can read and that holds other files (exit 1).
    func prepare() throws {
        do {
            if let notice = try resolved.prepare() { Output.error("waymark: \(Sanitized.text(notice))") }
        } catch let error as WaymarkHome.HomeError {
            Output.error("waymark: \(Sanitized.text(error.description))")
            throw ExitCode(1)
        }
    }

    /// `--home` given before the subcommand, read from the raw arguments.
    ///
    /// swift-argument-parser gives an option declared on the root to the root only; reading
    /// it here lets `waymark --home DIR search ...` and `waymark search ... --home DIR` agree.
    static var inheritedHome: String? {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--home", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--home=") { return String(argument.dropFirst("--home=".count)) }
        }
        return nil
    }
}
