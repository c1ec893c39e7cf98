import Directory
import Foundation

/// Who is left out, district by district: for each service type, sex and age band, whether
/// an eligible active service is within reach.
public struct GapReport: Sendable, Equatable {
    /// Child (under 18) or adult.
    public enum AgeBand: String, Sendable, Codable, CaseIterable {
        case child, adult
    }

    /// One district × service type × sex × age band.
    public struct Cell: Sendable, Equatable {
        public var district: String
        public var districtName: String
        public var region: String?
        public var population: Int?
        public var serviceType: String
        public var sex: String
        public var ageBand: AgeBand
        public var status: NeedStatus
        /// The nearest eligible service's travel minutes (unconditional first), when any.
        public var nearestMinutes: Double?
    }

    /// Service types that exist for children only: no adult cell is reported for them.
    public static let childrenOnly: Set<String> = ["shelter.children", "child-protection"]

    /// Every cell: unmet and conditional first, largest population first, then by region and district.
    public var cells: [Cell]
    /// The travel limit used.
    public var withinMinutes: Double
    /// Whether travel times are straight-line estimates.
    public var travelEstimated: Bool

    /// Builds the report over a snapshot. Districts are the areas that are no one's parent.
    public init(_ snapshot: DirectorySnapshot, withinMinutes limit: Double = 120) {
        let network = TravelNetwork(snapshot)
        let parents = Set(snapshot.areas.values.compactMap(\.parent))
        let districts = snapshot.areas.values.filter { !parents.contains($0.pcode) && $0.parent != nil }.sorted { $0.pcode < $1.pcode }
        var byType: [String: [DirectorySnapshot.Entry]] = [:]
        for entry in snapshot.entries where entry.status == "active" && entry.available != 0 {
            for type in entry.serviceTypes { byType[type, default: []].append(entry) }
        }
        // Who each entry can take does not depend on the district: work it out once per entry
        // for the six sex × age-band profiles (place and travel are checked per district).
        let combos: [(sex: String, band: AgeBand)] = Vocabulary.sexes.flatMap { sex in AgeBand.allCases.map { (sex, $0) } }
        var takes: [ObjectIdentifier: [Bool]] = [:]
        var conditional: [ObjectIdentifier: Bool] = [:]
        for entries in byType.values {
            for entry in entries where takes[ObjectIdentifier(entry)] == nil {
                let country = entry.area.flatMap { snapshot.areas[$0]?.country }
                let neutral = EligibilityRules.Context(personCountry: country, serviceCountry: country, personLineage: entry.coverage,
                                                       openAtTime: true, travelMinutes: 0)
                takes[ObjectIdentifier(entry)] = combos.map { combo in
                    let profile = ClientProfile(area: entry.area ?? "", sex: combo.sex,
                                                age: combo.band == .child ? .range(0...17) : .range(18...130))
                    return EligibilityRules.check(entry, profile: profile, need: Need("*"), context: neutral).isEligible
                }
                conditional[ObjectIdentifier(entry)] = Router.weighedConditions.contains(where: entry.conditions.contains)
            }
        }
        // Entries grouped by area, with what each one takes: a district then visits only the
        // areas within reach, and does no per-entry dictionary work.
        struct Reach {
            let mask: [Bool]
            let conditional: Bool
            let types: [String]
            let coverage: [String]
            let country: String?
        }
        var seen: Set<ObjectIdentifier> = []
        var byArea: [String: [Reach]] = [:]
        var virtual: [Reach] = []
        for entries in byType.values {
            for entry in entries where seen.insert(ObjectIdentifier(entry)).inserted {
                let id = ObjectIdentifier(entry)
                let reach = Reach(mask: takes[id] ?? [], conditional: conditional[id] ?? false, types: Array(entry.serviceTypes),
                                  coverage: entry.coverage, country: entry.area.flatMap { snapshot.areas[$0]?.country })
                if entry.isVirtual {
                    virtual.append(reach)
                } else if let area = entry.area {
                    byArea[area, default: []].append(reach)
                }
            }
        }
        let areas = byArea.keys.sorted()

        var cells: [Cell] = []
        for district in districts {
            let table = network.minutes(from: district.pcode)
            let lineage = network.lineage(of: district.pcode)
            let country = lineage.last.flatMap { snapshot.areas[$0]?.country } ?? district.country
            // best[type][combo] = (conditional, minutes)
            var best: [String: [(conditional: Bool, minutes: Double)?]] = [:]
            func consider(_ reach: Reach, minutes: Double) {
                if !reach.coverage.isEmpty && !reach.coverage.contains(where: lineage.contains) { return }
                for type in reach.types {
                    // The border rule: only reintegration (nationality unknown here) looks abroad.
                    if type != "reintegration", let serviceCountry = reach.country, serviceCountry != country { continue }
                    var slots = best[type] ?? Array(repeating: nil, count: combos.count)
                    for (c, taken) in reach.mask.enumerated() where taken {
                        if let current = slots[c] {
                            let better = current.conditional && !reach.conditional
                                || current.conditional == reach.conditional && minutes < current.minutes
                            if better { slots[c] = (reach.conditional, minutes) }
                        } else {
                            slots[c] = (reach.conditional, minutes)
                        }
                    }
                    best[type] = slots
                }
            }
            for reach in virtual { consider(reach, minutes: 0) }
            for area in areas {
                guard let minutes = network.minutes(from: district.pcode, to: area, table: table), minutes <= limit else { continue }
                for reach in byArea[area] ?? [] { consider(reach, minutes: minutes) }
            }
            for type in Vocabulary.serviceTypes {
                let slots = best[type] ?? Array(repeating: nil, count: combos.count)
                for (c, combo) in combos.enumerated() where !(GapReport.childrenOnly.contains(type) && combo.band == .adult) {
                    let found = slots[c]
                    let status: NeedStatus = found.map { $0.conditional ? .conditional : .met } ?? .unmet
                    cells.append(Cell(district: district.pcode, districtName: district.name, region: district.parent,
                                      population: district.population, serviceType: type, sex: combo.sex, ageBand: combo.band,
                                      status: status, nearestMinutes: found?.minutes))
                }
            }
        }
        func order(_ status: NeedStatus) -> Int { status == .unmet ? 0 : status == .conditional ? 1 : 2 }
        func key(_ c: Cell) -> (Int, Int, String, String) { (order(c.status), -(c.population ?? -1), c.region ?? "", c.district) }
        func rest(_ c: Cell) -> (String, String, String) { (c.serviceType, c.sex, c.ageBand.rawValue) }
        self.cells = cells.sorted { key($0) != key($1) ? key($0) < key($1) : rest($0) < rest($1) }
        self.withinMinutes = limit
        self.travelEstimated = network.isEstimated
    }
}
