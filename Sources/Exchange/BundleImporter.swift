import Casework
import Directory
import Foundation

/// Imports a signed bundle: verified, its key trusted (or vouched for by a trusted key it
/// replaces, or trusted now with `--trust-new`), its sequence above the last one imported from
/// the publisher, then merged three ways into the directory in one transaction.
public enum BundleImporter {
    /// How the import is asked to go.
    public struct Options: Sendable {
        /// Trust an unknown signing key (after comparing its fingerprint by phone).
        public var trustNew = false
        /// Verify and decide trust, write nothing.
        public var dryRun = false
        /// The first full bundle of a publisher replaces the directory: let it drop local changes.
        public var discardLocalChanges = false
        /// Who imports, named in the history.
        public var author: ChangeAuthor
        /// Where the bundle came from (the folder given), when it is imported from a checked copy.
        public var source: String?
        /// A test hook inside the merge's transaction.
        public var checkpoint: @Sendable (String) -> Void = { _ in }

        public init(author: ChangeAuthor) { self.author = author }
    }

    /// What an import did.
    public struct Result: Sendable {
        public var bundle: VerifiedBundle
        public var trust: BundleTrust
        /// The key added to the trust list by this import (`--trust-new`, or a rotation); nil when none.
        public var newlyTrusted: TrustedKey?
        /// The merge's report; nil for a dry run.
        public var merge: MergeReport?
    }

    /// Verifies and imports the bundle in `folder`.
    public static func run(_ folder: URL, directory: DirectoryStore, cases: CaseStore, options: Options,
                           clock: any TimeSource = SystemTime()) throws -> Result {
        try run(try BundleVerifier.verify(folder), directory: directory, cases: cases, options: options, clock: clock)
    }

    /// Imports a bundle verified by `BundleVerifier` (a caller verifies before it opens any store, so a
    /// changed bundle is refused before anything is touched).
    public static func run(_ bundle: VerifiedBundle, directory: DirectoryStore, cases: CaseStore, options: Options,
                           clock: any TimeSource = SystemTime()) throws -> Result {
        let folder = bundle.folder
        let trust = BundleTrust.decide(bundle, list: try BundleTrust.accepted(by: cases))
        let publisher: String
        switch trust {
        case .trusted(let key), .rotatedFrom(let key):
            publisher = key.root
        case .unknown:
            guard options.trustNew else {
                throw BundleError.untrusted(fingerprint: bundle.fingerprint, publisher: bundle.manifest.publisher.name)
            }
            publisher = bundle.fingerprint
        }
        let manifest = bundle.manifest
        if let last = try directory.lastImportedSequence(publisher: publisher), manifest.sequence <= last {
            throw BundleError.sequenceNotNewer(sequence: manifest.sequence, last: last)
        }
        var result = Result(bundle: bundle, trust: trust, newlyTrusted: nil, merge: nil)
        if options.dryRun { return result }
        var mergeOptions = MergeOptions(author: options.author)
        mergeOptions.discardLocalChanges = options.discardLocalChanges
        mergeOptions.checkpoint = options.checkpoint
        mergeOptions.source = options.source
        let origin = BundleOrigin(bundleID: manifest.bundleID, baseBundleID: manifest.baseBundleID, publisher: publisher,
                                  publisherName: manifest.publisher.name, organizationID: manifest.publisher.organizationID,
                                  sequence: manifest.sequence, createdAt: manifest.createdAt,
                                  unchanged: manifest.unchanged.mapValues { Set($0) })
        let report = try directory.mergeBundle(at: folder, origin: origin, options: mergeOptions, clock: clock)
        result.merge = report
        guard report.imported else { return result }
        switch trust {
        case .trusted:
            break
        case .rotatedFrom(let previous):
            result.newlyTrusted = try cases.trust(publicKey: bundle.signingKey, name: previous.name, root: previous.root)
        case .unknown:
            result.newlyTrusted = try cases.trust(publicKey: bundle.signingKey, name: manifest.publisher.name)
        }
        return result
    }
}
