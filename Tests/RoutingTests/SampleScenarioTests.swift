import Directory
import Foundation
@testable import Routing
import Testing
import WaymarkData
import TestSupport

/// Scenarios from the field over the bundled sample, at its reference date.
@Suite("Routing scenarios over the sample directory")
struct SampleScenarioTests {
    static let clock = TestTime.clock
    /// Thursday 14:00 local time.
    static let thursday = LocalMoment(day: 4, minute: 14 * 60)

    static func router() throws -> Router {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true), clock: clock)
        return Router(try store.snapshot(), staleBefore: "2025-07-19")
    }

    @Test("A 16-year-old girl: a shelter that takes her, child protection added by rule, no adult-only shelter")
    func girl() throws {
        let route = try Self.router().route(ClientProfile(area: "XA0101", sex: "female", age: .exact(16)),
                                            needs: [Need("shelter", priority: .emergency)], moment: Self.thursday)
        let shelter = try #require(route.needs.first { $0.need.code == "shelter" })
        #expect(shelter.status == .met)
        #expect(shelter.candidates.allSatisfy { ($0.entry.minimumAge ?? 0) <= 16 && ($0.entry.sex.isEmpty || $0.entry.sex.contains("female")) })
        #expect(shelter.excluded.contains { $0.reasons.contains(.adultOnly) })
        let added = try #require(route.needs.first { $0.need.code == "child-protection" })
        #expect(added.need.addedByRule)
        #expect(route.pathways.first?.steps.map(\.need.code).contains("child-protection") == true)
    }

    @Test("An adult man in the region with no men's shelter: unmet, with the nearest men's shelter out of area")
    func manWithoutShelter() throws {
        let route = try Self.router().route(ClientProfile(area: "XA0401", sex: "male", age: .exact(35)),
                                            needs: [Need("shelter")], moment: Self.thursday)
        let shelter = try #require(route.needs.first)
        #expect(shelter.status == .unmet)
        let miss = try #require(shelter.nearMiss)
        #expect(miss.reasons == [.outOfArea])
        #expect(miss.entry.sex.contains("male"))
        #expect((miss.travelMinutes ?? 0) > 60)
    }

    @Test("A disputed age of 17–19 is a child: adult-only shelters excluded, child protection added")
    func disputedAge() throws {
        let route = try Self.router().route(ClientProfile(area: "XA0101", sex: "male", age: .range(17...19), ageBasis: .disputed),
                                            needs: [Need("shelter")], moment: Self.thursday)
        let shelter = try #require(route.needs.first { $0.need.code == "shelter" })
        #expect(shelter.excluded.contains { $0.reasons.contains(.adultOnly) && ($0.entry.minimumAge ?? 0) >= 18 })
        #expect(!shelter.candidates.contains { ($0.entry.minimumAge ?? 0) >= 18 })
        #expect(route.needs.contains { $0.need.code == "child-protection" && $0.need.addedByRule })
    }

    @Test("A woman who will not go to the police: no service that requires it is proposed")
    func noPolice() throws {
        var profile = ClientProfile(area: "XA0101", sex: "female", age: .exact(28))
        profile.police = .willNot
        let route = try Self.router().route(profile, needs: [Need("shelter"), Need("legal")], moment: Self.thursday)
        for need in route.needs {
            #expect(!need.candidates.contains { $0.entry.conditions.contains("requires-police-cooperation") })
        }
        #expect(route.needs.flatMap(\.excluded).contains { $0.reasons.contains(.condition("requires-police-cooperation")) })
    }

    @Test("Return across the border: services in the country of nationality are eligible; other needs stay in the country")
    func returnAcrossBorder() throws {
        var profile = ClientProfile(area: "XA0101", sex: "female", age: .exact(24))
        profile.nationality = "XB"
        let route = try Self.router().route(profile, needs: [Need("return"), Need("reintegration")], moment: Self.thursday)
        let reintegration = try #require(route.needs.first { $0.need.code == "reintegration" })
        #expect(!reintegration.candidates.isEmpty)
        #expect(reintegration.candidates.allSatisfy { $0.entry.area?.hasPrefix("XB") == true })
        let back = try #require(route.needs.first { $0.need.code == "return" })
        #expect(back.candidates.contains { $0.entry.area?.hasPrefix("XA") == true })
    }

    @Test("A mother with two children: only shelters that take dependents")
    func mother() throws {
        var profile = ClientProfile(area: "XA0101", sex: "female", age: .exact(31))
        profile.dependents = 2
        let route = try Self.router().route(profile, needs: [Need("shelter")], moment: Self.thursday)
        let shelter = try #require(route.needs.first)
        #expect(!shelter.candidates.isEmpty, "the sample has shelters that take dependents")
        #expect(shelter.candidates.allSatisfy { $0.entry.conditions.contains("accepts-dependents") })
        #expect(shelter.excluded.contains { $0.reasons.contains(.dependents) })
    }

    @Test("The same directory, profile and time give the same answer")
    func deterministic() throws {
        let router = try Self.router()
        let profile = ClientProfile(area: "XA0201", sex: "female", age: .exact(22))
        let needs = [Need("shelter", priority: .urgent), Need("health.medical"), Need("legal.aid"), Need("livelihood")]
        #expect(router.route(profile, needs: needs, moment: Self.thursday) == router.route(profile, needs: needs, moment: Self.thursday))
    }
}
