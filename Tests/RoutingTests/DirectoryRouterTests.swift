@testable import Directory
import Foundation
@testable import Routing
import Testing
import TestSupport
import WaymarkData

/// A route read from the store near the person gives the answer a router over the whole directory gives.
@Suite("Routes read from the store, nearest first")
struct DirectoryRouterTests {
    static let instant = Date(timeIntervalSince1970: 1_768_471_200) // Thursday 15 January 2026, 10:00 UTC
    static let staleBefore = "2025-07-19"

    /// The first district (level 2) of `snapshot` by P-code.
    static func firstDistrict(_ snapshot: DirectorySnapshot) -> String? {
        snapshot.areas.values.filter { $0.level == 2 }.map(\.pcode).min()
    }

    /// A synthetic directory spread over `districts`, imported into a store on disk.
    static func store(seed: UInt64, services: Int, districts: Int) throws -> (DirectoryStore, TemporaryHome) {
        let folder = TemporaryHome("waymark-route-package")
        defer { folder.remove() }
        try SyntheticDirectory(services: services, districts: districts, seed: seed).write(to: folder.url)
        let home = TemporaryHome("waymark-route-home")
        let store = try WaymarkHome(url: home.url).openDirectory()
        let report = try store.importPackage(at: folder.url, clock: TestTime.clock)
        #expect(report.imported, "seed \(seed): \(report.errors.prefix(3))")
        return (store, home)
    }

    /// Routes many people through both routers and compares every answer whole: needs, candidates,
    /// exclusions, near misses and pathways.
    static func compare(_ store: DirectoryStore, people: Int, seed: UInt64) throws -> (routes: Int, entriesRead: [Int], all: Int) {
        let whole = try store.snapshot()
        let router = Router(whole, staleBefore: staleBefore)
        let areas = whole.areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        var random = SeededRandom(seed: seed &* 104_729)
        var read: [Int] = []
        for person in 0..<people {
            let profile = RoutingPropertyTests.profile(&random, areas: areas)
            let needs = RoutingPropertyTests.needs(&random)
            let instant = instant.addingTimeInterval(Double(random.next() % 7) * 86_400 + Double(random.next() % 24) * 3_600)
            let expected = router.route(profile, needs: needs, at: instant, alternatives: 3)
            let (route, part) = try DirectoryRouter(staleBefore: staleBefore).route(profile, needs: needs, at: instant, alternatives: 3, in: store)
            let same = route == expected
            #expect(same, "seed \(seed), person \(person) in \(profile.area) needing \(needs.map(\.code)): not the whole directory's route")
            read.append(part.entries.count)
        }
        return (people, read, whole.entries.count)
    }

    @Test("The same routes as the whole directory gives, over generated directories", arguments: [UInt64(1), 2, 3])
    func sameAsWholeDirectory(seed: UInt64) throws {
        let (store, home) = try Self.store(seed: seed, services: 1_500, districts: 60)
        defer { home.remove() }
        let outcome = try Self.compare(store, people: 40, seed: seed)
        // Reading near the person, not everything: most routes read part of the directory.
        #expect(outcome.entriesRead.filter { $0 < outcome.all }.count > outcome.routes / 2, "\(outcome.entriesRead) of \(outcome.all)")
    }

    @Test("The same routes as the whole directory gives, over the bundled sample and its road network")
    func sameOverTheSample() throws {
        let home = TemporaryHome("waymark-route-sample")
        defer { home.remove() }
        let store = try WaymarkHome(url: home.url).openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: TestTime.clock)
        _ = try Self.compare(store, people: 60, seed: 11)
    }

    @Test("Services at P-codes the area table lacks, reached by a road link or as an ancestor it lacks, are read as the whole directory reads them")
    func unknownAreas() throws {
        let (store, home) = try Self.store(seed: 8, services: 8_000, districts: 40)
        defer { home.remove() }
        let whole = try store.snapshot()
        let origin = try #require(Self.firstDistrict(whole))
        // Shelters that take any adult, anywhere, with places: whichever is nearest comes first.
        let open = whole.entries.filter {
            $0.serviceTypes.contains("shelter") && !$0.isVirtual && $0.area != origin && $0.status == "active" && $0.available != 0
                && $0.sex.isEmpty && $0.conditions.isEmpty && $0.coverage.isEmpty && $0.exploitation.isEmpty
                && ($0.minimumAge ?? 0) <= 30 && ($0.maximumAge ?? 200) >= 30
        }.map(\.serviceId)
        let (first, second) = (try #require(open.first), try #require(open.last))
        #expect(first != second)
        // As an import that warned of them leaves them: one shelter at a P-code only a road link names, one at
        // the origin's parent, which the area table no longer has.
        let parent = try #require(whole.areas[origin]?.parent)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE search_entry SET pcode = 'ZZ99' WHERE service_id = ?", arguments: [first])
            try db.execute(sql: "INSERT INTO travel_link(from_pcode, to_pcode, minutes, border_crossing) VALUES (?, 'ZZ99', 1, 0)", arguments: [origin])
            try db.execute(sql: "UPDATE search_entry SET pcode = ? WHERE service_id = ?", arguments: [parent, second])
            try db.execute(sql: "UPDATE area SET parent_pcode = NULL WHERE parent_pcode = ? AND pcode <> ?", arguments: [parent, origin])
            try db.execute(sql: "DELETE FROM area WHERE pcode = ?", arguments: [parent])
        }
        let reopened = try DirectoryStore.open(at: home.url.appendingPathComponent("directory.sqlite").path)
        let changed = try reopened.snapshot()
        let router = Router(changed, staleBefore: Self.staleBefore)
        let profile = ClientProfile(area: origin, sex: "female", age: .exact(30))
        let needs = [Need("shelter")]
        let expected = router.route(profile, needs: needs, at: Self.instant)
        // The whole directory proposes both moved shelters: the scenario is one that can go wrong.
        let proposed = Set(expected.needs[0].candidates.map(\.entry.serviceId))
        #expect(proposed.contains(first) && proposed.contains(second))
        let (route, part) = try DirectoryRouter(staleBefore: Self.staleBefore).route(profile, needs: needs, at: Self.instant, in: reopened)
        #expect(part.entries.count < changed.entries.count, "read near the person, not everything")
        let same = route == expected
        #expect(same, "\(route.needs[0].candidates.prefix(3).map(\.entry.serviceId)) against \(expected.needs[0].candidates.prefix(3).map(\.entry.serviceId))")
    }

    @Test("A route after an edit reads the edited directory, and after damaged search tables a rebuilt one, with a notice")
    func editedAndDamaged() throws {
        let (store, home) = try Self.store(seed: 5, services: 600, districts: 30)
        defer { home.remove() }
        let whole = try store.snapshot()
        let area = try #require(Self.firstDistrict(whole))
        let profile = ClientProfile(area: area, sex: "female", age: .exact(30))
        let needs = [Need("shelter", priority: .urgent), Need("legal.aid")]
        let first = try DirectoryRouter(staleBefore: Self.staleBefore).route(profile, needs: needs, at: Self.instant, in: store).route
        let chosen = try #require(first.pathways.first?.steps.first?.candidate.entry)

        // The chosen shelter closes: the next route, from a new process's store, no longer proposes it.
        let file = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'") ?? "" }
        var edit = ServiceEdit()
        edit.status = "inactive"
        _ = try DirectoryEditor(store: store, author: ChangeAuthor(name: "Coordinator"), clock: TestTime.clock).edit(service: chosen.serviceId, edit)
        let reopened = try DirectoryStore.open(at: file)
        let second = try DirectoryRouter(staleBefore: Self.staleBefore).route(profile, needs: needs, at: Self.instant, in: reopened).route
        #expect(second.needs[0].candidates.allSatisfy { $0.entry.serviceId != chosen.serviceId })
        #expect(second == Router(try reopened.snapshot(), staleBefore: Self.staleBefore).route(profile, needs: needs, at: Self.instant))

        // Damaged tables are rebuilt before a route reads them.
        try reopened.writer.write { db in try db.execute(sql: "UPDATE directory_meta SET value = 'format=1 generation=1' WHERE key = 'search_tables'") }
        let fresh = try DirectoryStore.open(at: file)
        let notices = LockBox<[String]>([])
        fresh.noticeHandler.value = { message in notices.withLock { $0.append(message) } }
        let third = try DirectoryRouter(staleBefore: Self.staleBefore).route(profile, needs: needs, at: Self.instant, in: fresh).route
        #expect(third == second)
        #expect(notices.value.count == 1, "\(notices.value)")
    }
}
