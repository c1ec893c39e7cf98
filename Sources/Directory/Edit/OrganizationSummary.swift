import GRDB

/// An organization as a picker lists it: its id and name.
public struct OrganizationSummary: Sendable, Codable, Equatable {
    public var id: String
    public var name: String

    /// An organization's id and name.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

extension DirectoryStore {
    /// Every organization of the directory, by name.
    public func organizations() throws -> [OrganizationSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, COALESCE(name, id) AS name FROM organization ORDER BY name COLLATE NOCASE, id")
                .map { OrganizationSummary(id: $0["id"], name: $0["name"]) }
        }
    }

    /// One organization by id; nil when the directory has none with it.
    public func organization(id: String) throws -> OrganizationSummary? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, COALESCE(name, id) AS name FROM organization WHERE id = ?", arguments: [id])
                .map { OrganizationSummary(id: $0["id"], name: $0["name"]) }
        }
    }
}
