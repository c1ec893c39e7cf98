import Foundation
import GRDB

/// A bundle this home created or imported, as its bookkeeping keeps it.
public struct BundleReceipt: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "bundle_receipt"

    /// Whether this home made the bundle or took it in.
    public enum Direction: String, Sendable, Codable {
        case created, imported
    }

    /// The bundle's id.
    public var bundleID: String
    /// The publisher's identity (a key fingerprint).
    public var publisher: String
    /// The publisher's name for people.
    public var publisherName: String
    /// The publishing organization's id.
    public var organizationID: String?
    /// The publisher's bundle number.
    public var sequence: Int
    /// The bundle it is a delta against; nil for a full bundle.
    public var baseBundleID: String?
    /// When the bundle was made (ISO 8601).
    public var createdAt: String
    /// Created here or imported here.
    public var direction: Direction
    /// The home's change sequence when the bundle was read (created) or right after its import's own history.
    public var changeSequence: Int64
    /// When this home recorded it (ISO 8601).
    public var recordedAt: String

    enum CodingKeys: String, CodingKey {
        case publisher, sequence, direction
        case bundleID = "bundle_id", publisherName = "publisher_name", organizationID = "organization_id"
        case baseBundleID = "base_bundle_id", createdAt = "created_at", changeSequence = "change_sequence"
        case recordedAt = "recorded_at"
    }

    /// A receipt for `origin`.
    init(_ origin: BundleOrigin, direction: Direction, changeSequence: Int64, recordedAt: Date) {
        bundleID = origin.bundleID
        publisher = origin.publisher
        publisherName = origin.publisherName
        organizationID = origin.organizationID
        sequence = origin.sequence
        baseBundleID = origin.baseBundleID
        createdAt = origin.createdAt
        self.direction = direction
        self.changeSequence = changeSequence
        self.recordedAt = ChangeRecorder.timestamp(recordedAt)
    }
}
