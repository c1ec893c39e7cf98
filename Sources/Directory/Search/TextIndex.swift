import Foundation
import GRDB
import GRDBSQLite

/// The words of the full-text index, held in memory: which services each word stands in, and in
/// which kind of column, so that a search's text is matched without asking SQLite.
///
/// Read from FTS5's own list of its words (`service_fts_words`, an `fts5vocab` table over
/// `service_fts`), so the words are exactly those FTS5 folded from the text. A typed word of plain
/// letters and digits, folded to lower case as FTS5 folds it, matches here exactly the services that
/// `service_fts MATCH '"word"*'` returns; a word with anything else in it (accents, apostrophes,
/// other scripts) is left to SQLite (`tiers` answers nil).
///
/// Why: over 1,000,000 services a common word or a first letter matches 200,000 to 500,000 services,
/// and reading their rowids out of SQLite took 15 to 35 ms a keystroke; marking them from these
/// arrays takes a few.
///
/// Built with the in-memory search index, from the same read, and used only while the directory is
/// at the version it was read at (`version`).
final class TextIndex: Sendable {
    /// The directory version (`DirectoryStore.dataVersion`) the words were read at.
    let version: Int64
    /// The words, in FTS5's order (their UTF-8 bytes compared), one after another.
    private let termBytes: [UInt8]
    /// Where each word starts in `termBytes`; one more than there are words.
    private let termStarts: [Int32]
    /// Per word, where its postings in names start in `namePostings`; one more than there are words.
    private let nameStarts: [Int32]
    /// Service rowids of words standing in a service's or an organization's name.
    private let namePostings: [Int32]
    /// For each name posting, its mark bits (`Mark`).
    private let nameMarks: [UInt8]
    /// Per word, where its postings in other columns start in `otherPostings`.
    private let otherStarts: [Int32]
    /// Service rowids of words standing only in descriptions.
    private let otherPostings: [Int32]
    /// After edits: the version the arrays above were read at, the services changed since (their
    /// words there are ignored), and those services' words now.
    private let patch: Patch?

    /// What edits changed since the words were read from the whole index.
    private struct Patch {
        let baseVersion: Int64
        let replaced: [Int32]
        let words: TextIndex
    }

    /// What a word's posting says of a service, as bits; words typed together must all say it.
    enum Mark {
        /// In the service's name or alternate name.
        static let serviceName: UInt8 = 1
        /// In the organization's name or alternate name.
        static let organizationName: UInt8 = 2
        /// Anywhere.
        static let anywhere: UInt8 = 4
        /// In a name of either.
        static let aName: UInt8 = 8
    }

    /// How many words it holds.
    var count: Int { termStarts.count - 1 }

    /// Reads the words of `service_fts` in `db`; nil when a rowid does not fit the arrays, or
    /// the words do not come in order (SQLite then answers text).
    static func read(_ db: Database) throws -> TextIndex? {
        try read(db, vocabulary: "service_fts_words", version: try DirectoryStore.dataVersion(db))
    }

    /// Reads the words an `fts5vocab` instance table lists, as of `version`.
    private static func read(_ db: Database, vocabulary: String, version: Int64) throws -> TextIndex? {
        let statement = try db.makeStatement(sql: "SELECT term, doc, col FROM \(vocabulary.quotedDatabaseIdentifier)")
        // The statement is finalized when released: it is kept until the last step.
        return try withExtendedLifetime(statement) {
            try read(statement.sqliteStatement, version: version, db: db)
        }
    }

    /// Reads the rows of the vocabulary statement `handle` into a new index.
    private static func read(_ handle: SQLiteStatement, version: Int64, db: Database) throws -> TextIndex? {
        defer { sqlite3_reset(handle) }
        var termBytes: [UInt8] = [], termStarts: [Int32] = []
        var nameStarts: [Int32] = [], namePostings: [Int32] = [], nameMarks: [UInt8] = []
        var otherStarts: [Int32] = [], otherPostings: [Int32] = []
        var lastStart = 0, lastDoc: Int64 = -1, marks: UInt8 = 0
        /// Closes the posting of the word and service read so far.
        func flush() {
            guard lastDoc >= 0 else { return }
            if marks & (Mark.serviceName | Mark.organizationName) != 0 {
                namePostings.append(Int32(lastDoc))
                nameMarks.append(marks | Mark.anywhere | Mark.aName)
            } else {
                otherPostings.append(Int32(lastDoc))
            }
            marks = 0
            lastDoc = -1
        }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let length = Int(sqlite3_column_bytes(handle, 0))
            guard let text = sqlite3_column_text(handle, 0) else { continue }
            let term = UnsafeBufferPointer(start: text, count: length)
            let doc = sqlite3_column_int64(handle, 1)
            guard doc >= 0 && doc <= Int64(Int32.max), termBytes.count + length < Int(Int32.max),
                  namePostings.count < Int(Int32.max), otherPostings.count < Int(Int32.max) else { return nil }
            let sameTerm = !termStarts.isEmpty && termBytes.count - lastStart == length
                && termBytes[lastStart...].elementsEqual(term)
            if !sameTerm {
                flush()
                if !termStarts.isEmpty {
                    let previous = termBytes[lastStart...]
                    guard previous.lexicographicallyPrecedes(term) else { return nil }
                }
                lastStart = termBytes.count
                termStarts.append(Int32(lastStart))
                nameStarts.append(Int32(namePostings.count))
                otherStarts.append(Int32(otherPostings.count))
                termBytes.append(contentsOf: term)
            } else if doc != lastDoc {
                flush()
            }
            lastDoc = doc
            marks |= columnMark(handle)
        }
        flush()
        termStarts.append(Int32(termBytes.count))
        nameStarts.append(Int32(namePostings.count))
        otherStarts.append(Int32(otherPostings.count))
        return TextIndex(version: version, termBytes: termBytes, termStarts: termStarts, nameStarts: nameStarts,
                         namePostings: namePostings, nameMarks: nameMarks, otherStarts: otherStarts, otherPostings: otherPostings)
    }

    private init(version: Int64, termBytes: [UInt8], termStarts: [Int32], nameStarts: [Int32], namePostings: [Int32],
                 nameMarks: [UInt8], otherStarts: [Int32], otherPostings: [Int32], patch: Patch? = nil) {
        self.version = version
        self.patch = patch
        self.termBytes = termBytes
        self.termStarts = termStarts
        self.nameStarts = nameStarts
        self.namePostings = namePostings
        self.nameMarks = nameMarks
        self.otherStarts = otherStarts
        self.otherPostings = otherPostings
    }

    /// The columns of `service_fts` that hold names, by the name the vocabulary table gives them.
    private static let serviceNameColumns: [[UInt8]] = [Array("name".utf8), Array("alternate_name".utf8)]
    private static let organizationNameColumns: [[UInt8]] = [Array("organization_name".utf8), Array("organization_alternate_name".utf8)]

    /// The mark of the column of the current row (`col`, the third column): a name, or anywhere.
    private static func columnMark(_ handle: OpaquePointer?) -> UInt8 {
        let length = Int(sqlite3_column_bytes(handle, 2))
        guard let text = sqlite3_column_text(handle, 2) else { return Mark.anywhere }
        let column = UnsafeBufferPointer(start: text, count: length)
        if serviceNameColumns.contains(where: { $0.elementsEqual(column) }) { return Mark.serviceName }
        if organizationNameColumns.contains(where: { $0.elementsEqual(column) }) { return Mark.organizationName }
        return Mark.anywhere
    }

    /// The folded form FTS5 gives a word typed in plain ASCII letters and digits (lower case); nil for any other word.
    static func folded(_ token: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: return nil
            }
        }
        return bytes.isEmpty ? nil : bytes
    }

    /// Whether every one of `tokens` is a word the index can match (plain letters and digits), and there is one.
    static func canMatch(_ tokens: [String]) -> Bool {
        !tokens.isEmpty && tokens.allSatisfy { folded($0) != nil }
    }

    /// The marks every word of `tokens` gives each service, by rowid (`size` of them): the bits of
    /// `Mark` that all the words share there, 0 where one of them does not stand. Nil when a word is
    /// not plain letters and digits.
    ///
    /// - Parameter namesOnly: look only in names (a responder's first one or two letters).
    func marks(_ tokens: [String], namesOnly: Bool, size: Int) -> [UInt8]? {
        let words = tokens.map(TextIndex.folded)
        guard !words.isEmpty, words.allSatisfy({ $0 != nil }) else { return nil }
        var result: [UInt8]?
        for word in words.compactMap({ $0 }) {
            var marks = [UInt8](repeating: 0, count: size)
            mark(word, namesOnly: namesOnly, into: &marks)
            if let patch {
                for rowid in patch.replaced where Int(rowid) < size { marks[Int(rowid)] = 0 }
                patch.words.mark(word, namesOnly: namesOnly, into: &marks)
            }
            if var combined = result {
                for i in 0..<size { combined[i] &= marks[i] }
                result = combined
            } else {
                result = marks
            }
        }
        return result
    }

    /// Adds the marks of the words starting with `word` (folded) to `marks`, by rowid.
    private func mark(_ word: [UInt8], namesOnly: Bool, into marks: inout [UInt8]) {
        let size = marks.count
        for term in terms(startingWith: word) {
            for p in Int(nameStarts[term])..<Int(nameStarts[term + 1]) {
                let rowid = Int(namePostings[p])
                if rowid < size { marks[rowid] |= nameMarks[p] }
            }
            guard !namesOnly else { continue }
            for p in Int(otherStarts[term])..<Int(otherStarts[term + 1]) {
                let rowid = Int(otherPostings[p])
                if rowid < size { marks[rowid] |= Mark.anywhere }
            }
        }
    }

    /// The most services changed since the words were read that a patch takes; beyond, they are read again.
    static let patchLimit = 5_000

    /// These words brought to the directory's current version in `db` after edits, without reading
    /// every word again: the words of the services changed since are ignored, and those services'
    /// full-text rows are folded afresh by FTS5 itself, in a scratch table made the way `service_fts`
    /// was (its `CREATE` statement read from the schema). Nil when the edits cannot be told apart from
    /// an import, or are too many (`patchLimit`): the words are then read again.
    func patched(_ db: Database) throws -> TextIndex? {
        let version = try DirectoryStore.dataVersion(db)
        let baseVersion = patch?.baseVersion ?? self.version
        let prefix = "CREATE VIRTUAL TABLE service_fts USING fts5("
        guard let changed = try DirectoryStore.changedServices(db, from: baseVersion, to: version),
              changed.count <= TextIndex.patchLimit,
              let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'service_fts'"),
              create.hasPrefix(prefix) else { return nil }
        let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM service WHERE id IN (SELECT value FROM json_each(?))",
                                        arguments: [try DirectoryStore.jsonArray(changed)])
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, name, alternate_name, description, organization_name, organization_alternate_name, organization_description
            FROM service_fts WHERE rowid IN (SELECT value FROM json_each(?))
            """, arguments: ["[" + rowids.map(String.init).joined(separator: ",") + "]"])
        var replaced = Set(rowids.compactMap { Int32(exactly: $0) })
        replaced.formUnion(patch?.replaced ?? [])
        let scratch = try DatabaseQueue()
        let words = try scratch.write { scratch -> TextIndex? in
            try scratch.execute(sql: "CREATE VIRTUAL TABLE scratch_fts USING fts5(" + create.dropFirst(prefix.count))
            try scratch.execute(sql: "CREATE VIRTUAL TABLE scratch_words USING fts5vocab(scratch_fts, instance)")
            let insert = try scratch.makeStatement(sql: """
                INSERT INTO scratch_fts(rowid, name, alternate_name, description, organization_name, organization_alternate_name,
                                        organization_description) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for row in rows { try insert.execute(arguments: StatementArguments(Array(row.databaseValues))) }
            return try TextIndex.read(scratch, vocabulary: "scratch_words", version: version)
        }
        guard let words else { return nil }
        return TextIndex(version: version, termBytes: termBytes, termStarts: termStarts, nameStarts: nameStarts,
                         namePostings: namePostings, nameMarks: nameMarks, otherStarts: otherStarts, otherPostings: otherPostings,
                         patch: Patch(baseVersion: baseVersion, replaced: replaced.sorted(), words: words))
    }

    /// The words that start with `prefix` (byte for byte), as a range of word numbers.
    func terms(startingWith prefix: [UInt8]) -> Range<Int> {
        termBytes.withUnsafeBufferPointer { bytes in
            /// Whether word `i` sorts before `prefix`.
            func before(_ i: Int) -> Bool {
                let start = Int(termStarts[i]), end = Int(termStarts[i + 1])
                return bytes[start..<end].lexicographicallyPrecedes(prefix)
            }
            func hasPrefix(_ i: Int) -> Bool {
                let start = Int(termStarts[i]), end = Int(termStarts[i + 1])
                return end - start >= prefix.count && bytes[start..<(start + prefix.count)].elementsEqual(prefix)
            }
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if before(middle) { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < count && hasPrefix(end) { end += 1 }
            return low..<end
        }
    }
}
