import Foundation
import GRDB

extension DirectoryStore {
    /// The conflicts merges left: the open ones, or every one, in the order they were found.
    public func conflicts(includeResolved: Bool = false) throws -> [MergeConflict] {
        try writer.read { db in
            try MergeConflict.fetchAll(db, sql: "SELECT * FROM merge_conflict \(includeResolved ? "" : "WHERE status = 'open'") ORDER BY id")
        }
    }

    /// Resolves an open conflict: keeps this home's value, takes the publisher's, or sets one given.
    ///
    /// Taking the publisher's value or setting one writes it through the history like any edit and
    /// re-stages the search rows it touches; the publisher's value stays the base of the next
    /// merge either way. Refuses an unknown or resolved conflict, and a value the field's type or
    /// vocabulary refuses, with a sentence; nothing is written then.
    public func resolveConflict(_ id: Int64, _ resolution: ConflictResolution, author: ChangeAuthor,
                                clock: any TimeSource = SystemTime()) throws {
        let now = clock.now()
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM merge_conflict WHERE id = ?", arguments: [id]) else {
                throw ConflictError.notFound(id)
            }
            let conflict = try MergeConflict(row: row)
            guard conflict.status == .open else { throw ConflictError.alreadyResolved(id, resolution: conflict.resolution ?? "resolved") }
            let before = try DirectoryStore.dataVersion(db)
            switch resolution {
            case .keepLocal:
                break
            case .keepIncoming:
                // The operator's decision: a local change, which `undo` can take back.
                var recorder = ChangeRecorder(db: db, author: author.name, now: now)
                try Self.takeIncoming(conflict, recorder: &recorder)
            case .value(let text):
                guard conflict.field != MergeConflict.row else { throw ConflictError.valueForRow(id) }
                guard let resource = HSDSSchema.resource(named: conflict.entity), let field = resource.field(conflict.field) else {
                    throw ConflictError.rowGone(entity: conflict.entity, id: conflict.entityID)
                }
                let value = try Self.checked(text, field: field, resource: resource)
                guard try Self.exists(conflict, db) else { throw ConflictError.rowGone(entity: conflict.entity, id: conflict.entityID) }
                var recorder = ChangeRecorder(db: db, author: author.name, now: now)
                try recorder.update(resource.name, id: conflict.entityID, field: field.name, to: value)
            }
            let after = try DirectoryStore.dataVersion(db)
            if let services = try DirectoryStore.changedServices(db, from: before, to: after), !services.isEmpty {
                try DirectoryIndexer.refresh(services: services, db)
            }
            try db.execute(sql: "UPDATE merge_conflict SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                           arguments: [resolution.text, author.name, ChangeRecorder.timestamp(now), id])
        }
    }

    /// Applies the publisher's side of a conflict: its value, its removal, or its row back.
    private static func takeIncoming(_ conflict: MergeConflict, recorder: inout ChangeRecorder) throws {
        let db = recorder.db
        guard let resource = HSDSSchema.resource(named: conflict.entity) else { return }
        if conflict.field != MergeConflict.row {
            guard let field = resource.field(conflict.field), try exists(conflict, db) else {
                throw ConflictError.rowGone(entity: conflict.entity, id: conflict.entityID)
            }
            try recorder.update(resource.name, id: conflict.entityID, field: field.name, to: ChangeRecorder.value(conflict.incoming, type: field.type))
        } else if conflict.incoming == MergeConflict.removed {
            try recorder.delete(resource.name, id: conflict.entityID)
        } else if try !exists(conflict, db) {
            // The publisher's row, as the last merge kept it.
            guard let json = try String.fetchOne(db, sql: "SELECT row FROM merge_base WHERE publisher = ? AND resource = ? AND id = ?",
                                                 arguments: [conflict.publisher, conflict.entity, conflict.entityID]),
                  let row = MergeBase.decode(json) else { return }
            var values: [String: DatabaseValue] = ["id": conflict.entityID.databaseValue]
            for field in resource.fields where field.name != "id" {
                values[field.name] = ChangeRecorder.value(row[field.name] ?? ChangeRecorder.none, type: field.type)
            }
            try recorder.insert(resource.name, values)
        }
    }

    /// Whether the conflict's row is in the directory.
    private static func exists(_ conflict: MergeConflict, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(conflict.entity.quotedDatabaseIdentifier) WHERE id = ?)",
                          arguments: [conflict.entityID]) ?? false
    }

    /// The stored value of an operator's text, checked as a package value of the field is.
    private static func checked(_ text: String, field: HSDSField, resource: HSDSResource) throws -> DatabaseValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == ChangeRecorder.none {
            if field.required { throw ConflictError.invalidValue(field: field.name, problem: "a value is required") }
            return .null
        }
        var problems = ProblemList()
        var warned = false
        let kept = PackageReader.check(trimmed, field: field, resource: resource, file: resource.path, line: 1,
                                       zoneWarned: &warned, problems: &problems)
        if let problem = problems.all.first(where: { $0.severity == .error }) ?? problems.all.first {
            throw ConflictError.invalidValue(field: field.name, problem: problem.message)
        }
        guard let kept else { throw ConflictError.invalidValue(field: field.name, problem: "'\(Sanitized.short(trimmed))' is not a value it takes") }
        return DirectoryStore.databaseValue(kept, type: field.type)
    }
}
