import Directory
import Foundation
import Testing
import TestSupport

@Suite("Safety nets found in review")
struct ReviewFindingsTests {
    @Test("Replacing the directory with an empty folder is refused, and nothing is lost")
    func emptyFolderRefused() throws {
        let store = try StoreKind.inMemory.small()
        let empty = TemporaryHome.url("waymark-empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let report = try store.importPackage(at: empty, clock: Fixed.clock)
        #expect(!report.imported)
        #expect(report.errors.contains { $0.description.hasPrefix("services.csv: missing") })
        #expect(try store.counts()["service"] == 5)
    }

    @Test("An empty required value is refused with its place")
    func emptyRequired() throws {
        var f = PackageFixture.small()
        f.rows["phone"]![0]["number"] = ""
        let report = try DirectoryStore.inMemory().importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.errors.map(\.description).contains("phones.csv:2: number: required value is empty"))
    }

    @Test("An implausible age is dropped with a warning, not stored")
    func implausibleAge() throws {
        var f = PackageFixture.small()
        f.rows["service"]![2]["minimum_age"] = "1e300"
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.imported)
        #expect(report.warnings.contains { $0.description.hasPrefix("services.csv:4: minimum_age:") })
        let legal = try #require(try store.search(SearchQuery(text: "legal"), clock: Fixed.clock).results.first { $0.serviceName == "Legal aid clinic" })
        #expect(legal.minimumAge == nil, "the implausible age was dropped, not stored")
    }

    @Test("A confidential location's own phones are left out of exports; the UI never shows them")
    func confidentialPhones() throws {
        var f = PackageFixture.small()
        f.add("phone", ["id": PackageFixture.id("phone-secret"), "location_id": PackageFixture.id("loc-secret"), "number": "+999 21 555 9999"])
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let folder = TemporaryHome.url("waymark-export")
        _ = try store.export(to: folder)
        #expect(try !String(contentsOf: folder.appendingPathComponent("phones.csv"), encoding: .utf8).contains("555 9999"))
        let detail = try #require(try store.serviceDetail(serviceId: PackageFixture.id("svc-girls"), locationId: nil, clock: Fixed.clock))
        #expect(!detail.phones.contains { $0.number.contains("9999") })
        #expect(detail.address.isEmpty)
    }

    @Test("confidential-address stated on a service hides its locations too")
    func serviceLevelConfidential() throws {
        var f = PackageFixture.small()
        f.add("attribute", ["id": PackageFixture.id("svc-legal-secret"), "link_id": PackageFixture.id("svc-legal"),
                            "taxonomy_term_id": PackageFixture.id("term-confidential-address"), "link_type": "condition", "link_entity": "service"])
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let legal = try #require(try store.search(SearchQuery(text: "legal"), clock: Fixed.clock).results.first)
        #expect(legal.confidential)
    }

    @Test("Hours of one location stay with that location")
    func locationHours() throws {
        var f = PackageFixture.small()
        f.location("loc-two", org: "org-hope", pcode: "XA0201")
        f.add("service_at_location", ["id": PackageFixture.id("sal-legal-two"), "service_id": PackageFixture.id("svc-legal"),
                                      "location_id": PackageFixture.id("loc-two")])
        // Saturday hours only at the second location; the service's own hours are weekdays.
        f.add("schedule", ["id": PackageFixture.id("sched-two"), "service_at_location_id": PackageFixture.id("sal-legal-two"),
                           "freq": "WEEKLY", "byday": "SA", "opens_at": "09:00", "closes_at": "12:00"])
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let saturday = try #require(LocalMoment(wallClock: "2026-01-17T10:00"))
        let open = try store.search(SearchQuery(text: "legal", openAt: .wallClock(saturday)), clock: Fixed.clock).results
        #expect(open.map(\.locationId) == [PackageFixture.id("loc-two")])
    }
}
