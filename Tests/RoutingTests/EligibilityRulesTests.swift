import Directory
import Routing
import Testing

/// A service entry with what a test states; everything else open to anyone.
func entry(types: Set<ServiceType> = ["shelter"], sex: Set<Sex> = [], ages: (Double?, Double?) = (nil, nil),
           exploitation: Set<ExploitationType> = [], conditions: Set<ServiceCondition> = [], status: String = "active", available: Double? = nil,
           area: String = "XA0101", coverage: [String] = [], virtual: Bool = false) -> DirectorySnapshot.Entry {
    DirectorySnapshot.Entry(serviceId: "s1", serviceName: "Test service", organizationId: "o1", organizationName: "Org",
                            locationId: "l1", area: area, isVirtual: virtual, status: status, serviceTypes: types, sex: sex,
                            exploitation: exploitation, conditions: conditions, minimumAge: ages.0, maximumAge: ages.1,
                            hours: WeeklyHours(), timezone: "UTC", available: available, assuredDate: "2026-01-01", coverage: coverage,
                            languages: [], offersInterpretation: false)
}

/// The usual context: person and service in country XA, reachable, open.
func context(personCountry: String = "XA", serviceCountry: String = "XA", open: Bool? = true, minutes: Double? = 30) -> EligibilityRules.Context {
    EligibilityRules.Context(personCountry: personCountry, serviceCountry: serviceCountry, personLineage: ["XA0101", "XA01", "XA"],
                             openAtTime: open, travelMinutes: minutes)
}

func reasons(_ e: DirectorySnapshot.Entry, _ p: ClientProfile, need: Need = Need("shelter"),
             context c: EligibilityRules.Context = context()) -> [String] {
    EligibilityRules.check(e, profile: p, need: need, context: c).reasons.map(\.code)
}

@Suite("Eligibility rules, one by one")
struct EligibilityRulesTests {
    let woman = ClientProfile(area: "XA0101", sex: "female", age: .exact(30))
    let girl = ClientProfile(area: "XA0101", sex: "female", age: .exact(16))

    @Test("sex: a men's service excludes a woman; no stated sex takes anyone; unknown sex is a note")
    func sex() {
        #expect(reasons(entry(sex: ["male"]), woman) == ["sex"])
        #expect(reasons(entry(), woman) == [])
        let unknown = ClientProfile(area: "XA0101", age: .exact(30))
        let verdict = EligibilityRules.check(entry(sex: ["male"]), profile: unknown, need: Need("shelter"), context: context())
        #expect(verdict.isEligible && verdict.notes == [.sexUnknown])
    }

    @Test("adult-only: a service for 18+ excludes a child, a disputed age and an age range reaching below 18")
    func adultOnly() {
        #expect(reasons(entry(ages: (18, nil)), girl) == ["adult-only"])
        let disputed = ClientProfile(area: "XA0101", sex: "male", age: .exact(19), ageBasis: .disputed)
        #expect(reasons(entry(ages: (18, nil)), disputed) == ["adult-only"])
        let range = ClientProfile(area: "XA0101", sex: "male", age: .range(17...19))
        #expect(reasons(entry(ages: (18, 25)), range) == ["adult-only"])
    }

    @Test("child-only: a service up to 17 excludes an adult, takes a presumed child")
    func childOnly() {
        #expect(reasons(entry(ages: (nil, 17)), woman) == ["child-only"])
        let disputed = ClientProfile(area: "XA0101", sex: "female", age: .exact(19), ageBasis: .disputed)
        #expect(reasons(entry(ages: (12, 17)), disputed) == [])
    }

    @Test("age: a stated age outside other bounds; a range overlapping in part is a note")
    func age() {
        let child = ClientProfile(area: "XA0101", sex: "female", age: .exact(10))
        #expect(reasons(entry(ages: (12, 17)), child) == ["age"])
        #expect(reasons(entry(ages: (15, 20)), girl) == [])
        let range = ClientProfile(area: "XA0101", sex: "female", age: .range(14...16))
        let verdict = EligibilityRules.check(entry(ages: (15, 20)), profile: range, need: Need("shelter"), context: context())
        // A child at a shelter: whether unaccompanied is not known yet, so the shelter is asked too.
        #expect(verdict.isEligible && verdict.notes == [.ageOverlapsInPart, .conditionToCheck("accepts-unaccompanied-children")])
    }

    @Test("exploitation: no overlap excludes; unknown is a note")
    func exploitation() {
        var labour = woman
        labour.exploitation = ["labour"]
        #expect(reasons(entry(exploitation: ["sexual"]), labour) == ["exploitation"])
        #expect(EligibilityRules.check(entry(exploitation: ["sexual"]), profile: woman, need: Need("shelter"), context: context()).notes
            == [.exploitationUnknown])
    }

    @Test("conditions: a known failing fact excludes with condition:<code>; an unknown one is a note")
    func conditions() {
        var foreigner = woman
        foreigner.nationality = "XB"
        #expect(reasons(entry(conditions: ["nationals-only"]), foreigner) == ["condition:nationals-only"])
        var national = woman
        national.nationality = "XA"
        #expect(reasons(entry(conditions: ["foreign-nationals-only"]), national) == ["condition:foreign-nationals-only"])
        var noResidence = woman
        noResidence.legalResidence = .no
        #expect(reasons(entry(conditions: ["requires-legal-residence"]), noResidence) == ["condition:requires-legal-residence"])
        var notIdentified = woman
        notIdentified.formallyIdentified = .no
        #expect(reasons(entry(conditions: ["requires-formal-identification"]), notIdentified) == ["condition:requires-formal-identification"])
        let unknown = EligibilityRules.check(entry(conditions: ["nationals-only", "requires-formal-identification"]), profile: woman,
                                             need: Need("shelter"), context: context())
        #expect(unknown.isEligible)
        #expect(unknown.notes == [.conditionToCheck("nationals-only"), .conditionToCheck("requires-formal-identification")])
    }

    @Test("the person's constraints: no police excludes police cooperation; a closed facility only when accepted")
    func constraints() {
        var noPolice = woman
        noPolice.police = .willNot
        #expect(reasons(entry(conditions: ["requires-police-cooperation"]), noPolice) == ["condition:requires-police-cooperation"])
        // Undecided (the default) is treated as will-not; only a person who will cooperate is sent there.
        #expect(woman.police == .undecided)
        #expect(reasons(entry(conditions: ["requires-police-cooperation"]), woman) == ["condition:requires-police-cooperation"])
        var willing = woman
        willing.police = .will
        #expect(reasons(entry(conditions: ["requires-police-cooperation"]), willing) == [])
        #expect(reasons(entry(conditions: ["closed-facility"]), woman) == ["condition:closed-facility"])
        var accepts = woman
        accepts.acceptsClosedFacility = true
        #expect(reasons(entry(conditions: ["closed-facility"]), accepts) == [])
    }

    @Test("shelters only: dependents and unaccompanied children need the matching flag")
    func shelterFlags() {
        var mother = woman
        mother.dependents = 2
        #expect(reasons(entry(), mother) == ["dependents"])
        #expect(reasons(entry(conditions: ["accepts-dependents"]), mother) == [])
        #expect(reasons(entry(types: ["legal", "legal.aid"]), mother, need: Need("legal")) == [], "not a shelter")
        var alone = girl
        alone.unaccompanied = .yes
        #expect(reasons(entry(), alone) == ["unaccompanied"])
        #expect(reasons(entry(conditions: ["accepts-unaccompanied-children"]), alone) == [])
    }

    @Test("inactive, no capacity, closed at the time for urgent needs (unknown hours a note)")
    func availability() {
        #expect(reasons(entry(status: "temporarily closed"), woman) == ["inactive"])
        #expect(reasons(entry(available: 0), woman) == ["no-capacity"])
        #expect(reasons(entry(available: 3), woman) == [])
        #expect(reasons(entry(), woman, need: Need("shelter", priority: .emergency), context: context(open: false)) == ["closed-at-time"])
        #expect(reasons(entry(), woman, need: Need("shelter"), context: context(open: false)) == [], "normal needs only prefer open")
        let unknown = EligibilityRules.check(entry(), profile: woman, need: Need("shelter", priority: .urgent), context: context(open: nil))
        #expect(unknown.isEligible && unknown.notes == [.hoursUnknown])
    }

    @Test("out of area: service areas, and the border rule for return and reintegration")
    func place() {
        #expect(reasons(entry(coverage: ["XA02"]), woman) == ["out-of-area"])
        #expect(reasons(entry(coverage: ["XA01"]), woman) == [])
        #expect(reasons(entry(types: ["psychosocial"]), woman, need: Need("psychosocial"), context: context(serviceCountry: "XB"))
            == ["out-of-area"], "other needs stay in the country")
        var fromXB = woman
        fromXB.nationality = "XB"
        #expect(reasons(entry(types: ["return"]), fromXB, need: Need("return"), context: context(serviceCountry: "XB")) == [])
        #expect(reasons(entry(types: ["return"]), fromXB, need: Need("return")) == [], "return is organised from where the person is")
        #expect(reasons(entry(types: ["reintegration"]), fromXB, need: Need("reintegration")) == ["out-of-area"])
        #expect(reasons(entry(types: ["reintegration"]), woman, need: Need("reintegration"), context: context(serviceCountry: "XB")) == [],
                "nationality unknown: every country")
    }

    @Test("unreachable: no route excludes a physical service, never a virtual one")
    func unreachable() {
        #expect(reasons(entry(), woman, context: context(minutes: nil)) == ["unreachable"])
        #expect(reasons(entry(types: ["hotline"], virtual: true), woman, need: Need("hotline"), context: context(minutes: nil)) == [])
    }

    @Test("every failing rule is reported, not only the first")
    func allReasons() {
        var man = ClientProfile(area: "XA0101", sex: "male", age: .exact(16))
        man.police = .willNot
        #expect(reasons(entry(sex: ["female"], ages: (18, nil), conditions: ["requires-police-cooperation"], status: "inactive"), man)
            == ["adult-only", "condition:requires-police-cooperation", "inactive", "sex"])
    }
}
