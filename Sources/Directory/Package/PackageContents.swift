import Foundation

/// One row of a package table, its values aligned with the resource's fields.
///
/// Only the values present are kept, with one bit per field saying which: most fields of most
/// rows are empty, and a package of 1,000,000 services holds about 9,000,000 rows (an array of
/// every field per row took 700 MB more of an import's peak).
public struct PackageRow: Sendable {
    /// The most fields a row can have (one bit each).
    public static let maxFields = 64

    /// Which fields have a value: bit `i` for field `i`.
    private var mask: UInt64
    /// The values present, in field order.
    private var present: [String]
    private let storedLine: Int32
    private let width: UInt8

    /// The line of the CSV file the row starts on.
    public var line: Int { Int(storedLine) }

    /// A row of `values`, one per field of the resource (at most `maxFields`), nil for no value.
    public init(line: Int, values: [String?]) {
        precondition(values.count <= PackageRow.maxFields, "a package row holds at most \(PackageRow.maxFields) fields")
        storedLine = Int32(clamping: line)
        width = UInt8(values.count)
        mask = 0
        present = []
        present.reserveCapacity(values.reduce(0) { $0 + ($1 == nil ? 0 : 1) })
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            mask |= 1 << UInt64(index)
            present.append(value)
        }
    }

    /// One value per field of the resource, in field order; nil is no value.
    public var values: [String?] {
        get { (0..<Int(width)).map { self[$0] } }
        set { self = PackageRow(line: line, values: newValue) }
    }

    /// The value of a field, by index.
    public subscript(_ index: Int) -> String? {
        get {
            guard index >= 0 && index < Int(width) else { return nil }
            let bit: UInt64 = 1 << UInt64(index)
            guard mask & bit != 0 else { return nil }
            return present[(mask & (bit - 1)).nonzeroBitCount]
        }
        set {
            guard index >= 0 && index < Int(width) else { return }
            let bit: UInt64 = 1 << UInt64(index)
            let slot = (mask & (bit - 1)).nonzeroBitCount
            switch (mask & bit != 0, newValue) {
            case (true, let value?): present[slot] = value
            case (true, nil):
                present.remove(at: slot)
                mask &= ~bit
            case (false, let value?):
                present.insert(value, at: slot)
                mask |= bit
            case (false, nil): break
            }
        }
    }
}

/// The rows of one resource, as read from its CSV file.
public struct PackageTable: Sendable {
    /// The resource the rows belong to.
    public let resource: HSDSResource
    /// Whether the package had a file for it.
    public var present: Bool
    /// The rows, in file order.
    public var rows: [PackageRow]

    /// The index of a field in `values`, by name.
    public func index(of field: String) -> Int? { resource.fields.firstIndex { $0.name == field } }

    /// The values of the key column.
    public func keySet() -> Set<String> {
        guard let key = resource.key, let k = index(of: key) else { return [] }
        var result = Set<String>(minimumCapacity: rows.count)
        for row in rows { if let v = row[k] { result.insert(v) } }
        return result
    }

    /// The values of the key column, with the line each stands on.
    public func keys() -> [String: Int] {
        guard let key = resource.key, let k = index(of: key) else { return [:] }
        var result: [String: Int] = [:]
        result.reserveCapacity(rows.count)
        for row in rows { if let v = row[k] { result[v] = row.line } }
        return result
    }
}

/// What `datapackage.json` says about the package as a whole.
public struct PackageMetadata: Sendable, Codable, Equatable {
    /// The package's `name`.
    public var name: String?
    /// The package's `title`, shown as the directory's name.
    public var title: String?
    /// The package's `version`.
    public var version: String?
    /// The date the package's verification dates are relative to (`waymark.reference_date`).
    public var referenceDate: String?
    /// Whether the package says it is fictional (`waymark.fictional`).
    public var fictional: Bool
    /// Whether the package declares that formula-like text carries a leading `'`
    /// (`waymark:formula-escape`), which import takes off.
    public var formulaEscape: Bool = false
    /// The locations whose address, coordinates, phones and accessibility notes the exporting site
    /// withheld (`waymark:withheld`): an import keeps the values it has of them.
    public var withheldLocations: [String] = []

    /// Metadata with nothing known.
    public init(name: String? = nil, title: String? = nil, version: String? = nil,
                referenceDate: String? = nil, fictional: Bool = false) {
        self.name = name
        self.title = title
        self.version = version
        self.referenceDate = referenceDate
        self.fictional = fictional
    }
}

/// A whole package read into memory: every resource's rows plus the package metadata.
public struct PackageContents: Sendable {
    /// The package's metadata.
    public var metadata: PackageMetadata
    /// Tables by resource name; every resource of `HSDSSchema.all` has one (maybe empty).
    public var tables: [String: PackageTable]
    /// Whether the path given was a folder at all: when not, that is the only thing to say.
    public var isFolder = true

    /// The table of a resource.
    public func table(_ name: String) -> PackageTable {
        if let table = tables[name] { return table }
        let resource = HSDSSchema.resource(named: name) ?? HSDSSchema.all[0]
        return PackageTable(resource: resource, present: false, rows: [])
    }

    /// Row counts per resource name, for reports.
    public var counts: [String: Int] { tables.mapValues(\.rows.count) }
}
