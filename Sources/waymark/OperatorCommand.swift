import ArgumentParser
import Casework
import Foundation

/// Sets who is working this home's cases.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Set who is working this home's cases (named on every step, consent, form and log entry).",
        subcommands: [Set.self])

    /// Sets the operator.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the operator: your name and your organization.",
            discussion: "Example: waymark operator set --name \"Ana Popescu\" --organization \"Linia Verde\"")

        @OptionGroup var home: HomeOptions
        @Option(help: "Your name, as receiving organizations will read it.") var name: String
        @Option(help: "Your organization.") var organization: String

        func run() throws {
            let current = try CaseworkAccess.run { try Operator(name: name, organization: organization) }
            try current.save(home: home.resolved.url)
            print("Operator set: \(current.name) (\(current.organization)).")
        }
    }
}
