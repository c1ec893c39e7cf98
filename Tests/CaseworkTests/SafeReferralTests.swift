import Casework
import Foundation
import Routing
import SOP
import Testing
import TestSupport

/// Services of the bundled sample these tests refer to.
enum SafeReferralService {
    /// Casa Bărbaților: a shelter for men, 18 and over.
    static let mensShelter = "ce175de3-8d02-5bcf-86c8-d79220aab526"
    /// A state shelter for women, 18 and over, with no free places.
    static let fullWomensShelter = "a158c5bc-aa5d-56d1-bc82-358ea77bbff1"
    /// Youth transition house (approx. 15–20): says nothing of unaccompanied children.
    static let youthHouse = "3b2cd200-6a17-5409-a06c-13d89f0f85c4"
    /// The fixture's girl of 15, with nothing said yet about whether she is unaccompanied.
    static var girlNotKnownIfUnaccompanied: ClientProfile {
        var girl = CaseworkFixture.girl
        girl.unaccompanied = .unknown
        return girl
    }
}

@Suite("Safe referral: the domain refuses what routing would never propose")
struct SafeReferralTests {
    @Test("Every exclusion code routing can give is classed protective or situational, and the table holds nothing else")
    func classesAreComplete() {
        let codes = Set(ExclusionReason.all.map(\.code))
        for code in codes { #expect(ExclusionClass.table[code] != nil, "\(code) is not classed") }
        #expect(Set(ExclusionClass.table.keys) == codes)
        #expect(ExclusionClass.of(.adultOnly) == .protective && ExclusionClass.of(.noCapacity) == .situational)
    }

    @Test("A 15-year-old girl cannot be referred to an adult men's shelter: refused at creation, naming sex and adult-only, nothing written")
    func refusedAtCreation() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        let before = try Data(contentsOf: CaseStore.file(in: fixture.home))
        do {
            _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SafeReferralService.mensShelter, need: "shelter", priority: .emergency,
                                                 escort: true, directory: fixture.directory)
            Issue.record("a child was referred to an adult men's shelter")
        } catch CaseworkError.ineligible(let refusal) {
            #expect(refusal.reasons.map(\.code).contains("adult-only"))
            #expect(refusal.reasons.map(\.code).contains("sex"))
            #expect(refusal.isProtective)
            #expect(refusal.instead.contains("waymark route --case \(code.rawValue)"))
        }
        #expect(try fixture.store.referrals(case: code.rawValue).isEmpty)
        #expect(try Data(contentsOf: CaseStore.file(in: fixture.home)) == before)
    }

    /// An adult woman's ready referral to the adult-only women's shelter.
    func adultShelterReferral(_ fixture: CaseworkFixture, priority: ReferralPriority = .normal) throws -> (CaseCode, Referral) {
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "self-hotline")
        try fixture.completeCaseSteps(code)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter", priority: priority,
                                                        escort: true, directory: fixture.directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        try fixture.recordRisk(referral.id)
        return (code, referral)
    }

    @Test("The hand-off re-checks the case's current profile: an age re-recorded as 15 refuses the adult-only shelter, even with an override")
    func recheckedAtHandoff() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try adultShelterReferral(fixture, priority: .emergency)
        let clearance = try #require(try fixture.clearance(referral.id))
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 15)))
        for override in [nil, "Life at risk: she is at the door"] as [String?] {
            do {
                _ = try fixture.store.handoff(clearance, directory: fixture.directory, override: override)
                Issue.record("handed off to an adult-only shelter for a child")
            } catch CaseworkError.ineligible(let refusal) {
                #expect(refusal.reasons.map(\.code).contains("adult-only"))
                #expect((refusal.overrideProblem != nil) == (override != nil))
            }
            do {
                _ = try fixture.store.clear(referral.id, override: override, directory: fixture.directory)
                Issue.record("cleared an adult-only shelter for a child")
            } catch CaseworkError.ineligible(let refusal) {
                #expect(refusal.reasons.map(\.code).contains("adult-only"), "protective reasons come before the steps a child now owes")
            }
        }
        #expect(try fixture.store.referral(referral.id).status == .draft)
        #expect(try fixture.store.verifyLog().entries == 0)
    }

    @Test("No free places: a warning at creation, a refusal at the hand-off, lifted only by an override at emergency priority, and logged as lifted")
    func situational() throws {
        for priority in [ReferralPriority.normal, .emergency] {
            let fixture = try CaseworkFixture()
            let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "self-hotline")
            try fixture.completeCaseSteps(code)
            let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SafeReferralService.fullWomensShelter,
                                                            need: "shelter", priority: priority, directory: fixture.directory)
            let eligibility = try #require(try fixture.store.eligibility(of: referral.id, directory: fixture.directory))
            #expect(eligibility.protective.isEmpty)
            #expect(eligibility.situational.map(\.code).contains("no-capacity"))
            _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
            try fixture.recordRisk(referral.id)
            #expect(throws: CaseworkError.self) { _ = try fixture.clearance(referral.id) }
            let reason = "Life at risk: nowhere else tonight"
            if priority == .normal {
                do {
                    _ = try fixture.store.clear(referral.id, override: reason, directory: fixture.directory)
                    Issue.record("an override lifted no-capacity below emergency priority")
                } catch CaseworkError.ineligible(let refusal) {
                    #expect(refusal.overrideProblem?.contains("emergency") == true)
                }
                continue
            }
            let clearance = try fixture.store.clear(referral.id, override: reason, directory: fixture.directory)
            let handed = try fixture.store.handoff(clearance, directory: fixture.directory, override: reason)
            #expect(handed.entry.lifted?.contains("no-capacity") == true)
            #expect(try fixture.store.overrideReason(of: handed.entry) == reason)
            #expect(handed.form.lifted?.contains("no-capacity") == true)
        }
    }

    @Test("A note routing reports must be acknowledged in the risk step: refused naming it until then, and listed on the form")
    func acknowledgements() throws {
        let fixture = try CaseworkFixture()
        // A girl whose being unaccompanied is not known: the youth house is asked to confirm it takes unaccompanied children.
        let unknown = SafeReferralService.girlNotKnownIfUnaccompanied
        let child = try fixture.store.openCase(profile: unknown)
        try fixture.completeCaseSteps(child, child: true)
        try fixture.store.recordCaseStep(child.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 15)))
        let referral = try fixture.store.createReferral(case: child.rawValue, serviceId: SafeReferralService.youthHouse, need: "shelter", escort: true,
                                                        directory: fixture.directory)
        let owed = try #require(try fixture.store.eligibility(of: referral.id, directory: fixture.directory)).toAcknowledge
        #expect(owed == ["check:accepts-unaccompanied-children"])
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        try fixture.store.recordReferralStep(referral.id, step: "child-views", details: StepDetails(answers: ["views": "wants a safe place"]))
        try fixture.store.recordReferralStep(referral.id, step: "risk", details: StepDetails(answers: ["traffickers": "high"]))
        do {
            _ = try fixture.store.clear(referral.id, directory: fixture.directory)
            Issue.record("handed off with notes nobody acknowledged")
        } catch CaseworkError.ineligible(let refusal) {
            #expect(refusal.reasons.isEmpty)
            #expect(refusal.unacknowledged == owed)
        }
        try fixture.recordRisk(referral.id)
        let clearance = try fixture.store.clear(referral.id, directory: fixture.directory)
        let handed = try fixture.store.handoff(clearance, directory: fixture.directory)
        #expect(handed.form.acknowledged == owed)
        #expect(handed.form.text().contains(owed[0]))
        // The child's own assent, before a guardian: basic and safety facts only, and the form says so.
        #expect(handed.form.legalBasis == "child-assent")
        #expect(handed.entry.basis == "child-assent")
    }

    @Test("An adult consents personally: a guardian is refused, a representative only once recorded")
    func adultConsent() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        for giver in [ConsentGiver.guardian, .representative] {
            #expect(throws: CaseworkError.self) { _ = try fixture.store.giveConsent(referral.id, givenBy: giver, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro") }
        }
        try fixture.store.recordCaseStep(code.rawValue, step: "legal-representative", details: StepDetails(answers: [
            "name": "Av. Elena Popa", "appointed_by": "Valdora district court", "basis": "court order 2026/114"]))
        _ = try fixture.store.giveConsent(referral.id, givenBy: .representative, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        #expect(try fixture.clearance(referral.id) != nil)
    }

    @Test("A guardian suspected of involvement cannot consent for the child")
    func suspectedGuardian() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        var suspected = CaseworkFixture.guardian
        suspected.answers["suspected_of_involvement"] = "yes"
        try fixture.store.recordCaseStep(code.rawValue, step: "guardian", details: suspected)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid", escort: true,
                                                        directory: fixture.directory)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.giveConsent(referral.id, givenBy: .guardian, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro") }
        // A guardian step without the structured answers is refused too.
        #expect(throws: CaseworkError.self) {
            try fixture.store.recordCaseStep(code.rawValue, step: "guardian", details: StepDetails(answers: ["guardian": "an uncle"]))
        }
    }

    @Test("A date of birth showing a child makes the person a child; only an assessment lifts a presumption")
    func presumption() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.store.identify(code.rawValue, identity: Identity(dateOfBirth: "2011-05-02"))
        #expect(try fixture.store.profile(of: code.rawValue).isPresumedChild)
        // A later stated adult age does not lift it; an assessment with who, when and how does not either when the date of birth shows a child.
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 19)))
        #expect(try fixture.store.profile(of: code.rawValue).isPresumedChild)

        let disputed = try fixture.store.openCase(profile: CaseworkFixture.disputedBoy)
        try fixture.store.recordCaseStep(disputed.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 19)))
        #expect(try fixture.store.profile(of: disputed.rawValue).isPresumedChild, "a stated age does not lift the presumption")
        #expect(throws: CaseworkError.self) { _ = try AgeRecord(basis: .assessed, years: 19) }
        try fixture.store.recordCaseStep(disputed.rawValue, step: "age", details: StepDetails(age: try AgeRecord(
            basis: .assessed, years: 19, assessedBy: "Valdora age-assessment board", assessedOn: "2026-01-05", assessmentMethod: "multidisciplinary")))
        #expect(try !fixture.store.profile(of: disputed.rawValue).isPresumedChild)
    }

    @Test("A presumed child is reported in the band of the range's lower end, or 15-17 when only a disputed figure of 18 or more is known")
    func presumedBand() {
        #expect(AgeBand.of(ClientProfile(area: "XA0101", age: .exact(19), ageBasis: .disputed)) == "15-17")
        #expect(AgeBand.of(ClientProfile(area: "XA0101", age: .range(13...19), ageBasis: .estimated)) == "12-14")
        #expect(AgeBand.of(ClientProfile(area: "XA0101", age: .unknown, ageBasis: .disputed)) == "15-17")
        var later = ClientProfile(area: "XA0101", age: .range(16...20), ageBasis: .estimated)
        later.setAge(.exact(19), basis: .stated)
        #expect(AgeBand.of(later) == "15-17", "still presumed a child")
        #expect(AgeBand.of(ClientProfile(area: "XA0101", age: .exact(19))) == "18-24")
    }

    @Test("Review findings: a representative cannot consent past a suspected guardian; an outcome without procedure is an assessment; a child sent to a return service under another need waits for best interests")
    func reviewFindings() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        var suspected = CaseworkFixture.guardian
        suspected.answers["suspected_of_involvement"] = "yes"
        try fixture.store.recordCaseStep(code.rawValue, step: "guardian", details: suspected)
        let legal = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid", escort: true, directory: fixture.directory)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.giveConsent(legal.id, givenBy: .representative, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro") }

        // An outcome recorded without saying which procedure counts as a caseworker's assessment.
        let child = try fixture.store.openCase(profile: CaseworkFixture.girl)
        try fixture.completeCaseSteps(child, child: true)
        try fixture.store.recordCaseStep(child.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 15)))
        try fixture.store.recordCaseStep(child.rawValue, step: "guardian", details: CaseworkFixture.guardian)
        let back = try fixture.store.createReferral(case: child.rawValue, serviceId: SampleService.returnReception, need: "return", escort: true, directory: fixture.directory)
        try fixture.recordRisk(back.id)
        try fixture.store.recordReferralStep(back.id, step: "child-views", details: StepDetails(answers: ["views": "wants to go home"]))
        _ = try fixture.store.giveConsent(back.id, givenBy: .guardian, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        var unsaid = CaseworkFixture.bestInterests()
        unsaid.answers["procedure"] = nil
        try fixture.store.recordReferralStep(back.id, step: "best-interests", details: unsaid)
        #expect(try fixture.clearance(back.id) == nil, "an outcome that does not say it is a determination does not clear a return")

        // A return service asked for under another need (its escort) still waits for best interests.
        let transport = try fixture.store.createReferral(case: child.rawValue, serviceId: "10ff1450-b444-5c0d-a273-22d5cc94c3cb", need: "transport", escort: true,
                                                         directory: fixture.directory)
        #expect(try fixture.store.stepsOwed(transport.id).map(\.stepId).contains("best-interests"))
        let other = try fixture.store.createReferral(case: child.rawValue, serviceId: SampleService.tracingAndProtection, need: "child-protection", escort: true,
                                                     directory: fixture.directory)
        #expect(try fixture.clearance(other.id) != nil, "child protection never waits, even at a service that also traces families")
    }

    @Test("The draft preview carries what the hand-off would share: a child's child-protection form on the legal-duty basis")
    func previewMatchesHandoff() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        try fixture.store.identify(code.rawValue, identity: Identity(name: "Ana", phone: "+373 600 00 002"))
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship, need: "child-protection", escort: true,
                                                        directory: fixture.directory)
        let preview = try fixture.store.form(referral.id, directory: fixture.directory)
        #expect(preview.legalBasis == "child-protection-duty")
        let sent = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory).form
        #expect(preview.sharedFields == sent.sharedFields)
        #expect(sent.person[.name] == "Ana" && sent.person[.phone] == "+373 600 00 002")
    }

    @Test("An override lifts practical obstacles, never the explaining of a service's conditions")
    func overrideKeepsAcknowledgements() throws {
        let fixture = try CaseworkFixture()
        let unknown = SafeReferralService.girlNotKnownIfUnaccompanied
        let code = try fixture.store.openCase(profile: unknown)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "yes"]))
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SafeReferralService.youthHouse, need: "shelter", priority: .emergency,
                                                        escort: true, directory: fixture.directory)
        do {
            _ = try fixture.store.clear(referral.id, override: "Life at risk", directory: fixture.directory)
            Issue.record("an override skipped the acknowledgement")
        } catch CaseworkError.ineligible(let refusal) {
            #expect(refusal.unacknowledged == ["check:accepts-unaccompanied-children"])
            #expect(refusal.overrideProblem?.contains("No override skips") == true)
        }
    }
}
