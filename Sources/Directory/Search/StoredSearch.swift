import Foundation
import GRDB

/// One search answered from the stored search tables alone, without the in-memory index: what a
/// short-lived process (`waymark search`) does, where building the index would cost more than the search.
///
/// The same answers as `DirectorySearch`, in the same order: the same full-text queries give the
/// candidates and their relevance tiers, SQL applies the facets the index would (indexed look-ups
/// per candidate), and the same `TextMatch.refine` and tier-then-name order finish the job.
struct StoredSearch {
    let store: DirectoryStore
    let db: Database
    let query: SearchQuery
    let now: Date

    func run() throws -> SearchResults {
        try DirectorySearch.validate(query, db: db)
        try SearchTables.check(db)
        let text = TextMatch(query.text)
        let zoneMoments = query.openAt.map(ZoneMoments.init)
        let openAt: ((String) -> LocalMoment)? = zoneMoments.map { zones in { zones.moment(in: $0) } }
        let (facets, facetArguments) = facetFilter()

        guard let (candidates, candidateArguments) = try candidateTiers(text) else {
            // No text: the entries in name order, straight from the index on that order.
            guard let openAt else {
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_entry e WHERE \(facets)", arguments: StatementArguments(facetArguments)) ?? 0
                // The page walks the index on name order (on status, it would sort every active entry: 0.2 s over 1,000,000).
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT e.id FROM search_entry e WHERE \(facetFilter(statusIndexed: false).0)
                    ORDER BY e.service_name, e.service_id, e.location_id, e.id LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(facetArguments + [query.limit, query.offset]))
                return try DirectorySearch.page(ids, total: total, query: query, openAt: nil, store: store, db: db, now: now)
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.id, e.hours, e.timezone FROM search_entry e WHERE \(facets)
                ORDER BY e.service_name, e.service_id, e.location_id, e.id
                """, arguments: StatementArguments(facetArguments))
            var matched: [Int64] = []
            while let row = try rows.next() {
                if DirectorySearch.isOpen(hours: row[1], zone: row[2], at: openAt) != false { matched.append(row[0]) }
            }
            return try page(matched, openAt: openAt)
        }

        // The entries of the candidate services that pass the facets, in name order, with their tiers.
        let rows = try Row.fetchCursor(db, sql: """
            WITH candidate(rowid, tier) AS (\(candidates))
            SELECT e.id, e.service_rowid, c.tier\(openAt == nil ? "" : ", e.hours, e.timezone") FROM candidate c
            JOIN search_entry e ON e.service_rowid = c.rowid
            WHERE \(facets)
            ORDER BY e.service_name, e.service_id, e.location_id, e.id
            """, arguments: StatementArguments(candidateArguments + facetArguments))
        let size = Int(try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM service") ?? 0) + 1
        var tiers = [UInt8](repeating: 0, count: size)
        var ids: [Int64] = [], rowids: [Int] = []
        while let row = try rows.next() {
            if let openAt, DirectorySearch.isOpen(hours: row[3], zone: row[4], at: openAt) == false { continue }
            let rowid = Int(row[1] as Int64)
            guard rowid >= 0 && rowid < size else { continue }
            ids.append(row[0])
            rowids.append(rowid)
            tiers[rowid] = UInt8(row[2] as Int64)
        }
        if !text.isShort {
            try text.refine(&tiers, survivors: Array(Set(rowids)).map(Int64.init), db: db)
        }
        // Tier first, name order within a tier (a stable bucket per tier, as the index does).
        var buckets = Array(repeating: [Int64](), count: 256)
        for (id, rowid) in zip(ids, rowids) { buckets[Int(tiers[rowid])].append(id) }
        return try page(buckets.flatMap { $0 }, openAt: openAt)
    }

    /// Runs `body` with SQLite's starting page cache (2 MB), then puts the open directory's cache back.
    ///
    /// One search reads a few thousand pages once. Under the 32 MiB cache an open directory keeps for
    /// its edits, each of them would be copied into a newly allocated page the kernel must first zero
    /// (the `sqlite3` command takes 9 ms longer over 100,000 services with that cache); a small cache
    /// reuses its pages. Reading the file through a memory map instead was tried and measured slower
    /// (34 ms against 26 ms for a whole `waymark search` over 100,000 services): each first touch of
    /// a page faults, and the map is torn down at exit.
    static func withOneTimePages<Answer>(_ db: Database, _ body: () throws -> Answer) throws -> Answer {
        try db.execute(sql: "PRAGMA cache_size = -2000")
        defer { try? db.execute(sql: "PRAGMA cache_size = -\(DirectoryStore.defaultCacheKiB)") }
        return try body()
    }

    /// The page of `matched` (search-entry ids in result order) the query asks for, and their total.
    private func page(_ matched: [Int64], openAt: ((String) -> LocalMoment)?) throws -> SearchResults {
        try DirectorySearch.page(Array(matched.dropFirst(query.offset).prefix(query.limit)), total: matched.count, query: query,
                                 openAt: openAt, store: store, db: db, now: now)
    }

    /// The SQL of the candidate services (`rowid`, tier mark) for the words of `text`, and its
    /// arguments; nil when there is no text. The tiers are `TextMatch.candidates`' own.
    private func candidateTiers(_ text: TextMatch) throws -> (String, [DatabaseValueConvertible?])? {
        guard !text.isEmpty else { return nil }
        let words = "(" + text.tokens.map { TextMatch.quoted($0) + "*" }.joined(separator: " AND ") + ")"
        let match = "SELECT rowid AS service, ? AS tier FROM service_fts WHERE service_fts MATCH ?"
        func mark(_ tier: TextMatch.Tier) -> Int { Int(tier.mark) }
        if text.isShort {
            return (match, [mark(.serviceName), "{name alternate_name organization_name organization_alternate_name} : \(words)"])
        }
        var parts = [match]
        var arguments: [DatabaseValueConvertible?] = [mark(.description), words]
        if text.tokens.allSatisfy({ $0.count >= 3 }) {
            let found = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM service_fts WHERE service_fts MATCH ?)", arguments: [words]) ?? false
            if !found || text.tokens.contains(where: TextMatch.hasUnspacedScript) {
                parts.append("SELECT rowid, ? FROM service_trigram WHERE service_trigram MATCH ?")
                arguments += [mark(.substring), text.tokens.map(TextMatch.quoted).joined(separator: " AND ")]
            }
        }
        if text.tokens.count == 1, let type = TextMatch.serviceType(named: text.tokens[0]) {
            parts.append("""
                SELECT s.rowid, ? FROM service_facet f JOIN service s ON s.id = f.service_id
                WHERE f.taxonomy = 'waymark-service-type' AND f.code = ?
                """)
            arguments += [mark(.serviceType), type]
        }
        if parts.count == 1 { return (match, arguments) }
        return ("SELECT service, MIN(tier) FROM (" + parts.joined(separator: " UNION ALL ") + ") GROUP BY service", arguments)
    }

    /// The facets of the query as a condition on `search_entry e`, and its arguments: what `SearchIndex.filter` checks.
    ///
    /// - Parameter statusIndexed: whether the planner may use the index on status when it is the only facet (false for a walk in name order).
    private func facetFilter(statusIndexed: Bool = true) -> (String, [DatabaseValueConvertible?]) {
        var conditions: [String] = ["1"]
        var arguments: [DatabaseValueConvertible?] = []

        if !query.serviceTypes.isEmpty {
            conditions.append("""
                EXISTS (SELECT 1 FROM service_facet f WHERE f.taxonomy = 'waymark-service-type'
                        AND f.code IN (\(query.serviceTypes.map { _ in "?" }.joined(separator: ", "))) AND f.service_id = e.service_id)
                """)
            arguments += query.serviceTypes
        }
        if let sex = query.sex, let bit = ["female": 1, "male": 2, "other": 4][sex] {
            conditions.append("(e.sex_mask & 255 = 0 OR e.sex_mask & ? != 0)")
            arguments.append(bit)
        }
        if let age = query.age {
            conditions.append("(e.minimum_age IS NULL OR e.minimum_age <= ?) AND (e.maximum_age IS NULL OR e.maximum_age >= ?)")
            arguments += [Double(age), Double(age)]
        }
        if let language = query.language?.lowercased() {
            conditions.append("""
                (EXISTS (SELECT 1 FROM language l WHERE l.service_id = e.service_id AND l.code IS NOT NULL AND lower(l.code) = ?)
                 OR EXISTS (SELECT 1 FROM language l WHERE l.location_id = e.location_id AND l.code IS NOT NULL AND lower(l.code) = ?))
                """)
            arguments += [language, language]
        }
        if let area = query.area {
            // Located at or below the area, or covering it or one of its ancestors (known areas only).
            conditions.append("""
                (e.pcode IN (SELECT pcode FROM area_ancestor WHERE ancestor = ?)
                 OR EXISTS (SELECT 1 FROM service_area sa WHERE sa.service_id = e.service_id AND sa.extent_type = 'pcode'
                            AND sa.extent IN (SELECT y.ancestor FROM area_ancestor y JOIN area a ON a.pcode = y.ancestor WHERE y.pcode = ?)))
                """)
            arguments += [area, area]
        }
        if !query.includeInactive {
            // The index on status serves a count of every active entry alone (a pass over the table took
            // 0.5 s of a UI's start over 1,000,000 services); beside other facets, or for a walk in name
            // order, a table scan or the name index is faster, and `+` keeps the planner off it.
            conditions.append(statusIndexed && conditions.count == 1 ? "e.status = 'active'" : "+e.status = 'active'")
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}
