@testable import Directory
import Testing

@Suite("Result flags: one vocabulary, drawn as letters and as words")
struct ResultFlagTests {
    /// A result with nothing to flag, changed by `change`.
    func result(_ change: (inout SearchResult) -> Void = { _ in }) -> SearchResult {
        var result = SearchResult(serviceId: "s", serviceName: "Shelter", organizationId: "o", organizationName: "Org",
                                  locationId: nil, locationName: nil, area: "XA0101", areaName: nil, serviceTypes: ["shelter"],
                                  sex: [], minimumAge: nil, maximumAge: nil, languages: [], conditions: [], status: "active",
                                  assuredDate: "2026-01-01", stale: false, available: 3, open: true, confidential: false)
        change(&result)
        return result
    }

    @Test("An active, fresh, open service with places and no conditions has no flags")
    func none() {
        #expect(result().flags.isEmpty)
        #expect(result { $0.open = nil; $0.available = nil; $0.conditions = ["open-24-7"] }.flags.isEmpty)
    }

    @Test("Every flag at once, in one order: letters XSC0FPI, words with the status for not active")
    func all() {
        let flagged = result {
            $0.status = "temporarily closed"
            $0.stale = true
            $0.open = false
            $0.available = 0
            $0.conditions = ["closed-facility", "requires-formal-identification", "requires-police-cooperation"]
        }
        #expect(flagged.flags == [.notActive(status: "temporarily closed"), .stale, .closedNow, .noFreePlaces,
                                  .closedFacility, .policeCooperation, .formalIdentification])
        #expect(String(flagged.flags.map(\.letter)) == "XSC0FPI")
        #expect(flagged.flags.map(\.word) == ["temporarily closed", "stale", "closed", "full", "closed-fac", "police", "formal-id"])
    }

    @Test("Each condition raises its own flag only", arguments: [
        ("closed-facility", ResultFlag.closedFacility),
        ("requires-police-cooperation", .policeCooperation),
        ("requires-formal-identification", .formalIdentification),
    ])
    func condition(code: String, flag: ResultFlag) {
        #expect(result { $0.conditions = [code] }.flags == [flag])
    }

    @Test("Letters and words are each distinct, so neither reading can mistake one flag for another")
    func distinct() {
        let every: [ResultFlag] = [.notActive(status: "inactive"), .stale, .closedNow, .noFreePlaces,
                                   .closedFacility, .policeCooperation, .formalIdentification]
        #expect(Set(every.map(\.letter)).count == every.count)
        #expect(Set(every.map(\.word)).count == every.count)
    }
}
