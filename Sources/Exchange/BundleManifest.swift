import Foundation

/// `waymark-bundle.json`: what a bundle is, who published it, and every file it holds with its
/// size and SHA-256. The publisher signs the file's exact bytes (`BundleSignature`); a reader
/// never re-encodes it before checking.
public struct BundleManifest: Codable, Sendable, Equatable {
    /// The format this version writes and reads.
    public static let currentFormat = "waymark-bundle-v1"
    /// The manifest's file name inside a bundle.
    public static let fileName = "waymark-bundle.json"

    /// The publisher: its organization in the directory, a name, and its key.
    public struct Publisher: Codable, Sendable, Equatable {
        public var organizationID: String?
        public var name: String
        /// The raw Ed25519 public key, base64.
        public var publicKey: String
        public var fingerprint: String

        enum CodingKeys: String, CodingKey {
            case name, fingerprint
            case organizationID = "organization_id", publicKey = "public_key"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(organizationID, forKey: .organizationID)
            try c.encode(name, forKey: .name)
            try c.encode(publicKey, forKey: .publicKey)
            try c.encode(fingerprint, forKey: .fingerprint)
        }
    }

    /// The key this one replaced, and its signature over the new key (`PublisherKey.rotationStatement`).
    public struct Rotation: Codable, Sendable, Equatable {
        public var previousPublicKey: String
        public var signature: String

        enum CodingKeys: String, CodingKey {
            case previousPublicKey = "previous_public_key", signature
        }
    }

    /// One file of the bundle.
    public struct Entry: Codable, Sendable, Equatable {
        /// The file's name inside the bundle folder (no folders, no `..`).
        public var path: String
        public var size: Int64
        /// Lowercase hex.
        public var sha256: String
    }

    public var format: String
    public var bundleID: String
    /// The bundle a delta is made against; nil for a full bundle.
    public var baseBundleID: String?
    /// The publisher's own count of its bundles: each import needs one above the last seen.
    public var sequence: Int
    public var publisher: Publisher
    public var rotation: Rotation?
    /// ISO 8601, UTC.
    public var createdAt: String
    public var files: [Entry]
    /// In a delta, the rows present only so its references resolve, by resource: they are not changes.
    public var unchanged: [String: [String]]

    enum CodingKeys: String, CodingKey {
        case format, sequence, publisher, rotation, files, unchanged
        case bundleID = "bundle_id", baseBundleID = "base_bundle_id", createdAt = "created_at"
    }

    public init(bundleID: String, baseBundleID: String?, sequence: Int, publisher: Publisher, rotation: Rotation?, createdAt: String,
                files: [Entry], unchanged: [String: [String]]) {
        format = Self.currentFormat
        self.bundleID = bundleID
        self.baseBundleID = baseBundleID
        self.sequence = sequence
        self.publisher = publisher
        self.rotation = rotation
        self.createdAt = createdAt
        self.files = files
        self.unchanged = unchanged
    }

    /// Writes every key, `base_bundle_id` as null for a full bundle.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(bundleID, forKey: .bundleID)
        try c.encode(baseBundleID, forKey: .baseBundleID)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(publisher, forKey: .publisher)
        try c.encodeIfPresent(rotation, forKey: .rotation)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(files, forKey: .files)
        try c.encode(unchanged, forKey: .unchanged)
    }

    /// The manifest's bytes as written: sorted keys, indented, one trailing newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Whether this is a delta against another bundle.
    public var isDelta: Bool { baseBundleID != nil }
}
