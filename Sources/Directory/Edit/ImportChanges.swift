import Foundation
import GRDB

/// The directory's rows as they were before an import, so that every field the import changed,
/// created or deleted is recorded in the history (`import`, naming the importing operator and the
/// package): the service and its types, sex, phones, hours, languages, places, areas and
/// locations, and organizations.
///
/// Rows are compared by id, table by table; a first import into an empty directory records
/// nothing. Where a confidential location is (its address, coordinates, directions, its own
/// phones and accessibility notes) is never written into the history, which an export without
/// `--include-confidential` carries.
struct ImportChanges {
    /// Whether a copy was taken.
    let saved: Bool

    /// The tables compared: the HSDS resources an import replaces and the history shows.
    static let tables = ["organization", "service", "location", "address", "service_at_location", "service_capacity", "phone", "schedule",
                         "language", "service_area", "accessibility", "attribute"]

    /// The location fields that say where a confidential location is.
    static let placeFields: Set<String> = ["latitude", "longitude", "transportation", "external_identifier", "url"]

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
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_before_confidential;
            CREATE TEMP TABLE import_before_confidential AS SELECT location_id FROM location_flag WHERE code = 'confidential-address';
            """)
        return ImportChanges(saved: true)
    }

    /// Records each field the import changed, each row it created or deleted, then drops the copies.
    func record(_ db: Database, author: String, now: Date, bundle: String) throws {
        guard saved else { return }
        var recorder = ChangeRecorder(db: db, author: author, now: now, bundle: bundle)
        // Confidential before, after or ever: where it is stays out of the history.
        let confidential = Set(try String.fetchAll(db, sql: """
            SELECT location_id FROM temp.import_before_confidential
            UNION SELECT location_id FROM confidential_location_ever
            """))
        for table in Self.tables {
            guard let resource = HSDSSchema.resource(named: table) else { continue }
            try Self.compare(resource, confidential: confidential, recorder: &recorder)
            try db.execute(sql: "DROP TABLE IF EXISTS temp.\(Self.copy(table))")
        }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.import_before_confidential")
    }

    /// Records the differences in one table: changed fields, then created rows, then deleted ones.
    static func compare(_ resource: HSDSResource, confidential: Set<String>, recorder: inout ChangeRecorder) throws {
        let db = recorder.db
        let table = resource.name.quotedDatabaseIdentifier
        let before = "temp.\(copy(resource.name))"
        let fields = resource.fields
        let width = fields.count
        let columns = fields.map { $0.name.quotedDatabaseIdentifier }
        let selectOld = columns.map { "o.\($0)" }.joined(separator: ", ")
        let selectNew = columns.map { "n.\($0)" }.joined(separator: ", ")
        let differs = columns.filter { $0 != "\"id\"" }.map { "o.\($0) IS NOT n.\($0)" }.joined(separator: " OR ")
        let hasLocation = fields.contains { $0.name == "location_id" }
        guard let idIndex = fields.firstIndex(where: { $0.name == "id" }) else { return }

        /// Whether a field of this row says where a confidential location is.
        func hidden(_ row: Row, offset: Int, field: String) -> Bool {
            switch resource.name {
            case "location":
                guard let index = fields.firstIndex(where: { $0.name == "id" }) else { return false }
                let id: String? = row[offset + index]
                return id.map(confidential.contains) == true && placeFields.contains(field)
            case "address", "accessibility", "phone":
                guard hasLocation, let index = fields.firstIndex(where: { $0.name == "location_id" }) else { return false }
                let location: String? = row[offset + index]
                return location.map(confidential.contains) == true && field != "location_id" && field != "service_id"
            default:
                return false
            }
        }

        let changed = try Row.fetchAll(db, sql: """
            SELECT \(selectOld), \(selectNew) FROM \(before) o JOIN main.\(table) n ON n.id = o.id WHERE \(differs) ORDER BY n.rowid
            """)
        for row in changed {
            guard let id: String = row[width + idIndex] else { continue }
            for (index, field) in fields.enumerated() where field.name != "id" {
                let old = ChangeRecorder.text(row[index] as DatabaseValue, type: field.type)
                let new = ChangeRecorder.text(row[width + index] as DatabaseValue, type: field.type)
                guard old != new else { continue }
                if hidden(row, offset: 0, field: field.name) || hidden(row, offset: width, field: field.name) {
                    try recorder.record(resource.name, id: id, field: field.name, action: .import, previous: ChangeRecorder.withheld,
                                        replacement: ChangeRecorder.withheld)
                } else {
                    try recorder.record(resource.name, id: id, field: field.name, action: .import, previous: old, replacement: new)
                }
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
                    let shown = hidden(row, offset: 0, field: field.name) ? ChangeRecorder.withheld : value
                    try recorder.record(resource.name, id: id, field: field.name, action: .import,
                                        previous: isCreate ? ChangeRecorder.none : shown, replacement: isCreate ? shown : ChangeRecorder.none)
                }
            }
        }
    }
}
