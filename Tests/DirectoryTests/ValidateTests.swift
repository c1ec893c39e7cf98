import Directory
import Foundation
import Testing
import TestSupport

@Suite("Validating a package against the profile")
struct ValidateTests {
    func problems(_ fixture: PackageFixture) throws -> [String] {
        let report = PackageValidator().validate(try fixture.write())
        return report.problems.filter { $0.severity == .error }.map(\.description)
    }

    @Test("The fixture is valid, and overlapping age bands across services are not a problem")
    func fixtureValid() throws {
        var f = PackageFixture.small()
        f.service("svc-18under", org: "org-hope", name: "Girls 18 and under", at: "loc-hope", types: ["shelter"], ages: ("", "18"))
        #expect(try problems(f) == [])
    }

    @Test("Unknown taxonomy codes and a parent_id that disagrees with the dotted code")
    func taxonomy() throws {
        var f = PackageFixture.small()
        f.add("taxonomy_term", ["id": PackageFixture.id("term-bogus"), "code": "shelter.castle", "name": "x", "description": "x",
                                "parent_id": PackageFixture.id("term-shelter"), "taxonomy": "waymark-service-type"])
        let i = f.rows["taxonomy_term"]!.firstIndex { $0["code"] == "legal.aid" }!
        f.rows["taxonomy_term"]![i]["parent_id"] = PackageFixture.id("term-health")
        let found = try problems(f)
        #expect(found.contains { $0.contains("'shelter.castle' is not a code of waymark-service-type") })
        #expect(found.contains { $0.contains("parent_id: 'legal.aid' should have the 'legal' term as parent_id, but has 'health'") })
    }

    @Test("Ages that are not numbers, and minimum above maximum")
    func ages() throws {
        var f = PackageFixture.small()
        f.rows["service"]![0]["minimum_age"] = "twelve"
        f.rows["service"]![1]["minimum_age"] = "40"
        f.rows["service"]![1]["maximum_age"] = "30"
        let found = try problems(f)
        #expect(found.contains("services.csv:2: minimum_age: 'twelve' is not a number"))
        #expect(found.contains("services.csv:3: minimum_age: minimum_age 40 is above maximum_age 30"))
    }

    @Test("Unknown P-codes and travel links to nowhere")
    func geography() throws {
        var f = PackageFixture.small()
        f.location("loc-lost", org: "org-hope", pcode: "XA9999")
        f.add("travel_link", ["from_pcode": "XA0101", "to_pcode": "XZ0000", "minutes": "10"])
        let found = try problems(f)
        #expect(found.contains { $0.hasPrefix("locations.csv:6: external_identifier: unknown P-code 'XA9999'") })
        #expect(found.contains { $0.hasPrefix("travel_links.csv:5: to_pcode: travel link to nowhere") })
    }

    @Test("Dates and times that are not dates and times")
    func datesAndTimes() throws {
        var f = PackageFixture.small()
        f.rows["service"]![0]["assured_date"] = "2026-02-30"
        f.rows["schedule"]![0]["opens_at"] = "9 o'clock"
        let found = try problems(f)
        #expect(found.contains { $0.hasPrefix("services.csv:2: assured_date: '2026-02-30' is not a date") })
        #expect(found.contains { $0.hasPrefix("schedules.csv:2: opens_at: '9 o'clock' is not a time") })
    }
}

@Suite("Validating the police condition (CoE Art. 12(6))")
struct PoliceConditionValidationTests {
    func warnings(_ fixture: PackageFixture) throws -> (valid: Bool, warnings: [String]) {
        let report = PackageValidator().validate(try fixture.write())
        return (report.valid, report.problems.filter { $0.severity == .warning }.map(\.description))
    }

    @Test("A shelter that requires police cooperation is named in a warning at its attribute row; the package stays valid")
    func unlawfulShelterWarned() throws {
        let f = PackageFixture.small()
        let line = try #require(f.rows["attribute"]?.firstIndex {
            $0["link_id"] == PackageFixture.id("svc-men") && $0["taxonomy_term_id"] == PackageFixture.id("term-requires-police-cooperation")
        }) + 2
        let found = try warnings(f)
        #expect(found.valid)
        let police = found.warnings.filter { $0.contains("police cooperation") }
        #expect(police == ["""
            attributes.csv:\(line): taxonomy_term_id: service 'Men's Shelter' (id \(PackageFixture.id("svc-men"))) makes assistance \
            conditional on police cooperation, which the law forbids for shelter.emergency (CoE Art. 12(6)); only residence permits \
            (legal.immigration), compensation (legal.compensation) and the police themselves (law-enforcement) may ask it. \
            Remove the condition, or keep it only on a service of those types
            """])
    }

    @Test("Residence permits, compensation and the police may ask it; a location that asks it names each service there")
    func lawfulAndLocation() throws {
        var f = PackageFixture.small()
        f.rows["attribute"]?.removeAll { $0["link_id"] == PackageFixture.id("svc-men") && $0["link_type"] == "condition" }
        f.service("svc-permit", org: "org-hope", name: "Residence permits", at: "loc-hope", types: ["legal.immigration"],
                  conditions: ["requires-police-cooperation"])
        f.service("svc-claims", org: "org-hope", name: "Claims", at: "loc-hope", types: ["legal.compensation", "law-enforcement"],
                  conditions: ["requires-police-cooperation"])
        #expect(try warnings(f).warnings.filter { $0.contains("police cooperation") } == [])

        f.service("svc-mixed", org: "org-hope", name: "Permits and counselling", at: "loc-hope",
                  types: ["legal.immigration", "psychosocial"], conditions: ["requires-police-cooperation"])
        f.add("attribute", ["id": PackageFixture.id("flag-port-police"), "link_id": PackageFixture.id("loc-port"),
                            "taxonomy_term_id": PackageFixture.id("term-requires-police-cooperation"),
                            "link_type": "condition", "link_entity": "location"])
        let police = try warnings(f).warnings.filter { $0.contains("police cooperation") }
        #expect(police.count == 2)
        #expect(police.contains { $0.contains("'Permits and counselling'") && $0.contains("forbids for psychosocial (") })
        #expect(police.contains {
            $0.contains("'Men's Shelter'") && $0.contains("through its location 'Site loc-port'") && $0.contains("shelter.emergency")
        })
    }
}
