import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation
import Home

/// `waymark import` of a signed bundle, and the trust check on a plain package.
extension Import {
    /// Refuses a plain package when the home requires signed bundles; else warns that it is unsigned.
    func checkUnsigned(_ home: Home) throws {
        // A signature without its manifest is a bundle someone took the manifest out of, not a plain package.
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent(BundleSignature.fileName).path) {
            throw BundleError.notABundle(path)
        }
        if home.hasCaseStore, try home.openCases().trustRequired() { throw BundleError.unsignedRefused(path) }
        Output.error("waymark: unsigned: this package carries no signature, so nobody can tell whether it was changed on its way. "
                     + "Ask the publisher for a signed bundle (`waymark bundle create`); `waymark trust require on` refuses unsigned packages.")
    }

    /// Verifies, trusts and merges a bundle; exit 1 with the reason when any check fails (nothing written).
    func importBundle(_ home: Home) throws {
        if merge {
            throw ValidationError("--merge is for plain packages: a signed bundle is always merged field by field against its base")
        }
        // Checked and copied in one read into the home (owner-only), then imported from the copy.
        try home.prepare()
        let staging = home.url.appendingPathComponent(".bundle-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: staging) }
        let bundle = try BundleVerifier.verify(URL(fileURLWithPath: path), stagingTo: staging)
        let directory = try home.openDirectory(seeded: false)
        let cases = try home.openCases()
        let author = EditorAccess.author(try cases.authorize(.bundles))
        var options = BundleImporter.Options(author: author)
        options.trustNew = trustNew
        options.dryRun = dryRun
        options.discardLocalChanges = discardLocalChanges
        options.checkpoint = home.mergeCheckpoint
        options.source = URL(fileURLWithPath: path).standardizedFileURL.path
        let result = try BundleImporter.run(bundle, directory: directory, cases: cases, options: options)
        if json {
            try Output.json(BundleImportJSON(result))
        } else {
            print(Self.bundleText(result))
        }
        if let merge = result.merge, !merge.errors.isEmpty { throw ExitCode(1) }
    }

    /// The report for people.
    static func bundleText(_ result: BundleImporter.Result) -> String {
        let manifest = result.bundle.manifest
        var lines: [String] = []
        let who = "\(Sanitized.text(manifest.publisher.name)) (\(result.bundle.fingerprint))"
        switch result.trust {
        case .trusted: break
        case .rotatedFrom(let previous):
            lines.append("The bundle is signed by a new key of \(Sanitized.text(previous.name)), vouched for by the key you trust; "
                         + "the new key is now trusted for the same publisher.")
        case .unknown:
            lines.append("The key \(result.bundle.fingerprint) is now trusted as \(Sanitized.text(manifest.publisher.name)) (--trust-new).")
        }
        guard let merge = result.merge else {
            lines.append("Dry run: bundle \(manifest.bundleID) (sequence \(manifest.sequence)) from \(who) verifies and would be merged; nothing was written.")
            return lines.joined(separator: "\n")
        }
        if !merge.errors.isEmpty {
            lines.append("Refused: \(merge.errors.count) error\(merge.errors.count == 1 ? "" : "s"); the directory was not changed.")
            lines.append(contentsOf: ProblemReport.problemLines(merge.problems))
            return lines.joined(separator: "\n")
        }
        let kind = manifest.isDelta ? "delta" : "bundle"
        lines.append("Imported \(kind) \(manifest.bundleID) (sequence \(manifest.sequence)) from \(who)"
                     + (merge.firstFromPublisher ? ", the first from this publisher: it replaced the directory." : "."))
        if !merge.firstFromPublisher {
            lines.append("  \(merge.fieldsApplied) field\(merge.fieldsApplied == 1 ? "" : "s") changed, \(merge.rowsCreated) row\(merge.rowsCreated == 1 ? "" : "s") "
                         + "added, \(merge.rowsDeleted) removed.")
        }
        if !merge.conflicts.isEmpty {
            lines.append("")
            lines.append("\(merge.conflicts.count) conflict\(merge.conflicts.count == 1 ? "" : "s"): both sides changed a field; your value stays in force until resolved "
                         + "(`waymark conflicts`, or C in the UI):")
            for conflict in merge.conflicts.prefix(20) {
                lines.append("  #\(conflict.id) \(conflict.entity).\(conflict.field) of \(Sanitized.short(conflict.entityID)): local "
                             + "\"\(Sanitized.short(conflict.local, limit: 40))\", incoming \"\(Sanitized.short(conflict.incoming, limit: 40))\"")
            }
        }
        if !merge.duplicates.isEmpty {
            lines.append("")
            lines.append("Possible duplicates (kept apart; check them and remove one if they are the same service):")
            for duplicate in merge.duplicates {
                lines.append("  \(Sanitized.short(duplicate.incomingName, limit: 50)) (incoming \(duplicate.incomingID)) and "
                             + "\(Sanitized.short(duplicate.localName, limit: 50)) (here \(duplicate.localID)): \(Sanitized.text(duplicate.reason))")
            }
        }
        let warnings = merge.problems.filter { $0.severity == .warning }
        if !warnings.isEmpty { lines.append(contentsOf: ProblemReport.problemLines(warnings)) }
        return lines.joined(separator: "\n")
    }
}

/// `waymark import --json` for a bundle: the bundle, the trust decision and the merge.
struct BundleImportJSON: Encodable {
    let bundleID: String
    let baseBundleID: String?
    let sequence: Int
    let publisher: String
    let fingerprint: String
    let trust: String
    let merge: MergeReport?

    init(_ result: BundleImporter.Result) {
        let manifest = result.bundle.manifest
        bundleID = manifest.bundleID
        baseBundleID = manifest.baseBundleID
        sequence = manifest.sequence
        publisher = manifest.publisher.name
        fingerprint = result.bundle.fingerprint
        switch result.trust {
        case .trusted: trust = "trusted"
        case .rotatedFrom: trust = "rotated"
        case .unknown: trust = "trusted-now"
        }
        merge = result.merge
    }

    enum CodingKeys: String, CodingKey {
        case sequence, publisher, fingerprint, trust, merge
        case bundleID = "bundle_id", baseBundleID = "base_bundle_id"
    }
}
