import Foundation
import GRDB

/// A set of entry positions, one bit each.
struct Bitset: Sendable {
    private(set) var words: [UInt64]

    /// A set for `count` positions: empty, or holding every one of them.
    init(count: Int, all: Bool = false) {
        words = Array(repeating: all ? ~0 : 0, count: (count + 63) / 64)
        if all && count % 64 != 0, let last = words.indices.last { words[last] = (1 << UInt64(count % 64)) - 1 }
    }

    mutating func insert(_ position: Int) { words[position >> 6] |= 1 << UInt64(position & 63) }

    func contains(_ position: Int) -> Bool { words[position >> 6] & (1 << UInt64(position & 63)) != 0 }

    /// The positions in the set, in order.
    var positions: [Int] {
        var result: [Int] = []
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                result.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// The positions in either set.
    func union(_ other: Bitset) -> Bitset {
        var result = self
        for i in result.words.indices { result.words[i] |= other.words[i] }
        return result
    }

    /// Keeps only the positions also in `other`.
    mutating func formIntersection(_ other: Bitset) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    /// Runs `body` with the set's words, bit `p % 64` of word `p / 64` standing for position `p`.
    mutating func withUnsafeMutableWords<Answer>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> Answer) -> Answer {
        words.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Calls `body` with each position in the set, in order.
    func forEach(_ body: (Int) -> Void) {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}

/// The facts search filters on, for every search entry, held in memory as flat arrays.
///
/// Built once per import (about 0.3 s for 100,000 services) and kept by the store, so that
/// a query with text and several facets is a single pass over arrays rather than thousands
/// of index look-ups. Entries are kept in name order (name, service id, location id), so
/// results without text come out already ordered.
final class SearchIndex: Sendable {
    /// The version of the directory (import and edits, `DirectoryStore.dataVersion`) this index was built from.
    let importID: Int64
    /// Search-entry row ids, in name order.
    let entryIDs: [Int64]
    /// Each entry's service rowid (what the full-text indexes return).
    let serviceRowids: [Int64]
    let active: [Bool]
    let sexMask: [UInt8]
    /// Age bounds; NaN when there is none.
    let minimumAge: [Double]
    let maximumAge: [Double]
    /// Each entry's area, as an index into `areaCodes`; -1 when it has none.
    let area: [Int32]
    /// The areas each entry's service covers through `service_areas` (area indices).
    let coverage: [[Int32]]
    /// Each entry's weekly hours and time zone name.
    let hours: [WeeklyHours]
    /// Each entry's time zone, as an index into `zones`.
    let zone: [Int32]
    /// The distinct time zone names.
    let zones: [String]
    /// P-codes, and each area's ancestors (itself first), by area index.
    let areaCodes: [String]
    let areaIndex: [String: Int32]
    let ancestors: [[Int32]]
    /// Entries of each service type, implied parent types included.
    let types: [String: Bitset]
    /// Entries that speak each language code (lowercased; service or location languages).
    let languages: [String: Bitset]

    /// Where each service's entries start, by service rowid (-1: none). A service's entries
    /// are contiguous, since they share its name and id.
    let firstPosition: [Int32]
    /// How many entries each service has, by service rowid.
    let entryCount: [Int32]
    /// The active entries.
    let activeSet: Bitset
    /// `coverage` laid flat, for a pass over many entries: entry `i`'s areas are
    /// `coverageAreas[coverageStarts[i]..<coverageStarts[i + 1]]`.
    private let coverageStarts: [Int32]
    private let coverageAreas: [Int32]

    var count: Int { entryIDs.count }

    /// The positions of the entries of the services whose rowids `matched` marks (non-zero).
    func positions(matching matched: [UInt8]) -> Bitset {
        var set = Bitset(count: count)
        for rowid in 0..<min(matched.count, firstPosition.count) where matched[rowid] != 0 { insertEntries(of: rowid, into: &set) }
        return set
    }

    /// Adds the positions of the entries of the service with this rowid to `set`.
    func insertEntries(of rowid: Int, into set: inout Bitset) {
        guard rowid < firstPosition.count, firstPosition[rowid] >= 0 else { return }
        let start = Int(firstPosition[rowid])
        for position in start..<(start + Int(entryCount[rowid])) { set.insert(position) }
    }

    /// Turns text marks by service rowid into tiers in place (`tier` of each non-zero mark), and
    /// answers the positions of those services' entries: one pass, for up to a million services.
    func tiers(fromMarks marks: inout [UInt8], tier: (UInt8) -> UInt8) -> Bitset {
        var set = Bitset(count: count)
        set.withUnsafeMutableWords { words in
            firstPosition.withUnsafeBufferPointer { first in
                entryCount.withUnsafeBufferPointer { counts in
                    marks.withUnsafeMutableBufferPointer { marks in
                        for rowid in 0..<min(marks.count, first.count) where marks[rowid] != 0 {
                            marks[rowid] = tier(marks[rowid])
                            let start = Int(first[rowid])
                            guard start >= 0 else { continue }
                            for position in start..<(start + Int(counts[rowid])) {
                                words[position >> 6] |= 1 << UInt64(position & 63)
                            }
                        }
                    }
                }
            }
        }
        return set
    }

    /// An index from its columns (what patching an index after an edit makes).
    init(version: Int64, entryIDs: [Int64], serviceRowids: [Int64], active: [Bool], sexMask: [UInt8], minimumAge: [Double],
         maximumAge: [Double], area: [Int32], coverage: [[Int32]], hours: [WeeklyHours], zone: [Int32], zones: [String],
         areaCodes: [String], areaIndex: [String: Int32], ancestors: [[Int32]], types: [String: Bitset], languages: [String: Bitset]) {
        importID = version
        let maxRowid = Int(serviceRowids.max() ?? 0)
        var firstPosition = Array(repeating: Int32(-1), count: maxRowid + 1)
        var entryCount = Array(repeating: Int32(0), count: maxRowid + 1)
        for (position, rowid) in serviceRowids.enumerated() {
            if firstPosition[Int(rowid)] < 0 { firstPosition[Int(rowid)] = Int32(position) }
            entryCount[Int(rowid)] += 1
        }
        self.firstPosition = firstPosition
        self.entryCount = entryCount
        var activeSet = Bitset(count: active.count)
        for (position, isActive) in active.enumerated() where isActive { activeSet.insert(position) }
        self.activeSet = activeSet
        var coverageStarts: [Int32] = [], coverageAreas: [Int32] = []
        coverageStarts.reserveCapacity(coverage.count + 1)
        for areas in coverage {
            coverageStarts.append(Int32(coverageAreas.count))
            coverageAreas += areas
        }
        coverageStarts.append(Int32(coverageAreas.count))
        self.coverageStarts = coverageStarts
        self.coverageAreas = coverageAreas
        self.entryIDs = entryIDs
        self.serviceRowids = serviceRowids
        self.active = active
        self.sexMask = sexMask
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.area = area
        self.coverage = coverage
        self.hours = hours
        self.zone = zone
        self.zones = zones
        self.areaCodes = areaCodes
        self.areaIndex = areaIndex
        self.ancestors = ancestors
        self.types = types
        self.languages = languages
    }

    /// Builds the index from the derived tables.
    convenience init(_ db: Database) throws {
        let version = try DirectoryStore.dataVersion(db)
        var areaCodes: [String] = []
        var areaIndex: [String: Int32] = [:]
        for code in try String.fetchAll(db, sql: "SELECT pcode FROM area ORDER BY pcode") {
            areaIndex[code] = Int32(areaCodes.count)
            areaCodes.append(code)
        }
        var ancestors = Array(repeating: [Int32](), count: areaCodes.count)
        for row in try Row.fetchAll(db, sql: "SELECT pcode, ancestor FROM area_ancestor ORDER BY pcode, depth") {
            if let a = areaIndex[row[0] as String], let b = areaIndex[row[1] as String] { ancestors[Int(a)].append(b) }
        }
        var coverageOfService: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT service_id, extent FROM service_area WHERE extent_type = 'pcode' AND extent IS NOT NULL") {
            if let index = areaIndex[row[1] as String] { coverageOfService[row[0] as String, default: []].append(index) }
        }

        var entryIDs: [Int64] = [], serviceRowids: [Int64] = [], active: [Bool] = [], sexMask: [UInt8] = []
        var minimumAge: [Double] = [], maximumAge: [Double] = [], area: [Int32] = [], coverage: [[Int32]] = []
        var hours: [WeeklyHours] = [], zone: [Int32] = [], zones: [String] = [], zoneIndex: [String: Int32] = [:]
        var positionsOfService: [String: [Int]] = [:]
        var positionsOfLocation: [String: [Int]] = [:]
        var hoursCache: [String: WeeklyHours] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, service_rowid, service_id, location_id, status, sex_mask, minimum_age, maximum_age, pcode, hours, timezone
            FROM search_entry ORDER BY service_name, service_id, location_id
            """)
        while let row = try rows.next() {
            let position = entryIDs.count
            entryIDs.append(row[0])
            serviceRowids.append(row[1])
            let serviceID: String = row[2]
            positionsOfService[serviceID, default: []].append(position)
            if let location: String = row[3] { positionsOfLocation[location, default: []].append(position) }
            active.append((row[4] as String) == "active")
            sexMask.append(UInt8(truncatingIfNeeded: row[5] as Int64))
            minimumAge.append((row[6] as Double?) ?? .nan)
            maximumAge.append((row[7] as Double?) ?? .nan)
            area.append((row[8] as String?).flatMap { areaIndex[$0] } ?? -1)
            coverage.append(coverageOfService[serviceID] ?? [])
            let code: String = row[9]
            if let cached = hoursCache[code] {
                hours.append(cached)
            } else {
                let parsed = WeeklyHours(code: code)
                hoursCache[code] = parsed
                hours.append(parsed)
            }
            let zoneName: String = row[10]
            zone.append(SearchIndex.intern(zoneName, in: &zones, index: &zoneIndex))
        }
        let count = entryIDs.count

        var types: [String: Bitset] = [:]
        let facets = try Row.fetchCursor(db, sql: "SELECT code, service_id FROM service_facet WHERE taxonomy = 'waymark-service-type'")
        while let row = try facets.next() {
            guard let positions = positionsOfService[row[1] as String] else { continue }
            let code: String = row[0]
            var set = types[code] ?? Bitset(count: count)
            for position in positions { set.insert(position) }
            types[code] = set
        }
        var languages: [String: Bitset] = [:]
        let spoken = try Row.fetchCursor(db, sql: "SELECT lower(code), service_id, location_id FROM language WHERE code IS NOT NULL")
        while let row = try spoken.next() {
            let code: String = row[0]
            var positions = (row[1] as String?).flatMap { positionsOfService[$0] } ?? []
            positions += (row[2] as String?).flatMap { positionsOfLocation[$0] } ?? []
            guard !positions.isEmpty else { continue }
            var set = languages[code] ?? Bitset(count: count)
            for position in positions { set.insert(position) }
            languages[code] = set
        }

        self.init(version: version, entryIDs: entryIDs, serviceRowids: serviceRowids, active: active, sexMask: sexMask,
                  minimumAge: minimumAge, maximumAge: maximumAge, area: area, coverage: coverage, hours: hours, zone: zone,
                  zones: zones, areaCodes: areaCodes, areaIndex: areaIndex, ancestors: ancestors, types: types, languages: languages)
    }

    /// The positions of the entries that pass every facet of `query` (text aside), in name order.
    ///
    /// - Parameters:
    ///   - text: when the query has text, the positions of the entries it matched.
    ///   - openAt: the local moment in a time zone, when the query asks about opening hours.
    func filter(_ query: SearchQuery, text: Bitset?, openAt: ((String) -> LocalMoment)?) -> [Int] {
        var typeSet: Bitset?
        for code in query.serviceTypes {
            let set = types[code] ?? Bitset(count: count)
            typeSet = typeSet.map { $0.union(set) } ?? set
        }
        let languageSet = query.language.map { languages[$0.lowercased()] ?? Bitset(count: count) }
        let sexBit: UInt8 = query.sex.map { ["female": 1, "male": 2, "other": 4][$0] ?? 0 } ?? 0
        let age = query.age.map(Double.init)
        // Area: entries located at or below it, or whose service covers it or an ancestor of it.
        var withinArea: [Bool]?
        var coveringAreas: Set<Int32> = []
        if let code = query.area, let target = areaIndex[code] {
            var inside = Array(repeating: false, count: areaCodes.count)
            for (index, chain) in ancestors.enumerated() where chain.contains(target) { inside[index] = true }
            withinArea = inside
            coveringAreas = Set(ancestors[Int(target)])
        }
        let moments = openAt.map(self.moments)
        // The facets held as sets first, a word of 64 entries at a time; the rest entry by entry.
        var candidates = query.includeInactive ? (text ?? Bitset(count: count, all: true)) : activeSet
        for set in [query.includeInactive ? nil : text, typeSet, languageSet].compactMap({ $0 }) { candidates.formIntersection(set) }
        var matches: [Int] = []
        candidates.forEach { i in
            if sexBit != 0 && sexMask[i] != 0 && sexMask[i] & sexBit == 0 { return }
            if let age {
                if !minimumAge[i].isNaN && minimumAge[i] > age { return }
                if !maximumAge[i].isNaN && maximumAge[i] < age { return }
            }
            if let withinArea {
                let located = area[i] >= 0 && withinArea[Int(area[i])]
                if !located && !coverageAreas[Int(coverageStarts[i])..<Int(coverageStarts[i + 1])].contains(where: coveringAreas.contains) {
                    return
                }
            }
            if let moments, isOpen(i, moments) == false { return }
            matches.append(i)
        }
        return matches
    }

    /// Whether entry `i` is open at the asked moment; nil when its hours are unknown.
    func isOpen(_ i: Int, _ moments: [LocalMoment]) -> Bool? {
        guard hours[i].isKnown else { return nil }
        let moment = moments[Int(zone[i])]
        return hours[i].isOpen(day: moment.day, minute: moment.minute)
    }

    /// The asked moment in each of the index's time zones, by zone index.
    func moments(_ openAt: (String) -> LocalMoment) -> [LocalMoment] { zones.map(openAt) }
}
