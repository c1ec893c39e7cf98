import Directory
import Foundation
@testable import Routing
import Testing
import TestSupport

/// Properties checked over many generated directories and people (a seeded generator, so a
/// failure names the seed that reproduces it).
@Suite("Routing properties over generated directories")
struct RoutingPropertyTests {
    static let needsPool = ["shelter", "shelter.emergency", "health.medical", "legal.aid", "psychosocial", "livelihood", "return",
                            "reintegration", "child-protection", "interpretation"]

    /// A small directory of synthetic services, read back through a real store.
    static func snapshot(seed: UInt64, services: Int = 400) throws -> DirectorySnapshot {
        let folder = TemporaryHome.url("waymark-prop-\(seed)")
        try SyntheticDirectory(services: services, districts: 20, seed: seed).write(to: folder)
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: folder, clock: TestTime.clock)
        return try store.snapshot()
    }

    static func profile(_ random: inout SeededRandom, areas: [String]) -> ClientProfile {
        var p = ClientProfile(area: areas[Int(random.next() % UInt64(areas.count))])
        p.sex = ["female", "male", "other", nil][Int(random.next() % 4)]
        switch random.next() % 3 {
        case 0: p.age = .exact(Int(random.next() % 70))
        case 1: let low = Int(random.next() % 30) + 5; p.age = .range(low...(low + Int(random.next() % 5)))
        default: p.age = .unknown
        }
        p.ageDisputed = random.chance(0.15)
        p.dependents = random.chance(0.2) ? 2 : 0
        p.unaccompanied = random.chance(0.1) ? .yes : .unknown
        p.police = random.chance(0.3) ? .willNot : .will
        p.acceptsClosedFacility = random.chance(0.2)
        p.nationality = random.chance(0.5) ? "XB" : nil
        return p
    }

    static func needs(_ random: inout SeededRandom) -> [Need] {
        (0..<(1 + Int(random.next() % 4))).map { _ in
            Need(needsPool[Int(random.next() % UInt64(needsPool.count))], priority: Priority.allCases[Int(random.next() % 3)])
        }
    }

    @Test("A proposed service never violates a hard condition", arguments: [UInt64(1), 2, 3])
    func neverViolates(seed: UInt64) throws {
        let snapshot = try Self.snapshot(seed: seed)
        let router = Router(snapshot, staleBefore: "2025-07-19")
        let areas = snapshot.areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        var random = SeededRandom(seed: seed * 7919)
        for _ in 0..<60 {
            let person = Self.profile(&random, areas: areas)
            let route = router.route(person, needs: Self.needs(&random), moment: LocalMoment(day: 3, minute: 11 * 60))
            for step in route.pathways.flatMap(\.steps) {
                let e = step.candidate.entry
                #expect(e.status == "active", "seed \(seed)")
                #expect(e.available != 0, "seed \(seed)")
                if let sex = person.sex { #expect(e.sex.isEmpty || e.sex.contains(sex), "seed \(seed)") }
                if person.isPresumedChild { #expect((e.minimumAge ?? 0) < 18, "seed \(seed): adult-only for a child") }
                if person.willNotCooperateWithPolice { #expect(!e.conditions.contains("requires-police-cooperation"), "seed \(seed)") }
                if !person.acceptsClosedFacility { #expect(!e.conditions.contains("closed-facility"), "seed \(seed)") }
                if person.dependents > 0 && e.serviceTypes.contains("shelter") { #expect(e.conditions.contains("accepts-dependents")) }
                if step.need.priority != .normal {
                    #expect(e.hours.isOpen(day: 3, minute: 11 * 60) != false, "seed \(seed): closed for an urgent need")
                }
                #expect(e.serviceTypes.contains { $0.rawValue == step.need.code })
            }
        }
    }

    @Test("Adding a service never turns a met need into an unmet one", arguments: [UInt64(4), 5])
    func monotone(seed: UInt64) throws {
        let snapshot = try Self.snapshot(seed: seed)
        let areas = snapshot.areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        var random = SeededRandom(seed: seed * 104_729)
        for _ in 0..<30 {
            let person = Self.profile(&random, areas: areas)
            let needs = Self.needs(&random)
            let before = Router(snapshot, staleBefore: "2025-07-19").route(person, needs: needs, moment: nil)
            // Copy an existing entry as a new service (a different id) somewhere else.
            let template = snapshot.entries[Int(random.next() % UInt64(snapshot.entries.count))]
            let extra = DirectorySnapshot.Entry(
                serviceId: "zz-added-\(random.next())", serviceName: "Added", organizationId: "zz-org", organizationName: "Added org",
                locationId: "zz-loc", area: areas[Int(random.next() % UInt64(areas.count))], isVirtual: false, status: "active",
                serviceTypes: template.serviceTypes, sex: template.sex, exploitation: template.exploitation, conditions: template.conditions,
                minimumAge: template.minimumAge, maximumAge: template.maximumAge, hours: template.hours, timezone: template.timezone,
                available: template.available, assuredDate: template.assuredDate, coverage: template.coverage,
                languages: template.languages, offersInterpretation: template.offersInterpretation)
            var grown = snapshot
            grown.entries.append(extra)
            let after = Router(grown, staleBefore: "2025-07-19").route(person, needs: needs, moment: nil)
            for (a, b) in zip(before.needs, after.needs) where a.status == .met {
                #expect(b.status == .met, "seed \(seed): \(a.need.code) became \(b.status)")
            }
        }
    }

    @Test("Routes do not depend on the order rows were imported in")
    func importOrder() throws {
        let folder = TemporaryHome.url("waymark-order")
        try SyntheticDirectory(services: 300, districts: 15, seed: 12).write(to: folder)
        let reversed = TemporaryHome.url("waymark-order-rev")
        try FileManager.default.copyItem(at: folder, to: reversed)
        for file in try FileManager.default.contentsOfDirectory(atPath: reversed.path) where file.hasSuffix(".csv") {
            let url = reversed.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.isEmpty }
            guard lines.count > 2 else { continue }
            try ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        func router(_ folder: URL) throws -> Router {
            let store = try DirectoryStore.inMemory()
            let report = try store.importPackage(at: folder, clock: TestTime.clock)
            try #require(report.imported, "\(report.errors.prefix(3))")
            return Router(try store.snapshot(), staleBefore: "2025-07-19")
        }
        let a = try router(folder), b = try router(reversed)
        let areas = a.snapshot.areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        var random = SeededRandom(seed: 99)
        for _ in 0..<30 {
            let person = Self.profile(&random, areas: areas)
            let needs = Self.needs(&random)
            #expect(a.route(person, needs: needs, moment: LocalMoment(day: 1, minute: 600))
                == b.route(person, needs: needs, moment: LocalMoment(day: 1, minute: 600)))
        }
    }
}
