import Foundation
import GRDB

extension DirectoryStore {
    /// How old a verification may be before it is flagged stale (the SOP's default).
    public static let staleAfterDays = 180

    /// Finds service-at-locations matching `query`, ordered by text relevance, then name, then ids.
    ///
    /// - Parameter clock: today's date for staleness, and the instant for `.instant` queries.
    public func search(_ query: SearchQuery, clock: any TimeSource = SystemTime()) throws -> SearchResults {
        try writer.read { db in try DirectorySearch(db: db, query: query, now: clock.now()).run() }
    }
}

/// One search run against an open database.
struct DirectorySearch {
    let db: Database
    let query: SearchQuery
    let now: Date

    func run() throws -> SearchResults {
        try validate()
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        // Text: the full-text indexes give the matching services and their rank; the facets
        // are then applied in SQL to those services only.
        let text = TextMatch(query.text)
        var ranks: [Int64: Double] = [:]
        if text.isEmpty == false {
            ranks = try text.ranks(db)
            if ranks.isEmpty { return SearchResults(results: [], total: 0) }
            conditions.append("e.service_rowid IN (SELECT value FROM json_each(?))")
            arguments.append("[" + ranks.keys.map(String.init).joined(separator: ",") + "]")
        }
        if !query.includeInactive { conditions.append("e.status = 'active'") }
        if let area = query.area {
            conditions.append("""
                (e.pcode IN (SELECT pcode FROM area_ancestor WHERE ancestor = ?)
                 OR e.service_id IN (SELECT sa.service_id FROM service_area sa JOIN area_ancestor aa ON aa.ancestor = sa.extent
                                     WHERE sa.extent_type = 'pcode' AND aa.pcode = ?))
                """)
            arguments.append(area)
            arguments.append(area)
        }
        if !query.serviceTypes.isEmpty {
            let marks = Array(repeating: "?", count: query.serviceTypes.count).joined(separator: ", ")
            conditions.append("e.service_id IN (SELECT service_id FROM service_facet WHERE taxonomy = 'waymark-service-type' AND code IN (\(marks)))")
            arguments.append(contentsOf: query.serviceTypes as [any DatabaseValueConvertible])
        }
        if let sex = query.sex {
            let bit = ["female": 1, "male": 2, "other": 4][sex] ?? 0
            conditions.append("(e.sex_mask = 0 OR (e.sex_mask & ?) <> 0)")
            arguments.append(bit)
        }
        if let age = query.age {
            conditions.append("(e.minimum_age IS NULL OR e.minimum_age <= ?) AND (e.maximum_age IS NULL OR e.maximum_age >= ?)")
            arguments.append(age)
            arguments.append(age)
        }
        if let language = query.language {
            conditions.append("""
                (e.service_id IN (SELECT service_id FROM language WHERE lower(code) = lower(?))
                 OR e.location_id IN (SELECT location_id FROM language WHERE lower(code) = lower(?)))
                """)
            arguments.append(language)
            arguments.append(language)
        }
        let openFunction = OpenAtFunction(query.openAt)
        if let function = openFunction {
            db.add(function: function.function)
            conditions.append("\(function.name)(e.hours, e.timezone) IS NOT 0")
        }
        defer { if let function = openFunction { db.remove(function: function.function) } }

        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let statementArguments = StatementArguments(arguments.map { $0.databaseValue })
        let openColumn = openFunction.map { ", \($0.name)(e.hours, e.timezone) AS open_now" } ?? ""
        let rows: [Row]
        let total: Int
        if text.isEmpty {
            total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_entry e \(whereClause)", arguments: statementArguments) ?? 0
            rows = try Row.fetchAll(db, sql: """
                SELECT e.* \(openColumn) FROM search_entry e \(whereClause)
                ORDER BY e.service_name, e.service_id, e.location_id LIMIT ? OFFSET ?
                """, arguments: statementArguments + [query.limit, query.offset])
        } else {
            // Order by rank, then name, then ids, in memory: the matched set is already small
            // enough to hold, and SQLite cannot sort by a rank it did not compute.
            var keys = try Row.fetchAll(db, sql: """
                SELECT e.id, e.service_rowid, e.service_name, e.service_id, e.location_id FROM search_entry e \(whereClause)
                """, arguments: statementArguments).map { row in
                    SortKey(id: row[0], rank: ranks[row[1]] ?? 0, name: row[2], serviceID: row[3], locationID: row[4] ?? "")
                }
            total = keys.count
            keys.sort()
            let page = keys.dropFirst(query.offset).prefix(query.limit)
            guard !page.isEmpty else { return SearchResults(results: [], total: total) }
            let ids = page.map(\.id)
            let fetched = try Row.fetchAll(db, sql: """
                SELECT e.* \(openColumn) FROM search_entry e WHERE e.id IN (SELECT value FROM json_each(?))
                """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
            var byID: [Int64: Row] = [:]
            for row in fetched { byID[row["id"]] = row }
            rows = ids.compactMap { byID[$0] }
        }
        return SearchResults(results: try ResultDetails(db: db, now: now).results(for: rows, timeAsked: openFunction != nil),
                             total: total)
    }

    /// How text results are ordered: rank, then name, then service id, then location id.
    private struct SortKey: Comparable {
        let id: Int64
        let rank: Double
        let name: String
        let serviceID: String
        let locationID: String

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.rank, a.name, a.serviceID, a.locationID) < (b.rank, b.name, b.serviceID, b.locationID)
        }
    }

    private func validate() throws {
        if let area = query.area,
           try Int.fetchOne(db, sql: "SELECT 1 FROM area WHERE pcode = ?", arguments: [area]) == nil {
            throw SearchError.unknownArea(area)
        }
        for type in query.serviceTypes where !Vocabulary.serviceTypes.contains(type) {
            throw SearchError.unknownServiceType(type)
        }
        if let sex = query.sex, !Vocabulary.sexes.contains(sex) { throw SearchError.unknownSex(sex) }
        if let age = query.age, !(0...130).contains(age) { throw SearchError.ageOutOfRange(age) }
    }
}

/// The full-text part of a search: user words quoted so that nothing in them is FTS syntax.
struct TextMatch {
    /// The words, as typed, without punctuation-only tokens.
    let tokens: [String]

    init(_ text: String) {
        tokens = Sanitized.text(text)
            .split(whereSeparator: { $0.isWhitespace })
            .map(String.init)
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
    }

    /// Whether there is no word to search for.
    var isEmpty: Bool { tokens.isEmpty }

    /// Matching service rowids with their rank (lower is better): word-prefix matches ranked by
    /// bm25, trigram (substring) matches after them, a service type named by the word first.
    func ranks(_ db: Database) throws -> [Int64: Double] {
        var ranks: [Int64: Double] = [:]
        func merge(_ sql: String, _ argument: String) throws {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: [argument])
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let rank: Double = row[1]
                if let existing = ranks[id], existing <= rank { continue }
                ranks[id] = rank
            }
        }
        let words = tokens.map { TextMatch.quoted($0) + "*" }.joined(separator: " AND ")
        try merge("SELECT rowid, bm25(service_fts, 10.0, 6.0, 1.0, 4.0, 3.0, 0.5) FROM service_fts WHERE service_fts MATCH ?", words)
        // Trigrams find a word inside text written without spaces (Thai, Chinese); they need 3+ characters.
        if tokens.allSatisfy({ $0.count >= 3 }) {
            try merge("SELECT rowid, 1000.0 FROM service_trigram WHERE service_trigram MATCH ?",
                      tokens.map(TextMatch.quoted).joined(separator: " AND "))
        }
        // A single word that names a service type ("shelter", "shelters", "legal") also finds
        // every service of that type, ranked first: what a responder typing it is looking for.
        if tokens.count == 1, let type = TextMatch.serviceType(named: tokens[0]) {
            try merge("""
                SELECT s.rowid, -1000.0 FROM service s JOIN service_facet f ON f.service_id = s.id
                WHERE f.taxonomy = 'waymark-service-type' AND f.code = ?
                """, type)
        }
        return ranks
    }

    /// The service-type code a word names (`shelters` → `shelter`), if any.
    static func serviceType(named word: String) -> String? {
        let lower = word.lowercased()
        let singular = lower.hasSuffix("s") ? String(lower.dropLast()) : lower
        return Vocabulary.serviceTypes.first { $0 == lower || $0 == singular }
    }

    /// An FTS5 string literal: the text in double quotes, inner quotes doubled.
    static func quoted(_ token: String) -> String {
        "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The SQL function that says whether an entry is open at the asked time (1, 0 or NULL).
struct OpenAtFunction {
    let name = "wm_open_at"
    let function: DatabaseFunction

    init?(_ openAt: SearchQuery.OpenAt?) {
        guard let openAt else { return nil }
        let zoneMoments = ZoneMoments(openAt)
        function = DatabaseFunction("wm_open_at", argumentCount: 2, pure: false) { values in
            guard let code = String.fromDatabaseValue(values[0]), !code.isEmpty else { return nil }
            let zone = String.fromDatabaseValue(values[1]) ?? "UTC"
            let moment = zoneMoments.moment(in: zone)
            return WeeklyHours(code: code).isOpen(day: moment.day, minute: moment.minute).map { $0 ? 1 : 0 }
        }
    }
}

/// The local moment an open-at query means in each time zone.
final class ZoneMoments: @unchecked Sendable {
    private let openAt: SearchQuery.OpenAt
    private var cache: [String: LocalMoment] = [:]
    private let lock = NSLock()

    init(_ openAt: SearchQuery.OpenAt) { self.openAt = openAt }

    func moment(in zone: String) -> LocalMoment {
        switch openAt {
        case .wallClock(let moment):
            return moment
        case .instant(let date):
            lock.lock()
            defer { lock.unlock() }
            if let cached = cache[zone] { return cached }
            let moment = LocalMoment(date, in: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC") ?? .current)
            cache[zone] = moment
            return moment
        }
    }
}
