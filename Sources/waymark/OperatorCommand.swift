import ArgumentParser
import Casework
import Foundation
import Home

/// Sets who is working this home's cases.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Set who is working this home's cases (named on every step, consent, form and log entry).",
        subcommands: [Set.self])

    /// Sets the operator.
    struct Set: HomeCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the operator: your name, your organization and how a receiving organization reaches you.",
            discussion: "Example: waymark operator set --name \"Ana Popescu\" --organization \"Linia Verde\" --phone \"+373 22 000 000\" --email ana@example.org")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Option(help: "Your name, as receiving organizations will read it.") var name: String
        @Option(help: "Your organization.") var organization: String
        @Option(help: "A work phone the receiving organization may call (printed on every form).") var phone: String?
        @Option(help: "A work e-mail (printed on every form).") var email: String?
        @Option(name: .customLong("organization-id"),
                help: ArgumentHelp("Your organization's id in the directory: the publisher your bundles name.", valueName: "org-id"))
        var organizationId: String?

        func run() throws {
            let home = try openHome()
            let cases = try home.openCases()
            let edited = try cases.editAccount(name: name, organization: organization, organizationId: organizationId, phone: phone, email: email)
            print("Account \(edited.name) (\(edited.organization ?? "")): set.")
        }
    }
}
