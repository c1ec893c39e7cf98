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
        let patched = try store.snapshot()
        let refreshed = try derived(store)
        try store.writer.write { db in try DirectoryIndexer.rebuild(db) }
        #expect(try derived(store) == refreshed)
        // A snapshot read from scratch (a copy of the directory) equals the one patched in place.
        let copy = try DirectoryStore.inMemory()
        let folder = TemporaryHome.url("waymark-incremental")
        _ = try store.export(to: folder, includeConfidential: true)
        #expect(try copy.importPackage(at: folder, clock: Fixed.clock).imported)
        let reread = try copy.snapshot()
        #expect(reread.entries.map(\.serviceId) == patched.entries.map(\.serviceId))
        #expect(zip(reread.entries, patched.entries).allSatisfy { $0 == $1 })
    }
}
