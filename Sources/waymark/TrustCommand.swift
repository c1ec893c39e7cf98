import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Terminal

/// The trust list: whose bundles this home imports.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Decide whose signed bundles this home imports: add, list and remove publisher keys; require signatures.",
        discussion: "Each change is MAC'd under the case store's key and logged, so it needs the passphrase.",
        subcommands: [Add.self, List.self, Remove.self, Require.self])

    /// Trusts a publisher key.
    struct Add: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Trust a publisher key, after comparing its fingerprint with the publisher by phone.",
            discussion: """
                KEY is the "public_key" of the publisher's `waymark key show --json`. The fingerprint is printed: read it \
                back to the publisher before you rely on it.

                Example: waymark trust add MCowBQYDK2VwAyEA... --name "National coordinator"
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("The publisher's public key, base64.", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("Who the key belongs to.", valueName: "name"))
        var name: String

        func run() throws {
            let raw = try KeyFingerprint.publicKey(base64: key, what: "KEY")
            let trusted = try openHome().openCases().trust(publicKey: raw, name: name)
            print("Trusted: \(Sanitized.text(trusted.name)), fingerprint \(trusted.fingerprint)")
        }
    }

    /// Lists the trust list.
    struct List: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the trusted publisher keys (and removed ones with --all).",
            discussion: "Example: waymark trust list")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Flag(help: "Include keys no longer trusted.")
        var all = false

        @Flag(help: "Print one JSON document.")
        var json = false

        func run() throws {
            let store = try openHome().openCases()
            let keys = try store.trustList().filter { all || $0.isTrusted }
            let required = try store.trustRequired()
            if json {
                struct Entry: Encodable {
                    let name, fingerprint, publicKey, publisher, addedAt, addedBy: String
                    let removedAt: String?
                    enum CodingKeys: String, CodingKey {
                        case name, fingerprint, publisher
                        case publicKey = "public_key", addedAt = "added_at", addedBy = "added_by", removedAt = "removed_at"
                    }
                }
                struct Listing: Encodable {
                    let require: Bool
                    let keys: [Entry]
                }
                let time = ISO8601DateFormatter()
                try Output.json(Listing(require: required, keys: keys.map {
                    Entry(name: $0.name, fingerprint: $0.fingerprint, publicKey: $0.publicKey.base64EncodedString(), publisher: $0.root,
                          addedAt: time.string(from: $0.addedAt), addedBy: $0.addedBy, removedAt: $0.removedAt.map(time.string(from:)))
                }))
                return
            }
            print("Signed bundles required: \(required ? "yes" : "no") (waymark trust require on|off)")
            guard !keys.isEmpty else {
                print("No trusted publishers yet: `waymark trust add KEY --name NAME`.")
                return
            }
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            let rows = keys.map { key in
                [Sanitized.text(key.name), key.fingerprint, day.string(from: key.addedAt) + " " + Sanitized.text(key.addedBy),
                 key.removedAt.map { "removed " + day.string(from: $0) } ?? (key.root == key.fingerprint ? "" : "rotated from \(key.root.prefix(9))…")]
            }
            print(Output.table(["Publisher", "Fingerprint", "Added", ""], rows, widths: [24, 39, 24, 24]))
        }
    }

    /// Removes a key.
    struct Remove: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Stop trusting a publisher key: its bundles are refused from now on.",
            discussion: "Example: waymark trust remove \"3f9a 01c2 77de 4b10 9e2a 5c01 aa7f 0b33\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("The key's fingerprint, with or without spaces.", valueName: "fingerprint"))
        var fingerprint: String

        func run() throws {
            try openHome().openCases().removeTrust(fingerprint: fingerprint)
            print("Removed: bundles signed by \(KeyFingerprint.normalized(fingerprint) ?? fingerprint) are refused from now on.")
        }
    }

    /// Turns the signature requirement on or off.
    struct Require: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "require",
            abstract: "Import signed bundles from trusted publishers only (on), or also plain packages with a warning (off, the default).",
            discussion: "Example: waymark trust require on")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("on or off.", valueName: "on|off"))
        var setting: YesNoSwitch

        func run() throws {
            try openHome().openCases().setTrustRequired(setting == .on)
            print(setting == .on ? "This home now imports signed bundles from trusted publishers only."
                                 : "This home now also imports unsigned packages, each with the warning \"unsigned\".")
        }
    }
}

/// `on` or `off`.
enum YesNoSwitch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
