import ArgumentParser
import Directory
import Foundation
import Home

/// Adds and edits organizations.
struct OrganizationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organization",
        abstract: "Add or edit an organization of the directory.",
        subcommands: [Add.self, Edit.self])

    /// Adds an organization.
    struct Add: HomeCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organization; prints its new id ({\"organization_id\": ...} with --json).",
            discussion: "Example: waymark organization add --name \"Casa Speranta\" --description \"Shelter for women and children\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Option(help: "The organization's name.") var name: String
        @Option(help: "What it does (HSDS requires one; the name when not given).") var description: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            let id = try editor.addOrganization(name: name, description: description)
            if json { return try Output.json(["organization_id": id]) }
            print("Organization added: \(id)")
        }
    }

    /// Changes an organization's name or description.
    struct Edit: HomeCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an organization's name or description; its services are found under the new name at once.",
            discussion: "Example: waymark organization edit ad110b2d-c7fa-53b2-bfd6-6b2ab406ca1d --name \"NAATP\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The organization's id.") var id: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new description.") var description: String?
        @Option(help: "Why, for the history.") var note: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            guard name != nil || description != nil else {
                throw DirectoryEditError.invalid(field: "options", problem: "name at least one change: --name or --description")
            }
            let receipt = try editor.editOrganization(id, name: name, description: description, note: note)
            try EditorAccess.printReceipt(receipt, what: "Organization edited", json: json)
        }
    }
}
