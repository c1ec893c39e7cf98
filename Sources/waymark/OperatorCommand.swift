import ArgumentParser
import Casework
import Foundation
import Home

/// Sets who is working this home's cases.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Set who is working this home's cases: the old name of `waymark account edit`.",
        subcommands: [Set.self])

    /// Sets the operator.
    struct Set: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the operator: your name, your organization and how a receiving organization reaches you.",
            discussion: "Example: waymark operator set --name \"Ana Popescu\" --organization \"Linia Verde\" --phone \"+373 22 000 000\" --email ana@example.org")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @OptionGroup var fields: AccountFields

        func run() throws {
            try fields.apply(try openHome().openCases())
        }
    }
}
