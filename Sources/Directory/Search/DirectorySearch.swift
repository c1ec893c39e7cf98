import Foundation
import GRDB

extension DirectoryStore {
    /// How old a verification may be before it is flagged stale, unless the SOP file's `stale_after_days` says otherwise.
    public static let defaultStaleAfterDays = 180

    /// How many days a verification holds before search, detail and routing flag it stale and the
    /// verification queue lists it: the home's SOP setting, set when the home opens the directory.
    public var staleAfterDays: Int {
        get { staleDays.value }
        set { staleDays.value = max(1, newValue) }
    }

    /// The day (`YYYY-MM-DD`, UTC) before which a verification is stale, seen from `now`.
    public func staleBefore(_ now: Date) -> String {
        VerificationDates.dayText(now.addingTimeInterval(-Double(staleAfterDays) * 86_400))
    }

    /// The in-memory search index for the current version of the directory, built on first use after an import or edit.
    ///
    /// Built or patched only from stored search tables that pass their check (`SearchTables.Unusable` otherwise).
    func searchIndex(_ db: Database) throws -> SearchIndex {
        let current = try DirectoryStore.dataVersion(db)
        if let cached = indexCache.value {
            if cached.importID == current { return cached }
            try SearchTables.check(db)
            // After edits: only the changed services' entries are read again.
            if let changed = try DirectoryStore.changedServices(db, from: cached.importID, to: current),
               let patched = try SearchIndex.patched(cached, version: current, changed: changed, db: db) {
                indexCache.value = patched
                return patched
            }
        } else {
            try SearchTables.check(db)
        }
        let built = try SearchIndex(db)
        indexCache.value = built
        textCache.value = readWords(db, version: built.importID)
        return built
    }

    /// The words of the full-text index read in `db` at `version`; nil, remembered for that version,
    /// when they cannot be read (SQLite then matches the text).
    func readWords(_ db: Database, version: Int64) -> TextIndex? {
        if let read = (try? TextIndex.read(db)) ?? nil { return read }
        textUnreadable.value = version
        return nil
    }

    /// The words of the full-text index at `version`: those read at it, or those read before brought
    /// up to it when only edits came between (`TextIndex.patched`). Otherwise nil (SQLite matches the
    /// text), and they are read again: in the background for a store with a file (after an import or a
    /// merge; about 4 s over 1,000,000 services), at once for one in memory.
    ///
    /// The background read holds one read for as long as it runs: an edit saved meanwhile waits for it.
    func words(_ db: Database, version: Int64) -> TextIndex? {
        if let cached = textCache.value {
            if cached.version == version { return cached }
            // After edits: only the changed services' words are folded again (a millisecond or two).
            if cached.version < version, let patched = (try? cached.patched(db)) ?? nil, patched.version == version {
                textCache.withLock { current in
                    if current.map({ $0.version < patched.version }) ?? true { current = patched }
                }
                return patched
            }
        }
        if textUnreadable.value == version { return nil }
        guard hasFile else {
            let read = readWords(db, version: version)
            textCache.value = read
            return read
        }
        // A background build of the whole index reads the words too.
        guard !indexBuilding.value, textBuilding.withLock({ building in
            defer { building = true }
            return !building
        }) else { return nil }
        let cache = textCache, building = textBuilding, unreadable = textUnreadable
        readInBackground({ db in (try DirectoryStore.dataVersion(db), try TextIndex.read(db)) }) { read in
            defer { building.value = false }
            guard let (version, words) = read else { return }
            guard let words else {
                unreadable.value = version
                return
            }
            cache.withLock { current in
                if current.map({ $0.version < words.version }) ?? true { current = words }
            }
        }
        return nil
    }

    /// Finds service-at-locations matching `query`, ordered by text relevance, then name, then ids.
    ///
    /// Stored search tables that are stale or damaged are rebuilt first (one write), with a notice
    /// (`noticeHandler`); they are never searched as they are.
    ///
    /// - Parameters:
    ///   - clock: today's date for staleness, and the instant for `.instant` queries.
    ///   - path: the in-memory index or the stored tables; both give the same answers.
    public func search(_ query: SearchQuery, clock: any TimeSource = SystemTime(), path: SearchPath = .automatic) throws -> SearchResults {
        let now = clock.now()
        let stored: Bool
        switch path {
        case .memory: stored = false
        case .stored: stored = true
        case .automatic:
            stored = indexCache.value == nil && (hasFile || searchesAnswered.withLock { count in count += 1; return count == 1 })
        }
        let results = try readingSearchTables { db in
            stored ? try StoredSearch.withOneTimePages(db) { try StoredSearch(store: self, db: db, query: query, now: now).run() }
                : try DirectorySearch(store: self, db: db, query: query, now: now).run()
        }
        // After the answer, so that the first frame does not share the machine with the build.
        if stored && path == .automatic { buildIndexInBackground() }
        return results
    }

    /// Whether the in-memory index is being built in the background (for a benchmark that must not time two at once).
    public var isBuildingIndex: Bool { indexBuilding.value }

    /// Whether the store has a file, which a second connection can read to build the index in the background.
    var hasFile: Bool {
        let path = writer.path
        return !path.isEmpty && path != ":memory:" && !path.hasPrefix("file::memory:")
    }

    /// Starts building the in-memory index on a connection and a thread of its own, unless one is
    /// under way or the store has no file (in memory: it builds the index on its second search).
    ///
    /// A UI answers from the stored tables until the index and the full-text words are ready (about 1 s
    /// after the first frame over 100,000 services, 15 s over 1,000,000), so no keystroke waits for them; the index is then taken
    /// up by the next search, and brought up to date there with any edit made meanwhile. The build holds
    /// one read for as long as it runs: a write meanwhile, from this process or another, waits for it.
    func buildIndexInBackground() {
        guard hasFile, indexBuilding.withLock({ building in
            defer { building = true }
            return !building
        }) else { return }
        let cache = indexCache, words = textCache, building = indexBuilding, discards = indexDiscards
        let discardsBefore = discards.value
        readInBackground({ db -> (SearchIndex, TextIndex?) in
            try SearchTables.check(db)
            return (try SearchIndex(db), (try? TextIndex.read(db)) ?? nil)
        }) { read in
            defer { building.value = false }
            guard let (built, text) = read else { return }
            // Installed under the discard count's lock, so that a merge throwing the index away in between wins.
            discards.withLock { count in
                guard count == discardsBefore else { return }
                cache.withLock { current in
                    if current.map({ $0.importID < built.importID }) ?? true { current = built }
                }
                guard let text else { return }
                words.withLock { current in
                    if current.map({ $0.version < text.version }) ?? true { current = text }
                }
            }
        }
    }

    /// Runs `body` in one read on a read-only connection and a thread of their own, then hands its
    /// answer (nil when it failed) to `done` on that thread.
    private func readInBackground<Answer: Sendable>(_ body: @escaping @Sendable (Database) throws -> Answer,
                                                    done: @escaping @Sendable (Answer?) -> Void) {
        let path = writer.path
        Thread.detachNewThread {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(DirectoryStore.busyTimeout)
            let reader = try? DatabaseQueue(path: path, configuration: configuration)
            done(reader.flatMap { try? $0.read(body) })
        }
    }

    /// Runs `body` in a read; when it finds the stored search tables unusable (`SearchTables.Unusable`),
    /// rebuilds them with a notice, forgets the index and snapshot made from them, and runs it again.
    func readingSearchTables<Answer>(_ body: (Database) throws -> Answer) throws -> Answer {
        do {
            return try writer.read(body)
        } catch let unusable as SearchTables.Unusable {
            notice("waymark: \(unusable); rebuilding them (a large directory takes a few seconds)")
            try writer.write { db in try SearchTables.rebuildIfUnusable(db) }
            forgetIndex()
            snapshotCache.value = nil
            return try writer.read(body)
        }
    }

    /// Tells the person at the machine something they did not ask for (`noticeHandler`, else standard error).
    func notice(_ message: String) {
        if let handler = noticeHandler.value {
            handler(message)
        } else {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }
}

/// One search run against an open database.
struct DirectorySearch {
    let store: DirectoryStore
    let db: Database
    let query: SearchQuery
    let now: Date

    func run() throws -> SearchResults {
        try DirectorySearch.validate(query, db: db)
        let index = try store.searchIndex(db)
        let text = TextMatch(query.text)
        var refined = text.isShort
        var positions: Bitset?
        let words = TextIndex.canMatch(text.tokens) ? store.words(db, version: index.importID) : nil
        var tiers = text.isEmpty ? nil : try text.candidates(db, index: index, words: words, refined: &refined, positions: &positions)
        let zoneMoments = query.openAt.map(ZoneMoments.init)
        let openAt: ((String) -> LocalMoment)? = zoneMoments.map { zones in { zones.moment(in: $0) } }
        var matches = index.filter(query, text: positions ?? tiers.map { index.positions(matching: $0) }, openAt: openAt)
        if var known = tiers, !text.isShort {
            if !refined {
                try text.refine(&known, survivors: Array(Set(matches.map { index.serviceRowids[$0] })), db: db)
            } else if let named = TextMatch.fewNamedSurvivors(matches, tiers: known, index: index) {
                // The words told the names apart as FTS5 does, which the stored tables do only beyond a few
                // survivors; below, they compare folded names (`refine`), and so does this path, so both agree.
                for rowid in named { known[Int(rowid)] = TextMatch.Tier.description.mark }
                try text.refine(&known, survivors: named, db: db)
            }
            tiers = known
        }
        if let tiers {
            // Tier first; entries are already in name-then-id order, so a stable bucket per tier
            // keeps that order within each tier (linear, where a sort was n log n).
            var buckets = Array(repeating: [Int](), count: 256)
            for position in matches { buckets[Int(tiers[Int(index.serviceRowids[position])])].append(position) }
            matches = buckets.flatMap { $0 }
        }
        let page = matches.dropFirst(query.offset).prefix(query.limit).map { index.entryIDs[$0] }
        return try DirectorySearch.page(page, total: matches.count, query: query, openAt: openAt, store: store, db: db, now: now)
    }

    /// The results of one page of search entries (`ids`, in result order) out of `total` matches.
    ///
    /// - Parameter openAt: the local moment in a time zone, when the query asks about opening hours.
    static func page(_ ids: [Int64], total: Int, query: SearchQuery, openAt: ((String) -> LocalMoment)?, store: DirectoryStore, db: Database,
                     now: Date) throws -> SearchResults {
        guard !ids.isEmpty else { return SearchResults(results: [], total: total) }
        let fetched = try Row.fetchAll(db, sql: "SELECT e.* FROM search_entry e WHERE e.id IN (SELECT value FROM json_each(?))",
                                       arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        var byID: [Int64: Row] = [:]
        for row in fetched { byID[row["id"]] = row }
        // Whether each listed service is open: at the asked time, or else now (so a list can
        // mark what is closed right now even when it does not filter on it).
        let asked = openAt ?? { zone in LocalMoment(now, in: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC") ?? .current) }
        var open: [Int64: Bool?] = [:]
        for (id, row) in byID { open[id] = isOpen(hours: row["hours"], zone: row["timezone"], at: asked) }
        var results = try ResultDetails(db: db, now: now, staleBefore: store.staleBefore(now)).results(for: ids.compactMap { byID[$0] }, open: open)
        if openAt == nil { for i in results.indices { results[i].timeAsked = false } }
        return SearchResults(results: results, total: total)
    }

    /// Whether an entry with these weekly hours (`WeeklyHours` code) in this time zone is open at the asked moment; nil when its hours are unknown.
    static func isOpen(hours code: String, zone: String, at moment: (String) -> LocalMoment) -> Bool? {
        let hours = WeeklyHours(code: code)
        guard hours.isKnown else { return nil }
        let local = moment(zone)
        return hours.isOpen(day: local.day, minute: local.minute)
    }

    /// Throws `SearchError` when `query` names an area, type or sex the directory does not know, or an impossible age.
    static func validate(_ query: SearchQuery, db: Database) throws {
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

    /// Whether every word is one or two letters (a responder starting to type).
    var isShort: Bool { tokens.allSatisfy { $0.count <= 2 } }

    /// Whether there is no word to search for.
    var isEmpty: Bool { tokens.isEmpty }

    /// Relevance tiers, best first: what a word names, then where in the entry the words stand.
    enum Tier: Int, Comparable {
        /// The single word names the service's type ("shelter", "legal").
        case serviceType
        /// Every word starts a word of the service's name or alternate name.
        case serviceName
        /// ... of the organization's name or alternate name.
        case organizationName
        /// ... of a description.
        case description
        /// Found only inside a longer run of letters (trigram), for scripts written without spaces.
        case substring

        static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

        /// The tier as the tiers arrays hold it: its raw value plus one (0 is no match).
        var mark: UInt8 { UInt8(rawValue + 1) }
    }

    /// Matching services' relevance tiers, indexed by service rowid: 0 for no match, else the
    /// tier's raw value plus one.
    ///
    /// Relevance is a tier a responder can be told, not an opaque score: a service whose
    /// type the word names comes first, then matches in the service's name, the
    /// organization's name, the descriptions, and substring matches last. Within a tier,
    /// results are ordered by name, then ids.
    ///
    /// - Parameters:
    ///   - words: the words of the full-text index in memory, when read at the index's version;
    ///     then words of plain letters and digits are matched there, and not by SQLite.
    ///   - refined: set when the names' tiers are already told apart (`refine` has nothing to do).
    ///   - positions: set to the positions of the matched services' entries, when found on the way.
    func candidates(_ db: Database, index: SearchIndex, words: TextIndex? = nil, refined: inout Bool,
                    positions: inout Bitset?) throws -> [UInt8] {
        var found = false
        if let words, var tiers = words.marks(tokens, namesOnly: isShort, size: index.firstPosition.count) {
            // The marks become tiers in place, and the matched services' entries are noted on the way.
            let serviceName = Tier.serviceName.mark, organizationName = Tier.organizationName.mark
            let description = Tier.description.mark
            let short = isShort
            let matched = index.tiers(fromMarks: &tiers) { mark in
                short || mark & TextIndex.Mark.serviceName != 0 ? serviceName
                    : mark & TextIndex.Mark.organizationName != 0 ? organizationName : description
            }
            found = tiers.contains { $0 != 0 }
            refined = true
            // Plain letters and digits are never a script written without spaces: trigrams only for a word not found.
            if !isShort && !found && tokens.allSatisfy({ $0.count >= 3 }) {
                // The substring matches' positions are read from the tiers.
                try collectTrigrams(db, into: &tiers, found: &found)
            } else {
                positions = matched
            }
            if !isShort, let typed = markServiceType(index: index, tiers: &tiers) {
                positions = positions?.union(typed)
            }
            return tiers
        }
        var tiers = [UInt8](repeating: 0, count: index.firstPosition.count)
        let words = "(" + tokens.map { TextMatch.quoted($0) + "*" }.joined(separator: " AND ") + ")"
        let match = "SELECT rowid FROM service_fts WHERE service_fts MATCH ?"
        if isShort {
            // One or two letters, as a responder starts typing: names only, in one pass. A
            // description word starting with "s" says nothing, and would cost three passes
            // over most of the directory on every first keystroke.
            try collect(db, match, "{name alternate_name organization_name organization_alternate_name} : \(words)", as: .serviceName,
                        into: &tiers, found: &found)
            return tiers
        }
        try collect(db, match, words, as: .description, into: &tiers, found: &found)
        // Trigrams find a word inside text written without spaces (Thai, Chinese, Khmer); they
        // need 3+ characters, and are only consulted when the words alone cannot be found.
        if tokens.allSatisfy({ $0.count >= 3 }) && (!found || tokens.contains(where: TextMatch.hasUnspacedScript)) {
            try collectTrigrams(db, into: &tiers, found: &found)
        }
        markServiceType(index: index, tiers: &tiers)
        return tiers
    }

    /// Marks the services `sql` returns (one rowid column; one argument) with `tier`, where not marked better.
    private func collect(_ db: Database, _ sql: String, _ argument: String, as tier: Tier, into tiers: inout [UInt8],
                         found: inout Bool) throws {
        let mark = tier.mark
        let ids = try Int64.fetchCursor(db, sql: sql, arguments: [argument])
        while let id = try ids.next() {
            let i = Int(id)
            guard i >= 0 && i < tiers.count else { continue }
            if tiers[i] == 0 || mark < tiers[i] { tiers[i] = mark }
            found = true
        }
    }

    /// Marks the services whose names hold the words inside a longer run of letters (trigrams), where not marked better.
    private func collectTrigrams(_ db: Database, into tiers: inout [UInt8], found: inout Bool) throws {
        try collect(db, "SELECT rowid FROM service_trigram WHERE service_trigram MATCH ?", tokens.map(TextMatch.quoted).joined(separator: " AND "),
                    as: .substring, into: &tiers, found: &found)
    }

    /// A single word that names a service type ("shelter", "shelters", "legal") also finds every
    /// service of that type, ranked first: what a responder typing it is looking for. Answers the
    /// entries of that type, or nil when the word names none.
    @discardableResult
    private func markServiceType(index: SearchIndex, tiers: inout [UInt8]) -> Bitset? {
        guard tokens.count == 1, let type = TextMatch.serviceType(named: tokens[0]), let positions = index.types[type] else { return nil }
        let mark = Tier.serviceType.mark
        positions.forEach { i in tiers[Int(index.serviceRowids[i])] = mark }
        return positions
    }

    /// Sorts word matches into the service-name, organization-name and description tiers.
    ///
    /// Only the matches that passed the facets matter. When they are few (the usual case
    /// once a facet is set), their names are read and compared in memory; otherwise two
    /// column-filtered passes over the index do it.
    func refine(_ tiers: inout [UInt8], survivors: [Int64], db: Database) throws {
        let description = Tier.description.mark
        let candidates = survivors.filter { Int($0) < tiers.count && tiers[Int($0)] == description }
        guard !candidates.isEmpty else { return }
        if candidates.count <= TextMatch.foldedRefineLimit {
            let parts = TextMatch.words(tokens.joined(separator: " "))
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.rowid, s.name, s.alternate_name, o.name, o.alternate_name FROM service s
                LEFT JOIN organization o ON o.id = s.organization_id WHERE s.rowid IN (SELECT value FROM json_each(?))
                """, arguments: ["[" + candidates.map(String.init).joined(separator: ",") + "]"])
            for row in rows {
                let id = Int(row[0] as Int64)
                let service = TextMatch.words([row[1], row[2]].compactMap { $0 as String? }.joined(separator: " "))
                let organization = TextMatch.words([row[3], row[4]].compactMap { $0 as String? }.joined(separator: " "))
                func allFound(in words: [String]) -> Bool { parts.allSatisfy { part in words.contains { $0.hasPrefix(part) } } }
                if allFound(in: service) {
                    tiers[id] = Tier.serviceName.mark
                } else if allFound(in: organization) {
                    tiers[id] = Tier.organizationName.mark
                }
            }
            return
        }
        let words = "(" + tokens.map { TextMatch.quoted($0) + "*" }.joined(separator: " AND ") + ")"
        for (columns, tier) in [("{organization_name organization_alternate_name}", Tier.organizationName),
                                ("{name alternate_name}", Tier.serviceName)] {
            let mark = tier.mark
            let ids = try Int64.fetchCursor(db, sql: "SELECT rowid FROM service_fts WHERE service_fts MATCH ?",
                                            arguments: ["\(columns) : \(words)"])
            while let id = try ids.next() {
                let i = Int(id)
                if i < tiers.count && tiers[i] != 0 && mark < tiers[i] { tiers[i] = mark }
            }
        }
    }

    /// Up to this many word matches that passed the facets have their names compared in memory (`refine`).
    static let foldedRefineLimit = 200

    /// The distinct services among `matches` (entry positions, in index order) whose tier is a name's or
    /// a description's, when there are no more than `foldedRefineLimit`; nil when there are more.
    static func fewNamedSurvivors(_ matches: [Int], tiers: [UInt8], index: SearchIndex) -> [Int64]? {
        let named = Tier.serviceName.mark...Tier.description.mark
        var found: [Int64] = []
        var last: Int64 = -1
        // A service's entries are next to each other in the index, and so among the matches.
        for position in matches {
            let rowid = index.serviceRowids[position]
            guard rowid != last else { continue }
            last = rowid
            guard Int(rowid) < tiers.count, named.contains(tiers[Int(rowid)]) else { continue }
            found.append(rowid)
            if found.count > foldedRefineLimit { return nil }
        }
        return found
    }

    /// Words as the word index sees them: case and diacritics folded, split at anything
    /// that is not a letter or a digit.
    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Whether a word is written in a script that does not separate words with spaces.
    static func hasUnspacedScript(_ word: String) -> Bool {
        word.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0E00...0x0EFF, 0x0F00...0x0FFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF:
                return true
            default:
                return false
            }
        }
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

/// The local moment an open-at query means in each time zone.
struct ZoneMoments: Sendable {
    private let openAt: SearchQuery.OpenAt
    private let cache = LockBox<[String: LocalMoment]>([:])

    init(_ openAt: SearchQuery.OpenAt) { self.openAt = openAt }

    func moment(in zone: String) -> LocalMoment {
        switch openAt {
        case .wallClock(let moment):
            return moment
        case .instant(let date):
            return cache.withLock { cache in
                if let cached = cache[zone] { return cached }
                let moment = LocalMoment(date, in: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC") ?? .current)
                cache[zone] = moment
                return moment
            }
        }
    }
}
