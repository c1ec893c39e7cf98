import Foundation

/// Reads an HSDS tabular data package folder into memory, checking each file as it goes.
///
/// The reader checks what belongs to one file: encoding, CSV syntax, the header (missing
/// required columns, unknown columns), the number of fields per row, value types, allowed
/// values, coordinates and duplicate keys. References between files are checked by
/// `PackageChecker`.
public struct PackageReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads the package at `folder`, adding what is wrong to `problems`.
    public func read(_ folder: URL, problems: inout ProblemList) -> PackageContents {
        var metadata = PackageMetadata()
        var paths: [String: String] = [:]
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            problems.error(folder.lastPathComponent, "not a folder: a package is a folder holding datapackage.json and one CSV file per table")
            return PackageContents(metadata: metadata, tables: [:])
        }
        let descriptor = folder.appendingPathComponent("datapackage.json")
        if fm.fileExists(atPath: descriptor.path) {
            readDescriptor(descriptor, metadata: &metadata, paths: &paths, problems: &problems)
        } else {
            problems.warning("datapackage.json", "missing; reading the CSV files by their standard names")
        }

        // Files are independent: read them on every core, then report in resource order.
        let resources = HSDSSchema.all
        let results = ReadResults(count: resources.count)
        let filePaths = resources.map { paths[$0.name] ?? $0.path }
        let declared = Set(paths.keys)
        DispatchQueue.concurrentPerform(iterations: resources.count) { index in
            let resource = resources[index]
            let url = folder.appendingPathComponent(filePaths[index])
            var fileProblems = ProblemList()
            let exists = FileManager.default.fileExists(atPath: url.path)
            if !exists && declared.contains(resource.name) {
                fileProblems.error(filePaths[index], "declared in datapackage.json but missing from the folder")
            }
            let table = exists
                ? readTable(resource, url: url, file: filePaths[index], problems: &fileProblems)
                : PackageTable(resource: resource, present: false, rows: [])
            results.store(index, table, fileProblems.all)
        }
        var tables: [String: PackageTable] = [:]
        for (index, resource) in resources.enumerated() {
            guard let (table, found) = results.result(index) else { continue }
            tables[resource.name] = table
            problems.append(contentsOf: found)
        }
        let known = Set(HSDSSchema.all.map { paths[$0.name] ?? $0.path })
        if let entries = try? fm.contentsOfDirectory(atPath: folder.path) {
            for entry in entries.sorted() where entry.hasSuffix(".csv") && !known.contains(entry) {
                problems.warning(entry, "not a table Waymark knows; ignored")
            }
        }
        return PackageContents(metadata: metadata, tables: tables)
    }

    private func readDescriptor(_ url: URL, metadata: inout PackageMetadata, paths: inout [String: String],
                                problems: inout ProblemList) {
        guard let data = try? Data(contentsOf: url) else {
            problems.error("datapackage.json", "cannot be read")
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            problems.warning("datapackage.json", "is not a JSON object; reading the CSV files by their standard names")
            return
        }
        metadata.name = object["name"] as? String
        metadata.title = object["title"] as? String
        metadata.version = (object["version"] as? String) ?? (object["version"] as? NSNumber)?.stringValue
        if let waymark = object["waymark"] as? [String: Any] {
            if let date = waymark["reference_date"] as? String {
                if FieldValue.date(date) != nil {
                    metadata.referenceDate = date
                } else {
                    problems.error("datapackage.json", field: "waymark.reference_date", "'\(date)' is not a date (YYYY-MM-DD)")
                }
            }
            metadata.fictional = (waymark["fictional"] as? Bool) ?? false
        }
        for resource in object["resources"] as? [[String: Any]] ?? [] {
            if let name = resource["name"] as? String, let path = resource["path"] as? String,
               HSDSSchema.resource(named: name) != nil,
               !path.contains("/"), !path.contains("\\"), path.hasSuffix(".csv") {
                paths[name] = path
            }
        }
    }

    /// Reads one CSV file as the rows of `resource`.
    func readTable(_ resource: HSDSResource, url: URL, file: String, problems: inout ProblemList) -> PackageTable {
        var table = PackageTable(resource: resource, present: true, rows: [])
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            problems.error(file, "cannot be read: \(error.localizedDescription)")
            return table
        }
        let csv: CSVFile
        do {
            csv = try CSVFile(data: data)
        } catch {
            problems.error(file, line: error.line, error.problem)
            return table
        }

        // Header: map each official field to its column.
        var columnOf = [Int?](repeating: nil, count: resource.fields.count)
        var seen: Set<String> = []
        for (column, rawName) in csv.header.enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            if !seen.insert(name).inserted {
                problems.error(file, line: 1, field: name, "the column appears twice in the header")
                continue
            }
            if let index = resource.fields.firstIndex(where: { $0.name == name }) {
                columnOf[index] = column
            } else {
                problems.warning(file, line: 1, field: name.isEmpty ? "(blank)" : name, "unknown column; its values are dropped")
            }
        }
        for (index, field) in resource.fields.enumerated() where columnOf[index] == nil && field.required {
            problems.error(file, line: 1, field: field.name, "required column is missing from the header")
        }
        if problems.all.contains(where: { $0.severity == .error && $0.file == file }) { return table }

        let width = csv.header.count
        var keys: [String: Int] = [:]
        let keyIndex = resource.key.flatMap { key in resource.fields.firstIndex { $0.name == key } }
        table.rows.reserveCapacity(csv.records.count)
        var zoneWarned = false
        for record in csv.records {
            if record.fields.count != width {
                problems.error(file, line: record.line, "malformed row: \(record.fields.count) fields where the header has \(width)")
                continue
            }
            var values = [String?](repeating: nil, count: resource.fields.count)
            for (index, field) in resource.fields.enumerated() {
                guard let column = columnOf[index] else { continue }
                let raw = record.fields[column]
                if raw.isEmpty {
                    // HSDS requires it, and the views read it as always there.
                    if field.required && !resource.references.contains(where: { $0.field == field.name }) {
                        problems.error(file, line: record.line, field: field.name, "required value is empty")
                    }
                    continue
                }
                values[index] = check(raw, field: field, resource: resource, file: file, line: record.line,
                                      zoneWarned: &zoneWarned, problems: &problems)
            }
            if let keyIndex, let key = values[keyIndex] {
                if let first = keys[key] {
                    problems.error(file, line: record.line, field: resource.key, "duplicate id '\(key)' (first on line \(first))")
                    continue
                }
                keys[key] = record.line
            }
            table.rows.append(PackageRow(line: record.line, values: values))
        }
        return table
    }

    /// Checks one non-empty value against its field's type; returns the value to keep.
    private func check(_ raw: String, field: HSDSField, resource: HSDSResource, file: String, line: Int,
                       zoneWarned: inout Bool, problems: inout ProblemList) -> String? {
        switch field.type {
        case .string:
            if let allowed = resource.enums[field.name], !allowed.contains(raw) {
                problems.error(file, line: line, field: field.name,
                               "'\(Sanitized.short(raw))' is not one of: \(allowed.joined(separator: ", "))")
                return nil
            }
            return raw
        case .number, .integer:
            let number = field.type == .integer ? FieldValue.integer(raw).map(Double.init) : FieldValue.number(raw)
            guard let number else {
                problems.error(file, line: line, field: field.name,
                               "'\(Sanitized.short(raw))' is not \(field.type == .integer ? "a whole number" : "a number")")
                return nil
            }
            if (field.name == "minimum_age" || field.name == "maximum_age") && !(0...130).contains(number) {
                problems.warning(file, line: line, field: field.name, "\(Sanitized.short(raw)) is not a plausible age; the value is dropped")
                return nil
            }
            if field.name == "latitude" && !(-90...90).contains(number) || field.name == "longitude" && !(-180...180).contains(number) {
                problems.warning(file, line: line, field: field.name, "\(raw) is out of range; the coordinate is dropped")
                return nil
            }
            return FieldValue.numberText(number)
        case .boolean:
            guard let value = FieldValue.boolean(raw) else {
                problems.error(file, line: line, field: field.name, "'\(Sanitized.short(raw))' is not true or false")
                return nil
            }
            return value ? "true" : "false"
        case .date:
            guard FieldValue.date(raw) != nil else {
                problems.error(file, line: line, field: field.name, "'\(Sanitized.short(raw))' is not a date (YYYY-MM-DD)")
                return nil
            }
            return raw
        case .time:
            guard let time = FieldValue.time(raw) else {
                problems.error(file, line: line, field: field.name, "'\(Sanitized.short(raw))' is not a time (HH:MM or HH:MM:SS)")
                return nil
            }
            if time.hadZone && !zoneWarned {
                zoneWarned = true
                problems.warning(file, line: line, field: field.name,
                                 "time zone suffixes are dropped: hours are read as local time in the service's area")
            }
            return FieldValue.timeText(time.seconds)
        case .datetime:
            guard FieldValue.isDateTime(raw) else {
                problems.error(file, line: line, field: field.name, "'\(Sanitized.short(raw))' is not a date and time (YYYY-MM-DDTHH:MM:SS)")
                return nil
            }
            return raw
        }
    }
}

/// Results of reading files concurrently, one slot per resource.
private final class ReadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(PackageTable, [PackageProblem])?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ table: PackageTable, _ problems: [PackageProblem]) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = (table, problems)
    }

    func result(_ index: Int) -> (PackageTable, [PackageProblem])? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
