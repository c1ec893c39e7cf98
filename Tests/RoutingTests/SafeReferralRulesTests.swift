import Foundation
import Directory
@testable import Routing
import Testing

@Suite("Safe referral rules: non-conditionality, the presumption of minority, unaccompanied children")
struct SafeReferralRulesTests {
    let woman = ClientProfile(area: "XA0101", sex: "female", age: .exact(30))

    func notes(_ e: DirectorySnapshot.Entry, _ p: ClientProfile, need: Need = Need("shelter")) -> [String] {
        EligibilityRules.check(e, profile: p, need: need, context: context()).notes.map(\.code)
    }

    @Test("Police cooperation: unlawful on a shelter (excluded unless the person will), lawful on a residence permit (undecided is conditional, will-not excluded)")
    func police() {
        let shelter = entry(conditions: ["requires-police-cooperation"])
        let permit = entry(types: ["legal", "legal.immigration"], conditions: ["requires-police-cooperation"])
        var person = woman
        for stance in [PoliceStance.undecided, .willNot] {
            person.police = stance
            #expect(reasons(shelter, person) == ["condition:requires-police-cooperation"], "\(stance)")
        }
        person.police = .undecided
        #expect(reasons(permit, person, need: Need("legal.immigration")) == [], "a lawful condition is explained, the person decides")
        #expect(reasons(permit, person, need: Need("legal.aid")) == ["condition:requires-police-cooperation"], "legal aid is assistance")
        person.police = .willNot
        #expect(reasons(permit, person, need: Need("legal.immigration")) == ["condition:requires-police-cooperation"])
        person.police = .will
        #expect(reasons(shelter, person) == [])
        #expect(PoliceCondition.isLawful(for: "legal.compensation") && PoliceCondition.isLawful(for: "law-enforcement"))
        #expect(!PoliceCondition.isLawful(for: "shelter.emergency"))
    }

    @Test("A police-conditional shelter is never in the first pathway, even for a person who will cooperate; a lawful one is conditional")
    func firstPathway() {
        let areas = ["XA": DirectorySnapshot.Area(pcode: "XA", name: "Xa", parent: nil, country: "XA", level: 0, latitude: nil, longitude: nil, population: nil),
                     "XA0101": DirectorySnapshot.Area(pcode: "XA0101", name: "District", parent: "XA", country: "XA", level: 1, latitude: nil, longitude: nil, population: nil)]
        func service(_ id: String, _ types: Set<ServiceType>, _ conditions: Set<ServiceCondition>) -> DirectorySnapshot.Entry {
            DirectorySnapshot.Entry(serviceId: id, serviceName: id, organizationId: "o-\(id)", organizationName: "Org \(id)", locationId: "l-\(id)",
                                    area: "XA0101", isVirtual: true, status: "active", serviceTypes: types, sex: [], exploitation: [],
                                    conditions: conditions, minimumAge: nil, maximumAge: nil, hours: WeeklyHours(), timezone: "UTC",
                                    available: nil, assuredDate: "2026-01-01", coverage: [], languages: [], offersInterpretation: false)
        }
        // The conditional shelter sorts first by id; the other is the only lawful choice.
        let snapshot = DirectorySnapshot(entries: [service("a-police", ["shelter"], ["requires-police-cooperation"]), service("b-open", ["shelter"], []),
                                                   service("c-permit", ["legal", "legal.immigration"], ["requires-police-cooperation"])],
                                         areas: areas, links: [])
        var person = woman
        person.police = .will
        let route = Router(snapshot, staleBefore: "2025-01-01").route(person, needs: [Need("shelter"), Need("legal.immigration")], moment: nil)
        let shelter = route.needs.first { $0.need.code == "shelter" }
        #expect(shelter?.candidates.first { $0.entry.serviceId == "a-police" }?.unlawfulCondition == true)
        #expect(route.pathways.first?.steps.first { $0.need.code == "shelter" }?.candidate.entry.serviceId == "b-open")
        person.police = .undecided
        let undecided = Router(snapshot, staleBefore: "2025-01-01").route(person, needs: [Need("legal.immigration")], moment: nil)
        #expect(undecided.needs.first?.status == .conditional, "undecided on a lawful condition: conditional, not excluded")
        #expect(undecided.needs.first?.candidates.first?.toAcknowledge == ["condition:requires-police-cooperation"])
    }

    @Test("A presumed child is taken by a service whose maximum is 17 or more and minimum at most 17 (or the range's lower end); 18+ is adult-only")
    func presumedChild() {
        let disputed19 = ClientProfile(area: "XA0101", sex: "male", age: .exact(19), ageBasis: .disputed)
        #expect(reasons(entry(ages: (12, 17)), disputed19) == [])
        #expect(reasons(entry(ages: (16, 25)), disputed19) == [])
        #expect(reasons(entry(ages: (18, nil)), disputed19) == ["adult-only"])
        let estimate = ClientProfile(area: "XA0101", sex: "male", age: .range(14...20), ageBasis: .estimated)
        #expect(reasons(entry(types: ["psychosocial"], ages: (12, 17)), estimate) == [])
        // A minimum above the range's lower end: the overlap rule, with a note.
        #expect(notes(entry(types: ["psychosocial"], ages: (15, 17)), estimate, need: Need("psychosocial")) == ["age-overlaps-in-part"])
        #expect(reasons(entry(types: ["psychosocial"], ages: (5, 12)), estimate) == ["age"])
        // A stated child's age is not in doubt: the plain bounds apply.
        let stated15 = ClientProfile(area: "XA0101", sex: "male", age: .exact(15))
        #expect(reasons(entry(types: ["psychosocial"], ages: (16, 17)), stated15) == ["age"])
    }

    @Test("Only an assessment lifts the presumption once a child was possible; an estimate of 18 is 16–20")
    func presumptionHolds() {
        var person = ClientProfile(area: "XA0101", age: .range(16...20), ageBasis: .estimated)
        #expect(person.isPresumedChild)
        person.setAge(.exact(19), basis: .stated)
        #expect(person.isPresumedChild, "a later stated adult age does not lift it")
        person.setAge(.exact(19), basis: .assessed, assessment: AgeAssessment(assessedBy: "board", assessedOn: "2026-01-02", method: "x"))
        #expect(!person.isPresumedChild)
        #expect(AgeBasis.estimatedRange(18) == 16...20)
        person.childByDateOfBirth(years: 16)
        #expect(person.isPresumedChild, "a date of birth showing a child makes the person a child")
        var adultByDate = ClientProfile(area: "XA0101", age: .exact(19), ageBasis: .disputed)
        adultByDate.childByDateOfBirth(years: 19)
        #expect(adultByDate.isPresumedChild, "one showing an adult does not lift the presumption")
    }

    @Test("Unaccompanied: unknown never excludes but asks the shelter; yes and separated need a shelter that takes them; a shelter with no age bounds is asked about children")
    func unaccompanied() {
        var child = ClientProfile(area: "XA0101", sex: "female", age: .exact(15))
        #expect(notes(entry(ages: (12, 17)), child) == ["check:accepts-unaccompanied-children"])
        for status in [UnaccompaniedStatus.yes, .separated] {
            child.unaccompanied = status
            #expect(reasons(entry(ages: (12, 17)), child) == ["unaccompanied"])
            #expect(reasons(entry(ages: (12, 17), conditions: ["accepts-unaccompanied-children"]), child) == [])
        }
        child.unaccompanied = .no
        #expect(notes(entry(), child) == ["check:takes-children"])
        #expect(reasons(entry(types: ["legal"]), child) == [], "only shelters are limited by these flags")
    }

    @Test("Old stored profiles read: a disputed flag, a police refusal and an unaccompanied flag keep their meaning")
    func oldProfiles() throws {
        let old = #"{"area":"XA0101","age":{"exact":{"_0":19}},"ageDisputed":true,"languages":[],"exploitation":[],"legalResidence":"unknown","formallyIdentified":"unknown","dependents":0,"unaccompanied":true,"willNotCooperateWithPolice":true,"acceptsClosedFacility":false}"#
        let profile = try JSONDecoder().decode(ClientProfile.self, from: Data(old.utf8))
        #expect(profile.ageBasis == .disputed && profile.isPresumedChild)
        #expect(profile.police == .willNot && profile.unaccompanied == .yes)
        let unsaid = #"{"area":"XA0101","age":{"unknown":{}},"ageDisputed":false,"languages":[],"exploitation":[],"legalResidence":"unknown","formallyIdentified":"unknown","dependents":0,"unaccompanied":false,"willNotCooperateWithPolice":false,"acceptsClosedFacility":false}"#
        let quiet = try JSONDecoder().decode(ClientProfile.self, from: Data(unsaid.utf8))
        #expect(quiet.police == .undecided && quiet.unaccompanied == .unknown)
    }
}
