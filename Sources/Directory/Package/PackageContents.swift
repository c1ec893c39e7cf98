import Foundation

/// One row of a package table, its values aligned with the resource's fields.
public struct PackageRow: Sendable {
    /// The line of the CSV file the row starts on.
    public let line: Int
    /// One value per field of the resource, in field order; nil is no value.
    public var values: [String?]

    /// The value of a field, by index.
    public subscript(_ index: Int) -> String? {
        get { values[index] }
        set { values[index] = newValue }
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
