import Directory

/// Works out the gap report's cells: whom each service can take, once per service, then
/// district by district what lies within reach.
///
/// Whom a service takes does not depend on the district, so each service is judged once
/// with `EligibilityRules` for every profile the report asks about, and the answers are kept
/// as bits of one word (see `Bit`). Services at the same place with the same coverage are
/// merged into one group, and a district visits the groups within reach nearest first, so the
/// first group to set a bit gives that cell's nearest service.
struct GapTally {
    let snapshot: DirectorySnapshot
    let network: TravelNetwork
    let limit: Double

    /// Bit positions of the profiles in a service's word.
    enum Bit {
        /// Six: sex index × 2 + age band index (`GapReport.Cell`).
        static let who = 0
        /// Twenty-four: sex index × 8 + exploitation index, any age.
        static let exploitation = 8
        /// Three: the sex, any age, exploitation not known.
        static let exploitationBaseline = 32
        /// Two: a national, a foreign national without legal residence; any sex and age.
        static let nationality = 36
        /// One: nothing known about the person.
        static let nationalityBaseline = 38
    }

    /// What the services at one place with one coverage take, per service type.
    struct Group {
        var country: String?
        var coverage: [String]
        /// Indices into `types` of the types offered here.
        var offered: [Int] = []
        /// Per type: the profiles some eligible service takes.
        var any: [UInt64]
        /// Per type: the profiles an eligible service with no condition to weigh takes.
        var met: [UInt64]
        /// Per night type × who-profile: the night hours some eligible service is open.
        var nightAny: [UInt64]
        /// The same, for services with no condition to weigh.
        var nightMet: [UInt64]
        /// Whether any service here offers a night type.
        var hasNight = false
    }

    /// What the tally found, unsorted.
    struct Built {
        var cells: [GapReport.Cell] = []
        var exploitation: [GapReport.ExploitationCell] = []
        var nationality: [GapReport.NationalityCell] = []
        var night: [GapReport.NightCell] = []
    }

    let types = Vocabulary.serviceTypes
    let typeIndex: [String: Int]
    let nightTypes = GapReport.nightTypes
    let whoCombos: [(sex: String, band: GapReport.AgeBand)] = Vocabulary.sexes.flatMap { sex in GapReport.AgeBand.allCases.map { (sex, $0) } }
    /// Conditions that decide the nationality profiles; a service with none of them takes them as it takes anyone.
    static let nationalityConditions: Set<ServiceCondition> = ["nationals-only", "foreign-nationals-only", "requires-legal-residence"]
    /// A nationality no country has: the person is a foreign national wherever the service is.
    static let foreign = "foreign"

    init(_ snapshot: DirectorySnapshot, withinMinutes limit: Double) {
        self.snapshot = snapshot
        self.network = TravelNetwork(snapshot)
        self.limit = limit
        self.typeIndex = Dictionary(uniqueKeysWithValues: Vocabulary.serviceTypes.enumerated().map { ($1, $0) })
    }

    /// Judges every service, then reports every district.
    func build() -> Built {
        let (groups, virtual, byArea) = groupServices()
        let parents = Set(snapshot.areas.values.compactMap(\.parent))
        let districts = snapshot.areas.values.filter { !parents.contains($0.pcode) && $0.parent != nil }.sorted { $0.pcode < $1.pcode }
        let areas = byArea.keys.sorted()
        // Each area's travel node and the areas at or below each area, found once: measuring every
        // district to every area asked the network for both 4 million times over 100,000 services.
        let areaNodes = areas.map { network.node(for: $0) }
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        var below: [String: [Int]] = [:]
        for (index, pcode) in areas.enumerated() {
            for ancestor in network.lineage(of: pcode) { below[ancestor, default: []].append(index) }
        }
        var built = Built()
        let typeCount = types.count, comboCount = whoCombos.count
        for area in districts {
            let district = GapReport.District(pcode: area.pcode, name: area.name, region: area.parent, population: area.population)
            let table = network.minutes(from: area.pcode, within: limit)
            let lineage = network.lineage(of: area.pcode)
            let country = lineage.last.flatMap { snapshot.areas[$0]?.country } ?? area.country
            var visits: [(minutes: Double, group: Int)] = virtual.map { (0, $0) }
            // No travel to an area at or below the district, or to one of its ancestors (as `TravelNetwork.minutes(from:to:)`).
            var local = Set(below[area.pcode] ?? [])
            for pcode in lineage { if let index = areaIndex[pcode] { local.insert(index) } }
            for (index, pcode) in areas.enumerated() {
                let minutes: Double?
                if network.isEstimated {
                    minutes = network.minutes(from: area.pcode, to: pcode, table: table)
                } else {
                    minutes = local.contains(index) ? 0 : areaNodes[index].flatMap { table[$0] }
                }
                guard let minutes, minutes <= limit else { continue }
                for group in byArea[pcode] ?? [] { visits.append((minutes, group)) }
            }
            visits.sort { ($0.minutes, $0.group) < ($1.minutes, $1.group) }
            var any = [UInt64](repeating: 0, count: typeCount), met = any
            var anyMinutes = [Double](repeating: .infinity, count: typeCount * 64), metMinutes = anyMinutes
            var nightAny = [UInt64](repeating: 0, count: nightTypes.count * comboCount), nightMet = nightAny
            func record(_ bits: UInt64, _ seen: inout UInt64, _ minutes: inout [Double], _ base: Int, _ at: Double) {
                var fresh = bits & ~seen
                seen |= bits
                while fresh != 0 {
                    minutes[base + fresh.trailingZeroBitCount] = at
                    fresh &= fresh - 1
                }
            }
            for visit in visits {
                let group = groups[visit.group]
                if !group.coverage.isEmpty && !group.coverage.contains(where: lineage.contains) { continue }
                // The border rule: only reintegration (nationality unknown here) looks abroad.
                let abroad = group.country.map { $0 != country } ?? false
                for t in group.offered where !abroad || types[t] == "reintegration" {
                    record(group.any[t], &any[t], &anyMinutes, t * 64, visit.minutes)
                    record(group.met[t], &met[t], &metMinutes, t * 64, visit.minutes)
                }
                if group.hasNight && !abroad {
                    for i in nightAny.indices {
                        nightAny[i] |= group.nightAny[i]
                        nightMet[i] |= group.nightMet[i]
                    }
                }
            }
            func status(_ t: Int, _ bit: Int) -> NeedStatus {
                met[t] & (1 << UInt64(bit)) != 0 ? .met : any[t] & (1 << UInt64(bit)) != 0 ? .conditional : .unmet
            }
            func nearest(_ t: Int, _ bit: Int) -> Double? {
                let minutes = met[t] & (1 << UInt64(bit)) != 0 ? metMinutes[t * 64 + bit] : anyMinutes[t * 64 + bit]
                return minutes.isFinite ? minutes : nil
            }
            for (t, type) in types.enumerated() {
                for (c, combo) in whoCombos.enumerated() where !(GapReport.childrenOnly.contains(type) && combo.band == .adult) {
                    built.cells.append(GapReport.Cell(district: area.pcode, districtName: area.name, region: area.parent,
                                                      population: area.population, serviceType: type, sex: combo.sex, ageBand: combo.band,
                                                      status: status(t, Bit.who + c), nearestMinutes: nearest(t, Bit.who + c)))
                }
            }
            for type in GapReport.assistanceTypes {
                guard let t = typeIndex[type] else { continue }
                for (s, sex) in Vocabulary.sexes.enumerated() {
                    for (e, exploitation) in Vocabulary.exploitationTypes.enumerated() {
                        let bit = Bit.exploitation + s * 8 + e
                        built.exploitation.append(GapReport.ExploitationCell(
                            district: district, serviceType: type, sex: sex, exploitation: exploitation, status: status(t, bit),
                            baseline: status(t, Bit.exploitationBaseline + s), nearestMinutes: nearest(t, bit)))
                    }
                }
                for (n, nationality) in GapReport.Nationality.allCases.enumerated() {
                    let bit = Bit.nationality + n
                    built.nationality.append(GapReport.NationalityCell(
                        district: district, serviceType: type, nationality: nationality, status: status(t, bit),
                        baseline: status(t, Bit.nationalityBaseline), nearestMinutes: nearest(t, bit)))
                }
            }
            for (k, type) in nightTypes.enumerated() {
                guard let t = typeIndex[type] else { continue }
                for (c, combo) in whoCombos.enumerated() where !(GapReport.childrenOnly.contains(type) && combo.band == .adult) {
                    let covered = NightHours(bits: nightAny[k * comboCount + c])
                    let atNight: NeedStatus = NightHours(bits: nightMet[k * comboCount + c]).isAll ? .met
                        : covered.isAll ? .conditional : .unmet
                    built.night.append(GapReport.NightCell(district: district, serviceType: type, sex: combo.sex, ageBand: combo.band,
                                                           status: atNight, baseline: status(t, Bit.who + c), uncovered: covered.complement))
                }
            }
        }
        return built
    }

    /// Judges every active service with places and groups them by place and coverage: the groups,
    /// the virtual ones (no travel), and the physical ones by P-code.
    func groupServices() -> (groups: [Group], virtual: [Int], byArea: [String: [Int]]) {
        struct Key: Hashable {
            let area: String?
            let isVirtual: Bool
            let coverage: [String]
        }
        var groups: [Group] = []
        var index: [Key: Int] = [:]
        var virtual: [Int] = []
        var byArea: [String: [Int]] = [:]
        let comboCount = whoCombos.count
        for entry in snapshot.entries where entry.status == "active" && entry.available != 0 {
            guard entry.isVirtual || entry.area != nil else { continue }
            let key = Key(area: entry.area, isVirtual: entry.isVirtual, coverage: entry.coverage)
            let g: Int
            if let known = index[key] {
                g = known
            } else {
                g = groups.count
                index[key] = g
                groups.append(Group(country: entry.area.flatMap { snapshot.areas[$0]?.country }, coverage: entry.coverage,
                                    any: Array(repeating: 0, count: types.count), met: Array(repeating: 0, count: types.count),
                                    nightAny: Array(repeating: 0, count: nightTypes.count * comboCount),
                                    nightMet: Array(repeating: 0, count: nightTypes.count * comboCount)))
                if entry.isVirtual {
                    virtual.append(g)
                } else if let area = entry.area {
                    byArea[area, default: []].append(g)
                }
            }
            let conditional = Router.weighedConditions.contains(where: entry.conditions.contains)
            // The need matters only to the police condition: judge once for every type, unless the
            // service asks for police cooperation, which is lawful for some of its types and not others.
            let perType = entry.conditions.contains(PoliceCondition.condition)
            let shared = perType ? 0 : takes(entry, need: Need("*"))
            let night = entry.serviceTypes.contains { nightTypes.contains($0.rawValue) }
                ? NightHours(entry.hours, openAllDay: entry.conditions.contains("open-24-7")) : .none
            for type in entry.serviceTypes.map(\.rawValue) {
                guard let t = typeIndex[type] else { continue }
                let bits = perType ? takes(entry, need: Need(type)) : shared
                if !groups[g].offered.contains(t) { groups[g].offered.append(t) }
                groups[g].any[t] |= bits
                if !conditional { groups[g].met[t] |= bits }
                if let k = nightTypes.firstIndex(of: type) {
                    groups[g].hasNight = true
                    for c in 0..<comboCount where bits & (1 << UInt64(Bit.who + c)) != 0 {
                        groups[g].nightAny[k * comboCount + c] |= night.bits
                        if !conditional { groups[g].nightMet[k * comboCount + c] |= night.bits }
                    }
                }
            }
        }
        for g in groups.indices { groups[g].offered.sort() }
        return (groups, virtual, byArea)
    }

    /// The profiles (bits of `Bit`) a service takes for a need, by `EligibilityRules`.
    ///
    /// Place and travel are checked per district, so the rules see the person where the
    /// service is. A closed facility is accepted (it is a conditional answer, not none).
    func takes(_ entry: DirectorySnapshot.Entry, need: Need) -> UInt64 {
        let country = entry.area.flatMap { snapshot.areas[$0]?.country }
        let context = EligibilityRules.Context(personCountry: country, serviceCountry: country, personLineage: entry.coverage,
                                               openAtTime: true, travelMinutes: 0)
        func eligible(_ profile: ClientProfile) -> Bool {
            EligibilityRules.check(entry, profile: profile, need: need, context: context).isEligible
        }
        func person(sex: String? = nil, age: AgeStatement = .unknown, nationality: String? = nil, exploitation: [String] = [],
                    residence: Knowledge = .unknown) -> ClientProfile {
            ClientProfile(area: entry.area ?? "", sex: sex.flatMap(Sex.init(rawValue:)), age: age, nationality: nationality,
                          exploitation: exploitation.compactMap(ExploitationType.init(rawValue:)),
                          legalResidence: residence, acceptsClosedFacility: true)
        }
        var bits: UInt64 = 0
        func set(_ bit: Int) { bits |= 1 << UInt64(bit) }
        for (c, combo) in whoCombos.enumerated()
        where eligible(person(sex: combo.sex, age: combo.band == .child ? .range(0...17) : .range(18...130))) {
            set(Bit.who + c)
        }
        for (s, sex) in Vocabulary.sexes.enumerated() where eligible(person(sex: sex)) {
            set(Bit.exploitationBaseline + s)
            // Naming an exploitation type can only add a reason to an unknown one, and a service
            // that states none takes every type alike.
            for (e, exploitation) in Vocabulary.exploitationTypes.enumerated()
            where entry.exploitation.isEmpty || eligible(person(sex: sex, exploitation: [exploitation])) {
                set(Bit.exploitation + s * 8 + e)
            }
        }
        if eligible(person()) {
            set(Bit.nationalityBaseline)
            if entry.conditions.isDisjoint(with: GapTally.nationalityConditions) {
                set(Bit.nationality)
                set(Bit.nationality + 1)
            } else {
                if eligible(person(nationality: country, residence: .yes)) { set(Bit.nationality) }
                if eligible(person(nationality: GapTally.foreign, residence: .no)) { set(Bit.nationality + 1) }
            }
        }
        return bits
    }
}
