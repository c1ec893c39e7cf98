import Foundation
import GRDB

/// One field (or a whole row) changed both here and by a publisher since their common base:
/// the local value stays in force until an operator resolves it.
public struct MergeConflict: Sendable, Codable, Equatable, FetchableRecord {
    /// Whether a conflict still waits for a decision.
    public enum Status: String, Sendable, Codable {
        case open, resolved
    }

    /// What `field` says for a row removed on one side.
    public static let row = "(row)"
    /// What `local` or `incoming` says for a row removed on that side.
    public static let removed = "(removed)"

    /// The conflict's number, as `waymark conflicts resolve` takes it.
    public var id: Int64
    /// The resource (`service`, `location`, ...).
    public var entity: String
    /// The row's id.
    public var entityID: String
    /// The field, or `(row)` for a row removed on one side and edited on the other.
    public var field: String
    /// The value both sides started from, as history records values (`(none)` for nothing).
    public var base: String
    /// This home's value (`(removed)` when the row was removed here).
    public var local: String
    /// The publisher's value (`(removed)` when the publisher removed the row).
    public var incoming: String
    /// Who changed it here.
    public var localBy: String?
    /// When it was changed here.
    public var localAt: String?
    /// Who changed it at the publisher's.
    public var incomingBy: String?
    /// When it was changed at the publisher's.
    public var incomingAt: String?
    /// The bundle that brought the incoming value.
    public var bundleID: String
    /// The publisher's identity.
    public var publisher: String
    /// Open or resolved.
    public var status: Status
    /// How it was resolved: `local`, `incoming` or `value: ...`.
    public var resolution: String?

    enum CodingKeys: String, CodingKey {
        case id, entity, field, base, local, incoming, publisher, status, resolution
        case entityID = "entity_id", localBy = "local_by", localAt = "local_at", incomingBy = "incoming_by"
        case incomingAt = "incoming_at", bundleID = "bundle_id"
    }

    /// Reads a `merge_conflict` row.
    public init(row: Row) throws {
        id = row["id"]
        entity = row["resource"]
        entityID = row["entity_id"]
        field = row["field"]
        base = row["base"]
        local = row["local"]
        incoming = row["incoming"]
        localBy = row["local_by"]
        localAt = row["local_at"]
        incomingBy = row["incoming_by"]
        incomingAt = row["incoming_at"]
        bundleID = row["bundle_id"]
        publisher = row["publisher"]
        status = Status(rawValue: row["status"]) ?? .open
        resolution = row["resolution"]
    }
}
