import Foundation
import GRDB

/// Every fact the directory holds about one service, under HSDS field names, with its verification
/// and its last changes: what `waymark service show` prints.
public struct ServiceRecord: Sendable, Codable, Equatable {
    /// How and by whom the service was last verified.
    public struct Verification: Sendable, Codable, Equatable {
        /// The `assured_date`; nil when never verified.
        public var date: String?
        /// How: phone, visit, email, provider or document; nil when the history does not say.
        public var method: String?
        /// Who: the operator who recorded it, else the `assurer_email`.
        public var by: String?
        public var note: String?

        /// Encodes every key, what is unknown as null.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(date, forKey: .date)
            try c.encode(method, forKey: .method)
            try c.encode(by, forKey: .by)
            try c.encode(note, forKey: .note)
        }
    }

    /// One capacity row.
    public struct Capacity: Sendable, Codable, Equatable {
        public var available: Double
        public var maximum: Double?
        public var unit: String?
        public var updated: String?
    }

    /// One location of the service.
    public struct Place: Sendable, Codable, Equatable {
        public var id: String
        public var name: String?
        public var pcode: String?
        public var confidential: Bool
        /// The street line of its address; nil when there is none, and always for a confidential address (withheld).
        public var address: String?

        /// Encodes every key, what is unknown or withheld as null.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(pcode, forKey: .pcode)
            try c.encode(confidential, forKey: .confidential)
            try c.encode(address, forKey: .address)
        }
    }

    public var id: String
    public var organizationId: String
    public var organizationName: String?
    public var name: String
    public var description: String?
    public var status: String
    public var minimumAge: Double?
    public var maximumAge: Double?
    public var assuredDate: String?
    public var assurerEmail: String?
    public var serviceTypes: [String]
    public var conditions: [String]
    public var sex: [String]
    public var exploitation: [String]
    public var languages: [String]
    public var phones: [String]
    /// Weekly hours as typed: `MO,TU,WE,TH,FR 09:00-17:00`.
    public var schedules: [String]
    public var serviceCapacities: [Capacity]
    public var serviceAreas: [String]
    public var locations: [Place]
    public var verification: Verification
    public var lastChanges: [HistoryEntry]

    enum CodingKeys: String, CodingKey {
        case id, name, description, status, conditions, sex, exploitation, languages, phones, schedules, locations, verification
        case organizationId = "organization_id", organizationName = "organization_name", minimumAge = "minimum_age"
        case maximumAge = "maximum_age", assuredDate = "assured_date", assurerEmail = "assurer_email"
        case serviceTypes = "service_types", serviceCapacities = "service_capacities", serviceAreas = "service_areas"
        case lastChanges = "last_changes"
    }

    /// Encodes every key, a missing value as null, so a program reads the same shape for every service.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(organizationId, forKey: .organizationId)
        try c.encode(organizationName, forKey: .organizationName)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(status, forKey: .status)
        try c.encode(minimumAge, forKey: .minimumAge)
        try c.encode(maximumAge, forKey: .maximumAge)
        try c.encode(assuredDate, forKey: .assuredDate)
        try c.encode(assurerEmail, forKey: .assurerEmail)
        try c.encode(serviceTypes, forKey: .serviceTypes)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(sex, forKey: .sex)
        try c.encode(exploitation, forKey: .exploitation)
        try c.encode(languages, forKey: .languages)
        try c.encode(phones, forKey: .phones)
        try c.encode(schedules, forKey: .schedules)
        try c.encode(serviceCapacities, forKey: .serviceCapacities)
        try c.encode(serviceAreas, forKey: .serviceAreas)
        try c.encode(locations, forKey: .locations)
        try c.encode(verification, forKey: .verification)
        try c.encode(lastChanges, forKey: .lastChanges)
    }
}

extension DirectoryStore {
    /// The service's record, or nil when no service has this id; `changes` of its last changes.
    public func serviceRecord(_ id: String, changes: Int = 10) throws -> ServiceRecord? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.*, o.name AS organization_name FROM service s LEFT JOIN organization o ON o.id = s.organization_id WHERE s.id = ?
                """, arguments: [id]) else { return nil }
            var facets: [String: [String]] = [:]
            for facet in try Row.fetchAll(db, sql: """
                SELECT taxonomy, code FROM service_facet WHERE service_id = ? AND explicit = 1 ORDER BY code
                """, arguments: [id]) {
                facets[facet["taxonomy"], default: []].append(facet["code"])
            }
            let schedules = try Row.fetchAll(db, sql: """
                SELECT byday, opens_at, closes_at FROM schedule WHERE service_id = ? ORDER BY rowid
                """, arguments: [id]).map { "\(($0["byday"] as String?) ?? "") \((($0["opens_at"] as String?) ?? "").prefix(5))-\((($0["closes_at"] as String?) ?? "").prefix(5))" }
            let capacities = try Row.fetchAll(db, sql: """
                SELECT c.available, c.maximum, c.updated, u.name AS unit FROM service_capacity c LEFT JOIN unit u ON u.id = c.unit_id
                WHERE c.service_id = ? ORDER BY c.rowid
                """, arguments: [id]).map { ServiceRecord.Capacity(available: $0["available"] ?? 0, maximum: $0["maximum"], unit: $0["unit"], updated: $0["updated"]) }
            let places = try Row.fetchAll(db, sql: """
                SELECT l.id, l.name, CASE WHEN l.external_identifier_type = 'pcode' THEN l.external_identifier END AS pcode,
                       EXISTS(SELECT 1 FROM location_flag f WHERE f.location_id = l.id AND f.code = 'confidential-address') AS confidential,
                       (SELECT address_1 FROM address a WHERE a.location_id = l.id
                        ORDER BY a.address_type = 'physical' DESC, a.rowid LIMIT 1) AS address
                FROM service_at_location sal JOIN location l ON l.id = sal.location_id WHERE sal.service_id = ? ORDER BY sal.rowid
                """, arguments: [id]).map { row in
                    let confidential: Bool = row["confidential"]
                    return ServiceRecord.Place(id: row["id"], name: row["name"], pcode: row["pcode"], confidential: confidential,
                                               address: confidential ? nil : row["address"])
                }
            let lastVerification = try Row.fetchAll(db, sql: """
                SELECT \(HistoryEntry.columns) FROM metadata m LEFT JOIN waymark_change c ON c.metadata_id = m.id
                WHERE m.resource_id = ? AND m.resource_type = 'service' AND m.last_action_type = 'verify'
                  AND c.sequence = (SELECT MAX(c2.sequence) FROM metadata m2 JOIN waymark_change c2 ON c2.metadata_id = m2.id
                                    WHERE m2.resource_id = ? AND m2.last_action_type = 'verify')
                """, arguments: [id, id]).map(HistoryEntry.init(row:))
            let assured: String? = row["assured_date"]
            let fromHistory = lastVerification.first { $0.fieldName == "assured_date" }?.replacementValue == assured && assured != nil
            let verification = ServiceRecord.Verification(
                date: assured,
                method: fromHistory ? lastVerification.first { $0.fieldName == HistoryEntry.methodField }?.replacementValue : nil,
                by: fromHistory ? lastVerification.first?.updatedBy : row["assurer_email"],
                note: fromHistory ? lastVerification.first { $0.fieldName == HistoryEntry.noteField }?.replacementValue : nil)
            return ServiceRecord(
                id: id, organizationId: row["organization_id"], organizationName: row["organization_name"], name: row["name"],
                description: row["description"], status: row["status"], minimumAge: row["minimum_age"], maximumAge: row["maximum_age"],
                assuredDate: assured, assurerEmail: row["assurer_email"],
                serviceTypes: facets[Vocabulary.serviceTypeTaxonomy] ?? [], conditions: facets[Vocabulary.conditionTaxonomy] ?? [],
                sex: facets[Vocabulary.sexTaxonomy] ?? [], exploitation: facets[Vocabulary.exploitationTaxonomy] ?? [],
                languages: try String.fetchAll(db, sql: "SELECT COALESCE(code, name) FROM language WHERE service_id = ? ORDER BY rowid", arguments: [id]),
                phones: try String.fetchAll(db, sql: "SELECT number FROM phone WHERE service_id = ? ORDER BY rowid", arguments: [id]),
                schedules: schedules, serviceCapacities: capacities,
                serviceAreas: try String.fetchAll(db, sql: "SELECT extent FROM service_area WHERE service_id = ? AND extent IS NOT NULL ORDER BY rowid", arguments: [id]),
                locations: places, verification: verification,
                lastChanges: try HistoryEntry.fetch(db, service: id, since: nil, limit: changes))
        }
    }
}
