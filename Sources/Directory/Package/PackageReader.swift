import Foundation

/// Reads an HSDS tabular data package folder into memory, checking each file as it goes.
///
/// The reader checks what belongs to one file: encoding, CSV syntax, the header (missing
/// required columns, unknown columns), the number of fields per row, value types, allowed
/// values, coordinates and duplicate keys. References between files are checked by
/// `PackageChecker`.
///
/// Files are streamed: only the rows that pass are kept, problems are capped per file and
/// kind (`ProblemList`), a file over `maxFileSize` is refused without being read, and a
/// value over `maxFieldBytes` makes its row an error without being kept. Symbolic links,
/// FIFOs and devices inside the package are refused by name.
public struct PackageReader: Sendable {
    /// The largest file read by default: 2 GiB.
    public static let defaultMaxFileSize: Int64 = 2 << 30
    /// The longest single value kept: 16 MiB.
    public static let defaultMaxFieldBytes = 16 << 20

    /// The largest file read, in bytes.
    public let maxFileSize: Int64
    /// The longest value kept, in bytes.
    public let maxFieldBytes: Int

    /// Creates a reader.
    public init(maxFileSize: Int64 = PackageReader.defaultMaxFileSize,
                maxFieldBytes: Int = PackageReader.defaultMaxFieldBytes) {
        self.maxFileSize = maxFileSize
        self.maxFieldBytes = maxFieldBytes
    }

    /// Reads the package at `folder`, adding what is wrong to `problems`.
    public func read(_ folder: URL, problems: inout ProblemList) -> PackageContents {
        var metadata = PackageMetadata()
        var paths: [String: String] = [:]
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            problems.error(folder.path, "does not exist: give the folder that holds datapackage.json and the CSV files")
            var contents = PackageContents(metadata: metadata, tables: [:])
            contents.isFolder = false
            return contents
        }
        guard isDirectory.boolValue else {
            problems.error(folder.lastPathComponent, "not a folder: a package is a folder holding datapackage.json and one CSV file per table")
            var contents = PackageContents(metadata: metadata, tables: [:])
            contents.isFolder = false
            return contents
        }
        let descriptor = folder.appendingPathComponent("datapackage.json")
        switch PackageFile.open(descriptor, maxSize: min(maxFileSize, 64 << 20)) {
        case .success(let file):
            readDescriptor(file, metadata: &metadata, paths: &paths, problems: &problems)
        case .failure(.missing):
            problems.warning("datapackage.json", "missing; reading the CSV files by their standard names")
        case .failure(let refusal):
            problems.error("datapackage.json", refusal.message("datapackage.json"))
        }

        // Files are independent: read them on every core, then report in resource order.
        let resources = HSDSSchema.readable
        // One slot per resource, filled from every core.
        let results = LockBox<[(PackageTable, [PackageProblem])?]>(Array(repeating: nil, count: resources.count))
        let filePaths = resources.map { paths[$0.name] ?? $0.path }
        let declared = Set(paths.keys)
        let limit = problems.limit
        let unescape = metadata.formulaEscape
        DispatchQueue.concurrentPerform(iterations: resources.count) { index in
            let resource = resources[index]
            let url = folder.appendingPathComponent(filePaths[index])
            let file = filePaths[index]
            var fileProblems = ProblemList(limit: limit)
            var table = PackageTable(resource: resource, present: false, rows: [])
            guard !file.isEmpty else {
                // datapackage.json gave a path that is not read; that is reported already.
                table.present = true
                results.withLock { $0[index] = (table, []) }
                return
            }
            switch PackageFile.open(url, maxSize: maxFileSize) {
            case .success(let opened):
                table = readTable(resource, file: opened, name: file, unescape: unescape, problems: &fileProblems)
            case .failure(.missing):
                if declared.contains(resource.name) {
                    fileProblems.error(file, "declared in datapackage.json but missing from the folder")
                }
            case .failure(let refusal):
                table.present = true
                fileProblems.error(file, refusal.message(file))
            }
            let read = (table, fileProblems.all)
            results.withLock { $0[index] = read }
        }
        var tables: [String: PackageTable] = [:]
        for (resource, slot) in zip(resources, results.value) {
            guard let (table, found) = slot else { continue }
            tables[resource.name] = table
            problems.append(contentsOf: found)
        }
        let known = Set(HSDSSchema.readable.map { paths[$0.name] ?? $0.path })
        if let entries = try? fm.contentsOfDirectory(atPath: folder.path) {
            for entry in entries.sorted() where entry.hasSuffix(".csv") && !known.contains(entry) {
                problems.warning(entry, "not a table Waymark knows; ignored")
            }
        }
        return PackageContents(metadata: metadata, tables: tables)
    }

    private func readDescriptor(_ file: PackageFile, metadata: inout PackageMetadata, paths: inout [String: String],
                                problems: inout ProblemList) {
        let data: Data
        switch file.readAll() {
        case .success(let read): data = read
        case .failure(let refusal):
            problems.error("datapackage.json", refusal.message("datapackage.json"))
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
        metadata.formulaEscape = (object[FormulaEscape.property] as? Bool) ?? false
        if let withheld = object[ExportDescriptor.withheldProperty] {
            if let ids = withheld as? [String] {
                metadata.withheldLocations = ids
            } else {
                problems.error("datapackage.json", field: ExportDescriptor.withheldProperty, "must be a list of location ids")
            }
        }
        for (position, resource) in (object["resources"] as? [[String: Any]] ?? []).enumerated() {
            guard let name = resource["name"] as? String, HSDSSchema.readable.contains(where: { $0.name == name }),
                  resource["path"] != nil else { continue }
            guard let path = resource["path"] as? String else {
                problems.error("datapackage.json", field: "resources[\(position)].path",
                               "the path of '\(Sanitized.short(name))' is not a single file name; the table is not read")
                paths[name] = ""
                continue
            }
            if PackageReader.isPlainFileName(path) {
                paths[name] = path
            } else {
                problems.error("datapackage.json", field: "resources[\(position)].path",
                               "'\(Sanitized.short(path))' is not a plain file name inside the package folder; the table is not read")
                paths[name] = ""
            }
        }
    }

    /// Whether `path` names a file directly inside the package folder: no folders, no
    /// parent, not absolute, not a URL.
    static func isPlainFileName(_ path: String) -> Bool {
        !path.isEmpty && path != "." && path != ".." && !path.contains("/") && !path.contains("\\")
            && !path.contains(":") && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Reads one CSV file as the rows of `resource`, streaming it.
    func readTable(_ resource: HSDSResource, file: PackageFile, name: String, unescape: Bool,
                   problems: inout ProblemList) -> PackageTable {
        var sink = TableSink(resource: resource, file: name, maxFieldBytes: maxFieldBytes, unescape: unescape, problems: problems)
        var parser = CSVParser(maxFieldBytes: maxFieldBytes)
        var failure: CSVFile.ParseError?
        let refusal = file.read { chunk in
            do throws(CSVFile.ParseError) {
                try parser.feed(chunk, into: &sink)
            } catch {
                failure = error
                return false
            }
            return !parser.stopped
        }
        if failure == nil && refusal == nil {
            do throws(CSVFile.ParseError) { try parser.finish(into: &sink) } catch { failure = error }
        }
        sink.countMalformed()
        problems = sink.problems
        if let refusal {
            problems.error(name, refusal.message(name))
            sink.table.rows = []
        } else if let failure {
            problems.error(name, line: failure.line, failure.problem)
            sink.table.rows = []
        } else if !sink.sawHeader {
            problems.error(name, line: 1, "the file is empty; it needs at least a header row")
        }
        return sink.table
    }

    /// Receives one file's records from the parser and keeps the rows that pass.
    private struct TableSink: CSVSink {
        let resource: HSDSResource
        let file: String
        let maxFieldBytes: Int
        var problems: ProblemList
        var table: PackageTable
        private(set) var sawHeader = false
        /// The header has errors: the rest is only read for syntax and encoding.
        private var headerFailed = false

        // The header.
        private var columnOf: [Int?]
        private var slotOf: [Int] = []
        private var width = 0
        private var headerNames: Set<String> = []
        private var unknown: [String] = []
        private var unknownCount = 0
        // The current record.
        private var values: [String?]
        private var tooLongColumn: Int?
        // Across records.
        private var keys: [String: Int] = [:]
        private let keyIndex: Int?
        private var zoneWarned = false
        private var malformed = 0
        private var malformedExample: String?
        /// The columns whose leading `'` is taken off (the package declares the formula escape).
        private let unescaped: [Bool]
        /// Values seen per column, so a repeated one (a service id on every language row, the same
        /// note) is kept once; at most `internLimit` distinct values per column are remembered.
        private var interned: [[String: String]]
        static let internLimit = 4096

        init(resource: HSDSResource, file: String, maxFieldBytes: Int, unescape: Bool, problems: ProblemList) {
            unescaped = resource.fields.map { unescape && FormulaEscape.applies(to: $0, in: resource) }
            self.resource = resource
            self.file = file
            self.maxFieldBytes = maxFieldBytes
            self.problems = problems
            table = PackageTable(resource: resource, present: true, rows: [])
            columnOf = [Int?](repeating: nil, count: resource.fields.count)
            values = [String?](repeating: nil, count: resource.fields.count)
            keyIndex = resource.key.flatMap { key in resource.fields.firstIndex { $0.name == key } }
            interned = [[String: String]](repeating: [:], count: resource.fields.count)
        }

        func wants(column: Int) -> Bool {
            guard sawHeader else { return true }
            return !headerFailed && column < slotOf.count && slotOf[column] >= 0
        }

        mutating func field(column: Int, value: String?, tooLong: Bool) {
            if !sawHeader {
                header(column: column, value ?? "")
                return
            }
            if tooLong && tooLongColumn == nil { tooLongColumn = column }
            if let value, column < slotOf.count, slotOf[column] >= 0 { values[slotOf[column]] = value }
        }

        mutating func endRecord(line: Int, fields: Int, blank: Bool) -> Bool {
            if !sawHeader {
                if blank {
                    resetHeader()
                    return true
                }
                return endHeader(width: fields)
            }
            defer {
                for index in values.indices { values[index] = nil }
                tooLongColumn = nil
            }
            if blank || headerFailed { return true }
            if fields != width {
                // The commonest hostile file is millions of these: past the limit only count them.
                malformed += 1
                let message = "malformed row: \(fields) fields where the header has \(width)"
                if malformed <= problems.limit {
                    problems.error(file, line: line, message)
                } else if malformedExample == nil {
                    malformedExample = message
                }
                return true
            }
            if let column = tooLongColumn {
                let name = column < slotOf.count && slotOf[column] >= 0 ? resource.fields[slotOf[column]].name : nil
                problems.error(file, line: line, field: name,
                               "a value longer than \(PackageFile.size(Int64(maxFieldBytes))); the row is not read")
                return true
            }
            row(line: line)
            return true
        }

        /// Adds the line counting the malformed rows past the limit.
        mutating func countMalformed() {
            guard let example = malformedExample else { return }
            let omitted = malformed - problems.limit
            problems.append(contentsOf: [PackageProblem(.error, file: file, "\(omitted) more like \"\(example)\" not shown", omitted: omitted)])
        }

        private mutating func header(column: Int, _ rawName: String) {
            // A column name longer than any HSDS name is kept only in part.
            let cut = rawName.utf8.count > 200 ? String(rawName.prefix(200)) : rawName
            let name = cut.trimmingCharacters(in: .whitespaces)
            if slotOf.count <= column { slotOf.append(-1) }
            if let index = resource.fields.firstIndex(where: { $0.name == name }) {
                if !headerNames.insert(name).inserted {
                    problems.error(file, line: 1, field: name, "the column appears twice in the header")
                    return
                }
                columnOf[index] = column
                slotOf[column] = index
                return
            }
            // Unknown columns are dropped; a duplicate among them is harmless, so only the
            // first ones are remembered, and they are reported in one line.
            if headerNames.count < 10_000, !headerNames.insert(name).inserted {
                problems.error(file, line: 1, field: name.isEmpty ? "(blank)" : name, "the column appears twice in the header")
                return
            }
            unknownCount += 1
            if unknown.count < 5 { unknown.append(name.isEmpty ? "(blank)" : Sanitized.short(name)) }
        }

        private mutating func resetHeader() {
            slotOf.removeAll()
            headerNames.removeAll()
            unknown.removeAll()
            unknownCount = 0
            columnOf = [Int?](repeating: nil, count: resource.fields.count)
        }

        private mutating func endHeader(width: Int) -> Bool {
            sawHeader = true
            self.width = width
            if unknownCount == 1, let name = unknown.first {
                problems.warning(file, line: 1, field: name, "unknown column; its values are dropped")
            } else if unknownCount > 1 {
                let more = unknownCount > unknown.count ? ", …" : ""
                problems.warning(file, line: 1, "\(unknownCount) unknown columns (\(unknown.joined(separator: ", "))\(more)); their values are dropped")
            }
            for (index, field) in resource.fields.enumerated() where columnOf[index] == nil && field.required {
                problems.error(file, line: 1, field: field.name, "required column is missing from the header")
            }
            // Trailing unknown columns need no slots.
            while let last = slotOf.last, last < 0 { slotOf.removeLast() }
            headerFailed = problems.hasErrors(in: file)
            return true
        }

        private mutating func row(line: Int) {
            var kept = [String?](repeating: nil, count: resource.fields.count)
            for (index, field) in resource.fields.enumerated() {
                guard columnOf[index] != nil, var raw = values[index] else { continue }
                if unescaped[index] { raw = FormulaEscape.unescape(raw) }
                if raw.isEmpty {
                    // HSDS requires it, and the views read it as always there.
                    if field.required && !resource.references.contains(where: { $0.field == field.name }) {
                        problems.error(file, line: line, field: field.name, "required value is empty")
                    }
                    continue
                }
                kept[index] = PackageReader.check(raw, field: field, resource: resource, file: file, line: line,
                                                  zoneWarned: &zoneWarned, problems: &problems).map { index == keyIndex ? $0 : intern($0, column: index) }
            }
            if let keyIndex, let key = kept[keyIndex] {
                if let first = keys[key] {
                    problems.error(file, line: line, field: resource.key, "duplicate id '\(Sanitized.short(key))' (first on line \(first))")
                    return
                }
                keys[key] = line
            }
            table.rows.append(PackageRow(line: line, values: kept))
        }

        /// The copy of `value` already kept for this column, or `value` itself.
        private mutating func intern(_ value: String, column: Int) -> String {
            if let shared = interned[column][value] { return shared }
            if interned[column].count < Self.internLimit { interned[column][value] = value }
            return value
        }
    }

    /// Checks one non-empty value against its field's type; returns the value to keep.
    static func check(_ raw: String, field: HSDSField, resource: HSDSResource, file: String, line: Int,
                       zoneWarned: inout Bool, problems: inout ProblemList) -> String? {
        switch field.type {
        case .string:
            if let allowed = resource.enums[field.name], let problem = ProfileRules.enumProblem(raw, allowed: allowed) {
                problems.error(file, line: line, field: field.name, problem)
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
            if field.name == "minimum_age" || field.name == "maximum_age", let problem = ProfileRules.ageProblem(number) {
                problems.warning(file, line: line, field: field.name, "\(problem); the value is dropped")
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
                problems.error(file, line: line, field: field.name, ProfileRules.timeProblem(raw) ?? "not a time")
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
