import Directory
import Foundation

/// Who is left out, district by district: for each service type, sex and age band, whether
/// an eligible active service is within reach — and the gaps eligibility rules and hours make
/// for some people only: by exploitation type, by nationality, and at night.
///
/// Every cell is met (an eligible service with no condition to weigh), conditional (only
/// services that require police cooperation where the law allows it, a closed facility or
/// formal identification) or unmet. A service that asks for police cooperation where the law
/// forbids it (CoE Art. 12(6), `PoliceCondition`) covers no one for those types.
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

    /// A district the report speaks of.
    public struct District: Sendable, Equatable {
        public var pcode: String
        public var name: String
        public var region: String?
        public var population: Int?
    }

    /// One district × service type × sex × exploitation type, for a person of any age.
    public struct ExploitationCell: Sendable, Equatable {
        public var district: District
        public var serviceType: String
        public var sex: String
        /// A `waymark-exploitation` code.
        public var exploitation: String
        public var status: NeedStatus
        /// The status for the same sex when the exploitation type is not known: where it is better
        /// than `status`, the services' exploitation eligibility makes the gap.
        public var baseline: NeedStatus
        /// The nearest eligible service's travel minutes (unconditional first), when any.
        public var nearestMinutes: Double?
    }

    /// Whom the nationality gaps are asked for.
    public enum Nationality: String, Sendable, Codable, CaseIterable {
        /// A national of the country the service is in (who resides there lawfully).
        case national
        /// A foreign national without legal residence: `nationals-only` and
        /// `requires-legal-residence` services cannot take them.
        case foreignNational = "foreign-national"
    }

    /// One district × service type × nationality, for a person of any sex and age.
    public struct NationalityCell: Sendable, Equatable {
        public var district: District
        public var serviceType: String
        public var nationality: Nationality
        public var status: NeedStatus
        /// The status when nationality and residence are not known: where it is better than
        /// `status`, nationality or residence conditions make the gap.
        public var baseline: NeedStatus
        /// The nearest eligible service's travel minutes (unconditional first), when any.
        public var nearestMinutes: Double?
    }

    /// One district × emergency service type × sex × age band, between 22:00 and 06:00 local time.
    public struct NightCell: Sendable, Equatable {
        public var district: District
        public var serviceType: String
        public var sex: String
        public var ageBand: AgeBand
        /// Met when an unconditional eligible service is open in every night hour of the week;
        /// conditional when only conditional ones fill some; unmet when some hour has none.
        public var status: NeedStatus
        /// The same district, type, sex and age band at any hour (the `cells` status): where it is
        /// better than `status`, opening hours make the gap.
        public var baseline: NeedStatus
        /// The night hours no eligible service within reach is open throughout.
        public var uncovered: NightHours
    }

    /// Service types that exist for children only: no adult cell is reported for them.
    public static let childrenOnly: Set<String> = ["shelter.children", "child-protection"]

    /// The types exploitation and nationality gaps are reported for: the assistance a presumed
    /// victim needs first and in recovery (each with its sub-types): shelter, health care, basic
    /// needs, psychosocial support, legal help and livelihood.
    public static let assistanceTypes = ["shelter", "health", "basic-needs", "psychosocial", "legal", "livelihood"]

    /// The types night gaps are reported for: what an emergency at night needs — a hotline, a
    /// shelter, medical care, safe transport, and child protection for a child.
    public static let nightTypes = ["hotline", "shelter", "health.medical", "transport", "child-protection"]

    /// Every cell: unmet and conditional first, largest population first, then by region and district.
    public var cells: [Cell]
    /// Exploitation gaps for `assistanceTypes`, in the same order.
    public var exploitationCells: [ExploitationCell]
    /// Nationality gaps for `assistanceTypes`, in the same order.
    public var nationalityCells: [NationalityCell]
    /// Night gaps for `nightTypes`, in the same order.
    public var nightCells: [NightCell]
    /// The travel limit used.
    public var withinMinutes: Double
    /// Whether travel times are straight-line estimates.
    public var travelEstimated: Bool

    /// Builds the report over a snapshot. Districts are the areas that are no one's parent.
    public init(_ snapshot: DirectorySnapshot, withinMinutes limit: Double = 120) {
        let tally = GapTally(snapshot, withinMinutes: limit)
        let built = tally.build()
        // Every cell is ordered by status, then its district (most populous first, then region and
        // P-code), then its own fields. Each district and each text is given its rank once, so that the
        // hundreds of thousands of comparisons compare integers, not strings.
        func order(_ status: NeedStatus) -> Int { status == .unmet ? 0 : status == .conditional ? 1 : 2 }
        var places: [String: (population: Int, region: String)] = [:]
        for cell in built.cells { places[cell.district] = (-(cell.population ?? -1), cell.region ?? "") }
        for district in built.exploitation.map(\.district) + built.nationality.map(\.district) + built.night.map(\.district) {
            places[district.pcode] = (-(district.population ?? -1), district.region ?? "")
        }
        let districtRank = Self.ranks(places.keys.sorted { a, b in
            let x = places[a] ?? (0, ""), y = places[b] ?? (0, "")
            return (x.population, x.region, a) < (y.population, y.region, b)
        })
        let texts = Set(built.cells.flatMap { [$0.serviceType, $0.sex, $0.ageBand.rawValue] }
            + built.exploitation.flatMap { [$0.serviceType, $0.sex, $0.exploitation] }
            + built.nationality.flatMap { [$0.serviceType, $0.nationality.rawValue] }
            + built.night.flatMap { [$0.serviceType, $0.sex, $0.ageBand.rawValue] })
        let textRank = Self.ranks(texts.sorted())
        func rank(_ text: String) -> Int { textRank[text] ?? 0 }
        func district(_ pcode: String) -> Int { districtRank[pcode] ?? 0 }
        cells = Self.sorted(built.cells) { [order($0.status), district($0.district), rank($0.serviceType), rank($0.sex), rank($0.ageBand.rawValue)] }
        exploitationCells = Self.sorted(built.exploitation) {
            [order($0.status), district($0.district.pcode), rank($0.serviceType), rank($0.sex), rank($0.exploitation)]
        }
        nationalityCells = Self.sorted(built.nationality) {
            [order($0.status), district($0.district.pcode), rank($0.serviceType), rank($0.nationality.rawValue)]
        }
        nightCells = Self.sorted(built.night) {
            [order($0.status), district($0.district.pcode), rank($0.serviceType), rank($0.sex), rank($0.ageBand.rawValue)]
        }
        withinMinutes = limit
        travelEstimated = tally.network.isEstimated
    }
}

extension GapReport {
    /// Each value's position in `ordered`.
    static func ranks(_ ordered: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    }

    /// `items` in the order of their keys (compared element by element), computed once per item; stable.
    static func sorted<Item>(_ items: [Item], by key: (Item) -> [Int]) -> [Item] {
        let keys = items.map(key)
        return items.indices.sorted { a, b in
            keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && a < b)
        }.map { items[$0] }
    }
}

extension NeedStatus {
    /// Whether this status is worse than another (unmet is worse than conditional, which is worse than met).
    public func isWorse(than other: NeedStatus) -> Bool {
        func rank(_ s: NeedStatus) -> Int { s == .unmet ? 0 : s == .conditional ? 1 : 2 }
        return rank(self) < rank(other)
    }
}
