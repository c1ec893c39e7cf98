import Directory
import Foundation
import Routing
import Testing
import WaymarkData
import TestSupport

@Suite("The gap report")
struct GapReportTests {
    @Test("Over the sample: adult men lack a shelter in the region without one; unmet cells first, by population")
    func sample() throws {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), clock: TestTime.clock)
        let snapshot = try store.snapshot()
        let report = GapReport(snapshot, withinMinutes: 120)
        let xa04 = report.cells.filter { $0.region == "XA04" && $0.serviceType == "shelter" && $0.sex == "male" && $0.ageBand == .adult }
        #expect(!xa04.isEmpty && xa04.allSatisfy { $0.status != .met })
        let firstMet = try #require(report.cells.firstIndex { $0.status == .met })
        #expect(report.cells[..<firstMet].allSatisfy { $0.status != .met })
        let unmet = report.cells.filter { $0.status == .unmet }
        #expect(zip(unmet, unmet.dropFirst()).allSatisfy { ($0.population ?? -1) >= ($1.population ?? -1) })
        // A wider limit never turns a met cell into an unmet one.
        let wide = GapReport(snapshot, withinMinutes: 600)
        let metNarrow = Set(report.cells.filter { $0.status == .met }.map { "\($0.district) \($0.serviceType) \($0.sex) \($0.ageBand)" })
        let metWide = Set(wide.cells.filter { $0.status == .met }.map { "\($0.district) \($0.serviceType) \($0.sex) \($0.ageBand)" })
        #expect(metNarrow.isSubset(of: metWide))
    }
}

/// The gap report over small hand-made snapshots: two districts 40 minutes apart.
@Suite("The gap report's rules")
struct GapReportRuleTests {
    static let areas: [String: DirectorySnapshot.Area] = [
        "XA": .init(pcode: "XA", name: "Testland", parent: nil, country: "XA", level: 0, latitude: nil, longitude: nil, population: nil),
        "XA01": .init(pcode: "XA01", name: "North", parent: "XA", country: "XA", level: 1, latitude: nil, longitude: nil, population: nil),
        "XA0101": .init(pcode: "XA0101", name: "Capital", parent: "XA01", country: "XA", level: 2, latitude: nil, longitude: nil,
                        population: 900_000),
        "XA0102": .init(pcode: "XA0102", name: "Riverside", parent: "XA01", country: "XA", level: 2, latitude: nil, longitude: nil,
                        population: 40_000),
    ]

    static func entry(_ id: String, types: [String], sex: Set<Sex> = [], exploitation: Set<ExploitationType> = [], conditions: Set<ServiceCondition> = [],
                      hours: WeeklyHours = WeeklyHours(code: "24/7"), area: String = "XA0101") -> DirectorySnapshot.Entry {
        DirectorySnapshot.Entry(serviceId: id, serviceName: id, organizationId: "org", organizationName: "Org", locationId: "loc-\(id)",
                                area: area, isVirtual: false, status: "active", serviceTypes: Set(types.flatMap(Vocabulary.selfAndAncestors).compactMap(ServiceType.init(rawValue:))),
                                sex: sex, exploitation: exploitation, conditions: conditions, minimumAge: nil, maximumAge: nil, hours: hours,
                                timezone: "UTC", available: nil, assuredDate: "2026-01-01", coverage: [], languages: [],
                                offersInterpretation: false)
    }

    static func report(_ entries: [DirectorySnapshot.Entry]) -> GapReport {
        let link = DirectorySnapshot.Link(from: "XA0101", to: "XA0102", minutes: 40, borderCrossing: false)
        return GapReport(DirectorySnapshot(entries: entries, areas: areas, links: [link]), withinMinutes: 120)
    }

    func statuses(_ report: GapReport, _ type: String, district: String = "XA0101") -> Set<NeedStatus> {
        Set(report.cells.filter { $0.district == district && $0.serviceType == type }.map(\.status))
    }

    @Test("A shelter that requires police cooperation covers no one; without the condition it covers everyone")
    func unlawfulPoliceCoversNoOne() {
        let police = Self.report([Self.entry("shelter", types: ["shelter.emergency"], conditions: [PoliceCondition.condition])])
        #expect(statuses(police, "shelter") == [.unmet])
        #expect(statuses(police, "shelter.emergency") == [.unmet])
        #expect(statuses(police, "shelter", district: "XA0102") == [.unmet])
        let plain = Self.report([Self.entry("shelter", types: ["shelter.emergency"])])
        #expect(statuses(plain, "shelter") == [.met])
    }

    @Test("Police cooperation asked for a residence permit or by the police is conditional; the same service's other types cover no one")
    func lawfulPoliceIsConditional() {
        let report = Self.report([
            Self.entry("permits", types: ["legal.immigration", "shelter"], conditions: [PoliceCondition.condition]),
            Self.entry("police", types: ["law-enforcement"], conditions: [PoliceCondition.condition]),
        ])
        #expect(statuses(report, "legal.immigration") == [.conditional])
        #expect(statuses(report, "law-enforcement") == [.conditional])
        #expect(statuses(report, "shelter") == [.unmet])
        // `legal` is only the implied parent: general legal help may not ask it.
        #expect(statuses(report, "legal") == [.unmet])
        let cell = report.cells.first { $0.district == "XA0102" && $0.serviceType == "legal.immigration" }
        #expect(cell?.status == .conditional && cell?.nearestMinutes == 40)
    }

    @Test("A shelter only for sexual exploitation of women leaves labour-exploited women without one, and says so")
    func exploitationGaps() {
        let report = Self.report([
            Self.entry("women", types: ["shelter"], sex: ["female"], exploitation: ["sexual"]),
            Self.entry("men", types: ["shelter"], sex: ["male"]),
        ])
        func cell(_ sex: String, _ exploitation: String) -> GapReport.ExploitationCell? {
            report.exploitationCells.first { (c: GapReport.ExploitationCell) -> Bool in
                c.district.pcode == "XA0101" && c.serviceType == "shelter" && c.sex == sex && c.exploitation == exploitation
            }
        }
        #expect(cell("female", "labour")?.status == .unmet)
        #expect(cell("female", "labour")?.baseline == .met)
        #expect(cell("female", "sexual")?.status == .met)
        #expect(cell("male", "labour")?.status == .met)
        #expect(cell("other", "labour")?.status == .unmet && cell("other", "labour")?.baseline == .unmet)
        #expect(Set(report.exploitationCells.map(\.serviceType)) == Set(GapReport.assistanceTypes))
        // Unmet first, largest population first.
        #expect(report.exploitationCells.first?.status == .unmet && report.exploitationCells.first?.district.pcode == "XA0101")
    }

    @Test("Nationals-only legal aid and residence-only health care leave a foreign national without legal residence out")
    func nationalityGaps() {
        let report = Self.report([
            Self.entry("legal", types: ["legal.aid"], conditions: ["nationals-only"]),
            Self.entry("clinic", types: ["health.medical"], conditions: ["requires-legal-residence"]),
            Self.entry("food", types: ["basic-needs"], conditions: ["foreign-nationals-only"]),
        ])
        func cell(_ type: String, _ nationality: GapReport.Nationality) -> GapReport.NationalityCell? {
            report.nationalityCells.first { (c: GapReport.NationalityCell) -> Bool in
                c.district.pcode == "XA0101" && c.serviceType == type && c.nationality == nationality
            }
        }
        #expect(cell("legal", .foreignNational)?.status == .unmet)
        #expect(cell("legal", .foreignNational)?.baseline == .met)
        #expect(cell("legal", .national)?.status == .met)
        #expect(cell("health", .foreignNational)?.status == .unmet)
        #expect(cell("health", .national)?.status == .met)
        #expect(cell("basic-needs", .national)?.status == .unmet)
        #expect(cell("basic-needs", .foreignNational)?.status == .met)
        #expect(cell("shelter", .national)?.status == .unmet && cell("shelter", .national)?.baseline == .unmet)
    }

    @Test("At night: office hours and unknown hours cover no night hour, open-24-7 covers all, an evening clinic part of each night")
    func nightGaps() {
        var evenings = WeeklyHours()
        evenings.add(days: Array(1...7), opens: 20 * 60, closes: 2 * 60)
        var office = WeeklyHours()
        office.add(days: [1, 2, 3, 4, 5], opens: 9 * 60, closes: 17 * 60)
        let report = Self.report([
            Self.entry("line", types: ["hotline"], hours: office),
            Self.entry("shelter", types: ["shelter.emergency"], conditions: ["open-24-7"], hours: WeeklyHours()),
            Self.entry("clinic", types: ["health.medical"], hours: evenings),
            Self.entry("taxi", types: ["transport"], hours: WeeklyHours()),
        ])
        func cell(_ type: String) -> GapReport.NightCell? {
            report.nightCells.first { (c: GapReport.NightCell) -> Bool in
                c.district.pcode == "XA0101" && c.serviceType == type && c.sex == "female" && c.ageBand == .adult
            }
        }
        #expect(cell("hotline")?.status == .unmet && cell("hotline")?.baseline == .met)
        #expect(cell("hotline")?.uncovered == .all)
        #expect(cell("transport")?.status == .unmet && cell("transport")?.uncovered.count == 56)
        #expect(cell("shelter")?.status == .met && cell("shelter")?.uncovered.count == 0)
        #expect(cell("health.medical")?.status == .unmet)
        #expect(cell("health.medical")?.uncovered.count == 28)
        #expect(cell("health.medical")?.uncovered.spans.first == "TU 02:00-TU 06:00")
        #expect(cell("health.medical")?.uncovered.spans.last == "MO 02:00-MO 06:00")
        #expect(report.nightCells.filter { $0.serviceType == "child-protection" }.allSatisfy { $0.ageBand == .child })
    }
}
