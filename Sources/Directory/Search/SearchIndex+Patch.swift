import Foundation
import GRDB

extension SearchIndex {
    /// A copy of `old` in which the entries of the `changed` services are read again from the
    /// (already refreshed) search entries, every other entry kept where it was: what a search after
    /// an edit uses instead of rebuilding the index. Nil when a changed service no longer exists
    /// (a rebuild is then needed).
    static func patched(_ old: SearchIndex, version: Int64, changed: Set<String>, db: Database) throws -> SearchIndex? {
        let list = "(" + changed.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ") + ")"
        let changedRowids = Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM service WHERE id IN \(list)"))
        guard changedRowids.count == changed.count else { return nil }
        let fresh = try Row.fetchAll(db, sql: """
            SELECT id, service_rowid, service_id, location_id, status, sex_mask, minimum_age, maximum_age, pcode, hours, timezone, service_name
            FROM search_entry WHERE service_id IN \(list) ORDER BY service_name, service_id, location_id
            """)
        var kept: [Int] = []
        kept.reserveCapacity(old.count)
        for position in 0..<old.count where !changedRowids.contains(old.serviceRowids[position]) { kept.append(position) }

        // Where each fresh entry goes among the kept ones: the order is (name, service id, location id)
        // in SQLite's byte order, the kept entries' keys read by id as the search narrows.
        let keyOf = try db.makeStatement(sql: "SELECT service_name, service_id, location_id FROM search_entry WHERE id = ?")
        func key(_ row: Row) -> [String?] { [row["service_name"], row["service_id"], row["location_id"]] }
        func precedes(_ a: [String?], _ b: [String?]) -> Bool {
            for (x, y) in zip(a, b) where x != y {
                guard let x else { return true }
                guard let y else { return false }
                return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
            return false
        }
        var insertions: [Int] = []
        var low = 0
        for row in fresh {
            let wanted = key(row)
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                guard let probe = try Row.fetchOne(keyOf, arguments: [old.entryIDs[kept[middle]]]) else { return nil }
                if precedes(key(probe), wanted) { low = middle + 1 } else { high = middle }
            }
            insertions.append(low)
        }

        var entryIDs: [Int64] = [], serviceRowids: [Int64] = [], active: [Bool] = [], sexMask: [UInt8] = []
        var minimumAge: [Double] = [], maximumAge: [Double] = [], area: [Int32] = [], coverage: [[Int32]] = []
        var hours: [WeeklyHours] = [], zone: [Int32] = [], zones = old.zones
        var zoneIndex = Dictionary(uniqueKeysWithValues: old.zones.enumerated().map { ($1, Int32($0)) })
        var coverageOfService: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT service_id, extent FROM service_area WHERE extent_type = 'pcode' AND extent IS NOT NULL AND service_id IN \(list)
            """) {
            if let index = old.areaIndex[row[1] as String] { coverageOfService[row[0] as String, default: []].append(index) }
        }
        var newPosition = Array(repeating: -1, count: old.count)
        var freshPositionsOfService: [String: [Int]] = [:]
        var freshPositionsOfLocation: [String: [Int]] = [:]
        func appendOld(_ position: Int) {
            newPosition[position] = entryIDs.count
            entryIDs.append(old.entryIDs[position])
            serviceRowids.append(old.serviceRowids[position])
            active.append(old.active[position])
            sexMask.append(old.sexMask[position])
            minimumAge.append(old.minimumAge[position])
            maximumAge.append(old.maximumAge[position])
            area.append(old.area[position])
            coverage.append(old.coverage[position])
            hours.append(old.hours[position])
            zone.append(old.zone[position])
        }
        func appendFresh(_ row: Row) {
            let serviceID: String = row[2]
            freshPositionsOfService[serviceID, default: []].append(entryIDs.count)
            if let location: String = row[3] { freshPositionsOfLocation[location, default: []].append(entryIDs.count) }
            entryIDs.append(row[0])
            serviceRowids.append(row[1])
            active.append((row[4] as String) == "active")
            sexMask.append(UInt8(truncatingIfNeeded: row[5] as Int64))
            minimumAge.append((row[6] as Double?) ?? .nan)
            maximumAge.append((row[7] as Double?) ?? .nan)
            area.append((row[8] as String?).flatMap { old.areaIndex[$0] } ?? -1)
            coverage.append(coverageOfService[serviceID] ?? [])
            hours.append(WeeklyHours(code: row[9]))
            let zoneName: String = row[10]
            zone.append(SearchIndex.intern(zoneName, in: &zones, index: &zoneIndex))
        }
        var next = 0
        for (index, row) in fresh.enumerated() {
            while next < insertions[index] {
                appendOld(kept[next])
                next += 1
            }
            appendFresh(row)
        }
        while next < kept.count {
            appendOld(kept[next])
            next += 1
        }
        let count = entryIDs.count

        /// The old sets with their kept positions moved.
        func moved(_ sets: [String: Bitset]) -> [String: Bitset] {
            var result: [String: Bitset] = [:]
            for (code, set) in sets {
                var copy = Bitset(count: count)
                for position in set.positions where newPosition[position] >= 0 { copy.insert(newPosition[position]) }
                result[code] = copy
            }
            return result
        }
        var types = moved(old.types)
        for row in try Row.fetchAll(db, sql: """
            SELECT code, service_id FROM service_facet WHERE taxonomy = 'waymark-service-type' AND service_id IN \(list)
            """) {
            let code: String = row[0]
            for position in freshPositionsOfService[row[1] as String] ?? [] { types[code, default: Bitset(count: count)].insert(position) }
        }
        var languages = moved(old.languages)
        let locations = "(" + freshPositionsOfLocation.keys.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            .joined(separator: ", ") + ")"
        for row in try Row.fetchAll(db, sql: """
            SELECT lower(code), service_id, location_id FROM language
            WHERE code IS NOT NULL AND (service_id IN \(list) OR location_id IN \(locations))
            """) {
            let code: String = row[0]
            var positions = (row[1] as String?).flatMap { freshPositionsOfService[$0] } ?? []
            positions += (row[2] as String?).flatMap { freshPositionsOfLocation[$0] } ?? []
            for position in positions { languages[code, default: Bitset(count: count)].insert(position) }
        }
        return SearchIndex(version: version, entryIDs: entryIDs, serviceRowids: serviceRowids, active: active, sexMask: sexMask,
                           minimumAge: minimumAge, maximumAge: maximumAge, area: area, coverage: coverage, hours: hours, zone: zone,
                           zones: zones, areaCodes: old.areaCodes, areaIndex: old.areaIndex, ancestors: old.ancestors,
                           types: types, languages: languages)
    }
}

extension SearchIndex {
    /// The position of `name` in `names`, appending it the first time it is seen (`index` keeps the positions).
    static func intern(_ name: String, in names: inout [String], index: inout [String: Int32]) -> Int32 {
        if let known = index[name] { return known }
        let position = Int32(names.count)
        index[name] = position
        names.append(name)
        return position
    }
}
