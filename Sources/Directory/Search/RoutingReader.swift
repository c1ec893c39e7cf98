import Foundation
import GRDB

/// Reads the parts of the directory one route needs, inside one read of the store: the map
/// (areas and travel links) and the entries of the services that offer a type near a place.
///
/// A new process routes from these reads in milliseconds where reading the whole directory into
/// a snapshot takes seconds at 100,000 services. Whoever reads through it gets the same answers
/// the whole snapshot would give, provided they widen what they read until it holds every entry
/// their answer depends on (`DirectoryRouter` in Routing does).
public final class RoutingReader {
    private let store: DirectoryStore
    private let db: Database
    /// The services of each type read so far at virtual locations (the same however far a route reads).
    private var virtual: [String: Set<String>] = [:]

    init(store: DirectoryStore, db: Database) {
        self.store = store
        self.db = db
    }

    /// The areas and travel links, with no entries.
    public func map() throws -> DirectorySnapshot { try store.readMap(db) }

    /// The ids of the services offering `type` (stated or implied) at a location in one of `areas`,
    /// or at a virtual location; every service offering it when `areas` is nil.
    public func services(offering type: String, in areas: Set<String>?) throws -> Set<String> {
        let offers = "EXISTS (SELECT 1 FROM service_facet f WHERE f.taxonomy = ? AND f.code = ? AND f.service_id = e.service_id)"
        guard let areas else {
            return Set(try String.fetchAll(db, sql: "SELECT service_id FROM service_facet WHERE taxonomy = ? AND code = ?",
                                           arguments: [Vocabulary.serviceTypeTaxonomy, type]))
        }
        if virtual[type] == nil {
            virtual[type] = Set(try String.fetchAll(db, sql: "SELECT e.service_id FROM search_entry e WHERE e.location_type = 'virtual' AND \(offers)",
                                                    arguments: [Vocabulary.serviceTypeTaxonomy, type]))
        }
        let near = try String.fetchAll(db, sql: "SELECT e.service_id FROM search_entry e WHERE e.pcode IN (SELECT value FROM json_each(?)) AND \(offers)",
                                       arguments: [try DirectoryStore.jsonArray(areas), Vocabulary.serviceTypeTaxonomy, type])
        return (virtual[type] ?? []).union(near)
    }

    /// Every P-code a search entry names, known to the area table or not (an import warns of an unknown
    /// one but keeps it, and travel may still reach it: through a link that names it, or as an ancestor
    /// the area table lacks). One index step per P-code, not a pass over the entries.
    public func entryAreas() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            WITH RECURSIVE code(pcode) AS (
                SELECT MIN(pcode) FROM search_entry
                UNION ALL
                SELECT (SELECT MIN(pcode) FROM search_entry WHERE pcode > code.pcode) FROM code WHERE code.pcode IS NOT NULL)
            SELECT pcode FROM code WHERE pcode IS NOT NULL
            """))
    }

    /// The entries of `services` (each at every one of its locations), in snapshot order.
    public func entries(of services: Set<String>) throws -> [DirectorySnapshot.Entry] {
        services.isEmpty ? [] : try store.readEntries(db, services: services)
    }
}

extension DirectoryStore {
    /// Runs `body` with a reader over one consistent state of the directory, its stored search
    /// tables checked first (and rebuilt, with a notice, when stale or damaged).
    public func readForRouting<Answer>(_ body: (RoutingReader) throws -> Answer) throws -> Answer {
        try readingSearchTables { db in
            try SearchTables.check(db)
            return try body(RoutingReader(store: self, db: db))
        }
    }

    /// The areas, the travel links and the entries of `services` alone: all that judging those services
    /// for a person reads. Taken from the whole snapshot when this process holds a current one.
    public func snapshot(of services: Set<String>) throws -> DirectorySnapshot {
        if var part = try currentSnapshot() {
            part.entries = part.entries.filter { services.contains($0.serviceId) }
            return part
        }
        return try readForRouting { reader in
            var part = try reader.map()
            part.entries = try reader.entries(of: services)
            return part
        }
    }

    /// The areas and travel links alone: what naming an area, or checking that one exists, needs.
    public func areaMap() throws -> DirectorySnapshot {
        if var map = try currentSnapshot() {
            map.entries = []
            return map
        }
        return try writer.read { db in try readMap(db) }
    }

    /// The whole snapshot this process read, when the directory has not changed since; nil otherwise.
    private func currentSnapshot() throws -> DirectorySnapshot? {
        guard let cached = snapshotCache.value, try writer.read({ try DirectoryStore.dataVersion($0) }) == cached.importID else { return nil }
        return cached.snapshot
    }
}
