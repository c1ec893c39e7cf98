import Foundation
import GRDB

/// A read-only copy of what routing needs from the directory: every service at every
/// location with its facts, the areas and the travel links. A plain value, so the routing
/// engine stays pure and a whole route is computed over one consistent directory.
public struct DirectorySnapshot: Sendable, Equatable {
    /// One service at one location, with the facts eligibility is decided on.
    ///
    /// A class: routing passes entries around by the thousand, and a reference is one word
    /// where this value would be dozens.
    public final class Entry: Sendable, Equatable {
        public let serviceId: String
        public let serviceName: String
        public let organizationId: String
        public let organizationName: String
        public let locationId: String?
        /// The location's P-code.
        public let area: String?
        /// Whether the location is virtual (a hotline, remote advice): no travel needed.
        public let isVirtual: Bool
        public let status: String
        /// Service-type codes, stated ones and their implied parents.
        public let serviceTypes: Set<ServiceType>
        /// Sexes accepted; empty means any.
        public let sex: Set<Sex>
        /// Exploitation types accepted; empty means any.
        public let exploitation: Set<ExploitationType>
        /// Condition codes of the service and of its location.
        public let conditions: Set<ServiceCondition>
        public let minimumAge: Double?
        public let maximumAge: Double?
        public let hours: WeeklyHours
        public let timezone: String
        /// Free places summed over capacities; nil when unknown.
        public let available: Double?
        public let assuredDate: String?
        /// P-codes of the areas the service covers; empty means no limit.
        public let coverage: [String]
        /// Language codes spoken (the service's and its location's), lowercased.
        public let languages: Set<String>
        /// Whether the service says it offers interpretation.
        public let offersInterpretation: Bool

        /// A value from its parts.
        public init(serviceId: String, serviceName: String, organizationId: String, organizationName: String, locationId: String?, area: String?, isVirtual: Bool, status: String, serviceTypes: Set<ServiceType>, sex: Set<Sex>, exploitation: Set<ExploitationType>, conditions: Set<ServiceCondition>, minimumAge: Double?, maximumAge: Double?, hours: WeeklyHours, timezone: String, available: Double?, assuredDate: String?, coverage: [String], languages: Set<String>, offersInterpretation: Bool) {
            self.serviceId = serviceId
            self.serviceName = serviceName
            self.organizationId = organizationId
            self.organizationName = organizationName
            self.locationId = locationId
            self.area = area
            self.isVirtual = isVirtual
            self.status = status
            self.serviceTypes = serviceTypes
            self.sex = sex
            self.exploitation = exploitation
            self.conditions = conditions
            self.minimumAge = minimumAge
            self.maximumAge = maximumAge
            self.hours = hours
            self.timezone = timezone
            self.available = available
            self.assuredDate = assuredDate
            self.coverage = coverage
            self.languages = languages
            self.offersInterpretation = offersInterpretation
        }

        /// Whether `a` comes before `b` in snapshot order: service id, then location id (none first),
        /// each compared byte by byte as SQLite orders them.
        public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
            if a.serviceId != b.serviceId { return a.serviceId.utf8.lexicographicallyPrecedes(b.serviceId.utf8) }
            guard let first = a.locationId else { return b.locationId != nil }
            guard let second = b.locationId else { return false }
            return first.utf8.lexicographicallyPrecedes(second.utf8)
        }

        /// Entries are equal when every fact is.
        public static func == (a: Entry, b: Entry) -> Bool {
            a === b || (a.serviceId == b.serviceId && a.locationId == b.locationId && a.serviceName == b.serviceName
                && a.organizationId == b.organizationId && a.organizationName == b.organizationName && a.area == b.area
                && a.isVirtual == b.isVirtual && a.status == b.status && a.serviceTypes == b.serviceTypes && a.sex == b.sex
                && a.exploitation == b.exploitation && a.conditions == b.conditions && a.minimumAge == b.minimumAge
                && a.maximumAge == b.maximumAge && a.hours == b.hours && a.timezone == b.timezone && a.available == b.available
                && a.assuredDate == b.assuredDate && a.coverage == b.coverage && a.languages == b.languages
                && a.offersInterpretation == b.offersInterpretation)
        }
    }
    /// An area of the hierarchy.
    public struct Area: Sendable, Equatable {
        public var pcode: String
        public var name: String
        public var parent: String?
        public var country: String
        public var level: Int?
        public var latitude: Double?
        public var longitude: Double?
        public var population: Int?
        /// The IANA time zone the area states or inherits from its ancestors; nil when none states one.
        public var timezone: String?

        /// A value from its parts.
        public init(pcode: String, name: String, parent: String?, country: String, level: Int?, latitude: Double?, longitude: Double?, population: Int?,
                    timezone: String? = nil) {
            self.timezone = timezone
            self.pcode = pcode
            self.name = name
            self.parent = parent
            self.country = country
            self.level = level
            self.latitude = latitude
            self.longitude = longitude
            self.population = population
        }
    }

    /// An undirected road link between two areas.
    public struct Link: Sendable, Equatable {
        public var from: String
        public var to: String
        public var minutes: Double
        public var borderCrossing: Bool

        /// A value from its parts.
        public init(from: String, to: String, minutes: Double, borderCrossing: Bool) {
            self.from = from
            self.to = to
            self.minutes = minutes
            self.borderCrossing = borderCrossing
        }
    }

    public var entries: [Entry]
    public var areas: [String: Area]
    public var links: [Link]

    /// A snapshot from parts (tests build small ones by hand).
    public init(entries: [Entry], areas: [String: Area], links: [Link]) {
        self.entries = entries
        self.areas = areas
        self.links = links
    }

    /// The time zone of an area: the one it states or inherits, UTC when none is stated anywhere.
    public func timeZone(of pcode: String) -> TimeZone {
        areas[pcode]?.timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
    }

    /// The area and its ancestors, nearest first.
    public func lineage(of pcode: String) -> [String] {
        var result: [String] = []
        var current: String? = pcode
        while let code = current, !result.contains(code) {
            result.append(code)
            current = areas[code]?.parent
        }
        return result
    }
}

extension DirectoryStore {
    /// A snapshot of the directory for routing, in a fixed order (service id, then location id).
    ///
    /// Kept until the next import or edit: a responder routing several people pays for reading the
    /// directory once (about 2.7 s for 100,000 services), not on every route.
    ///
    /// After edits made since the snapshot was read (in this process or another), only the
    /// entries of the services they changed are read again.
    ///
    /// Read only from stored search tables that pass their check; others are rebuilt first, with a notice.
    public func snapshot() throws -> DirectorySnapshot {
        try readingSearchTables { db in
            let current = try DirectoryStore.dataVersion(db)
            if let cached = snapshotCache.value {
                if cached.importID == current { return cached.snapshot }
                try SearchTables.check(db)
                if let services = try DirectoryStore.changedServices(db, from: cached.importID, to: current) {
                    var patched = cached.snapshot
                    try patched.replaceEntries(of: services, with: readEntries(db, services: services))
                    snapshotCache.value = (current, patched)
                    return patched
                }
            }
            try SearchTables.check(db)
            let built = try readSnapshot(db)
            snapshotCache.value = (current, built)
            return built
        }
    }

    /// The services whose entries changes between two versions of the same import touched; nil when
    /// the versions belong to different imports (everything may have changed).
    static func changedServices(_ db: Database, from old: Int64, to new: Int64) throws -> Set<String>? {
        guard old >> 40 == new >> 40, new > old else { return nil }
        let mask: Int64 = (1 << 40) - 1
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.resource_type, m.resource_id, \(HistoryEntry.owner) AS owner
            FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
            WHERE c.sequence > ? AND c.sequence <= ?
            """, arguments: [old & mask, new & mask])
        var services: Set<String> = []
        for row in rows {
            let type: String = row["resource_type"], id: String = row["resource_id"]
            if let owner: String = row["owner"] {
                services.insert(owner)
                // A location's own flag (an attribute linked to it) reaches every service there.
                if type == "attribute" {
                    services.formUnion(try String.fetchAll(db, sql: "SELECT service_id FROM service_at_location WHERE location_id = ?", arguments: [owner]))
                }
            }
            switch type {
            case "organization":
                services.formUnion(try String.fetchAll(db, sql: "SELECT id FROM service WHERE organization_id = ?", arguments: [id]))
            case "location":
                services.formUnion(try String.fetchAll(db, sql: "SELECT service_id FROM service_at_location WHERE location_id = ?", arguments: [id]))
            default: break
            }
        }
        return services
    }

    private func readSnapshot(_ db: Database) throws -> DirectorySnapshot {
        var snapshot = try readMap(db)
        snapshot.entries = try readEntries(db, services: nil)
        return snapshot
    }

    /// The areas and travel links, without entries.
    func readMap(_ db: Database) throws -> DirectorySnapshot {
        var areas: [String: DirectorySnapshot.Area] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT a.pcode, a.name, a.parent_pcode, a.country, a.level, a.latitude, a.longitude, a.population, z.timezone
            FROM area a LEFT JOIN area_timezone z ON z.pcode = a.pcode
            """) {
            let pcode: String = row[0]
            areas[pcode] = DirectorySnapshot.Area(pcode: pcode, name: row[1], parent: row[2], country: row[3], level: row[4],
                                                  latitude: row[5], longitude: row[6], population: row[7], timezone: row[8])
        }
        let links = try Row.fetchAll(db, sql: "SELECT from_pcode, to_pcode, minutes, border_crossing FROM travel_link ORDER BY rowid").map {
            DirectorySnapshot.Link(from: $0[0], to: $0[1], minutes: $0[2], borderCrossing: ($0[3] as Int64? ?? 0) != 0)
        }
        return DirectorySnapshot(entries: [], areas: areas, links: links)
    }

    /// Texts as one JSON array, for a statement that reads them with `json_each(?)` (a read cannot fill a temporary table).
    static func jsonArray(_ texts: Set<String>) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: texts.sorted()), as: UTF8.self)
    }

    /// The entries of every service, or of `services` only, in snapshot order.
    func readEntries(_ db: Database, services scope: Set<String>?) throws -> [DirectorySnapshot.Entry] {
        // The ids travel as one JSON array bound to each statement that names them.
        let only = "IN (SELECT value FROM json_each(?))"
        let ids = try scope.map(DirectoryStore.jsonArray)
        /// `clause` when reading some services only.
        func scoped(_ clause: String) -> String { scope == nil ? "" : clause }
        /// Runs `body` on each row of `sql` (a cursor: no row is copied), each of whose scoped clauses takes the ids once.
        func each(_ sql: String, _ body: (Row) throws -> Void) throws {
            let arguments = ids.map { StatementArguments(Array(repeating: $0, count: sql.components(separatedBy: only).count - 1)) } ?? []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try body(row) }
        }
        // Each service's facets, typed as they are read (a code no vocabulary has is left out, as before).
        struct Facets {
            var types: Set<ServiceType> = []
            var sex: Set<Sex> = []
            var exploitation: Set<ExploitationType> = []
            var conditions: Set<ServiceCondition> = []
        }
        var facets: [String: Facets] = [:]
        try each("SELECT service_id, taxonomy, code FROM service_facet \(scoped("WHERE service_id \(only)"))") { row in
            let service: String = row[0], taxonomy: String = row[1], code: String = row[2]
            switch taxonomy {
            case Vocabulary.serviceTypeTaxonomy: if let type = ServiceType(rawValue: code) { facets[service, default: Facets()].types.insert(type) }
            case Vocabulary.sexTaxonomy: if let sex = Sex(rawValue: code) { facets[service, default: Facets()].sex.insert(sex) }
            case Vocabulary.exploitationTaxonomy:
                if let type = ExploitationType(rawValue: code) { facets[service, default: Facets()].exploitation.insert(type) }
            case Vocabulary.conditionTaxonomy:
                if let condition = ServiceCondition(rawValue: code) { facets[service, default: Facets()].conditions.insert(condition) }
            default: break
            }
        }
        var locationFlags: [String: Set<ServiceCondition>] = [:]
        try each("SELECT location_id, code FROM location_flag \(scoped("WHERE location_id IN (SELECT location_id FROM service_at_location WHERE service_id \(only))"))") { row in
            if let flag = ServiceCondition(rawValue: row[1]) { locationFlags[row[0], default: []].insert(flag) }
        }
        var available: [String: Double] = [:]
        try each("SELECT service_id, SUM(available) FROM service_capacity \(scoped("WHERE service_id \(only)")) GROUP BY service_id") { row in
            available[row[0]] = row[1]
        }
        var spokenByService: [String: Set<String>] = [:]
        var spokenAtLocation: [String: Set<String>] = [:]
        try each("SELECT lower(code), service_id, location_id FROM language WHERE code IS NOT NULL \(scoped("AND (service_id \(only) OR location_id IN (SELECT location_id FROM service_at_location WHERE service_id \(only)))"))") { row in
            if let service: String = row[1] { spokenByService[service, default: []].insert(row[0]) }
            if let location: String = row[2] { spokenAtLocation[location, default: []].insert(row[0]) }
        }
        var interpreting: Set<String> = []
        try each("""
            SELECT id FROM service WHERE interpretation_services IS NOT NULL AND interpretation_services <> '' \(scoped("AND id \(only)"))
            """) { row in interpreting.insert(row[0]) }
        var coverage: [String: [String]] = [:]
        try each("SELECT service_id, extent FROM service_area WHERE +extent_type = 'pcode' AND extent IS NOT NULL \(scoped("AND service_id \(only)")) ORDER BY rowid") { row in
            coverage[row[0], default: []].append(row[1])
        }
        let interpretation: ServiceType = "interpretation"
        var entries: [DirectorySnapshot.Entry] = []
        try each("""
            SELECT service_id, service_name, organization_id, organization_name, location_id, pcode, location_type, status,
                   minimum_age, maximum_age, hours, timezone, assured_date
            FROM search_entry \(scoped("WHERE service_id \(only)")) ORDER BY service_id, location_id
            """) { row in
            let serviceID: String = row[0]
            let locationID: String? = row[4]
            let serviceFacets = facets[serviceID] ?? Facets()
            entries.append(DirectorySnapshot.Entry(
                serviceId: serviceID, serviceName: row[1], organizationId: row[2], organizationName: row[3],
                locationId: locationID, area: row[5], isVirtual: (row[6] as String?) == "virtual", status: row[7],
                serviceTypes: serviceFacets.types, sex: serviceFacets.sex, exploitation: serviceFacets.exploitation,
                conditions: serviceFacets.conditions.union(locationID.flatMap { locationFlags[$0] } ?? []),
                minimumAge: row[8], maximumAge: row[9], hours: WeeklyHours(code: row[10]), timezone: row[11],
                available: available[serviceID], assuredDate: row[12], coverage: coverage[serviceID] ?? [],
                languages: (spokenByService[serviceID] ?? []).union(locationID.flatMap { spokenAtLocation[$0] } ?? []),
                offersInterpretation: interpreting.contains(serviceID) || serviceFacets.types.contains(interpretation)))
        }
        return entries
    }
}

extension DirectorySnapshot {
    /// Replaces the entries of `services` with `fresh` ones (in snapshot order), keeping the order.
    mutating func replaceEntries(of services: Set<String>, with fresh: [Entry]) {
        guard !services.isEmpty else { return }
        entries.removeAll { services.contains($0.serviceId) }
        func key(_ entry: Entry) -> (String, String) { (entry.serviceId, entry.locationId ?? "") }
        for entry in fresh {
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if key(entries[middle]) < key(entry) { low = middle + 1 } else { high = middle }
            }
            entries.insert(entry, at: low)
        }
    }
}
