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

    @Test("After an edit the words read before are not used: the renamed service is found at once, and the words are read again")
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

        // Found through SQLite while the words are read again in the background.
        let found = try store.search(SearchQuery(text: "zqxvy"), clock: Fixed.clock, path: .memory)
        #expect(found.results.map(\.serviceId) == [PackageFixture.id("svc-girls")])
        #expect(try store.search(SearchQuery(text: "zqxvy"), clock: Fixed.clock, path: .stored) == found)

        // The words at the new version, once read, find it too.
        var waited = 0
        while store.textCache.value?.version != generation && waited < 600 {
            usleep(50_000)
            waited += 1
        }
        let after = try #require(store.textCache.value)
        #expect(after.version == generation)
        #expect(try store.search(SearchQuery(text: "zqxvy"), clock: Fixed.clock, path: .memory) == found)
        let marks = try store.writer.read { db in
            after.marks(["zqxvy"], namesOnly: false, size: Int(try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM service") ?? 0) + 1)
        }
        #expect(marks.map { marked($0, TextIndex.Mark.serviceName).count } == 1)
    }
}
