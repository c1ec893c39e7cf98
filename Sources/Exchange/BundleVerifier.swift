import Casework
import Foundation

/// A bundle whose manifest, signature and files all check: what it says, and the key that signed it.
public struct VerifiedBundle: Sendable {
    /// The folder.
    public var folder: URL
    public var manifest: BundleManifest
    /// The raw public key that signed it.
    public var signingKey: Data
    /// Its fingerprint.
    public var fingerprint: String
    /// The key before it and that key's signature over it, when the manifest carries a rotation that verifies.
    public var vouchedBy: Data?
}

/// Checks a bundle folder: the manifest's signature, then every listed file's size and SHA-256,
/// then that the folder holds nothing the manifest does not list. Trust is decided afterwards
/// (`BundleTrust`): a bundle that verifies proves only who signed it.
public enum BundleVerifier {
    /// Whether the folder holds a bundle manifest (else it is a plain package).
    public static func isBundle(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(BundleManifest.fileName).path)
    }

    /// Verifies the bundle in `folder`, throwing `BundleError` naming what does not match.
    ///
    /// With `staging` (a new, empty folder of the caller's), every file is copied there as it is checked and the
    /// result points at the copy: a file changed in a shared folder after the check is never what is imported.
    public static func verify(_ folder: URL, stagingTo staging: URL? = nil) throws(BundleError) -> VerifiedBundle {
        let manifestURL = folder.appendingPathComponent(BundleManifest.fileName)
        guard isRegularFile(manifestURL) else { throw .notABundle(folder.path) }
        guard let manifestBytes = try? Data(contentsOf: manifestURL) else { throw .manifestUnreadable("it cannot be read") }
        let manifest: BundleManifest
        do {
            manifest = try JSONDecoder().decode(BundleManifest.self, from: manifestBytes)
        } catch {
            throw .manifestUnreadable("not valid JSON of the bundle format")
        }
        guard manifest.format == BundleManifest.currentFormat else {
            throw .manifestUnreadable("format '\(manifest.format)', this version reads \(BundleManifest.currentFormat)")
        }
        guard let key = Data(base64Encoded: manifest.publisher.publicKey), key.count == 32 else {
            throw .manifestUnreadable("publisher.public_key is not a key")
        }
        let signatureURL = folder.appendingPathComponent(BundleSignature.fileName)
        guard isRegularFile(signatureURL), let signature = try? Data(contentsOf: signatureURL) else { throw .signatureMissing }
        guard BundleSignature.verifies(signature, manifest: manifestBytes, key: key) else { throw .signatureDoesNotVerify }
        let fingerprint = KeyFingerprint.of(key)
        guard manifest.publisher.fingerprint == fingerprint else {
            throw .manifestUnreadable("publisher.fingerprint is not the fingerprint of publisher.public_key")
        }
        // Files: each listed one as listed, then nothing else.
        var listed: Set<String> = [BundleManifest.fileName, BundleSignature.fileName]
        for entry in manifest.files {
            guard isPlainName(entry.path), !listed.contains(entry.path) else { throw .unsafeEntry(entry.path) }
            listed.insert(entry.path)
            let url = folder.appendingPathComponent(entry.path)
            guard FileManager.default.fileExists(atPath: url.path) else { throw .fileMissing(entry.path) }
            guard isRegularFile(url) else { throw .unsafeEntry(entry.path) }
            guard let digest = try? FileDigest.of(url, copyingTo: staging?.appendingPathComponent(entry.path)) else {
                throw .fileMissing(entry.path)
            }
            guard digest.size == entry.size, digest.sha256 == entry.sha256.lowercased() else { throw .fileChanged(entry.path) }
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if let extra = present.sorted().first(where: { !listed.contains($0) }) { throw .fileUnlisted(extra) }
        var vouchedBy: Data?
        if let rotation = manifest.rotation {
            guard let previous = Data(base64Encoded: rotation.previousPublicKey), let signature = Data(base64Encoded: rotation.signature),
                  PublisherKey.rotationVerifies(previous: previous, next: key, signature: signature) else {
                throw .manifestUnreadable("rotation.signature is not the previous key's signature over this key")
            }
            vouchedBy = previous
        }
        if let staging {
            do {
                try manifestBytes.write(to: staging.appendingPathComponent(BundleManifest.fileName))
                try signature.write(to: staging.appendingPathComponent(BundleSignature.fileName))
            } catch {
                throw .unsafeEntry(staging.path)
            }
        }
        return VerifiedBundle(folder: staging ?? folder, manifest: manifest, signingKey: key, fingerprint: fingerprint, vouchedBy: vouchedBy)
    }

    /// A name inside the folder: no separators, not `.` or `..`, no control characters.
    static func isPlainName(_ path: String) -> Bool {
        !path.isEmpty && path != "." && path != ".." && !path.contains("/") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether the path is a regular file itself (not a link to one, not a folder or device).
    static func isRegularFile(_ url: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return false }
        return attributes[.type] as? FileAttributeType == .typeRegular
    }
}
