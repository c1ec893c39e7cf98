import ArgumentParser
import Directory
import Foundation

/// Waymark: find who can help a person, and refer them safely.
@main
struct Waymark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "An offline referral directory for counter-trafficking work.",
        discussion: """
            Find the service providers that can take a person, by place, service type, sex and age.
            Data lives in a home folder: --home DIR, else $WAYMARK_HOME, else $XDG_DATA_HOME/waymark,
            else ~/.local/share/waymark. A new home is seeded with the bundled (fictional) sample directory.

            Exit status: 0 done (an empty search included), 1 error or problems found, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [Search.self, Import.self, Export.self, Validate.self, Sample.self, Bench.self],
        defaultSubcommand: nil
    )

    @OptionGroup var home: HomeOptions

    /// Starts logging, then parses and runs the command.
    static func main() {
        WaymarkLogging.bootstrap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    func run() throws {
        let store = try home.openDirectory()
        let title = try store.title() ?? "Waymark directory"
        let counts = try store.counts()
        print("""
            \(Sanitized.text(title))
            \(counts["organization"] ?? 0) organizations, \(counts["service"] ?? 0) services, \(counts["location"] ?? 0) locations
            Home: \(home.resolved.url.path)

            Try: waymark search shelter --sex female --age 16
            The terminal UI is not built yet; see waymark --help for the commands.
            """)
    }
}
