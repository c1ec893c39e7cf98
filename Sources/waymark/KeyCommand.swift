import ArgumentParser
import Casework
import Foundation
import Home
import Terminal

/// The home's publisher key: the key its bundles are signed with.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make, show, rotate and move the home's publisher key (Ed25519), which signs its bundles.",
        subcommands: [Generate.self, Show.self, Rotate.self, ExportKeys.self, ImportKeys.self])

    /// Makes the publisher key.
    struct Generate: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Make this home's publisher key (signs bundles and envelopes) and referral key (opens envelopes sent to it).",
            discussion: """
                Once per home; the private halves are sealed under the case store's key. A home whose publisher key was made \
                before referral keys existed gets its referral key. Refused when the home has both: `waymark key rotate` \
                replaces the publisher key. Then send `waymark key show --json` to your coordinator (and, from a coordinator, \
                to each site), and compare the fingerprints by phone.

                Example: waymark key generate
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let store = try openHome().openCases()
            let key = try store.generatePublisherKey()
            print("Publisher key: \(key.fingerprint)")
            if let referral = try store.referralKey() { print("Referral key:  \(referral.fingerprint)") }
            print("Send `waymark key show --json` to the sites; they compare this fingerprint with you by phone before trusting it.")
        }
    }

    /// Prints the public key and its fingerprint.
    struct Show: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the publisher key in use and its fingerprint (no passphrase needed: nothing secret is shown).",
            discussion: """
                --json prints {"publisher": {"public_key": BASE64, "fingerprint": HEX}, "referral": {…}}: a fingerprint is the \
                first 16 bytes of SHA-256 over the raw key, in groups of four hex digits.

                Example: waymark key show --json > north-coordinator-key.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Flag(help: "Print one JSON document.")
        var json = false

        struct Shown: Encodable {
            struct Key: Encodable {
                let publicKey: String
                let fingerprint: String
                enum CodingKeys: String, CodingKey { case publicKey = "public_key", fingerprint }
            }
            let publisher: Key
            let referral: Key?

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(publisher, forKey: .publisher)
                try c.encodeIfPresent(referral, forKey: .referral)
            }
            enum CodingKeys: String, CodingKey { case publisher, referral }
        }

        func run() throws {
            let home = try openHome()
            guard let key = try CaseStore.publisherKeys(home: home.url).last(where: { $0.retiredAt == nil }) else {
                Output.error("waymark: this home has no publisher key: make one with `waymark key generate`.")
                throw ExitCode(1)
            }
            let referral = try CaseStore.referralKey(home: home.url)
            if json {
                try Output.json(Shown(publisher: .init(publicKey: key.publicKey.base64EncodedString(), fingerprint: key.fingerprint),
                                      referral: referral.map { .init(publicKey: $0.publicKey.base64EncodedString(), fingerprint: $0.fingerprint) }))
            } else {
                print("Publisher key:  \(key.publicKey.base64EncodedString())")
                print("Fingerprint:    \(key.fingerprint)")
                if let referral {
                    print("Referral key:   \(referral.publicKey.base64EncodedString())")
                    print("Fingerprint:    \(referral.fingerprint)")
                }
                print("Made:           \(ISO8601DateFormatter().string(from: key.createdAt))")
                if let previous = key.previousPublicKey {
                    print("Replaces:       \(KeyFingerprint.of(previous)) (bundles carry its signature over this key)")
                }
            }
        }
    }

    /// Replaces the key with a new one vouched for by the old.
    struct Rotate: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Replace the publisher key: the next bundles carry the new key signed by the old, which sites trusting the old accept.",
            discussion: """
                Rotate when the old key may have been copied, or on a schedule. Sites that trust the old key need do nothing: \
                the first bundle they import from the new key adds it to their trust list for the same publisher.

                Example: waymark key rotate
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let key = try openHome().openCases().rotatePublisherKey()
            print("New publisher key in use. Fingerprint: \(key.fingerprint)")
            if let previous = key.previousPublicKey {
                print("Its bundles carry the signature of the key it replaces (\(KeyFingerprint.of(previous))).")
            }
        }
    }

    /// Writes the keys to a file sealed under a passphrase.
    struct ExportKeys: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the publisher keys to a file sealed under a passphrase of its own, for a replacement laptop.",
            discussion: """
                Asks for the case store's passphrase, then the file's passphrase twice ($WAYMARK_KEY_FILE_PASSPHRASE for scripts). \
                Keep the file and its passphrase apart. The file is never overwritten.

                Example: waymark key export --out /media/usb/waymark-keys.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Option(help: ArgumentHelp("The key file to write (must not exist).", valueName: "file"))
        var out: String

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let publisher = try store.publisherKeys().first?.fingerprint ?? ""
            let last = try home.openDirectory().lastCreatedSequence(publisher: publisher)
            let passphrase = try KeyCommand.filePassphrase(new: true)
            let data = try store.exportPublisherKeys(passphrase: passphrase, lastSequence: last)
            let url = URL(fileURLWithPath: out)
            guard !FileManager.default.fileExists(atPath: url.path) else {
                Output.error("waymark: \(out) exists already; choose a new file so nothing is overwritten.")
                throw ExitCode(1)
            }
            guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                Output.error("waymark: cannot write \(out); check the folder exists and you may write to it.")
                throw ExitCode(1)
            }
            print("Keys written to \(out), sealed under the passphrase you chose. Import them with `waymark key import FILE`.")
        }
    }

    /// Reads keys from a key file into a home that has none.
    struct ImportKeys: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bring the publisher keys from a key file into this home, which must have none.",
            discussion: """
                Asks for the case store's passphrase and the file's ($WAYMARK_KEY_FILE_PASSPHRASE for scripts).

                Example: waymark key import /media/usb/waymark-keys.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("The key file `waymark key export` wrote.", valueName: "file"))
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                Output.error("waymark: cannot read \(file).")
                throw ExitCode(1)
            }
            let home = try openHome()
            let store = try home.openCases()
            let imported = try store.importPublisherKeys(from: data, passphrase: try KeyCommand.filePassphrase(new: false))
            if let last = imported.lastSequence {
                try home.openDirectory().raiseBundleSequence(publisher: imported.publisher, above: last)
            }
            print("Keys imported. The key in use: \(imported.key.fingerprint)"
                  + (imported.lastSequence.map { "; the next bundle is number \($0 + 1), after the last one signed with them." } ?? ""))
        }
    }

    /// The key file's passphrase: `$WAYMARK_KEY_FILE_PASSPHRASE`, else asked (twice for a new file).
    static func filePassphrase(new: Bool) throws -> String {
        if let given = ProcessInfo.processInfo.environment["WAYMARK_KEY_FILE_PASSPHRASE"], !given.isEmpty {
            if new { try PassphraseRule.check(given) }
            return given
        }
        guard let first = ControllingTerminal.readSecret(prompt: new ? "Choose a passphrase for the key file: " : "The key file's passphrase: ") else {
            throw HomeError.noPassphrase
        }
        return new ? try Home.confirmed(first, asking: ControllingTerminal.readSecret) : first
    }
}
