import Foundation
import GRDB

/// Writes rows of the directory and, for each field it sets, a HSDS `metadata` row and its
/// `waymark_change` companion (full time, per-home sequence, origin), in the caller's transaction.
///
/// Every change of one operation shares one sequence number, allocated on the first row.
struct ChangeRecorder {
    /// What `metadata` says for a value that is not there: a create's previous value, a cleared field's replacement.
    static let none = "(none)"
    /// What `metadata` says, in place of the value, of where a confidential location is.
    static let withheld = "(withheld)"

    let db: Database
    let author: String
    let now: Date
    /// The origin: empty for a local change, `name@version` of the package for an import.
    let bundle: String
    /// The sequence number of this operation, once a row has been written.
    private(set) var sequence: Int64?
    /// How many `metadata` rows were written.
    private(set) var count = 0

    init(db: Database, author: String, now: Date, bundle: String = "") {
        self.db = db
        self.author = author
        self.now = now
        self.bundle = bundle
    }

    /// The next per-home sequence number, kept in `directory_meta` so an import does not reuse one.
    static func nextSequence(_ db: Database) throws -> Int64 {
        let kept = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = 'change_sequence'") ?? 0
        let stored = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM waymark_change") ?? 0
        let next = max(kept, stored) + 1
        try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES ('change_sequence', ?)", arguments: [String(next)])
        return next
    }

    /// The text `metadata` records for a stored value; `(none)` for nothing.
    static func text(_ value: DatabaseValue, type: FieldType) -> String {
        let text = DirectoryStore.text(value, type: type)
        return text.isEmpty ? none : text
    }

    /// The stored value for text `metadata` recorded.
    static func value(_ text: String, type: FieldType) -> DatabaseValue {
        text == none ? .null : DirectoryStore.databaseValue(text, type: type)
    }

    /// Records one field's change.
    mutating func record(_ resource: String, id: String, field: String, action: ChangeAction, previous: String, replacement: String) throws {
        if sequence == nil { sequence = try Self.nextSequence(db) }
        let metadataID = UUID().uuidString.lowercased()
        try db.execute(sql: """
            INSERT INTO metadata(id, resource_id, resource_type, last_action_date, last_action_type, field_name,
                previous_value, replacement_value, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [metadataID, id, resource, VerificationDates.dayText(now), action.rawValue, field, previous, replacement, author])
        try db.execute(sql: "INSERT INTO waymark_change(metadata_id, changed_at, sequence, bundle_id) VALUES (?, ?, ?, ?)",
                       arguments: [metadataID, Self.timestamp(now), sequence, bundle.isEmpty ? nil : bundle])
        count += 1
    }

    /// An instant as `changed_at` writes it: UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Inserts a row and records each field it sets.
    mutating func insert(_ table: String, _ values: [String: DatabaseValue], action: ChangeAction = .create) throws {
        guard let resource = HSDSSchema.resource(named: table), let id = values["id"].flatMap({ String.fromDatabaseValue($0) }) else { return }
        let fields = resource.fields.filter { values[$0.name].map { !$0.isNull } ?? false }
        let columns = fields.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: fields.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(columns)) VALUES (\(placeholders))",
                       arguments: StatementArguments(fields.map { values[$0.name] ?? .null }))
        for field in fields where field.name != "id" {
            try record(table, id: id, field: field.name, action: action, previous: Self.none,
                       replacement: Self.text(values[field.name] ?? .null, type: field.type))
        }
    }

    /// Deletes a row and records each field it had.
    mutating func delete(_ table: String, id: String, action: ChangeAction = .delete) throws {
        guard let resource = HSDSSchema.resource(named: table),
              let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) WHERE id = ?", arguments: [id]) else { return }
        try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE id = ?", arguments: [id])
        for field in resource.fields where field.name != "id" {
            let value: DatabaseValue = row[field.name] ?? .null
            guard !value.isNull else { continue }
            try record(table, id: id, field: field.name, action: action, previous: Self.text(value, type: field.type), replacement: Self.none)
        }
    }

    /// Sets one field of a row, recording it when the value changes.
    mutating func update(_ table: String, id: String, field name: String, to value: DatabaseValue, action: ChangeAction = .update) throws {
        guard let field = HSDSSchema.resource(named: table)?.field(name) else { return }
        let column = name.quotedDatabaseIdentifier
        let old = try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM \(table.quotedDatabaseIdentifier) WHERE id = ?", arguments: [id]) ?? .null
        let before = Self.text(old, type: field.type), after = Self.text(value, type: field.type)
        guard before != after || action == .verify && name == "assured_date" else { return }
        try db.execute(sql: "UPDATE \(table.quotedDatabaseIdentifier) SET \(column) = ? WHERE id = ?", arguments: [value, id])
        try record(table, id: id, field: name, action: action, previous: before, replacement: after)
    }
}
