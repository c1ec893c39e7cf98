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
        var cells: [Cell] = []
        for district in districts {
            let table = network.minutes(from: district.pcode)
            let lineage = snapshot.lineage(of: district.pcode)
            let country = lineage.last.flatMap { snapshot.areas[$0]?.country } ?? district.country
            let region = district.parent
            // Entries within reach of this district, with their travel time.
            var reachable: [String: [(DirectorySnapshot.Entry, Double)]] = [:]
            for (type, entries) in byType {
                for entry in entries {
                    let minutes: Double? = entry.isVirtual ? 0 : entry.area.flatMap { network.minutes(from: district.pcode, to: $0, table: table) }
                    guard let minutes, minutes <= limit else { continue }
                    reachable[type, default: []].append((entry, minutes))
                }
            }
            for type in Vocabulary.serviceTypes {
                for sex in Vocabulary.sexes {
                    for band in AgeBand.allCases {
                        let profile = ClientProfile(area: district.pcode, sex: sex, age: band == .child ? .range(0...17) : .range(18...130))
                        var best: (conditional: Bool, minutes: Double)?
                        for (entry, minutes) in reachable[type] ?? [] {
                            let serviceCountry = entry.area.flatMap { snapshot.areas[$0]?.country }
                            let context = EligibilityRules.Context(personCountry: country, serviceCountry: serviceCountry, personLineage: lineage,
                                                                   openAtTime: true, travelMinutes: minutes)
                            guard EligibilityRules.check(entry, profile: profile, need: Need(type), context: context).isEligible else { continue }
                            let conditional = Router.weighedConditions.contains(where: entry.conditions.contains)
                            // Unconditional beats conditional, then nearer beats farther.
                            if let current = best {
                                let better = current.conditional && !conditional
                                    || current.conditional == conditional && minutes < current.minutes
                                if better { best = (conditional, minutes) }
                            } else {
                                best = (conditional, minutes)
                            }
                        }
                        let status: NeedStatus = best.map { $0.conditional ? .conditional : .met } ?? .unmet
                        cells.append(Cell(district: district.pcode, districtName: district.name, region: region,
                                          population: district.population, serviceType: type, sex: sex, ageBand: band,
                                          status: status, nearestMinutes: best?.minutes))
                    }
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
