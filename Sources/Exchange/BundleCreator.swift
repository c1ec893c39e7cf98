import Casework
import Directory
import Foundation

/// Writes a signed bundle: the directory as an HSDS package (or a delta since a bundle), its
/// manifest and the manifest's signature, into a new folder.
///
/// The bundle is written into a hidden folder beside the destination and renamed into place at
/// the end, so a bundle folder that exists is whole; the directory records the bundle (for later
/// deltas and for the corrections sites send against it) only once it is.
public enum BundleCreator {
    /// What `waymark bundle create` is asked for.
    public struct Request: Sendable {
        /// The new folder.
        public var folder: URL
        /// A delta against this bundle; nil for a full bundle.
        public var since: String?
        /// Write confidential addresses (else withheld and listed as such).
        public var includeConfidential: Bool
        /// The publisher's name in the manifest (the operator's organization).
        public var publisherName: String
        /// The publisher's organization id in the directory, when set.
        public var organizationID: String?

        public init(folder: URL, since: String? = nil, includeConfidential: Bool = false, publisherName: String, organizationID: String? = nil) {
            self.folder = folder
            self.since = since
            self.includeConfidential = includeConfidential
            self.publisherName = publisherName
            self.organizationID = organizationID
        }
    }

    /// Creates the bundle; returns its manifest.
    public static func create(_ request: Request, directory: DirectoryStore, cases: CaseStore,
                              clock: any TimeSource = SystemTime()) throws -> BundleManifest {
        let fm = FileManager.default
        let folder = request.folder.standardizedFileURL
        // Only a new path or an empty folder of its own (not a file, not a link) becomes the bundle: nothing is overwritten.
        let existingType = (try? fm.attributesOfItem(atPath: folder.path))?[.type] as? FileAttributeType
        if let existingType {
            guard existingType == .typeDirectory, (try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty == true else {
                throw BundleError.destinationNotEmpty(folder.path)
            }
        }
        let (key, signer) = try cases.publisherSigningKey()
        let keys = try cases.publisherKeys()
        let publisher = keys.first?.fingerprint ?? key.fingerprint
        let staging = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: staging) }
        let export = try directory.exportBundle(to: staging, since: request.since, includeConfidential: request.includeConfidential)
        var files: [BundleManifest.Entry] = []
        for name in try fm.contentsOfDirectory(atPath: staging.path).sorted() {
            let digest = try FileDigest.of(staging.appendingPathComponent(name))
            files.append(.init(path: name, size: digest.size, sha256: digest.sha256))
        }
        let time = ISO8601DateFormatter()
        let origin = BundleOrigin(bundleID: UUID().uuidString.lowercased(), baseBundleID: request.since, publisher: publisher,
                                  publisherName: request.publisherName, organizationID: request.organizationID,
                                  sequence: try directory.nextBundleSequence(publisher: publisher), createdAt: time.string(from: clock.now()),
                                  unchanged: export.unchanged.mapValues { Set($0) })
        var rotation: BundleManifest.Rotation?
        if let previous = key.previousPublicKey, let signature = key.rotationSignature {
            rotation = BundleManifest.Rotation(previousPublicKey: previous.base64EncodedString(), signature: signature.base64EncodedString())
        }
        let manifest = BundleManifest(
            bundleID: origin.bundleID, baseBundleID: origin.baseBundleID, sequence: origin.sequence,
            publisher: .init(organizationID: request.organizationID, name: request.publisherName,
                             publicKey: key.publicKey.base64EncodedString(), fingerprint: key.fingerprint),
            rotation: rotation, createdAt: origin.createdAt, files: files, unchanged: export.unchanged)
        let bytes = try manifest.encoded()
        try bytes.write(to: staging.appendingPathComponent(BundleManifest.fileName), options: .atomic)
        try BundleSignature.sign(bytes, with: signer).write(to: staging.appendingPathComponent(BundleSignature.fileName), options: .atomic)
        if existingType == .typeDirectory { try fm.removeItem(at: folder) }  // the empty folder checked above
        try fm.moveItem(at: staging, to: folder)
        try directory.recordCreatedBundle(origin, changeSequence: export.changeSequence)
        return manifest
    }
}
