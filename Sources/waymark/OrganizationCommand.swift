import ArgumentParser
import Casework
import Directory
import Foundation
import Home

/// Adds and edits organizations.
struct OrganizationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organization",
        abstract: "Add or edit an organization of the directory.",
        subcommands: [Add.self, Edit.self, Key.self])

    /// Adds an organization.
    struct Add: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
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
            commandName: "edit",
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

    /// An organization's keys.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Record an organization's publisher or referral key in the directory, after comparing its fingerprint by phone.",
            subcommands: [AddKey.self])
    }

    /// Records an organization's keys.
    struct AddKey: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an organization's keys (HSDS organization_identifier rows of type waymark-publisher-key, waymark-referral-key).",
            discussion: """
                The organization sends you its `waymark key show --json`; phone them and compare each fingerprint printed here \
                before anyone relies on it. Each row is a change in the history and travels in your next bundle: with the \
                publisher key, sites check the organization's envelopes; with the referral key, they can send it referrals.

                Example: waymark organization key add 7c1e0f4a-... --publisher-key EDsWf/XM9PBK39RIJv7koSw0YpA/ZVnwcvZY7O4Qgvc=
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: ArgumentHelp("The organization's id.", valueName: "org-id")) var organization: String
        @Option(name: .customLong("publisher-key"), help: ArgumentHelp("Its publisher key, base64.", valueName: "base64")) var publisherKey: String?
        @Option(name: .customLong("referral-key"), help: ArgumentHelp("Its referral key, base64.", valueName: "base64")) var referralKey: String?
        @Flag(help: "Print one JSON document.") var json = false

        func validate() throws {
            if publisherKey == nil && referralKey == nil { throw ValidationError("give --publisher-key, --referral-key, or both") }
        }

        func run() throws {
            var given: [(OrganizationKeyKind, String, Data)] = []
            if let publisherKey { given.append((.publisher, publisherKey, try KeyFingerprint.publicKey(base64: publisherKey, what: "--publisher-key"))) }
            if let referralKey { given.append((.referral, referralKey, try KeyFingerprint.referralKey(base64: referralKey, what: "--referral-key"))) }
            let editor = try EditorAccess.editor(try openHome())
            var recorded: [String: String] = ["organization_id": organization]
            for (kind, text, raw) in given {
                let key = try editor.addOrganizationKey(organization, kind: kind, base64: text)
                recorded["\(kind == .publisher ? "publisher" : "referral")_fingerprint"] = KeyFingerprint.of(raw)
                if !json { print("\(kind.noun.prefix(1).uppercased() + kind.noun.dropFirst()) recorded for \(key.organizationId). Fingerprint: \(KeyFingerprint.of(raw))") }
            }
            if json { return try Output.json(recorded) }
            print("Compare each fingerprint with the organization by phone; the keys travel in your next bundle.")
        }
    }
}
