import Casework
import Directory
import Foundation

/// The organization keys this home relies on for envelopes: those its coordinator added, and those that
/// arrived in a bundle from a publisher it still trusts (or from its own key). Keys that came in an unsigned
/// package, or whose value changed since, are never used.
enum EnvelopeKeys {
    /// The relied-on keys of one kind an organization has in the directory, newest first.
    static func relied(_ organization: String, kind: OrganizationKeyKind, directory: DirectoryStore, cases: CaseStore) throws -> [Data] {
        let roots = Set(try BundleTrust.accepted(by: cases).filter(\.isTrusted).map(\.root))
        return try directory.organizationKeys(organization).reversed().compactMap { key in
            guard key.kind == kind, let raw = Data(base64Encoded: key.key), raw.count == 32 else { return nil }
            switch key.origin {
            case .local: return raw
            case .bundle(let publisher): return roots.contains(publisher) ? raw : nil
            case .unverified: return nil
            }
        }
    }
}
