@testable import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// The words of the full-text index held in memory match what FTS5 matches, word for word and
/// column for column; words read before an edit are never used after it.
@Suite("The full-text words in memory")
struct TextIndexTests {
    /// The rowids `match` finds in `service_fts`.
    func rowids(_ db: Database, _ match: String) throws -> Set<Int> {
        Set(try Int.fetchAll(db, sql: "SELECT rowid FROM service_fts WHERE service_fts MATCH ?", arguments: [match]))
    }

    /// The rowids whose marks carry `bit`.
    func marked(_ marks: [UInt8], _ bit: UInt8) -> Set<Int> {
        Set(marks.indices.filter { marks[$0] & bit != 0 })
    }

    @Test("Over generated directories, every typed word finds in memory the services FTS5 finds, column by column",
          arguments: [(400, UInt64(5)), (900, 13)])
    func sameAsFTS5(services: Int, seed: UInt64) throws {
        let store = try StoredSearchTests.synthetic(services: services, seed: seed)
        try store.writer.read { db in
            let index = try #require(try TextIndex.read(db))
            #expect(index.count > 100)
            let size = Int(try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM service") ?? 0) + 1
            for text in ["s", "sh", "SHELTER", "harbour", "legal", "su", "xyzzyq", "1", "lumina beacon", "a b", "support legal", "counsel"] {
                let tokens = text.split(separator: " ").map(String.init)
                let words = try #require(index.marks(tokens, namesOnly: false, size: size), "\(text)")
                func phrase(_ columns: String?) -> String {
                    let all = "(" + tokens.map { "\"\($0)\"*" }.joined(separator: " AND ") + ")"
                    return columns.map { "\($0) : \(all)" } ?? all
                }
                #expect(marked(words, TextIndex.Mark.anywhere) == (try rowids(db, phrase(nil))), "\(text)")
                #expect(marked(words, TextIndex.Mark.serviceName) == (try rowids(db, phrase("{name alternate_name}"))), "\(text)")
                #expect(marked(words, TextIndex.Mark.organizationName)
                        == (try rowids(db, phrase("{organization_name organization_alternate_name}"))), "\(text)")
                let names = try #require(index.marks(tokens, namesOnly: true, size: size))
                #expect(marked(names, TextIndex.Mark.aName)
                        == (try rowids(db, phrase("{name alternate_name organization_name organization_alternate_name}"))), "\(text)")
            }
            #expect(!marked(index.marks(["shelter"], namesOnly: false, size: size) ?? [], TextIndex.Mark.anywhere).isEmpty)
        }
    }

    @Test("A word with accents, an apostrophe or another script is left to SQLite")
    func otherWordsAreLeftToSQLite() throws {
        let store = try StoreKind.inMemory.small()
        try store.writer.read { db in
            let words = try #require(try TextIndex.read(db))
            for text in ["Men's", "Fundația", "เพื่อน", "café"] {
                #expect(words.marks([text], namesOnly: false, size: 10) == nil, "\(text)")
            }
            #expect(TextIndex.folded("Shelter24") == Array("shelter24".utf8))
        }
        // The search still finds them, through SQLite, as the stored tables do.
        let query = SearchQuery(text: "Fundația")
        let memory = try store.search(query, clock: Fixed.clock, path: .memory)
        #expect(memory.total > 0)
        #expect(memory == (try store.search(query, clock: Fixed.clock, path: .stored)))
    }

    @Test("Names that FTS5 and folding read differently (ß, a ligature) rank alike on both paths, in memory and on disk",
          arguments: StoreKind.allCases)
    func namesFoldedDifferentlyRankAlike(kind: StoreKind) throws {
        let store = try kind.small()
        _ = try store.search(SearchQuery(text: "shelter"), clock: Fixed.clock, path: .memory)
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.name = "Zuflucht Hauptstraße"
        edit.description = "Beds near the hauptstrasse tram stop; the \u{FB03}ce opens at eight."
        try editor.edit(service: PackageFixture.id("svc-girls"), edit)
        var other = ServiceEdit()
        other.name = "O\u{FB03}ce for legal aid"
        other.description = "An office at hauptstrasse 4."
        try editor.edit(service: PackageFixture.id("svc-legal"), other)
        // The words at the edited version, so that the in-memory path uses them (read at once in memory, in the background on disk).
        var waited = 0
        while store.textCache.value?.version != (try store.generation()) && waited < 600 {
            _ = try store.search(SearchQuery(text: "office"), clock: Fixed.clock, path: .memory)
            usleep(50_000)
            waited += 1
        }
        #expect(store.textCache.value?.version == (try store.generation()))
        for text in ["hauptstras", "hauptstrasse", "office", "zuflucht", "ffi"] {
            let query = SearchQuery(text: text)
            let memory = try store.search(query, clock: Fixed.clock, path: .memory)
            #expect(memory == (try store.search(query, clock: Fixed.clock, path: .stored)), "\(text)")
        }
        #expect(try store.search(SearchQuery(text: "hauptstras"), clock: Fixed.clock, path: .memory).total >= 2)
    }

    @Test("After an edit the words read before are not used: the next search brings them up to it, and finds the renamed service")
    func anEditMakesTheWordsStale() throws {
        let store = try StoreKind.onDisk.small()
        _ = try store.search(SearchQuery(text: "shelter"), clock: Fixed.clock, path: .memory)
        let before = try #require(store.textCache.value)
        #expect(before.version == (try store.generation()))

        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.name = "Zqxvy Refuge"
        try editor.edit(service: PackageFixture.id("svc-girls"), edit)
        let generation = try store.generation()
        #expect(generation != before.version)

        // The next search brings the words up to the edit at once: the renamed service is found by its new name only.
        let found = try store.search(SearchQuery(text: "zqxvy"), clock: Fixed.clock, path: .memory)
        #expect(found.results.map(\.serviceId) == [PackageFixture.id("svc-girls")])
        #expect(try store.search(SearchQuery(text: "zqxvy"), clock: Fixed.clock, path: .stored) == found)
        let after = try #require(store.textCache.value)
        #expect(after.version == generation)
        let size = try store.writer.read { db in Int(try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM service") ?? 0) + 1 }
        #expect(after.marks(["zqxvy"], namesOnly: false, size: size).map { marked($0, TextIndex.Mark.serviceName).count } == 1)
        #expect(before.marks(["zqxvy"], namesOnly: false, size: size).map { marked($0, TextIndex.Mark.anywhere).count } == 0)
        for text in ["girls", "shelter", "refuge"] {
            #expect(try store.search(SearchQuery(text: text), clock: Fixed.clock, path: .memory)
                    == (try store.search(SearchQuery(text: text), clock: Fixed.clock, path: .stored)), "\(text)")
        }
    }

    @Test("Words brought up to edits give the marks of words read afresh, over generated directories", arguments: [UInt64(4), 17])
    func patchedEqualsFresh(seed: UInt64) throws {
        let store = try StoredSearchTests.synthetic(services: 300, seed: seed)
        let base = try store.writer.read { db in try #require(try TextIndex.read(db)) }
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana"), clock: Fixed.clock)
        let services = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM service ORDER BY rowid LIMIT 12") }
        let organization = try store.writer.read { db in try #require(try String.fetchOne(db, sql: "SELECT id FROM organization LIMIT 1")) }
        var texts = ["s", "sh", "shelter", "harbour", "legal", "support", "xyzzyq", "plover", "quillon", "1", "legal aid"]
        for (i, id) in services.enumerated() {
            var edit = ServiceEdit()
            if i % 2 == 0 { edit.name = "Plover \(i) Haven" } else { edit.description = "Quillon legal support for \(i)" }
            try editor.edit(service: id, edit)
            texts.append("\(i)")
        }
        try editor.editOrganization(organization, name: "Quillon Harbour Trust", description: nil)
        var closing = ServiceEdit()
        closing.status = "defunct"
        try editor.edit(service: services[0], closing)
        try editor.undo()
        try store.writer.read { db in
            let patched = try #require(try base.patched(db))
            let fresh = try #require(try TextIndex.read(db))
            #expect(patched.version == fresh.version)
            let size = Int(try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM service") ?? 0) + 1
            for text in texts {
                let tokens = text.split(separator: " ").map(String.init)
                for namesOnly in [false, true] {
                    #expect(patched.marks(tokens, namesOnly: namesOnly, size: size) == fresh.marks(tokens, namesOnly: namesOnly, size: size),
                            "\(text) \(namesOnly)")
                }
            }
            // Patched again from the patch: the same.
            #expect(try patched.patched(db)?.marks(["plover"], namesOnly: false, size: size) == fresh.marks(["plover"], namesOnly: false, size: size))
        }
    }

    @Test("A package row keeps only its values, and reads and writes every field as an array would")
    func packageRowStoresWhatIsPresent() {
        var values: [String?] = Array(repeating: nil, count: PackageRow.maxFields)
        values[0] = "first"
        values[5] = "five"
        values[63] = "last"
        var row = PackageRow(line: 9, values: values)
        #expect(row.values == values)
        #expect(row.line == 9)
        for (index, value) in [(0, nil), (1, "one"), (63, "changed"), (5, nil), (40, "forty")] as [(Int, String?)] {
            row[index] = value
            values[index] = value
            #expect(row.values == values, "\(index)")
        }
        #expect(row[64] == nil && row[-1] == nil)
        row.values = ["a", nil, "c"]
        #expect(row.values == ["a", nil, "c"] && row[2] == "c")
        #expect(HSDSSchema.all.allSatisfy { $0.fields.count <= PackageRow.maxFields })
    }

    @Test("A full set holds exactly its positions", arguments: [0, 1, 63, 64, 65, 130])
    func fullBitset(count: Int) {
        let set = Bitset(count: count, all: true)
        #expect(set.positions == Array(0..<count))
    }
}
