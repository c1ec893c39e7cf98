import Foundation
import GRDB
import Logging

/// How an import treats what is already in the directory.
public enum ImportMode: String, Sendable, Codable {
    /// The package becomes the whole directory; services it no longer has become tombstones.
    case replace
    /// Each incoming entity replaces the stored one with the same id, with its dependent rows.
    case merge
}

/// What an import is asked to do.
public struct ImportOptions: Sendable {
    /// Replace or merge.
    public var mode: ImportMode
    /// Check and report without writing.
    public var dryRun: Bool
    /// Move verification dates forward by the days between the package's reference date and
    /// today (used when seeding the bundled sample, so a new user's directory is not all stale).
    public var shiftVerificationDates: Bool
    /// The largest file of the package read, in bytes; a larger one refuses the package.
    public var maxFileSize: Int64
    /// How many problems of one kind are reported per file; a line counts the rest.
    public var problemLimit: Int
    /// Let a replacing import discard the changes made in this home since the last import.
    public var discardLocalChanges = false
    /// Who imports, named on the history rows of the changes the import makes; nil records none.
    public var author: ChangeAuthor?
    /// The origin the history names instead of `name@version` (a bundle's id, for a bundle's first import).
    var origin: String?
    /// Called inside the import's transaction after everything is written (a bundle's bookkeeping).
    var finish: (@Sendable (Database) throws -> Void)?
    /// Where the package came from, as the report and the import log name it, when not the folder read (a bundle is
    /// read from the copy it was checked into).
    var source: String?

    /// Options for a plain import.
    public init(mode: ImportMode = .replace, dryRun: Bool = false, shiftVerificationDates: Bool = false,
                maxFileSize: Int64 = PackageReader.defaultMaxFileSize, problemLimit: Int = ProblemList.defaultLimit) {
        self.mode = mode
        self.dryRun = dryRun
        self.shiftVerificationDates = shiftVerificationDates
        self.maxFileSize = maxFileSize
        self.problemLimit = problemLimit
    }
}

/// What an import did, or why it refused.
public struct ImportReport: Sendable, Codable {
    /// Whether the package was written (false for a refusal or a dry run).
    public var imported: Bool
    /// Whether this was a dry run.
    public var dryRun: Bool
    /// Replace or merge.
    public var mode: ImportMode
    /// The folder imported from.
    public var source: String
    /// The package's metadata.
    public var package: PackageMetadata
    /// Rows read per table (only tables with rows).
    public var counts: [String: Int]
    /// Errors (any error refuses the package) and warnings.
    public var problems: [PackageProblem]
    /// What the package lacks, in sentences.
    public var notes: [String]
    /// How many services became tombstones.
    public var tombstoned: Int
    /// How many days verification dates were moved forward.
    public var shiftDays: Int

    /// The errors.
    public var errors: [PackageProblem] { problems.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [PackageProblem] { problems.filter { $0.severity == .warning } }
    /// How many errors were found, those not listed included.
    public var errorCount: Int { errors.reduce(0) { $0 + $1.weight } }
    /// How many warnings were found, those not listed included.
    public var warningCount: Int { warnings.reduce(0) { $0 + $1.weight } }
}

extension DirectoryStore {
    /// Imports the package in `folder` as one transaction.
    ///
    /// The package is read and checked in full first; any error refuses it and nothing is
    /// written. Otherwise rows are written, derived search tables rebuilt, tombstones and
    /// the import log recorded — all in one transaction, so an interrupted import leaves the
    /// directory exactly as it was.
    public func importPackage(at folder: URL, options: ImportOptions = ImportOptions(),
                              clock: any TimeSource = SystemTime()) throws -> ImportReport {
        var timer = PhaseTimer(label: "import")
        var problems = ProblemList(limit: options.problemLimit)
        var contents = PackageReader(maxFileSize: options.maxFileSize).read(folder, problems: &problems)
        timer.lap("read and check files")
        guard contents.isFolder else {
            return ImportReport(imported: false, dryRun: options.dryRun, mode: options.mode, source: options.source ?? folder.path, package: contents.metadata,
                                counts: [:], problems: problems.all, notes: [], tombstoned: 0, shiftDays: 0)
        }
        let existing = options.mode == .merge ? try existingKeys() : [:]
        let notes = PackageChecker(purpose: .importing, existingKeys: existing).check(&contents, problems: &problems)
        if options.mode == .replace {
            // A replace import of a folder without these would empty the directory.
            for name in ["organization", "service"] where !contents.table(name).present {
                problems.error(contents.table(name).resource.path,
                               "missing: a package that replaces the directory needs it (use --merge to add to the directory)")
            }
        }
        // A withheld location must come with its row: a package cannot delete what it hid.
        let locationIds = contents.metadata.withheldLocations.isEmpty ? [] : contents.table("location").keySet()
        for id in contents.metadata.withheldLocations where !locationIds.contains(id) {
            problems.error("datapackage.json", field: ExportDescriptor.withheldProperty,
                           "location '\(Sanitized.short(id))' is withheld but not in locations.csv: a package may not delete a confidential location it withheld")
        }
        if options.mode == .replace && !options.discardLocalChanges {
            let local = try localChangesSinceImport()
            if !local.isEmpty {
                let fields = Set(local.map { "\($0.resourceType).\($0.fieldName)" }).count
                problems.error("directory", "\(Set(local.compactMap(\.sequence)).count) local change(s) to \(fields) field(s) since the last import "
                               + (options.origin == nil
                                  ? "would be lost: keep them with --merge, or drop them with --discard-local-changes"
                                  : "would be lost: a publisher's first bundle replaces the directory (later ones merge field by field). "
                                    + "Note them (`waymark changes`) to make again afterwards, then import with --discard-local-changes"))
                for entry in local.prefix(20) {
                    problems.error("directory", field: "\(entry.resourceType).\(entry.fieldName)",
                                   "local change: \(Sanitized.short(entry.summary, limit: 160))")
                }
            }
        }
        timer.lap("check references and profile")
        var report = ImportReport(
            imported: false, dryRun: options.dryRun, mode: options.mode, source: options.source ?? folder.path,
            package: contents.metadata, counts: contents.counts.filter { $0.value > 0 },
            problems: problems.all, notes: notes, tombstoned: 0, shiftDays: 0)
        if problems.hasErrors || options.dryRun { return report }

        let now = clock.now()
        if options.shiftVerificationDates, let reference = contents.metadata.referenceDate {
            report.shiftDays = VerificationDates.shift(&contents, from: reference, to: now)
        }
        // A bulk import touches far more pages than SQLite's default cache holds; without a
        // larger cache it spills and reads its own pages back from the WAL.
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(DirectoryStore.importCacheKiB)")
        }
        defer { try? writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(DirectoryStore.defaultCacheKiB)") } }
        let (tombstoned, kept) = try writer.write { db -> (Int, Int) in
            let withheld = try WithheldLocations.save(contents.metadata.withheldLocations, db: db)
            let before = try ImportChanges.save(db, enabled: options.author != nil)
            let result = try write(&contents, report: report, now: now, withheld: withheld, db: db, timer: &timer)
            if let author = options.author {
                let bundle = options.origin
                    ?? [contents.metadata.name ?? "package", contents.metadata.version].compactMap { $0 }.joined(separator: "@")
                try before.record(db, author: author.name, now: now, bundle: bundle)
            }
            // Local changes are counted from here on.
            let sequence = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = 'change_sequence'") ?? 0
            try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES ('import_sequence', ?)", arguments: [String(sequence)])
            try options.finish?(db)
            // The log entry and the change records came after the rebuild: stamp the tables for the directory as committed.
            try SearchTables.stamp(db)
            return result
        }
        if kept > 0 {
            report.notes.append("Kept this directory's own address and coordinates of \(kept) confidential location\(kept == 1 ? "" : "s") "
                + "the package withheld.")
        } else if !contents.metadata.withheldLocations.isEmpty {
            report.notes.append("\(contents.metadata.withheldLocations.count) confidential location\(contents.metadata.withheldLocations.count == 1 ? "" : "s") "
                + "came without address or coordinates (withheld by the site that exported them), and this directory had none to keep.")
        }
        timer.lap("commit")
        report.tombstoned = tombstoned
        report.imported = true
        return report
    }

    /// The page cache of an open directory, in KiB.
    static let defaultCacheKiB = 32_768

    /// The page cache an import may use, in KiB.
    static let importCacheKiB = 196_608

    /// Writes the package's rows, puts back what it withheld, rebuilds the derived tables and logs
    /// the import; returns the services tombstoned and the withheld locations that kept their facts.
    private func write(_ contents: inout PackageContents, report: ImportReport, now: Date, withheld: WithheldLocations, db: Database,
                       timer: inout PhaseTimer) throws -> (Int, Int) {
        let nowText = ISO8601DateFormatter().string(from: now)
        // Services present before, to tombstone those the package no longer has.
        var before: [String: (name: String, orgID: String?, orgName: String?)] = [:]
        if report.mode == .replace {
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.name, s.organization_id, o.name AS org FROM service s
                LEFT JOIN organization o ON o.id = s.organization_id
                """)
            for row in rows { before[row["id"]] = (row["name"], row["organization_id"], row["org"]) }
            for resource in HSDSSchema.all {
                try db.execute(sql: "DELETE FROM \(resource.name.quotedDatabaseIdentifier)")
            }
        } else {
            try deleteDependents(of: contents, db: db)
        }
        for resource in HSDSSchema.all {
            try insert(contents.table(resource.name), db: db)
        }
        let incoming = report.mode == .replace ? contents.table("service").keySet() : []
        // The rows are in the database now. The rebuild below grows SQLite's cache: the package's rows
        // go first (over 1,000,000 services, the two together came within 200 MB of the import's 4 GiB).
        for name in Array(contents.tables.keys) { contents.tables[name]?.rows = [] }
        let kept = try withheld.restore(db: db)
        timer.lap("insert rows")
        try DirectoryIndexer.rebuild(db)
        timer.lap("rebuild search tables")

        let counts = String(decoding: try JSONEncoder.sorted.encode(report.counts), as: UTF8.self)
        let log = ImportLogEntry(
            id: nil, importedAt: nowText, source: report.source, mode: report.mode.rawValue,
            packageName: contents.metadata.name, packageTitle: contents.metadata.title,
            packageVersion: contents.metadata.version,
            referenceDate: report.shiftDays != 0 ? contents.metadata.referenceDate : nil,
            shiftDays: report.shiftDays, counts: counts, warnings: report.warningCount, tombstoned: 0)
        try log.insert(db)
        let importID = db.lastInsertedRowID

        var tombstoned = 0
        if report.mode == .replace {
            for (id, old) in before where !incoming.contains(id) {
                try ServiceTombstone(serviceId: id, name: old.name, organizationId: old.orgID,
                                     organizationName: old.orgName, removedAt: nowText, importId: importID).save(db)
                tombstoned += 1
            }
            if let title = contents.metadata.title ?? contents.metadata.name {
                try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES ('title', ?)", arguments: [title])
            }
            if contents.metadata.fictional {
                try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES ('fictional', 'true')")
            } else {
                try db.execute(sql: "DELETE FROM directory_meta WHERE key = 'fictional'")
            }
        } else if try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = 'title'") == nil,
                  let title = contents.metadata.title ?? contents.metadata.name {
            try db.execute(sql: "INSERT INTO directory_meta(key, value) VALUES ('title', ?)", arguments: [title])
        }
        // A service that comes back is no longer a tombstone.
        try db.execute(sql: "DELETE FROM service_tombstone WHERE service_id IN (SELECT id FROM service)")
        try db.execute(sql: "UPDATE import_log SET tombstoned = ? WHERE id = ?", arguments: [tombstoned, importID])
        return (tombstoned, kept)
    }

    /// For a merge: removes the rows that depend on an incoming entity, table by table, only where
    /// the package brings that entity's own rows for the table — so they replace them. A table the
    /// package lacks, or in which it has no row for the entity, is left as it is: a package of one
    /// changed `services.csv` row does not take the service's types, phones, places or capacity with it.
    private func deleteDependents(of contents: PackageContents, db: Database) throws {
        let dependents: [String: [(table: String, column: String)]] = [
            "organization": [("phone", "organization_id"), ("contact", "organization_id"), ("funding", "organization_id"),
                             ("organization_identifier", "organization_id")],
            "service": [("service_at_location", "service_id"), ("phone", "service_id"), ("contact", "service_id"),
                        ("schedule", "service_id"), ("funding", "service_id"), ("service_area", "service_id"),
                        ("required_document", "service_id"), ("language", "service_id"), ("cost_option", "service_id"),
                        ("service_capacity", "service_id")],
            "location": [("address", "location_id"), ("phone", "location_id"), ("accessibility", "location_id"),
                         ("language", "location_id"), ("schedule", "location_id"), ("contact", "location_id")],
        ]
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS merge_key (entity TEXT NOT NULL, id TEXT NOT NULL)")
        let insertKey = try db.makeStatement(sql: "INSERT INTO merge_key(entity, id) VALUES (?, ?)")
        /// Replaces the rows of `table` whose `column` names one of `ids` (the entities the package brings rows for).
        func replace(in table: String, where delete: String, ids: Set<String>, entity: String) throws {
            guard !ids.isEmpty else { return }
            try db.execute(sql: "DELETE FROM merge_key")
            for id in ids { try insertKey.execute(arguments: [entity, id]) }
            try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE \(delete) IN (SELECT id FROM merge_key)")
        }
        for (entity, children) in dependents {
            let incoming = contents.table(entity).keySet()
            for child in children {
                let rows = contents.table(child.table)
                guard rows.present, let column = rows.index(of: child.column) else { continue }
                let brought = Set(rows.rows.compactMap { $0[column] }).intersection(incoming)
                try replace(in: child.table, where: child.column.quotedDatabaseIdentifier, ids: brought, entity: entity)
            }
            let attributes = contents.table("attribute")
            if attributes.present, let linkEntity = attributes.index(of: "link_entity"), let linkID = attributes.index(of: "link_id") {
                let brought = Set(attributes.rows.filter { $0[linkEntity] == entity }.compactMap { $0[linkID] }).intersection(incoming)
                try replace(in: "attribute", where: "link_entity = '\(entity)' AND link_id", ids: brought, entity: entity)
            }
        }
        // Travel links are keyed by their two ends.
        let links = contents.table("travel_link")
        if let from = links.index(of: "from_pcode"), let to = links.index(of: "to_pcode") {
            let delete = try db.makeStatement(sql: """
                DELETE FROM travel_link WHERE (from_pcode = ?1 AND to_pcode = ?2) OR (from_pcode = ?2 AND to_pcode = ?1)
                """)
            for row in links.rows { try delete.execute(arguments: [row[from], row[to]]) }
        }
        try db.execute(sql: "DELETE FROM merge_key")
    }

    /// Inserts (or, keyed, replaces) every row of a table with one prepared statement.
    private func insert(_ table: PackageTable, db: Database) throws {
        guard !table.rows.isEmpty else { return }
        let resource = table.resource
        let columns = resource.fields.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: resource.fields.count).joined(separator: ", ")
        let verb = resource.key == nil ? "INSERT" : "INSERT OR REPLACE"
        let statement = try db.makeStatement(sql: "\(verb) INTO \(resource.name.quotedDatabaseIdentifier) (\(columns)) VALUES (\(placeholders))")
        let insert = BulkInsert(statement, db: db)
        let types = resource.fields.map(\.type)
        for row in table.rows {
            for index in types.indices {
                insert.bind(DirectoryStore.databaseValue(row[index], type: types[index]), at: index)
            }
            try insert.step()
        }
    }

    /// The stored form of a checked package value.
    static func databaseValue(_ text: String?, type: FieldType) -> DatabaseValue {
        guard let text else { return .null }
        switch type {
        case .number: return FieldValue.number(text)?.databaseValue ?? .null
        case .integer: return FieldValue.integer(text)?.databaseValue ?? .null
        case .boolean: return FieldValue.boolean(text).map { ($0 ? 1 : 0).databaseValue } ?? .null
        case .string, .date, .time, .datetime: return text.databaseValue
        }
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, for stable output.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
