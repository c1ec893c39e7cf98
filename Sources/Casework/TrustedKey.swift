import Foundation

/// A publisher whose bundles this home imports: its key, the name it was added under, and the
/// publisher it stands for (`root`, the fingerprint of the first key trusted for it; a rotated key
/// keeps its predecessor's root, so sequence numbers and merge bases follow the publisher, not the key).
public struct TrustedKey: Sendable, Equatable, Codable {
    /// The fingerprint, as people compare it.
    public var fingerprint: String
    /// The raw Ed25519 public key.
    public var publicKey: Data
    /// Who it belongs to, as the coordinator named it.
    public var name: String
    /// The publisher it stands for: the first trusted key's fingerprint.
    public var root: String
    /// When it was added, and by whom.
    public var addedAt: Date
    public var addedBy: String
    /// When it was removed; nil while trusted.
    public var removedAt: Date?

    enum CodingKeys: String, CodingKey {
        case fingerprint, name, root
        case publicKey = "public_key", addedAt = "added_at", addedBy = "added_by", removedAt = "removed_at"
    }

    public init(fingerprint: String, publicKey: Data, name: String, root: String, addedAt: Date, addedBy: String, removedAt: Date? = nil) {
        self.fingerprint = fingerprint
        self.publicKey = publicKey
        self.name = name
        self.root = root
        self.addedAt = addedAt
        self.addedBy = addedBy
        self.removedAt = removedAt
    }

    /// Whether bundles signed by it are accepted now.
    public var isTrusted: Bool { removedAt == nil }
}
