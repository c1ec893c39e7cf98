import Foundation
import GRDB

/// What an export wrote.
public struct ExportReport: Sendable, Codable {
    /// The folder written.
    public var destination: String
    /// Rows written per file.
    public var counts: [String: Int]
    /// How many locations had their address and coordinates withheld.
    public var confidentialLocationsWithheld: Int
}

/// Why an export could not be written.
public enum ExportError: Error, CustomStringConvertible {
    /// The destination exists and is not an empty folder.
    case destinationNotEmpty(String)
    /// A file could not be written.
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .destinationNotEmpty(let path):
            return "\(path) already exists and is not empty; choose a new folder so nothing is overwritten"
        case .cannotWrite(let path):
            return "cannot write \(path); check the folder exists and you may write to it"
        }
    }
}

extension DirectoryStore {
    /// Writes the directory as an HSDS 3.0 tabular data package in Waymark's profile.
    ///
    /// All 21 official resources are written in the official column order (a header only
    /// when empty), then the profile's extra resources and a `datapackage.json` declaring
    /// them. Text that a spreadsheet would run as a formula is written with a leading `'`,
    /// declared in `datapackage.json` (see `FormulaEscape`). Unless `includeConfidential`, a location flagged `confidential-address` is
    /// written without its address rows, coordinates or travel directions.
    public func export(to folder: URL, includeConfidential: Bool = false) throws -> ExportReport {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw ExportError.destinationNotEmpty(folder.path)
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        return try writer.read { db in try writePackage(db, to: folder, includeConfidential: includeConfidential) }
    }

    /// Writes the whole directory as a package into the (empty, existing) `folder`, reading in `db`.
    func writePackage(_ db: Database, to folder: URL, includeConfidential: Bool) throws -> ExportReport {
        let fm = FileManager.default
        let confidential = includeConfidential ? [] : Set(try String.fetchAll(db, sql: """
            SELECT location_id FROM location_flag WHERE code = 'confidential-address'
            """))
        var counts: [String: Int] = [:]
        for resource in HSDSSchema.all {
            counts[resource.path] = try writeTable(resource, db: db, to: folder.appendingPathComponent(resource.path),
                                                   confidential: confidential, withholdingHistory: !includeConfidential)
        }
        let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM directory_meta")
        var values: [String: String] = [:]
        for row in meta { values[row["key"]] = row["value"] }
        let version = try String.fetchOne(db, sql: "SELECT package_version FROM import_log ORDER BY id DESC LIMIT 1")
        let descriptor = ExportDescriptor(title: values["title"], version: version, fictional: values["fictional"] == "true",
                                          withheld: confidential.sorted())
        let url = folder.appendingPathComponent("datapackage.json")
        do {
            try descriptor.json().write(to: url)
        } catch {
            throw ExportError.cannotWrite(url.path)
        }
        // Readable by the people it is passed to (0644), unless it carries confidential addresses (0600, folder 0700).
        let flagged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM location_flag WHERE code = 'confidential-address'") ?? 0
        let carriesConfidential = includeConfidential && flagged > 0
        let fileMode = carriesConfidential ? 0o600 : 0o644
        for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? fm.setAttributes([.posixPermissions: fileMode], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        try? fm.setAttributes([.posixPermissions: carriesConfidential ? 0o700 : 0o755], ofItemAtPath: folder.path)
        return ExportReport(destination: folder.path, counts: counts, confidentialLocationsWithheld: confidential.count)
    }

    /// Writes one table's rows (only those whose key is in `keys`, when given) as CSV; returns how many.
    func writeTable(_ resource: HSDSResource, db: Database, to url: URL, confidential: Set<String>,
                    withholdingHistory: Bool, keys: Set<String>? = nil) throws -> Int {
        let csv = try CSVOutput(url: url, header: resource.fields.map(\.name))
        // The history says where a confidential location is only in an export that includes them.
        let maskHistory = resource.name == "metadata" && withholdingHistory
        let columns = resource.fields.map { field in
            maskHistory && ["previous_value", "replacement_value"].contains(field.name) ? HistoryEntry.masked(field.name)
                                                                                       : "m." + field.name.quotedDatabaseIdentifier
        }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(resource.name.quotedDatabaseIdentifier) m ORDER BY m.rowid")
        var count = 0
        let withheldFields: Set<String> = resource.name == "location" ? ["latitude", "longitude", "transportation"] : []
        let escaped = resource.fields.map { FormulaEscape.applies(to: $0, in: resource) }
        let locationColumn = resource.fields.firstIndex { $0.name == (resource.name == "location" ? "id" : "location_id") }
        let keyColumn = resource.key.flatMap { key in resource.fields.firstIndex { $0.name == key } }
        // History that arrived inside a package has no sequence of this home; a package says 0.
        let sequenceColumn = resource.name == "waymark_change" ? resource.fields.firstIndex { $0.name == "sequence" } : nil
        while let row = try rows.next() {
            if let keys, let keyColumn, !keys.contains((row[keyColumn] as String?) ?? "") { continue }
            var hidden = false
            if !confidential.isEmpty, let locationColumn, let location = row[locationColumn] as String?,
               confidential.contains(location) {
                // The address, the location's own phones and its accessibility notes all say where it is.
                if ["address", "phone", "accessibility"].contains(resource.name) { continue }
                hidden = resource.name == "location"
            }
            var fields: [String] = []
            fields.reserveCapacity(resource.fields.count)
            for (index, field) in resource.fields.enumerated() {
                if hidden && withheldFields.contains(field.name) {
                    fields.append("")
                    continue
                }
                var text = DirectoryStore.text(row[index], type: field.type)
                if index == sequenceColumn && text.isEmpty { text = "0" }
                fields.append(escaped[index] ? FormulaEscape.escape(text) : text)
            }
            try csv.write(fields)
            count += 1
        }
        do {
            try csv.close()
        } catch {
            throw ExportError.cannotWrite(url.path)
        }
        return count
    }

    /// The package text of a stored value.
    static func text(_ value: DatabaseValue, type: FieldType) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let int):
            return type == .boolean ? (int != 0 ? "true" : "false") : String(int)
        case .double(let double): return FieldValue.numberText(double)
        case .string(let string): return string
        case .blob: return ""
        }
    }
}

/// The `datapackage.json` an export writes: every resource with its fields and types.
struct ExportDescriptor {
    let title: String?
    let version: String?
    let fictional: Bool
    /// The confidential locations written without their address, coordinates, phones and
    /// accessibility notes: an import keeps its own values of them (`waymark:withheld`).
    var withheld: [String] = []
    /// Resources declared besides the stored ones (a delta's tombstones).
    var extraResources: [HSDSResource] = []

    /// The `datapackage.json` property listing the withheld locations.
    static let withheldProperty = "waymark:withheld"

    func json() throws -> Data {
        var resources: [[String: Any]] = []
        for resource in HSDSSchema.all + extraResources {
            var fields: [[String: Any]] = []
            for field in resource.fields {
                var entry: [String: Any] = ["name": field.name, "type": field.type.rawValue]
                var constraints: [String: Any] = [:]
                if field.required { constraints["required"] = true }
                if let allowed = resource.enums[field.name] { constraints["enum"] = allowed }
                if field.name == resource.key { constraints["unique"] = true }
                if !constraints.isEmpty { entry["constraints"] = constraints }
                if field.uuid { entry["format"] = "uuid" }
                if field.type == .boolean {
                    entry["trueValues"] = ["true"]
                    entry["falseValues"] = ["false"]
                }
                fields.append(entry)
            }
            var schema: [String: Any] = ["fields": fields]
            if let key = resource.key { schema["primaryKey"] = key }
            resources.append([
                "name": resource.name, "path": resource.path, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
            ])
        }
        var waymark: [String: Any] = ["profile": "waymark-hsds-1"]
        if fictional { waymark["fictional"] = true }
        var object: [String: Any] = [
            "name": "waymark-export",
            "profile": "tabular-data-package",
            "resources": resources,
            "waymark": waymark,
            FormulaEscape.property: true,
        ]
        if !withheld.isEmpty { object[Self.withheldProperty] = withheld }
        if let title { object["title"] = title }
        if let version { object["version"] = version }
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
