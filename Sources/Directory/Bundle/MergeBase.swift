import Foundation
import GRDB

/// The values of a row as history records them: field name → text, `(none)` for no value (the id left out).
typealias FieldTexts = [String: String]

/// The values a base bundle had, found without a stored copy of it.
///
/// A row's base is, in order: the publisher's value kept in `merge_base` where this home's row
/// differed from it after the last merge (a NULL row: the publisher has no such row); else, when
/// this home's own history since the base touched the row, the row rolled back through that
/// history (each field's earliest previous value; a create means the row did not exist, a delete
/// brings its values back); else the row as it is. History that arrived inside packages has no
/// sequence and is never rolled back.
struct MergeBase {
    /// One row's local history since the base, reduced to what a rollback needs.
    struct Rollback {
        /// Whether the row existed at the base.
        var existed: Bool
        /// Each touched field's earliest previous value.
        var previous: FieldTexts
    }

    /// The publisher's kept values, by resource then id (nil: no such row at the publisher's).
    private(set) var overrides: [String: [String: FieldTexts?]] = [:]
    /// The rollbacks, by resource then id.
    private(set) var rollbacks: [String: [String: Rollback]] = [:]

    /// Loads the overrides kept for `publisher` (none for a bundle this home created) and the local history after `changeSequence`.
    static func load(_ db: Database, publisher: String?, changeSequence: Int64) throws -> MergeBase {
        var base = MergeBase()
        if let publisher {
            for row in try Row.fetchAll(db, sql: "SELECT resource, id, row FROM merge_base WHERE publisher = ?", arguments: [publisher]) {
                let resource: String = row["resource"], id: String = row["id"]
                let json: String? = row["row"]
                base.overrides[resource, default: [:]][id] = .some(json.flatMap(decode))
            }
        }
        let steps = try Row.fetchCursor(db, sql: """
            SELECT m.resource_type, m.resource_id, m.field_name, m.previous_value, m.last_action_type, c.sequence
            FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
            WHERE c.sequence > ? ORDER BY c.sequence, m.rowid
            """, arguments: [changeSequence])
        var firstSequence: [String: Int64] = [:]
        while let row = try steps.next() {
            guard let resource: String = row[0], let id: String = row[1], let field: String = row[2] else { continue }
            let previous: String = row[3] ?? ChangeRecorder.none
            let action: String = row[4] ?? ""
            let sequence: Int64 = row[5]
            let key = resource + "\u{1F}" + id
            var rollback = base.rollbacks[resource]?[id] ?? Rollback(existed: true, previous: [:])
            if firstSequence[key] == nil {
                firstSequence[key] = sequence
                switch action {
                case ChangeAction.create.rawValue: rollback.existed = false
                case ChangeAction.import.rawValue, ChangeAction.undo.rawValue: rollback.existed = previous != ChangeRecorder.none
                default: rollback.existed = true
                }
            } else if firstSequence[key] == sequence, previous != ChangeRecorder.none,
                      action == ChangeAction.import.rawValue || action == ChangeAction.undo.rawValue {
                rollback.existed = true
            }
            if rollback.previous[field] == nil { rollback.previous[field] = previous }
            base.rollbacks[resource, default: [:]][id] = rollback
        }
        return base
    }

    /// The ids of `resource` whose base may differ from the row as it is.
    func touched(_ resource: String) -> Set<String> {
        Set((overrides[resource] ?? [:]).keys).union((rollbacks[resource] ?? [:]).keys)
    }

    /// The base of one row, given the row as it is now (nil: no such row now); nil when the row did not exist at the base.
    func row(_ resource: HSDSResource, id: String, current: FieldTexts?) -> FieldTexts? {
        if let kept = overrides[resource.name]?[id] { return kept }
        guard let rollback = rollbacks[resource.name]?[id] else { return current }
        guard rollback.existed else { return nil }
        var values = current ?? MergeBase.empty(resource)
        for (field, previous) in rollback.previous where values[field] != nil { values[field] = previous }
        return values
    }

    /// A row with no values.
    static func empty(_ resource: HSDSResource) -> FieldTexts {
        var values: FieldTexts = [:]
        for field in resource.fields where field.name != "id" { values[field.name] = ChangeRecorder.none }
        return values
    }

    /// The JSON `merge_base` keeps a row as.
    static func encode(_ row: FieldTexts) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(row), as: UTF8.self)
    }

    /// A row kept as JSON.
    static func decode(_ json: String) -> FieldTexts? {
        try? JSONDecoder().decode(FieldTexts.self, from: Data(json.utf8))
    }
}
