import Foundation

/// What a verified bundle is, as its signed manifest says (Directory never checks signatures).
public struct BundleOrigin: Sendable, Equatable {
    /// The bundle's id.
    public var bundleID: String
    /// Nil for a full bundle; else the bundle this delta is based on.
    public var baseBundleID: String?
    /// The publisher's stable identity (a key fingerprint), compared as opaque text.
    public var publisher: String
    /// Who published it, for reports ("Regional coordinator, North").
    public var publisherName: String
    /// The publishing organization's id, when the manifest names one.
    public var organizationID: String?
    /// The publisher's bundle number: strictly increasing per publisher.
    public var sequence: Int
    /// When the bundle was made (ISO 8601 UTC).
    public var createdAt: String
    /// For a delta: by resource name, the ids present only so that references resolve.
    public var unchanged: [String: Set<String>]

    /// Describes a bundle.
    public init(bundleID: String, baseBundleID: String? = nil, publisher: String, publisherName: String,
                organizationID: String? = nil, sequence: Int, createdAt: String, unchanged: [String: Set<String>] = [:]) {
        self.bundleID = bundleID
        self.baseBundleID = baseBundleID
        self.publisher = publisher
        self.publisherName = publisherName
        self.organizationID = organizationID
        self.sequence = sequence
        self.createdAt = createdAt
        self.unchanged = unchanged
    }

    /// Whether the bundle is a delta against another.
    public var isDelta: Bool { baseBundleID != nil }
}
