import Foundation
import GRDB

/// Everything the directory knows about one service at one location, as a responder reads it.
///
/// For a location flagged `confidential-address`, the address, coordinates, directions and
/// the location's own phones are withheld here — in the domain, so every view gets the same
/// answer — and the service's and organization's phones are the front door instead.
public struct ServiceDetail: Sendable, Equatable {
    /// A phone number with what it is for.
    public struct Phone: Sendable, Equatable {
        public var number: String
        public var extensionNumber: String?
        public var type: String?
        public var description: String?
        /// `service`, `organization` or `location`.
        public var belongsTo: String
    }

    /// A language spoken, with any note.
    public struct Language: Sendable, Equatable {
        public var code: String?
        public var name: String?
        public var note: String?
    }

    /// Free places, as last reported.
    public struct Capacity: Sendable, Equatable {
        public var available: Double
        public var maximum: Double?
        public var unit: String?
        public var updated: String
    }

    /// Another service offered at the same location.
    public struct Neighbour: Sendable, Equatable {
        public var serviceId: String
        public var name: String
        public var status: String
    }

    public var serviceId: String
    public var name: String
    public var alternateName: String?
    public var description: String?
    public var status: String
    public var organizationId: String
    public var organizationName: String
    public var organizationDescription: String?
    public var locationId: String?
    public var locationName: String?
    /// The location's P-code and the names of it and its ancestors, nearest first.
    public var area: String?
    public var areaPath: [String]
    public var serviceTypes: [String]
    public var sex: [String]
    public var exploitation: [String]
    public var minimumAge: Double?
    public var maximumAge: Double?
    public var eligibilityDescription: String?
    public var conditions: [String]
    public var applicationProcess: String?
    public var fees: String?
    public var alert: String?
    public var hours: WeeklyHours
    public var timezone: String
    /// Whether it is open at the instant asked; nil when the hours are unknown.
    public var openNow: Bool?
    public var phones: [Phone]
    public var languages: [Language]
    public var interpretation: String?
    public var capacities: [Capacity]
    public var assuredDate: String?
    public var assurerEmail: String?
    public var stale: Bool
    /// Whether the address is withheld.
    public var confidential: Bool
    /// Address lines, empty when withheld or unknown.
    public var address: [String]
    public var transportation: String?
    /// Areas the service covers (names), empty for no limit.
    public var areasCovered: [String]
    public var otherServicesHere: [Neighbour]
}

extension DirectoryStore {
    /// The detail of a service at a location (the first location when none is named); nil when
    /// the service is not in the directory.
    public func serviceDetail(serviceId: String, locationId: String?, clock: any TimeSource = SystemTime()) throws -> ServiceDetail? {
        try writer.read { db in try ServiceDetailQuery(db: db, now: clock.now(), staleBefore: staleBefore(clock.now())).detail(serviceId: serviceId, locationId: locationId) }
    }
}

/// Reads one service's detail.
struct ServiceDetailQuery {
    let db: Database
    let now: Date
    /// The day before which a verification is stale.
    let staleBefore: String

    func detail(serviceId: String, locationId: String?) throws -> ServiceDetail? {
        guard let service = try Row.fetchOne(db, sql: "SELECT * FROM service WHERE id = ?", arguments: [serviceId]) else { return nil }
        let organization = try Row.fetchOne(db, sql: "SELECT * FROM organization WHERE id = ?", arguments: [service["organization_id"] as String])
        let entry = try Row.fetchOne(db, sql: """
            SELECT * FROM search_entry WHERE service_id = ? AND (location_id = ? OR ? IS NULL) ORDER BY location_id LIMIT 1
            """, arguments: [serviceId, locationId, locationId])
        let location: Row? = try (entry?["location_id"] as String?).flatMap {
            try Row.fetchOne(db, sql: "SELECT * FROM location WHERE id = ?", arguments: [$0])
        }
        let locationID: String? = location?["id"]
        let confidential = (entry?["confidential"] as Int64? ?? 0) != 0

        var facets: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT taxonomy, code FROM service_facet WHERE service_id = ? AND explicit = 1 ORDER BY code",
                                    arguments: [serviceId]) {
            facets[row[0], default: []].append(row[1])
        }
        var conditions = facets[Vocabulary.conditionTaxonomy] ?? []
        if confidential && !conditions.contains("confidential-address") { conditions.append("confidential-address") }

        let pcode: String? = entry?["pcode"]
        var areaPath: [String] = []
        if let pcode {
            areaPath = try String.fetchAll(db, sql: """
                SELECT a.name FROM area_ancestor x JOIN area a ON a.pcode = x.ancestor WHERE x.pcode = ? ORDER BY x.depth
                """, arguments: [pcode])
        }

        var phones: [ServiceDetail.Phone] = []
        // One indexed look-up per owner (an OR across columns would scan the phone table).
        let phoneRows = try Row.fetchAll(db, sql: """
            SELECT number, extension, type, description, owner, MIN(rank) AS best, position FROM (
                SELECT *, rowid AS position, 'service' AS owner, 0 AS rank FROM phone WHERE service_id = ?1
                UNION ALL SELECT *, rowid, 'service', 0 FROM phone WHERE service_at_location_id = ?4
                UNION ALL SELECT *, rowid, 'location', 1 FROM phone WHERE location_id = ?2
                UNION ALL SELECT *, rowid, 'organization', 2 FROM phone WHERE organization_id = ?3)
            GROUP BY id ORDER BY best, position
            """, arguments: [serviceId, locationID, service["organization_id"] as String, entry?["service_at_location_id"] as String?])
        for row in phoneRows {
            let owner: String = row["owner"]
            if confidential && owner == "location" { continue }
            let ext: Double? = row["extension"]
            phones.append(ServiceDetail.Phone(number: row["number"], extensionNumber: ext.map(FieldValue.numberText),
                                              type: row["type"], description: row["description"], belongsTo: owner))
        }

        let languages = try Row.fetchAll(db, sql: """
            SELECT DISTINCT code, name, note FROM language WHERE service_id = ? OR (location_id = ? AND ? IS NOT NULL) ORDER BY code, name
            """, arguments: [serviceId, locationID, locationID]).map {
            ServiceDetail.Language(code: $0["code"], name: $0["name"], note: $0["note"])
        }
        let capacities = try Row.fetchAll(db, sql: """
            SELECT c.available, c.maximum, c.updated, u.name AS unit FROM service_capacity c LEFT JOIN unit u ON u.id = c.unit_id
            WHERE c.service_id = ? ORDER BY c.rowid
            """, arguments: [serviceId]).map {
            ServiceDetail.Capacity(available: $0["available"], maximum: $0["maximum"], unit: $0["unit"], updated: $0["updated"])
        }

        var address: [String] = []
        if !confidential, let locationID,
           let row = try Row.fetchOne(db, sql: "SELECT * FROM address WHERE location_id = ? ORDER BY address_type = 'physical' DESC, rowid LIMIT 1",
                                      arguments: [locationID]) {
            let parts: [String?] = [row["attention"], row["address_1"], row["address_2"],
                                    [row["postal_code"] as String?, row["city"] as String?].compactMap { $0 }.joined(separator: " "),
                                    row["state_province"], row["country"]]
            address = parts.compactMap { $0 }.filter { !$0.isEmpty }
        }

        let areasCovered = try String.fetchAll(db, sql: """
            SELECT COALESCE(a.name, sa.name, sa.extent) FROM service_area sa LEFT JOIN area a ON a.pcode = sa.extent AND sa.extent_type = 'pcode'
            WHERE sa.service_id = ? ORDER BY sa.rowid
            """, arguments: [serviceId])
        let neighbours = try locationID.map { id in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.name, s.status FROM service_at_location sal JOIN service s ON s.id = sal.service_id
                WHERE sal.location_id = ? AND s.id <> ? ORDER BY s.name, s.id
                """, arguments: [id, serviceId]).map { ServiceDetail.Neighbour(serviceId: $0[0], name: $0[1], status: $0[2]) }
        } ?? []

        let hours = WeeklyHours(code: entry?["hours"] ?? "")
        let timezone: String = entry?["timezone"] ?? "UTC"
        let moment = LocalMoment(now, in: TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC") ?? .current)
        let assured: String? = service["assured_date"]
        return ServiceDetail(
            serviceId: serviceId, name: service["name"], alternateName: service["alternate_name"],
            description: service["description"], status: service["status"],
            organizationId: service["organization_id"], organizationName: organization?["name"] ?? "",
            organizationDescription: organization?["description"], locationId: locationID, locationName: location?["name"],
            area: pcode, areaPath: areaPath,
            serviceTypes: Vocabulary.serviceTypes.filter((facets[Vocabulary.serviceTypeTaxonomy] ?? []).contains),
            sex: Vocabulary.sexes.filter((facets[Vocabulary.sexTaxonomy] ?? []).contains),
            exploitation: Vocabulary.exploitationTypes.filter((facets[Vocabulary.exploitationTaxonomy] ?? []).contains),
            minimumAge: service["minimum_age"], maximumAge: service["maximum_age"],
            eligibilityDescription: service["eligibility_description"], conditions: conditions.sorted(),
            applicationProcess: service["application_process"], fees: service["fees_description"], alert: service["alert"],
            hours: hours, timezone: timezone, openNow: hours.isOpen(day: moment.day, minute: moment.minute),
            phones: phones, languages: languages, interpretation: service["interpretation_services"], capacities: capacities,
            assuredDate: assured, assurerEmail: service["assurer_email"], stale: assured.map { $0 < staleBefore } ?? true,
            confidential: confidential, address: address,
            transportation: confidential ? nil : location?["transportation"],
            areasCovered: areasCovered, otherServicesHere: neighbours)
    }
}
