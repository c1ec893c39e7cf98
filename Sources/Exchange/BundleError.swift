import Foundation
import Directory

/// Why a bundle was refused, naming the file, key or number that failed (exit 1); nothing was written.
public enum BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder has no `waymark-bundle.json`.
    case notABundle(String)
    /// The manifest cannot be read as a bundle manifest.
    case manifestUnreadable(String)
    /// The signature file is missing.
    case signatureMissing
    /// The signature does not verify over the manifest's bytes with the key the manifest names.
    case signatureDoesNotVerify
    /// A file the manifest lists is not in the folder.
    case fileMissing(String)
    /// A file's size or SHA-256 differs from the manifest's.
    case fileChanged(String)
    /// A file in the folder the manifest does not list.
    case fileUnlisted(String)
    /// A listed path that is not a plain file name, or an entry that is not a regular file.
    case unsafeEntry(String)
    /// The signing key is not on the trust list (and no trusted key vouches for it).
    case untrusted(fingerprint: String, publisher: String)
    /// The folder exists and is not empty.
    case destinationNotEmpty(String)
    /// The home requires signed bundles and this package is not one.
    case unsignedRefused(String)
    /// The bundle's sequence is not above the last one imported from its publisher (a replay or an older copy).
    case sequenceNotNewer(sequence: Int, last: Int)

    public var description: String {
        switch self {
        case .notABundle(let path):
            return "\(Sanitized.short(path)) is not a whole signed bundle: it has no \(BundleManifest.fileName). Nothing was imported; "
                + "ask the publisher for the whole bundle folder."
        case .manifestUnreadable(let why):
            return "\(BundleManifest.fileName) is not a bundle manifest Waymark reads (\(Sanitized.short(why, limit: 160))). "
                + "Nothing was imported; ask the publisher for the bundle again."
        case .signatureMissing:
            return "\(BundleSignature.fileName) is missing: the bundle is not signed. Nothing was imported; ask the publisher for the whole bundle folder."
        case .signatureDoesNotVerify:
            return "\(BundleManifest.fileName) does not match \(BundleSignature.fileName): the manifest or its signature was changed after "
                + "signing. Nothing was imported; ask the publisher for the bundle again."
        case .fileMissing(let path):
            return "\(Sanitized.short(path)) is listed in \(BundleManifest.fileName) but is not in the bundle. Nothing was imported; "
                + "ask the publisher for the whole bundle folder."
        case .fileChanged(let path):
            return "\(Sanitized.short(path)) does not match \(BundleManifest.fileName) (its size or SHA-256 differs): it was changed after "
                + "signing. Nothing was imported; ask the publisher for the bundle again."
        case .fileUnlisted(let path):
            return "\(Sanitized.short(path)) is in the bundle but not listed in \(BundleManifest.fileName): it was added after signing. "
                + "Nothing was imported; remove it or ask the publisher for the bundle again."
        case .unsafeEntry(let path):
            return "\(Sanitized.short(path)) is not a plain file of the bundle folder (a folder, a link, a device or a path outside it). "
                + "Nothing was imported."
        case .untrusted(let fingerprint, let publisher):
            return "The bundle is signed by a key this home does not trust: \(Sanitized.short(publisher)), fingerprint \(fingerprint). "
                + "Nothing was imported. Phone the publisher and compare the fingerprint; if it matches, import again with --trust-new "
                + "or run `waymark trust add KEY --name NAME`."
        case .destinationNotEmpty(let path):
            return "\(Sanitized.short(path)) already exists and is not empty; choose a new folder so nothing is overwritten."
        case .unsignedRefused(let path):
            return "\(Sanitized.short(path)) is an unsigned package and this home imports signed bundles only (`waymark trust require on`). "
                + "Nothing was imported; ask the publisher for a signed bundle (`waymark bundle create`)."
        case .sequenceNotNewer(let sequence, let last):
            return "This bundle's sequence is \(sequence), and this home has already imported sequence \(last) from the same publisher: "
                + "it is an older copy or a replay, whatever its dates say. Nothing was imported; ask the publisher for their latest bundle."
        }
    }
}
