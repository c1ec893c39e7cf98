@testable import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// An edit refreshes only its service's derived rows; they must come out as a full rebuild would make them.
@Suite("Incremental re-indexing after edits")
struct IncrementalIndexTests {
    /// Every derived row search and routing read, in a stable order (row ids left out).
    func derived(_ store: DirectoryStore) throws -> [String] {
        try store.writer.read { db in
            var lines: [String] = []
            for sql in [
                "SELECT service_id, taxonomy, code, explicit FROM service_facet ORDER BY 1, 2, 3",
                "SELECT location_id, code FROM location_flag ORDER BY 1, 2",
                """
                SELECT e.service_id, e.service_at_location_id, e.location_id, e.organization_id, e.service_name, e.organization_name,
                       e.location_name, e.pcode, e.status, e.minimum_age, e.maximum_age, e.assured_date, e.timezone, e.sex_mask,
                       e.confidential, e.hours, s.rowid = e.service_rowid
                FROM search_entry e LEFT JOIN service s ON s.id = e.service_id ORDER BY 1, 2
                """,
                "SELECT rowid, name, description, organization_name FROM service_fts ORDER BY rowid",
                "SELECT rowid, name, organization_name FROM service_trigram ORDER BY rowid",
            ] {
                for row in try Row.fetchAll(db, sql: sql) { lines.append(row.description) }
            }
            return lines
        }
    }

    @Test("After edits, an addition, a verification and an undo, the refreshed rows equal a full rebuild's, and so does the patched snapshot",
          arguments: StoreKind.allCases)
    func refreshEqualsRebuild(kind: StoreKind) throws {
        let store = try kind.small()
        _ = try store.snapshot()
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.name = "Girls' Shelter North"
        edit.sex = ["female", "other"]
        edit.addConditions = ["confidential-address"]
        edit.hours = ["MO-FR 08:00-16:00", "SA 10:00-12:00"]
        edit.languages = ["ro"]
        try editor.edit(service: PackageFixture.id("svc-girls"), edit)
        try editor.editOrganization(PackageFixture.id("org-hope"), name: "Fundația Speranța Nouă", description: nil)
        var new = NewService(organizationId: PackageFixture.id("org-thai"), name: "Drop-in", types: ["basic-needs"], area: "XA0201")
        new.covers = ["XA02"]
        _ = try editor.addService(new)
        try editor.verify(service: PackageFixture.id("svc-men"), method: .document)
        var closing = ServiceEdit()
        closing.status = "defunct"
        try editor.edit(service: PackageFixture.id("svc-legal"), closing)
        try editor.undo()
        try expectPatchedEqualsRebuilt(store)
    }

    @Test("Organization moved, a shared location renamed and flagged, areas, exploitation: refreshed rows and snapshot equal a rebuild's",
          arguments: StoreKind.allCases)
    func locationEditsRefreshEveryServiceThere(kind: StoreKind) throws {
        let store = try kind.small()
        _ = try store.snapshot()
        _ = try store.search(SearchQuery())
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.organizationId = PackageFixture.id("org-thai")
        edit.addExploitation = ["labour"]
        edit.serviceAreas = ["XA02"]
        edit.locationName = "Hope house"
        edit.confidential = true
        try editor.edit(service: PackageFixture.id("svc-legal"), edit)   // loc-hope is the youth drop-in's too
        var lift = ServiceEdit()
        lift.confidential = false
        try editor.edit(service: PackageFixture.id("svc-girls"), lift)
        let closed = try #require(try store.serviceDetail(serviceId: PackageFixture.id("svc-closed"), locationId: nil, clock: Fixed.clock))
        #expect(closed.confidential && closed.locationName == "Hope house", "the other service at the location follows")
        let port = try store.search(SearchQuery(area: "XA0201"), clock: Fixed.clock)
        #expect(port.results.contains { $0.serviceId == PackageFixture.id("svc-legal") && $0.organizationName == "มูลนิธิเพื่อนหญิง" },
                "it covers the south now, under its new organization")
        try expectPatchedEqualsRebuilt(store)
    }

    /// The derived rows equal a full rebuild's, and the snapshot patched in place equals one read from scratch.
    func expectPatchedEqualsRebuilt(_ store: DirectoryStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let patched = try store.snapshot()
        let refreshed = try derived(store)
        try store.writer.write { db in try DirectoryIndexer.rebuild(db) }
        #expect(try derived(store) == refreshed, sourceLocation: sourceLocation)
        // A snapshot read from scratch (a copy of the directory) equals the one patched in place.
        let copy = try DirectoryStore.inMemory()
        let folder = TemporaryHome.url("waymark-incremental")
        _ = try store.export(to: folder, includeConfidential: true)
        #expect(try copy.importPackage(at: folder, clock: Fixed.clock).imported, sourceLocation: sourceLocation)
        let reread = try copy.snapshot()
        #expect(reread.entries.map(\.serviceId) == patched.entries.map(\.serviceId), sourceLocation: sourceLocation)
        #expect(zip(reread.entries, patched.entries).allSatisfy { $0 == $1 }, sourceLocation: sourceLocation)
    }
}

/// The in-memory search index follows edits by reading only the changed services' entries again.
@Suite("The search index patched after edits")
struct PatchedSearchIndexTests {
    /// Every column of the index, positions of the sets included, as comparable text.
    func columns(_ index: SearchIndex) -> [String] {
        [
            "\(index.entryIDs)", "\(index.serviceRowids)", "\(index.active)", "\(index.sexMask)",
            "\(index.minimumAge.map { $0.isNaN ? -1 : $0 })", "\(index.maximumAge.map { $0.isNaN ? -1 : $0 })",
            "\(index.area)", "\(index.coverage)", "\(index.hours.map(\.code))", "\(index.zone.map { index.zones[Int($0)] })",
            "\(index.firstPosition)", "\(index.entryCount)",
            "\(index.types.filter { !$0.value.positions.isEmpty }.mapValues(\.positions).sorted { $0.key < $1.key })",
            "\(index.languages.filter { !$0.value.positions.isEmpty }.mapValues(\.positions).sorted { $0.key < $1.key })",
        ]
    }

    @Test("After a rename that moves a service, new types, sex, languages and a new service, the patched index equals a fresh one",
          arguments: StoreKind.allCases)
    func patchedEqualsFresh(kind: StoreKind) throws {
        let store = try kind.small()
        let before = try store.writer.read { db in try store.searchIndex(db) }
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.name = "Aaa first by name now"
        edit.addTypes = ["health.mental"]
        edit.sex = ["male", "other"]
        edit.languages = ["uk", "ru"]
        edit.minimumAge = .set(3)
        try editor.edit(service: PackageFixture.id("svc-men"), edit)
        var new = NewService(organizationId: PackageFixture.id("org-thai"), name: "Mmm middle", types: ["basic-needs"], area: "XB0101")
        new.covers = ["XA02"]
        new.details.languages = ["th"]
        _ = try editor.addService(new)
        var closing = ServiceEdit()
        closing.status = "inactive"
        try editor.edit(service: PackageFixture.id("svc-line"), closing)
        let (direct, fresh) = try store.writer.read { db -> (SearchIndex?, SearchIndex) in
            let version = try DirectoryStore.dataVersion(db)
            let changed = try #require(try DirectoryStore.changedServices(db, from: before.importID, to: version))
            #expect(changed.count == 3)
            return (try SearchIndex.patched(before, version: version, changed: changed, db: db), try SearchIndex(db))
        }
        let patched = try #require(direct, "the index is patched, not rebuilt")
        #expect(patched.importID == fresh.importID)
        #expect(columns(patched) == columns(fresh))
        var query = SearchQuery(text: "", serviceTypes: ["health"], sex: "male", age: 5, language: "uk")
        query.includeInactive = true
        #expect(try store.search(query, clock: Fixed.clock).results.map(\.serviceId) == [PackageFixture.id("svc-men")])
    }
}
