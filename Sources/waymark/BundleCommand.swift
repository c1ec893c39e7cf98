import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation
import Home

/// Signed bundles of the directory, to pass it between sites.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write and check signed HSDS bundles: the directory, or the changes since a bundle, signed with the publisher key.",
        subcommands: [Create.self, Verify.self])

    /// Writes a bundle.
    struct Create: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Write the directory as a signed bundle into a new folder (a delta with --since).",
            discussion: """
                The folder holds an HSDS 3.0 package, waymark-bundle.json (each file's size and SHA-256, the publisher, the \
                bundle's id, base and sequence) and waymark-bundle.sig. Confidential addresses are left out and listed as \
                withheld unless --include-confidential. --since BUNDLE-ID writes only what changed since that bundle (one this \
                home made or imported): a site sends its corrections up this way. Needs the passphrase (the key is sealed).

                Example: waymark bundle create /media/usb/directory-2026-12 --json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("The new bundle folder.", valueName: "dir"))
        var path: String

        @Option(help: ArgumentHelp("Write a delta: only what changed since this bundle.", valueName: "bundle-id"))
        var since: String?

        @Flag(name: .customLong("include-confidential"), help: "Include confidential shelter addresses (for a trusted coordinator only).")
        var includeConfidential = false

        @Flag(help: "Print {\"bundle_id\", \"base_bundle_id\", \"sequence\"} as JSON.")
        var json = false

        struct Created: Encodable {
            let bundleID: String
            let baseBundleID: String?
            let sequence: Int
            enum CodingKeys: String, CodingKey { case bundleID = "bundle_id", baseBundleID = "base_bundle_id", sequence }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(bundleID, forKey: .bundleID)
                try c.encode(baseBundleID, forKey: .baseBundleID)
                try c.encode(sequence, forKey: .sequence)
            }
        }

        func run() throws {
            let home = try openHome()
            let directory = try home.openDirectory()
            let cases = try home.openCases()
            let worker = try cases.authorize(.bundles)
            let request = BundleCreator.Request(folder: URL(fileURLWithPath: path), since: since, includeConfidential: includeConfidential,
                                                publisherName: worker.organization, organizationID: worker.organizationId)
            let manifest = try BundleCreator.create(request, directory: directory, cases: cases)
            if json {
                return try Output.json(Created(bundleID: manifest.bundleID, baseBundleID: manifest.baseBundleID, sequence: manifest.sequence))
            }
            print("Bundle \(manifest.bundleID) written to \(path): sequence \(manifest.sequence), \(manifest.files.count) files"
                  + (manifest.baseBundleID.map { ", changes since \($0)" } ?? "") + ".")
            print("Signed by \(manifest.publisher.fingerprint).")
        }
    }

    /// Checks a bundle.
    struct Verify: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a bundle: every file against the signed manifest, and the key against this home's trust list.",
            discussion: """
                Exit 0 when the bundle is whole and signed by a trusted publisher (or by a new key a trusted one vouches for); \
                exit 1 naming the file that does not match, a file the manifest does not list, or the key that is not trusted.

                Example: waymark bundle verify /media/usb/directory-2026-12
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        @Argument(help: ArgumentHelp("The bundle folder.", valueName: "dir"))
        var path: String

        func run() throws {
            let bundle = try BundleVerifier.verify(URL(fileURLWithPath: path))
            let cases = try openHome().openCases()
            let manifest = bundle.manifest
            switch BundleTrust.decide(bundle, list: try BundleTrust.accepted(by: cases)) {
            case .trusted(let key):
                print("Verified: bundle \(manifest.bundleID), sequence \(manifest.sequence), \(manifest.files.count) files, "
                      + "signed by \(Sanitized.text(key.name)) (\(bundle.fingerprint)).")
            case .rotatedFrom(let key):
                print("Verified: bundle \(manifest.bundleID), sequence \(manifest.sequence), signed by a new key of "
                      + "\(Sanitized.text(key.name)) (\(bundle.fingerprint)), vouched for by the key you trust (\(key.fingerprint)).")
            case .unknown:
                throw BundleError.untrusted(fingerprint: bundle.fingerprint, publisher: manifest.publisher.name)
            }
        }
    }
}
