import Foundation
import GRDB

/// A three-way merge of one bundle into the directory, field by field, inside the caller's transaction.
///
/// For each row: a change on one side only applies; the same field changed on both sides to
/// different values is a conflict and the local value stays; a row removed on one side and
/// edited on the other is a conflict. What a bundle withheld of a confidential location (its
/// address, own phones and accessibility rows, coordinates and directions) is neither a
/// conflict nor a removal. Every value the merge replaces is recorded in the history with the
/// bundle as origin; afterwards the publisher's values are kept wherever this home's differ.
struct BundleMerge {
    /// The resources merged by id: every keyed one but the history.
    static let tables: [HSDSResource] = HSDSSchema.all.filter { $0.key == "id" && $0.name != "metadata" }
    /// The tables whose rows say where a withheld location is.
    static let withheldTables: Set<String> = Set(WithheldLocations.dependents)
    /// The location fields a bundle withholds.
    static let withheldFields: Set<String> = ["latitude", "longitude", "transportation"]

    let origin: BundleOrigin
    let contents: PackageContents
    let base: MergeBase
    var recorder: ChangeRecorder
    let withheld: Set<String>
    /// Who changed what at the publisher's, from the package's own history: `resource|id|field` → (by, at).
    private var incomingHistory: [String: (by: String, at: String)] = [:]

    private(set) var fieldsApplied = 0
    private(set) var rowsCreated = 0
    private(set) var rowsDeleted = 0
    private(set) var conflicts: [MergeConflict] = []
    /// Services this merge created.
    private(set) var createdServices: [String] = []
    /// Whether areas or travel links changed (the whole derived area tables are rebuilt).
    private(set) var areasChanged = false
    /// The fields (and rows) with a conflict open before this merge, as `resource|id|field`: few, so a merge of a
    /// whole directory asks the table only about them.
    private var openConflicts: Set<String> = []

    init(db: Database, origin: BundleOrigin, contents: PackageContents, base: MergeBase, author: String, now: Date) {
        self.origin = origin
        self.contents = contents
        self.base = base
        recorder = ChangeRecorder(db: db, author: author, now: now, bundle: origin.bundleID)
        withheld = Set(contents.metadata.withheldLocations)
        incomingHistory = Self.history(of: contents)
    }

    var db: Database { recorder.db }

    /// Merges every keyed table, then takes the bundle's areas and travel links and its history rows.
    mutating func run() throws {
        openConflicts = Set(try Row.fetchAll(db, sql: "SELECT resource, entity_id, field FROM merge_conflict WHERE status = 'open'").map {
            "\($0["resource"] as String? ?? "")|\($0["entity_id"] as String? ?? "")|\($0["field"] as String? ?? "")"
        })
        for resource in Self.tables { try merge(resource) }
        try takeAreas()
        try takeHistory()
    }

    // MARK: - Rows

    /// The package's rows of a table as history texts, by id; for a delta only the changed ones.
    private func incoming(_ resource: HSDSResource) -> [String: FieldTexts] {
        let table = contents.table(resource.name)
        guard let idIndex = table.index(of: "id") else { return [:] }
        let unchanged = origin.unchanged[resource.name] ?? []
        var rows: [String: FieldTexts] = [:]
        for row in table.rows {
            guard let id = row[idIndex], !unchanged.contains(id) else { continue }
            var values: FieldTexts = [:]
            for (index, field) in resource.fields.enumerated() where field.name != "id" {
                values[field.name] = ChangeRecorder.text(DirectoryStore.databaseValue(row[index], type: field.type), type: field.type)
            }
            rows[id] = values
        }
        return rows
    }

    /// This home's row as history texts.
    static func texts(_ row: Row, _ resource: HSDSResource) -> FieldTexts {
        var values: FieldTexts = [:]
        for field in resource.fields where field.name != "id" {
            values[field.name] = ChangeRecorder.text(row[field.name] ?? .null, type: field.type)
        }
        return values
    }

    /// This home's rows of a table: all of them, or those with the given ids.
    private func local(_ resource: HSDSResource, ids: Set<String>?) throws -> [String: FieldTexts] {
        var rows: [String: FieldTexts] = [:]
        let table = resource.name.quotedDatabaseIdentifier
        if let ids {
            let statement = try db.makeStatement(sql: "SELECT * FROM \(table) WHERE id = ?")
            for id in ids {
                if let row = try Row.fetchOne(statement, arguments: [id]) { rows[id] = Self.texts(row, resource) }
            }
        } else {
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table)")
            while let row = try cursor.next() {
                if let id: String = row["id"] { rows[id] = Self.texts(row, resource) }
            }
        }
        return rows
    }

    /// The delta's removals of a table.
    private func tombstones(_ resource: String) -> Set<String> {
        let table = contents.table(HSDSSchema.tombstone.name)
        guard let r = table.index(of: "resource"), let i = table.index(of: "id") else { return [] }
        return Set(table.rows.filter { $0[r] == resource }.compactMap { $0[i] })
    }

    /// Merges one table.
    private mutating func merge(_ resource: HSDSResource) throws {
        let incoming = incoming(resource)
        let removed: Set<String>
        let candidates: Set<String>
        let local: [String: FieldTexts]
        if origin.isDelta {
            removed = tombstones(resource.name)
            candidates = Set(incoming.keys).union(removed)
            local = try self.local(resource, ids: candidates)
        } else {
            local = try self.local(resource, ids: nil)
            candidates = Set(local.keys).union(incoming.keys).union(base.touched(resource.name))
            removed = []
        }
        for id in candidates.sorted() {
            let mine = local[id]
            let theirs = removed.contains(id) ? nil : incoming[id]
            let was = base.row(resource, id: id, current: mine)
            if let location = Self.locationID(of: resource, in: [mine, theirs, was]), withheld.contains(location) { continue }
            let after = try merge(resource, id: id, base: was, local: mine, incoming: theirs)
            try keep(resource, id: id, local: after, incoming: theirs)
        }
        if origin.isDelta {
            // Rows this home changed since the base but the delta does not touch: their base must outlive the new change sequence.
            for id in base.touched(resource.name).subtracting(candidates) where base.overrides[resource.name]?[id] == nil {
                let mine = try self.local(resource, ids: [id])[id]
                let was = base.row(resource, id: id, current: mine)
                try store(resource.name, id: id, row: was)
            }
        }
    }

    /// The location a row of a withheld table (or a location) says where it is of.
    static func locationID(of resource: HSDSResource, in rows: [FieldTexts?]) -> String? {
        guard withheldTables.contains(resource.name) else { return nil }
        for row in rows {
            if let location = row?["location_id"], location != ChangeRecorder.none { return location }
        }
        return nil
    }

    /// Merges one row; returns its values afterwards (nil: no row).
    private mutating func merge(_ resource: HSDSResource, id: String, base: FieldTexts?, local: FieldTexts?,
                                incoming: FieldTexts?) throws -> FieldTexts? {
        let ignored = resource.name == "location" && withheld.contains(id) ? Self.withheldFields : []
        switch (local, incoming) {
        case (nil, nil):
            try settle(resource.name, id: id, field: MergeConflict.row)
            return nil
        case (let mine?, nil):
            guard let base else { return mine }  // added here only
            if Self.same(mine, base, ignoring: ignored) {
                try recorder.delete(resource.name, id: id)
                rowsDeleted += 1
                return nil
            }
            try conflict(resource.name, id: id, field: MergeConflict.row, base: "(present)", local: "(edited)", incoming: MergeConflict.removed)
            return mine
        case (nil, let theirs?):
            if let base {
                // Removed here: a conflict only when the publisher changed it since.
                if !Self.same(theirs, base, ignoring: ignored) {
                    try conflict(resource.name, id: id, field: MergeConflict.row, base: "(present)", local: MergeConflict.removed, incoming: "(edited)")
                }
                return nil
            }
            var values: [String: DatabaseValue] = ["id": id.databaseValue]
            for field in resource.fields where field.name != "id" {
                values[field.name] = ChangeRecorder.value(theirs[field.name] ?? ChangeRecorder.none, type: field.type)
            }
            try recorder.insert(resource.name, values)
            rowsCreated += 1
            if resource.name == "service" { createdServices.append(id) }
            return theirs
        case (let mine?, let theirs?):
            var after = mine
            let origin = base ?? MergeBase.empty(resource)
            for field in resource.fields where field.name != "id" && !ignored.contains(field.name) {
                let l = mine[field.name] ?? ChangeRecorder.none, i = theirs[field.name] ?? ChangeRecorder.none
                let b = origin[field.name] ?? ChangeRecorder.none
                if l == i {
                    // Both sides hold the same value now: a conflict left open on it has nothing left to decide.
                    try settle(resource.name, id: id, field: field.name)
                    continue
                }
                if i == b { continue }
                if l == b {
                    try recorder.update(resource.name, id: id, field: field.name, to: ChangeRecorder.value(i, type: field.type))
                    after[field.name] = i
                    fieldsApplied += 1
                } else {
                    try conflict(resource.name, id: id, field: field.name, base: b, local: l, incoming: i)
                }
            }
            return after
        }
    }

    /// Whether two rows agree on every field but the ignored ones.
    static func same(_ a: FieldTexts, _ b: FieldTexts, ignoring ignored: Set<String>) -> Bool {
        a.allSatisfy { ignored.contains($0.key) || b[$0.key] == $0.value }
    }

    // MARK: - The publisher's values

    /// Keeps the publisher's row where this home's differs from it, and forgets it where they agree.
    private func keep(_ resource: HSDSResource, id: String, local: FieldTexts?, incoming: FieldTexts?) throws {
        let ignored = resource.name == "location" && withheld.contains(id) ? Self.withheldFields : []
        let agree: Bool
        switch (local, incoming) {
        case (nil, nil): agree = true
        case (let l?, let i?): agree = Self.same(l, i, ignoring: ignored)
        default: agree = false
        }
        if agree {
            try db.execute(sql: "DELETE FROM merge_base WHERE publisher = ? AND resource = ? AND id = ?",
                           arguments: [origin.publisher, resource.name, id])
        } else {
            try store(resource.name, id: id, row: incoming)
        }
    }

    /// Stores the publisher's row (nil: the publisher has none).
    private func store(_ resource: String, id: String, row: FieldTexts?) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO merge_base(publisher, resource, id, row) VALUES (?, ?, ?, ?)",
                       arguments: [origin.publisher, resource, id, try row.map(MergeBase.encode)])
    }

    // MARK: - Conflicts

    /// Closes the open conflict on a field (or a whole row) where both sides now agree, as `agreed`.
    private func settle(_ resource: String, id: String, field: String) throws {
        guard openConflicts.contains("\(resource)|\(id)|\(field)") else { return }
        try db.execute(sql: """
            UPDATE merge_conflict SET status = 'resolved', resolution = 'agreed', resolved_by = ?, resolved_at = ?
            WHERE resource = ? AND entity_id = ? AND field = ? AND status = 'open'
            """, arguments: [origin.publisherName, ChangeRecorder.timestamp(recorder.now), resource, id, field])
    }

    /// Opens a conflict, or updates the open one on the same field.
    private mutating func conflict(_ resource: String, id: String, field: String, base: String, local: String, incoming: String) throws {
        let mine = try Row.fetchOne(db, sql: """
            SELECT m.updated_by, c.changed_at FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
            WHERE m.resource_type = ? AND m.resource_id = ? AND (? = '\(MergeConflict.row)' OR m.field_name = ?)
              AND c.sequence IS NOT NULL
            ORDER BY c.sequence DESC LIMIT 1
            """, arguments: [resource, id, field, field])
        let theirs = field == MergeConflict.row
            ? incomingHistory["\(resource)|\(id)|"] : incomingHistory["\(resource)|\(id)|\(field)"]
        let values: [DatabaseValueConvertible?] = [
            base, local, incoming, mine?["updated_by"] as String?, mine?["changed_at"] as String?,
            theirs?.by ?? origin.publisherName, theirs?.at ?? origin.createdAt, origin.bundleID, origin.publisher,
        ]
        if let open = try Int64.fetchOne(db, sql: """
            SELECT id FROM merge_conflict WHERE resource = ? AND entity_id = ? AND field = ? AND status = 'open'
            """, arguments: [resource, id, field]) {
            try db.execute(sql: """
                UPDATE merge_conflict SET base = ?, local = ?, incoming = ?, local_by = ?, local_at = ?, incoming_by = ?,
                    incoming_at = ?, bundle_id = ?, publisher = ? WHERE id = ?
                """, arguments: StatementArguments(values + [open]))
        } else {
            try db.execute(sql: """
                INSERT INTO merge_conflict(base, local, incoming, local_by, local_at, incoming_by, incoming_at, bundle_id, publisher,
                    resource, entity_id, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values + [resource, id, field]))
        }
        if let row = try Row.fetchOne(db, sql: """
            SELECT * FROM merge_conflict WHERE resource = ? AND entity_id = ? AND field = ? AND status = 'open'
            """, arguments: [resource, id, field]) {
            conflicts.append(try MergeConflict(row: row))
        }
    }

    /// Who last changed each field at the publisher's and when, from the package's `metadata` and `waymark_changes`.
    private static func history(of contents: PackageContents) -> [String: (by: String, at: String)] {
        let metadata = contents.table("metadata"), changes = contents.table("waymark_change")
        guard let id = metadata.index(of: "id"), let resource = metadata.index(of: "resource_type"),
              let entity = metadata.index(of: "resource_id"), let field = metadata.index(of: "field_name"),
              let by = metadata.index(of: "updated_by"), let date = metadata.index(of: "last_action_date") else { return [:] }
        var when: [String: String] = [:]
        if let m = changes.index(of: "metadata_id"), let at = changes.index(of: "changed_at") {
            for row in changes.rows { if let key = row[m], let value = row[at] { when[key] = value } }
        }
        var latest: [String: (by: String, at: String)] = [:]
        for row in metadata.rows {
            guard let r = row[resource], let e = row[entity], let f = row[field] else { continue }
            let at = row[id].flatMap { when[$0] } ?? row[date] ?? ""
            let entry = (by: row[by] ?? "", at: at)
            for key in ["\(r)|\(e)|\(f)", "\(r)|\(e)|"] where (latest[key]?.at ?? "") <= at {
                latest[key] = entry
            }
        }
        return latest
    }

    // MARK: - Areas, travel and history

    /// Takes the bundle's areas (by P-code) and travel links (by their two ends) as they come.
    private mutating func takeAreas() throws {
        let areas = contents.table("area")
        if let resource = HSDSSchema.resource(named: "area"), !areas.rows.isEmpty {
            let columns = resource.fields.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: resource.fields.count).joined(separator: ", ")
            let current = try Row.fetchAll(db, sql: "SELECT * FROM area")
            var known: [String: [String]] = [:]
            for row in current {
                if let pcode: String = row["pcode"] {
                    known[pcode] = resource.fields.map { DirectoryStore.text(row[$0.name] ?? .null, type: $0.type) }
                }
            }
            for row in areas.rows {
                let values = resource.fields.enumerated().map { DirectoryStore.databaseValue(row[$0.offset], type: $0.element.type) }
                let texts = zip(values, resource.fields).map { DirectoryStore.text($0.0, type: $0.1.type) }
                guard let pcode = row[0], known[pcode] != texts else { continue }
                try db.execute(sql: "INSERT OR REPLACE INTO area (\(columns)) VALUES (\(placeholders))", arguments: StatementArguments(values))
                areasChanged = true
            }
        }
        let links = contents.table("travel_link")
        if let resource = HSDSSchema.resource(named: "travel_link"), let from = links.index(of: "from_pcode"),
           let to = links.index(of: "to_pcode"), !links.rows.isEmpty {
            let columns = resource.fields.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: resource.fields.count).joined(separator: ", ")
            for row in links.rows {
                let values = resource.fields.enumerated().map { DirectoryStore.databaseValue(row[$0.offset], type: $0.element.type) }
                let same = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS(SELECT 1 FROM travel_link WHERE from_pcode = ? AND to_pcode = ? AND minutes IS ? AND border_crossing IS ?)
                    """, arguments: StatementArguments(values)) ?? false
                if same { continue }
                try db.execute(sql: "DELETE FROM travel_link WHERE (from_pcode = ?1 AND to_pcode = ?2) OR (from_pcode = ?2 AND to_pcode = ?1)",
                               arguments: [row[from], row[to]])
                try db.execute(sql: "INSERT INTO travel_link (\(columns)) VALUES (\(placeholders))", arguments: StatementArguments(values))
                areasChanged = true
            }
        }
    }

    /// Keeps the package's history rows this home lacks, without a sequence of this home (they are not local changes).
    private func takeHistory() throws {
        for name in ["metadata", "waymark_change"] {
            let table = contents.table(name)
            guard let resource = HSDSSchema.resource(named: name), !table.rows.isEmpty else { continue }
            let columns = resource.fields.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: resource.fields.count).joined(separator: ", ")
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(name) (\(columns)) VALUES (\(placeholders))")
            for row in table.rows {
                let values = resource.fields.enumerated().map { entry -> DatabaseValue in
                    name == "waymark_change" && entry.element.name == "sequence"
                        ? .null : DirectoryStore.databaseValue(row[entry.offset], type: entry.element.type)
                }
                try insert.execute(arguments: StatementArguments(values))
            }
        }
    }
}
