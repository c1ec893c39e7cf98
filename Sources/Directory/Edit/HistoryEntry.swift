import Foundation
import GRDB

/// One field's change, as HSDS `metadata` records it, with the full time Waymark keeps beside it.
public struct HistoryEntry: Sendable, Codable, Equatable {
    /// The history field that carries a verification's method.
    public static let methodField = "verification_method"
    /// The history field that carries a change's note.
    public static let noteField = "note"

    public var id: String
    public var resourceId: String
    public var resourceType: String
    public var lastActionDate: String
    public var lastActionType: String
    public var fieldName: String
    public var previousValue: String
    public var replacementValue: String
    public var updatedBy: String
    /// When it was made (UTC, milliseconds); the day alone for a package's rows that came without it.
    public var changedAt: String
    /// The per-home sequence shared by the fields of one change; nil for a package's own rows.
    public var sequence: Int64?
    /// The package an imported change came from (`name@version`); nil for a local change.
    public var bundleId: String?

    enum CodingKeys: String, CodingKey {
        case id
        case resourceId = "resource_id", resourceType = "resource_type", lastActionDate = "last_action_date"
        case lastActionType = "last_action_type", fieldName = "field_name", previousValue = "previous_value"
        case replacementValue = "replacement_value", updatedBy = "updated_by", changedAt = "changed_at"
        case sequence, bundleId = "bundle_id"
    }

    /// Encodes every key; a package's own rows have a null sequence, a local change a null bundle_id.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(resourceId, forKey: .resourceId)
        try c.encode(resourceType, forKey: .resourceType)
        try c.encode(lastActionDate, forKey: .lastActionDate)
        try c.encode(lastActionType, forKey: .lastActionType)
        try c.encode(fieldName, forKey: .fieldName)
        try c.encode(previousValue, forKey: .previousValue)
        try c.encode(replacementValue, forKey: .replacementValue)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(changedAt, forKey: .changedAt)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(bundleId, forKey: .bundleId)
    }

    init(row: Row) {
        id = row["id"]
        resourceId = row["resource_id"] ?? ""
        resourceType = row["resource_type"] ?? ""
        lastActionDate = row["last_action_date"] ?? ""
        lastActionType = row["last_action_type"] ?? ""
        fieldName = row["field_name"] ?? ""
        previousValue = row["previous_value"] ?? ""
        replacementValue = row["replacement_value"] ?? ""
        updatedBy = row["updated_by"] ?? ""
        changedAt = row["changed_at"] ?? lastActionDate
        sequence = row["sequence"]
        bundleId = row["bundle_id"]
    }

    /// The columns history queries select, `metadata` as `m` joined to `waymark_change` as `c`, the values as
    /// stored: for undo, which puts them back, never for a view.
    static let storedColumns = """
        m.id, m.resource_id, m.resource_type, m.last_action_date, m.last_action_type, m.field_name, m.previous_value,
        m.replacement_value, m.updated_by, COALESCE(c.changed_at, m.last_action_date) AS changed_at, c.sequence, c.bundle_id
        """

    /// The columns history views select: where a confidential location is, is `(withheld)` (`masked`).
    static let columns = """
        m.id, m.resource_id, m.resource_type, m.last_action_date, m.last_action_type, m.field_name, \(masked("previous_value")) AS previous_value,
        \(masked("replacement_value")) AS replacement_value, m.updated_by, COALESCE(c.changed_at, m.last_action_date) AS changed_at,
        c.sequence, c.bundle_id
        """

    /// The locations whose address is or ever was confidential, in SQL.
    static let confidentialLocations = "SELECT location_id FROM confidential_location_ever"

    /// SQL: whether the `metadata` row `m` says where a confidential location is — its address, accessibility
    /// notes or own phones (the rows there now, or rows once linked to it), or its coordinates and directions.
    /// Judged by every location ever flagged: one made confidential later hides its earlier history too, and one whose
    /// flag was lifted, or which was deleted, keeps its confidential past withheld.
    static let saysWhereConfidentialIs = """
        ((m.resource_type = 'location' AND m.field_name IN ('latitude', 'longitude', 'transportation')
          AND m.resource_id IN (\(confidentialLocations)))
         OR (m.resource_type IN ('address', 'accessibility', 'phone') AND m.field_name NOT IN ('id', 'location_id', 'service_id', 'organization_id')
          AND (m.resource_id IN (SELECT id FROM address WHERE location_id IN (\(confidentialLocations))
                                 UNION SELECT id FROM accessibility WHERE location_id IN (\(confidentialLocations))
                                 UNION SELECT id FROM phone WHERE location_id IN (\(confidentialLocations)))
               OR m.resource_id IN (SELECT o.resource_id FROM metadata o WHERE o.field_name = 'location_id'
                                    AND o.replacement_value IN (\(confidentialLocations)))
               OR m.resource_id IN (SELECT o.resource_id FROM metadata o WHERE o.field_name = 'location_id'
                                    AND o.previous_value IN (\(confidentialLocations))))))
        """

    /// SQL for a value column of `m`, `(withheld)` where it says where a confidential location is (`(none)` stays).
    static func masked(_ column: String) -> String {
        "CASE WHEN m.\(column) <> '\(ChangeRecorder.none)' AND \(saysWhereConfidentialIs) THEN '\(ChangeRecorder.withheld)' ELSE m.\(column) END"
    }

    /// Rows that belong to a service: its own, those of rows that name it (`service_id`, an attribute's `link_id`), and
    /// those of its locations and their addresses and flags.
    static let ofService = """
        (m.resource_id = :service OR m.resource_id IN (
            SELECT o.resource_id FROM metadata o WHERE o.field_name IN ('service_id', 'link_id')
              AND (o.previous_value = :service OR o.replacement_value = :service)
            \(childTables.map { "UNION SELECT id FROM \($0.table) WHERE \($0.column) = :service" }.joined(separator: " "))
            UNION SELECT o.resource_id FROM metadata o WHERE o.field_name IN ('location_id', 'link_id')
              AND (o.previous_value IN (\(locationsOfService)) OR o.replacement_value IN (\(locationsOfService)))
            UNION \(locationsOfService)
            UNION SELECT id FROM address WHERE location_id IN (\(locationsOfService))))
        """

    /// SQL for the ids of the service's locations (whose name, address and flags an edit of the service changes).
    static let locationsOfService = "SELECT location_id FROM service_at_location WHERE service_id = :service"

    /// The tables whose rows belong to one service, and the column naming it.
    static let childTables: [(table: String, column: String)] = [
        ("service_capacity", "service_id"), ("phone", "service_id"), ("schedule", "service_id"), ("language", "service_id"),
        ("service_area", "service_id"), ("service_at_location", "service_id"), ("attribute", "link_id"),
    ]

    /// SQL for the service a `metadata` row (as `m`) belongs to, if any.
    static let owner = """
        CASE WHEN m.resource_type = 'service' THEN m.resource_id ELSE COALESCE(
            \(childTables.map { "(SELECT \($0.column) FROM \($0.table) WHERE id = m.resource_id AND m.resource_type = '\($0.table)')" }.joined(separator: ", ")),
            (SELECT CASE WHEN o.replacement_value = '(none)' THEN o.previous_value ELSE o.replacement_value END
             FROM metadata o WHERE o.resource_id = m.resource_id AND o.field_name IN ('service_id', 'link_id') LIMIT 1)) END
        """

    /// The line a person reads: `2026-03-01 service.name: Old → New (update by Ana)`.
    public var summary: String {
        "\(changedAt.prefix(19).replacingOccurrences(of: "T", with: " ")) \(resourceType).\(fieldName): "
            + "\(previousValue) → \(replacementValue) (\(lastActionType) by \(updatedBy))"
    }
}

extension DirectoryStore {
    /// The field-level history, oldest first: of one service (its own rows and those of rows naming it)
    /// or of the whole directory, from a day on.
    public func changes(service: String? = nil, since day: String? = nil, limit: Int? = nil) throws -> [HistoryEntry] {
        try writer.read { db in try HistoryEntry.fetch(db, service: service, since: day, limit: limit) }
    }

    /// The local changes made since the last import (what a replacing import would discard), oldest first.
    public func localChangesSinceImport() throws -> [HistoryEntry] {
        try writer.read { db in
            let since = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = 'import_sequence'") ?? 0
            return try Row.fetchAll(db, sql: """
                SELECT \(HistoryEntry.columns) FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
                WHERE c.sequence > ? AND c.bundle_id IS NULL ORDER BY c.sequence, m.rowid
                """, arguments: [since]).map(HistoryEntry.init(row:))
        }
    }
}

extension HistoryEntry {
    static func fetch(_ db: Database, service: String?, since day: String?, limit: Int?) throws -> [HistoryEntry] {
        var conditions: [String] = []
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        if let service {
            conditions.append(ofService)
            arguments["service"] = service
        }
        if let day {
            conditions.append("COALESCE(c.changed_at, m.last_action_date) >= :since")
            arguments["since"] = day
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = limit == nil ? "ASC" : "DESC"
        let sql = """
            SELECT \(columns) FROM metadata m LEFT JOIN waymark_change c ON c.metadata_id = m.id \(filter)
            ORDER BY COALESCE(c.changed_at, m.last_action_date) \(order), c.sequence \(order), m.rowid \(order)
            \(limit.map { "LIMIT \($0)" } ?? "")
            """
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(HistoryEntry.init(row:))
        return limit == nil ? rows : rows.reversed()
    }
}
