import Foundation
import GRDB

extension DirectoryEditor {
    /// Reverts this operator's last change that is not yet undone (repeat to go further back),
    /// recording the reversal as a change of its own (`undo`).
    ///
    /// Refuses, naming the later change, when another operator or an import has since changed
    /// one of the same fields; an import or a merged bundle is never undone.
    @discardableResult
    public func undo() throws -> ChangeReceipt {
        let now = clock.now()
        return try store.writer.write { db in
            guard let target = try lastUndoable(db) else { throw DirectoryEditError.nothingToUndo(author: author.name) }
            let entries = try Row.fetchAll(db, sql: """
                SELECT \(HistoryEntry.storedColumns) FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
                WHERE c.sequence = ? ORDER BY m.rowid
                """, arguments: [target]).map(HistoryEntry.init(row:))
            for entry in entries {
                if let later = try Row.fetchOne(db, sql: """
                    SELECT \(HistoryEntry.storedColumns) FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
                    WHERE m.resource_id = ? AND m.field_name = ? AND c.sequence > ?
                      AND (m.updated_by <> ? OR m.last_action_type = 'import' OR c.bundle_id IS NOT NULL)
                    ORDER BY c.sequence DESC LIMIT 1
                    """, arguments: [entry.resourceId, entry.fieldName, target, author.name]).map(HistoryEntry.init(row:)) {
                    throw DirectoryEditError.changedSince(field: "\(entry.resourceType).\(entry.fieldName)", by: later.updatedBy,
                                                          at: later.changedAt, action: later.lastActionType)
                }
            }
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            var services: Set<String> = []
            // Rows the change created are removed, newest first; rows it deleted come back whole.
            var order: [String] = []
            var byRow: [String: [HistoryEntry]] = [:]
            for entry in entries where HSDSSchema.resource(named: entry.resourceType)?.field(entry.fieldName) != nil {
                let key = entry.resourceType + "\u{1F}" + entry.resourceId
                if byRow[key] == nil { order.append(key) }
                byRow[key, default: []].append(entry)
            }
            for key in order.reversed() {
                guard let rowEntries = byRow[key], let first = rowEntries.first,
                      let resource = HSDSSchema.resource(named: first.resourceType) else { continue }
                services.formUnion(try owningServices(first.resourceType, id: first.resourceId, entries: rowEntries, db: db))
                switch first.lastActionType {
                case ChangeAction.create.rawValue:
                    try recorder.delete(resource.name, id: first.resourceId, action: .undo)
                case ChangeAction.delete.rawValue:
                    var values: [String: DatabaseValue] = ["id": first.resourceId.databaseValue]
                    for entry in rowEntries {
                        if let field = resource.field(entry.fieldName) {
                            values[entry.fieldName] = ChangeRecorder.value(entry.previousValue, type: field.type)
                        }
                    }
                    try recorder.insert(resource.name, values, action: .undo)
                default:
                    for entry in rowEntries.reversed() {
                        guard let field = resource.field(entry.fieldName) else { continue }
                        try recorder.update(resource.name, id: entry.resourceId, field: entry.fieldName,
                                            to: ChangeRecorder.value(entry.previousValue, type: field.type), action: .undo)
                    }
                }
            }
            if recorder.count == 0 {
                // A change of notes only: record that it was undone, so the next undo goes further back.
                if let first = entries.first {
                    try recorder.record(first.resourceType, id: first.resourceId, field: HistoryEntry.noteField, action: .undo,
                                        previous: ChangeRecorder.none, replacement: "undo of change \(target)")
                }
            }
            try DirectoryIndexer.refresh(services: services, db)
            checkpoint("written")
            return ChangeReceipt(sequence: recorder.sequence, fields: recorder.count)
        }
    }

    /// The sequence of this operator's last change not yet undone: undo changes cancel, in turn,
    /// the latest earlier changes; imports are skipped.
    func lastUndoable(_ db: Database) throws -> Int64? {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.sequence, MAX(m.last_action_type = 'undo') AS is_undo,
                MAX(m.last_action_type = 'import' OR c.bundle_id IS NOT NULL) AS is_import
            FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
            WHERE m.updated_by = ? GROUP BY c.sequence ORDER BY c.sequence DESC
            """, arguments: [author.name])
        var pending = 0
        for row in rows {
            if (row["is_import"] as Bool?) == true { continue }
            if (row["is_undo"] as Bool?) == true {
                pending += 1
            } else if pending > 0 {
                pending -= 1
            } else {
                return row["sequence"]
            }
        }
        return nil
    }

    /// The services whose derived rows a change of this row touches.
    private func owningServices(_ table: String, id: String, entries: [HistoryEntry], db: Database) throws -> Set<String> {
        switch table {
        case "service": return [id]
        case "organization": return Set(try String.fetchAll(db, sql: "SELECT id FROM service WHERE organization_id = ?", arguments: [id]))
        case "location":
            return Set(try String.fetchAll(db, sql: "SELECT service_id FROM service_at_location WHERE location_id = ?", arguments: [id]))
        default:
            var owners: Set<String> = []
            for entry in entries where entry.fieldName == "service_id" || entry.fieldName == "link_id" {
                for value in [entry.previousValue, entry.replacementValue] where value != ChangeRecorder.none { owners.insert(value) }
            }
            return owners
        }
    }
}
