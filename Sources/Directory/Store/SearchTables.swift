import Foundation
import GRDB

/// The stamp on the stored search tables (search entries, facets, full-text indexes): the format they
/// were built in and the generation of the directory they were built for, so that a stale or damaged
/// set is rebuilt rather than trusted.
///
/// The tables are rebuilt or refreshed inside the same transaction as every import, edit, undo and
/// merge, and stamped there. A search checks the stamp first (one small read): a missing stamp,
/// one whose checksum does not hold, another format, another import, changes since the stamp that
/// touched a service's entries, or another last search entry all make the tables unusable, and
/// the search rebuilds them (one write) before it answers.
enum SearchTables {
    /// The format of the stored search tables; raised whenever what they hold, or how it is read, changes.
    static let format = 1

    /// The `directory_meta` key the stamp is kept under.
    static let key = "search_tables"

    /// What a stamp says: the format, the directory's generation and the id of the last search entry
    /// (a refresh writes its entries anew at the end of the table; reading it costs one index step,
    /// where counting the entries would cost a pass over 100,000 of them on every search).
    struct Stamp: Equatable {
        var format: Int
        var generation: Int64
        var lastEntry: Int64

        /// The text kept in `directory_meta`: `format=1 generation=N last_entry=N check=HEX`.
        var text: String {
            let body = "format=\(format) generation=\(generation) last_entry=\(lastEntry)"
            return body + " check=" + String(SearchTables.checksum(body), radix: 16)
        }

        /// The stamp `text` holds; nil when it is not one, or its checksum does not hold.
        init?(text: String) {
            guard let cut = text.range(of: " check=") else { return nil }
            let body = String(text[..<cut.lowerBound])
            guard let check = UInt64(text[cut.upperBound...], radix: 16), check == SearchTables.checksum(body) else { return nil }
            var fields: [String: String] = [:]
            for part in body.split(separator: " ") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { return nil }
                fields[pair[0]] = pair[1]
            }
            guard let format = fields["format"].flatMap({ Int($0) }), let generation = fields["generation"].flatMap({ Int64($0) }),
                  let lastEntry = fields["last_entry"].flatMap({ Int64($0) }) else { return nil }
            self.init(format: format, generation: generation, lastEntry: lastEntry)
        }

        init(format: Int, generation: Int64, lastEntry: Int64) {
            self.format = format
            self.generation = generation
            self.lastEntry = lastEntry
        }
    }

    /// Why the stored tables cannot be used as they are, in words for the person who sees the rebuild.
    struct Unusable: Error, Equatable, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// FNV-1a (64 bits) of `text`: enough to tell a stamp that was changed or cut from one Waymark wrote.
    static func checksum(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// Stamps the tables as built, in `format`, for the directory as it is now in this transaction.
    static func stamp(_ db: Database, format: Int = SearchTables.format) throws {
        let stamp = Stamp(format: format, generation: try DirectoryStore.dataVersion(db), lastEntry: try lastEntry(db))
        try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES (?, ?)", arguments: [key, stamp.text])
    }

    /// The id of the last search entry; 0 when there is none.
    private static func lastEntry(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM search_entry") ?? 0
    }

    /// Throws `Unusable` unless the stored tables were built, in this format, for the directory as it is now.
    static func check(_ db: Database) throws {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = ?", arguments: [key]) else {
            // A directory that was never imported has nothing to search and nothing stale.
            if try DirectoryStore.dataVersion(db) == 0 { return }
            throw Unusable(reason: "the search tables carry no stamp")
        }
        guard let stamp = Stamp(text: text) else { throw Unusable(reason: "the search tables' stamp is damaged") }
        guard stamp.format == format else {
            throw Unusable(reason: "the search tables are in format \(stamp.format), this Waymark reads format \(format)")
        }
        let current = try DirectoryStore.dataVersion(db)
        if stamp.generation != current {
            // Changes since the stamp that touched no service (an area's name, a resolved conflict over
            // a taxonomy) leave every search entry as it was.
            let changed = try DirectoryStore.changedServices(db, from: stamp.generation, to: current)
            guard let changed, changed.isEmpty else {
                throw Unusable(reason: "the search tables were built for generation \(stamp.generation) of the directory, which is now at \(current)")
            }
        }
        let last = try lastEntry(db)
        guard last == stamp.lastEntry else {
            throw Unusable(reason: "the search tables end at entry \(last) where \(stamp.lastEntry) was stamped")
        }
    }

    /// Rebuilds and stamps the tables, unless another process did so since they were found unusable.
    static func rebuildIfUnusable(_ db: Database) throws {
        do {
            try check(db)
        } catch is Unusable {
            try DirectoryIndexer.rebuild(db)
        }
    }
}
