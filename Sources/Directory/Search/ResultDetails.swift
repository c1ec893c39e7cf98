import Foundation
import GRDB

/// Fills search results with facets, languages, capacity and area names, a page at a time.
struct ResultDetails {
    let db: Database
    let now: Date
    /// The day before which a verification is stale.
    let staleBefore: String

    func results(for rows: [Row], open: [Int64: Bool?]?) throws -> [SearchResult] {
        guard !rows.isEmpty else { return [] }
        let serviceIDs = Array(Set(rows.map { $0["service_id"] as String }))
        let locationIDs = Array(Set(rows.compactMap { $0["location_id"] as String? }))
        let pcodes = Array(Set(rows.compactMap { $0["pcode"] as String? }))
        let facets = try grouped(sql: """
            SELECT service_id, taxonomy || ' ' || code FROM service_facet
            WHERE explicit = 1 AND service_id IN (\(marks(serviceIDs.count))) ORDER BY code
            """, serviceIDs)
        let languages = try grouped(sql: """
            SELECT service_id, lower(code) FROM language WHERE code IS NOT NULL AND service_id IN (\(marks(serviceIDs.count)))
            ORDER BY lower(code)
            """, serviceIDs)
        // Languages of the location count too: the language filter matches them.
        let locationLanguages = try grouped(sql: """
            SELECT location_id, lower(code) FROM language WHERE code IS NOT NULL AND location_id IN (\(marks(locationIDs.count)))
            ORDER BY lower(code)
            """, locationIDs)
        let flags = try grouped(sql: "SELECT location_id, code FROM location_flag WHERE location_id IN (\(marks(locationIDs.count)))",
                                locationIDs)
        var available: [String: Double] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT service_id, SUM(available) AS available FROM service_capacity
            WHERE service_id IN (\(marks(serviceIDs.count))) GROUP BY service_id
            """, arguments: StatementArguments(serviceIDs)) {
            available[row["service_id"]] = row["available"]
        }
        var areaNames: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT pcode, name FROM area WHERE pcode IN (\(marks(pcodes.count)))",
                                    arguments: StatementArguments(pcodes)) {
            areaNames[row["pcode"]] = row["name"]
        }
        let staleBefore = self.staleBefore
        return rows.map { row in
            let serviceID: String = row["service_id"]
            let locationID: String? = row["location_id"]
            let serviceFacets = facets[serviceID] ?? []
            func codes(_ taxonomy: String) -> [String] {
                serviceFacets.filter { $0.hasPrefix(taxonomy + " ") }.map { String($0.dropFirst(taxonomy.count + 1)) }
            }
            var conditions = codes(Vocabulary.conditionTaxonomy)
            for flag in locationID.flatMap({ flags[$0] }) ?? [] where !conditions.contains(flag) { conditions.append(flag) }
            let assured: String? = row["assured_date"]
            let pcode: String? = row["pcode"]
            var result = SearchResult(
                serviceId: serviceID, serviceName: row["service_name"], organizationId: row["organization_id"],
                organizationName: row["organization_name"], locationId: locationID, locationName: row["location_name"],
                area: pcode, areaName: pcode.flatMap { areaNames[$0] },
                serviceTypes: Vocabulary.serviceTypes.filter(codes(Vocabulary.serviceTypeTaxonomy).contains),
                sex: Vocabulary.sexes.filter(codes(Vocabulary.sexTaxonomy).contains),
                minimumAge: row["minimum_age"], maximumAge: row["maximum_age"],
                languages: Array(Set((languages[serviceID] ?? []) + (locationID.flatMap { locationLanguages[$0] } ?? []))).sorted(),
                conditions: conditions.sorted(), status: row["status"],
                assuredDate: assured, stale: assured.map { $0 < staleBefore } ?? true,
                available: available[serviceID], open: nil, confidential: (row["confidential"] as Int64? ?? 0) != 0)
            if let open {
                result.open = open[row["id"] as Int64] ?? nil
                result.timeAsked = true
            }
            return result
        }
    }

    private func marks(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    private func grouped(sql: String, _ ids: [String]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(ids)) {
            let key: String = row[0]
            let value: String = row[1]
            if !(result[key]?.contains(value) ?? false) { result[key, default: []].append(value) }
        }
        return result
    }
}
