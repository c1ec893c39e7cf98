@testable import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// The stored search tables answer a search without the in-memory index, with the same results
/// in the same order; they are stamped with the generation they were built for, and a stale or
/// damaged set is rebuilt, never searched.
@Suite("Searching from the stored search tables")
struct StoredSearchTests {
    /// A store holding a synthetic directory of `services`.
    static func synthetic(services: Int, seed: UInt64) throws -> DirectoryStore {
        let folder = TemporaryHome.url("waymark-synthetic")
        try SyntheticDirectory(services: services, districts: 20, seed: seed).write(to: folder)
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: folder, clock: Fixed.clock)
        guard report.imported else { throw FixtureError(problems: report.errors) }
        return store
    }

    /// A spread of queries: words, prefixes, a type's name, nothing, and every facet alone and together.
    static let queries: [SearchQuery] = {
        let texts = ["", "shelter", "harbour", "legal", "support", "s", "ha", "counselling", "lumina beacon", "shelters", "xyzzyq", "speranta",
                     "เพื่อน", "ด่วน", "Men's", "hope"]
        let moment = LocalMoment(wallClock: "2026-01-15T22:30")
        var facets: [SearchQuery] = [
            SearchQuery(), SearchQuery(sex: "female"), SearchQuery(sex: "male", age: 40), SearchQuery(age: 16), SearchQuery(sex: "other", age: 5),
            SearchQuery(area: "XA01"), SearchQuery(area: "XA"), SearchQuery(serviceTypes: ["shelter"]), SearchQuery(serviceTypes: ["legal", "health"]),
            SearchQuery(language: "RO"), SearchQuery(includeInactive: true), SearchQuery(area: "XA02", serviceTypes: ["shelter"], sex: "female", age: 16),
        ]
        if let moment {
            facets.append(SearchQuery(openAt: .wallClock(moment)))
            facets.append(SearchQuery(sex: "female", openAt: .wallClock(moment)))
        }
        facets.append(SearchQuery(openAt: .instant(Fixed.clock.now())))
        var all: [SearchQuery] = []
        for text in texts {
            for facet in facets {
                var query = facet
                query.text = text
                query.limit = 20
                all.append(query)
            }
        }
        // Paging.
        all.append(SearchQuery(limit: 7, offset: 13))
        all.append(SearchQuery(text: "support", sex: "female", limit: 5, offset: 40))
        return all
    }()

    /// The ids, totals and open flags of `query` from both paths.
    func expectSame(_ store: DirectoryStore, _ query: SearchQuery, _ comment: Comment) throws {
        // Area codes the directory lacks are refused alike by both paths.
        let stored = Result { try store.search(query, clock: Fixed.clock, path: .stored) }
        let memory = Result { try store.search(query, clock: Fixed.clock, path: .memory) }
        switch (stored, memory) {
        case (.success(let a), .success(let b)):
            #expect(a.results.map(\.serviceId) == b.results.map(\.serviceId), comment)
            #expect(a.results.map(\.locationId) == b.results.map(\.locationId), comment)
            #expect(a.total == b.total, comment)
            #expect(a == b, comment)
        case (.failure(let a as SearchError), .failure(let b as SearchError)):
            #expect(a == b, comment)
        default:
            Issue.record("the two paths answered differently: \(stored) and \(memory); \(comment)")
        }
    }

    @Test("Over generated directories, the stored tables give the in-memory index's ids, in its order, for every query",
          arguments: [(300, UInt64(3)), (500, 8), (800, 21)])
    func sameAnswersOverGeneratedDirectories(services: Int, seed: UInt64) throws {
        let store = try Self.synthetic(services: services, seed: seed)
        for query in Self.queries {
            try expectSame(store, query, "\(query)")
        }
    }

    @Test("On the small fixture (Thai names, diacritics, inactive services), both paths agree", arguments: StoreKind.allCases)
    func sameAnswersOnTheFixture(kind: StoreKind) throws {
        let store = try kind.small()
        for query in Self.queries where query.area.map({ $0 == "XA" || $0 == "XA01" || $0 == "XA02" }) ?? true {
            try expectSame(store, query, "\(query)")
        }
    }

    @Test("An edited directory is searched alike from the stored tables and the patched index")
    func sameAnswersAfterEdits() throws {
        let store = try Self.synthetic(services: 300, seed: 4)
        _ = try store.search(SearchQuery(text: "shelter"), clock: Fixed.clock, path: .memory)
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        let ids = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM service ORDER BY rowid LIMIT 3") }
        var rename = ServiceEdit()
        rename.name = "Harbour night shelter"
        rename.sex = ["female"]
        try editor.edit(service: ids[0], rename)
        var closing = ServiceEdit()
        closing.status = "defunct"
        try editor.edit(service: ids[1], closing)
        for query in Self.queries.prefix(60) { try expectSame(store, query, "\(query)") }
    }

    // MARK: - The stamp

    /// The stamp as kept in `directory_meta`.
    func stampText(_ store: DirectoryStore) throws -> String? {
        try store.writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = ?", arguments: [SearchTables.key]) }
    }

    func setStamp(_ store: DirectoryStore, _ text: String) throws {
        try store.writer.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES (?, ?)", arguments: [SearchTables.key, text])
        }
    }

    /// Whether the stored tables pass their check now.
    func usable(_ store: DirectoryStore) throws -> Bool {
        try store.writer.read { db in
            do {
                try SearchTables.check(db)
                return true
            } catch is SearchTables.Unusable {
                return false
            }
        }
    }

    /// Searches from the stored tables, collecting the notices given; expects the answer the index gives.
    func searchCollectingNotices(_ store: DirectoryStore, _ query: SearchQuery = SearchQuery(text: "shelter", sex: "female")) throws -> [String] {
        let notices = LockBox<[String]>([])
        store.noticeHandler.value = { message in notices.withLock { $0.append(message) } }
        defer { store.noticeHandler.value = nil }
        let stored = try store.search(query, clock: Fixed.clock, path: .stored)
        #expect(stored == (try store.search(query, clock: Fixed.clock, path: .memory)))
        return notices.value
    }

    @Test("An import, an edit and a merge each stamp the tables with the directory's new generation, so the old stamp no longer passes")
    func changesMoveTheStamp() throws {
        var sites = try BundleSites()
        let store = sites.home
        var stamps = [try #require(try stampText(store))]
        #expect(try usable(store))

        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.name = "Lighthouse legal clinic"
        try editor.edit(service: PackageFixture.id("svc-legal"), edit)
        stamps.append(try #require(try stampText(store)))

        try BundleSites.set(sites.publisherStore, "service", PackageFixture.id("svc-men"), "name", "Harbour men's shelter")
        let report = try sites.ship(delta: true)
        #expect(report.fieldsApplied == 1)
        stamps.append(try #require(try stampText(store)))

        var options = ImportOptions()
        options.discardLocalChanges = true
        let reimport = try store.importPackage(at: try PackageFixture.small().write(), options: options, clock: Fixed.clock)
        #expect(reimport.imported)
        stamps.append(try #require(try stampText(store)))

        #expect(Set(stamps).count == stamps.count, "each change stamps anew: \(stamps)")
        #expect(try usable(store))
        // Each earlier stamp, put back, is refused: the tables would be stale for what the directory is now.
        let current = stamps.last ?? ""
        for old in stamps.dropLast() {
            try setStamp(store, old)
            #expect(try !usable(store), "\(old) still passes")
        }
        try setStamp(store, current)
        #expect(try usable(store))
    }

    @Test("Search tables left behind by a change (stamped for the generation before) are rebuilt with a notice, then searched")
    func staleTablesAreRebuilt() throws {
        let store = try StoreKind.onDisk.small()
        let old = try #require(try stampText(store))
        // A change written without re-indexing, as a tool outside Waymark could: the tables still hold the old name.
        try BundleSites.set(store, "service", PackageFixture.id("svc-legal"), "name", "Lighthouse legal clinic")
        try setStamp(store, old)
        #expect(try !usable(store))
        let notices = try searchCollectingNotices(store, SearchQuery(text: "Lighthouse"))
        #expect(notices.count == 1)
        #expect(notices.first?.contains("generation") == true)
        #expect(try store.search(SearchQuery(text: "Lighthouse"), clock: Fixed.clock, path: .stored).results.map(\.serviceId)
                == [PackageFixture.id("svc-legal")])
        #expect(try usable(store))
        // Once rebuilt, the next search says nothing.
        #expect(try searchCollectingNotices(store).isEmpty)
    }

    @Test("A damaged stamp, a wrong checksum, another format, a missing stamp or a lost last entry: rebuilt, not trusted",
          arguments: ["bytes", "checksum", "format", "missing", "entries"])
    func damagedTablesAreRebuilt(damage: String) throws {
        let store = try StoreKind.onDisk.small()
        let good = try #require(try stampText(store))
        let stamp = try #require(SearchTables.Stamp(text: good))
        let before = try store.search(SearchQuery(text: "shelter"), clock: Fixed.clock, path: .memory)
        switch damage {
        case "bytes":
            try setStamp(store, String(good.prefix(good.count - 5)) + "\u{0}\u{7}zz!")
        case "checksum":
            try setStamp(store, good.replacingOccurrences(of: "generation=\(stamp.generation)", with: "generation=\(stamp.generation + 1)"))
        case "format":
            try setStamp(store, SearchTables.Stamp(format: SearchTables.format + 1, generation: stamp.generation, lastEntry: stamp.lastEntry).text)
        case "missing":
            try store.writer.write { db in try db.execute(sql: "DELETE FROM directory_meta WHERE key = ?", arguments: [SearchTables.key]) }
        default:
            try store.writer.write { db in try db.execute(sql: "DELETE FROM search_entry WHERE id = (SELECT MAX(id) FROM search_entry)") }
        }
        #expect(try !usable(store))
        // A new process: nothing in memory.
        let fresh = try DirectoryStore.open(at: try path(store))
        let notices = try searchCollectingNotices(fresh, SearchQuery(text: "shelter"))
        #expect(notices.count == 1, "\(notices)")
        #expect(try usable(fresh))
        #expect(try fresh.search(SearchQuery(text: "shelter"), clock: Fixed.clock, path: .stored) == before)
    }

    /// The file of an on-disk store.
    func path(_ store: DirectoryStore) throws -> String {
        try store.writer.read { db in try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'") ?? "" }
    }

    @Test("The routing snapshot is read only from tables that pass their check: stale ones are rebuilt first")
    func snapshotRebuildsStaleTables() throws {
        let store = try StoreKind.onDisk.small()
        let old = try #require(try stampText(store))
        try BundleSites.set(store, "service", PackageFixture.id("svc-legal"), "name", "Lighthouse legal clinic")
        try setStamp(store, old)
        let notices = LockBox<[String]>([])
        let fresh = try DirectoryStore.open(at: try path(store))
        fresh.noticeHandler.value = { message in notices.withLock { $0.append(message) } }
        let snapshot = try fresh.snapshot()
        #expect(snapshot.entries.first { $0.serviceId == PackageFixture.id("svc-legal") }?.serviceName == "Lighthouse legal clinic")
        #expect(notices.value.count == 1)
        #expect(try usable(fresh))
    }

    @Test("A directory opened by this release after an older one is stamped by its migration, not rebuilt")
    func migrationStampsExistingTables() throws {
        let store = try StoreKind.onDisk.small()
        let file = try path(store)
        // As an older release left it: no stamp, and the migration not yet run.
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM directory_meta WHERE key = ?", arguments: [SearchTables.key])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-search-tables-stamp'")
        }
        let reopened = try DirectoryStore.open(at: file)
        #expect(try usable(reopened))
        #expect(try searchCollectingNotices(reopened).isEmpty)
    }

    @Test("A store on disk answers from the stored tables while its index is built in the background, then from the index, alike",
          arguments: StoreKind.allCases)
    func indexBuiltInBackground(kind: StoreKind) throws {
        let store = try kind.small()
        let query = SearchQuery(text: "shelter")
        let stored = try store.search(query, clock: Fixed.clock, path: .stored)
        #expect(try store.search(query, clock: Fixed.clock) == stored)
        if kind == .onDisk {
            // Started by the first search (not by a `.stored` one); a bounded wait, not a timed assertion.
            let deadline = Date().addingTimeInterval(60)
            while store.isBuildingIndex && Date() < deadline { usleep(5_000) }
            #expect(!store.isBuildingIndex)
            #expect(store.indexCache.value != nil, "the background build installed its index")
        }
        // In memory, the second search builds it in place; on disk, the background one is taken up.
        #expect(try store.search(query, clock: Fixed.clock) == stored)
        #expect(store.indexCache.value != nil)
        // An edit since: the index is patched, and both paths still agree.
        try BundleSites.set(store, "service", PackageFixture.id("svc-legal"), "name", "Lighthouse shelter and legal clinic")
        #expect(try store.search(query, clock: Fixed.clock) == store.search(query, clock: Fixed.clock, path: .stored))
    }

    @Test("The stamp's text reads back, and any change to it fails its checksum")
    func stampRoundTrip() throws {
        let stamp = SearchTables.Stamp(format: 1, generation: 1 << 40 | 17, lastEntry: 1234)
        #expect(SearchTables.Stamp(text: stamp.text) == stamp)
        #expect(SearchTables.Stamp(text: stamp.text.replacingOccurrences(of: "last_entry=1234", with: "last_entry=1235")) == nil)
        #expect(SearchTables.Stamp(text: "") == nil)
        #expect(SearchTables.Stamp(text: "format=1 generation=2 last_entry=3") == nil)
    }
}
