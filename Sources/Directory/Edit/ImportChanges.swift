import Foundation
import GRDB

/// The directory's rows as they were before an import, so that every field the import changed,
/// created or deleted is recorded in the history (`import`, naming the importing operator and the
/// package): the service and its types, sex, phones, hours, languages, places, areas and
/// locations, and organizations.
///
/// Rows are compared by id, table by table; a first import into an empty directory records
/// nothing. Like every change, where a confidential location is stays out of every view and
/// general export of the history (`HistoryEntry.saysWhereConfidentialIs`).
struct ImportChanges {
    /// Whether a copy was taken.
    let saved: Bool

    /// The tables compared: the HSDS resources an import replaces and the history shows.
    static let tables = ["organization", "service", "location", "address", "service_at_location", "service_capacity", "phone", "schedule",
                         "language", "service_area", "accessibility", "attribute"]

    /// The copy of one table.
    static func copy(_ table: String) -> String { "import_before_\(table)" }

    /// Copies the tables aside, in the import's transaction.
    static func save(_ db: Database, enabled: Bool) throws -> ImportChanges {
        guard enabled, try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM service)") == true else { return ImportChanges(saved: false) }
        for table in tables where HSDSSchema.resource(named: table) != nil {
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.\(copy(table));
                CREATE TEMP TABLE \(copy(table)) AS SELECT * FROM main.\(table.quotedDatabaseIdentifier);
                CREATE UNIQUE INDEX temp.\(copy(table))_id ON \(copy(table))(id);
                """)
        }
        return ImportChanges(saved: true)
    }

    /// Records each field the import changed, each row it created or deleted, then drops the copies.
    func record(_ db: Database, author: String, now: Date, bundle: String) throws {
        guard saved else { return }
        var recorder = ChangeRecorder(db: db, author: author, now: now, bundle: bundle)
        for table in Self.tables {
            guard let resource = HSDSSchema.resource(named: table) else { continue }
            try Self.compare(resource, recorder: &recorder)
            try db.execute(sql: "DROP TABLE IF EXISTS temp.\(Self.copy(table))")
        }
    }

    /// Records the differences in one table: changed fields, then created rows, then deleted ones.
    static func compare(_ resource: HSDSResource, recorder: inout ChangeRecorder) throws {
        let db = recorder.db
        let table = resource.name.quotedDatabaseIdentifier
        let before = "temp.\(copy(resource.name))"
        let fields = resource.fields
        let width = fields.count
        let columns = fields.map { $0.name.quotedDatabaseIdentifier }
        let selectOld = columns.map { "o.\($0)" }.joined(separator: ", ")
        let selectNew = columns.map { "n.\($0)" }.joined(separator: ", ")
        let differs = columns.filter { $0 != "\"id\"" }.map { "o.\($0) IS NOT n.\($0)" }.joined(separator: " OR ")
        guard let idIndex = fields.firstIndex(where: { $0.name == "id" }) else { return }

        let changed = try Row.fetchAll(db, sql: """
            SELECT \(selectOld), \(selectNew) FROM \(before) o JOIN main.\(table) n ON n.id = o.id WHERE \(differs) ORDER BY n.rowid
            """)
        for row in changed {
            guard let id: String = row[width + idIndex] else { continue }
            for (index, field) in fields.enumerated() where field.name != "id" {
                let old = ChangeRecorder.text(row[index] as DatabaseValue, type: field.type)
                let new = ChangeRecorder.text(row[width + index] as DatabaseValue, type: field.type)
                guard old != new else { continue }
                try recorder.record(resource.name, id: id, field: field.name, action: .import, previous: old, replacement: new)
            }
        }
        let created = try Row.fetchAll(db, sql: """
            SELECT \(selectNew) FROM main.\(table) n WHERE NOT EXISTS (SELECT 1 FROM \(before) o WHERE o.id = n.id) ORDER BY n.rowid
            """)
        let deleted = try Row.fetchAll(db, sql: """
            SELECT \(selectOld) FROM \(before) o WHERE NOT EXISTS (SELECT 1 FROM main.\(table) n WHERE n.id = o.id) ORDER BY o.rowid
            """)
        for (rows, isCreate) in [(created, true), (deleted, false)] {
            for row in rows {
                guard let id: String = row[idIndex] else { continue }
                for (index, field) in fields.enumerated() where field.name != "id" {
                    let value = ChangeRecorder.text(row[index] as DatabaseValue, type: field.type)
                    // A create's previous value and a delete's replacement are `(none)`; an empty field is not a change.
                    guard value != ChangeRecorder.none else { continue }
                    try recorder.record(resource.name, id: id, field: field.name, action: .import,
                                        previous: isCreate ? ChangeRecorder.none : value, replacement: isCreate ? value : ChangeRecorder.none)
                }
            }
        }
    }
}
