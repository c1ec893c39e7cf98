import Foundation
import GRDB

/// The services as they were before an import, so that the fields the import changed are recorded
/// in the history (`import`, naming the importing operator and the package).
///
/// Only services present both before and after are compared, field by field; a first import into
/// an empty directory records nothing.
struct ImportChanges {
    /// Whether a copy was taken.
    let saved: Bool

    /// Copies the service table aside, in the import's transaction.
    static func save(_ db: Database, enabled: Bool) throws -> ImportChanges {
        guard enabled, try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM service)") == true else { return ImportChanges(saved: false) }
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_before;
            CREATE TEMP TABLE import_before AS SELECT * FROM service;
            CREATE UNIQUE INDEX temp.import_before_id ON import_before(id);
            """)
        return ImportChanges(saved: true)
    }

    /// Records each field the import changed, then drops the copy.
    func record(_ db: Database, author: String, now: Date, bundle: String) throws {
        guard saved, let resource = HSDSSchema.resource(named: "service") else { return }
        var recorder = ChangeRecorder(db: db, author: author, now: now, bundle: bundle)
        let fields = resource.fields.filter { $0.name != "id" }
        let differs = fields.map { "o.\($0.name.quotedDatabaseIdentifier) IS NOT n.\($0.name.quotedDatabaseIdentifier)" }.joined(separator: " OR ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.*, n.* FROM temp.import_before o JOIN service n ON n.id = o.id WHERE \(differs) ORDER BY n.rowid
            """)
        let width = resource.fields.count
        for row in rows {
            let id: String = row[width]
            for (index, field) in resource.fields.enumerated() where field.name != "id" {
                let old = ChangeRecorder.text(row[index] as DatabaseValue, type: field.type)
                let new = ChangeRecorder.text(row[width + index] as DatabaseValue, type: field.type)
                if old != new {
                    try recorder.record("service", id: id, field: field.name, action: .import, previous: old, replacement: new)
                }
            }
        }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.import_before")
    }
}
