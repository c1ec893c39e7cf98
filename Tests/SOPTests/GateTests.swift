import Foundation
import SOP
import Testing
import TestSupport

@Suite("The SOP gate")
struct GateTests {
    static let now = TestTime.epoch

    static func records(_ ids: [StepID]) -> [StepRecord] {
        ids.map { StepRecord(stepId: $0, recordedBy: "Responder A (Hotline)", recordedAt: now) }
    }

    static func consent(org: String = "org-a", by giver: ConsentGiver = .person, scopes: Set<DataScope> = [.basic],
                        withdrawn: Bool = false) -> ConsentRecord {
        ConsentRecord(id: "consent-1", givenBy: giver, organizationId: org, scopes: scopes, obtainedBy: "Responder A", obtainedAt: now,
                      withdrawnAt: withdrawn ? now : nil)
    }

    static let adultCase = CaseFacts(isChild: false, steps: records(["safety", "screening", "age"]))
    static let childCase = CaseFacts(isChild: true, steps: records(["safety", "screening", "age"]))

    static func referral(types: Set<String> = ["shelter"], priority: String = "normal", consent: ConsentRecord?,
                         steps: [StepID] = ["risk"], org: String = "org-a", bestInterests: BestInterestsFacts? = nil) -> ReferralFacts {
        ReferralFacts(referralId: "ref-1", receivingOrganizationId: org, serviceTypes: types, priority: priority, consent: consent,
                      steps: records(steps), bestInterests: bestInterests)
    }

    /// A child with every case step and a guardian who is not suspected of involvement.
    static let childWithGuardian = CaseFacts(isChild: true, steps: records(["safety", "screening", "age", "guardian"]),
                                             guardian: GuardianFacts(suspectedOfInvolvement: false))
    static let inInterest = BestInterestsFacts(outcome: "in-the-childs-interest", procedure: "determination")

    func missing(_ decision: GateDecision) -> [String] {
        if case .refused(let steps) = decision { return steps.map(\.stepId.rawValue) }
        return []
    }

    @Test("An adult's hand-off is refused without consent, naming the step and what to do")
    func noConsent() {
        let decision = Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: nil))
        guard case .refused(let steps) = decision else { Issue.record("cleared without consent"); return }
        #expect(steps.map(\.stepId) == ["consent"])
        #expect(steps.first?.instruction.contains("consent") == true)
    }

    @Test("With every step and consent to this organization, a clearance bound to the referral, consent and procedure")
    func cleared() {
        let decision = Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: Self.consent()))
        guard case .cleared(let clearance) = decision else { Issue.record("refused: \(missing(decision))"); return }
        #expect(clearance.referralId == "ref-1" && clearance.consentId == "consent-1")
        #expect(clearance.procedureHash == Procedure.standard.contentHash)
        #expect(clearance.steps == ["safety", "screening", "age", "consent", "risk"])
        #expect(clearance.overrideReason == nil)
    }

    @Test("Consent to organization A does not clear a referral to organization B")
    func otherOrganization() {
        #expect(missing(Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: Self.consent(org: "org-a"), org: "org-b")))
            == ["consent"])
    }

    @Test("Withdrawn consent blocks the next hand-off")
    func withdrawn() {
        #expect(missing(Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: Self.consent(withdrawn: true))))
            == ["consent"])
    }

    @Test("anonymous with other scopes is not a consent")
    func badScope() {
        #expect(missing(Gate.evaluate(.standard, case: Self.adultCase,
                                      referral: Self.referral(consent: Self.consent(scopes: [.anonymous, .contact])))) == ["consent"])
    }

    @Test("A child's return, family-tracing, reintegration or consular referral waits for the guardian, the child's views and the best interests",
          arguments: ["return", "family-tracing", "reintegration", "consular"])
    func childReturn(type: String) {
        let decision = Gate.evaluate(.standard, case: Self.childCase,
                                     referral: Self.referral(types: [type], consent: Self.consent(by: .guardian)))
        #expect(missing(decision) == ["guardian", "child-views", "best-interests", "consent"], "no guardian recorded: nobody can consent yet")
        let ready = Gate.evaluate(.standard, case: Self.childWithGuardian,
                                  referral: Self.referral(types: [type], consent: Self.consent(by: .guardian), steps: ["risk", "child-views"],
                                                          bestInterests: Self.inInterest))
        #expect(missing(ready) == [])
        if case .refused = ready { Issue.record("still refused") }
        // A pending or negative outcome is not an outcome in the child's interest.
        for outcome in ["pending", "not-in-the-childs-interest"] {
            let waiting = Gate.evaluate(.standard, case: Self.childWithGuardian,
                                        referral: Self.referral(types: [type], consent: Self.consent(by: .guardian), steps: ["risk", "child-views"],
                                                                bestInterests: BestInterestsFacts(outcome: outcome, procedure: "determination")))
            #expect(missing(waiting) == ["best-interests"], "\(outcome)")
        }
    }

    @Test("A caseworker's best-interests assessment clears family tracing only; return needs a determination")
    func assessmentOrDetermination() {
        let assessment = BestInterestsFacts(outcome: "in-the-childs-interest", procedure: "assessment")
        func decide(_ type: String) -> [String] {
            missing(Gate.evaluate(.standard, case: Self.childWithGuardian,
                                  referral: Self.referral(types: [type], consent: Self.consent(by: .guardian), steps: ["risk", "child-views"],
                                                          bestInterests: assessment)))
        }
        #expect(decide("family-tracing") == [])
        #expect(decide("return") == ["best-interests"])
        #expect(decide("reintegration") == ["best-interests"])
    }

    @Test("Best interests holds even for a procedure without the step, and no override lifts it")
    func bestInterestsIsLaw() {
        var bare = Procedure.standard
        bare.steps.removeAll { $0.id == "best-interests" }
        let decision = Gate.evaluate(bare, case: Self.childWithGuardian,
                                     referral: Self.referral(types: ["return"], priority: "emergency", consent: Self.consent(by: .guardian),
                                                             steps: ["risk", "child-views"]), override: "Life at risk")
        #expect(missing(decision) == ["best-interests", "override"])
    }

    @Test("A child's referral to child protection goes through at once, with no guardian and no consent yet")
    func childProtection() {
        let decision = Gate.evaluate(.standard, case: Self.childCase, referral: Self.referral(types: ["child-protection"], consent: nil))
        guard case .cleared(let clearance) = decision else { Issue.record("refused: \(missing(decision))"); return }
        #expect(clearance.consentId == nil)
        #expect(!clearance.steps.contains("guardian"))
        #expect(ChildLaw.basis(person: Self.childCase, referral: Self.referral(types: ["child-protection"], consent: nil)) == .childProtectionDuty)
    }

    @Test("A child's child-protection referral owes the safety step and nothing else, whatever the procedure adds; an emergency override lifts even that")
    func childProtectionOwesSafetyOnly() {
        var stricter = Procedure.standard
        stricter.steps.append(ProcedureStep(id: "supervisor-review", scope: .perReferral, instruction: "A supervisor reviews it."))
        let noSteps = CaseFacts(isChild: true, steps: [])
        let referral = Self.referral(types: ["child-protection"], consent: nil, steps: [])
        #expect(missing(Gate.evaluate(stricter, case: noSteps, referral: referral)) == ["safety"])
        let safe = CaseFacts(isChild: true, steps: Self.records(["safety"]))
        #expect(missing(Gate.evaluate(stricter, case: safe, referral: referral)) == [])
        let emergency = Self.referral(types: ["child-protection"], priority: "emergency", consent: nil, steps: [])
        guard case .cleared(let clearance) = Gate.evaluate(stricter, case: noSteps, referral: emergency, override: "Child in danger now") else {
            Issue.record("an emergency override did not lift the safety step for child protection")
            return
        }
        #expect(clearance.overridden == ["safety"])
    }

    @Test("A child's shelter or health referral never waits for a guardian, at any priority, and goes on the child's own assent")
    func careNeverWaitsForGuardian() {
        for priority in ["normal", "urgent", "emergency"] {
            let assent = Self.referral(types: ["shelter"], priority: priority, consent: Self.consent(by: .person), steps: ["risk", "child-views"])
            #expect(missing(Gate.evaluate(.standard, case: Self.childCase, referral: assent)) == [], "\(priority)")
            #expect(ChildLaw.basis(person: Self.childCase, referral: assent) == .childAssent)
            let health = Self.referral(types: ["health", "health.medical"], priority: priority, consent: Self.consent(by: .person), steps: ["risk", "child-views"])
            #expect(missing(Gate.evaluate(.standard, case: Self.childCase, referral: health)) == [], "\(priority)")
        }
        // Nothing recorded at all: the child's assent is what is owed, not a guardian.
        let none = Gate.evaluate(.standard, case: Self.childCase, referral: Self.referral(types: ["shelter"], consent: nil, steps: ["risk", "child-views"]))
        #expect(missing(none) == ["consent"])
        // Once a guardian is recorded, the guardian consents.
        let withGuardian = Gate.evaluate(.standard, case: Self.childWithGuardian,
                                         referral: Self.referral(types: ["shelter"], consent: Self.consent(by: .person), steps: ["risk", "child-views"]))
        #expect(missing(withGuardian) == ["consent"])
    }

    @Test("A guardian suspected of involvement cannot consent; an adult consents personally unless a representative is recorded")
    func whoConsents() {
        let suspected = CaseFacts(isChild: true, steps: Self.records(["safety", "screening", "age", "guardian"]),
                                  guardian: GuardianFacts(suspectedOfInvolvement: true))
        let byGuardian = Self.referral(types: ["legal.aid"], consent: Self.consent(by: .guardian), steps: ["risk", "child-views"])
        #expect(missing(Gate.evaluate(.standard, case: suspected, referral: byGuardian)) == ["consent"])
        #expect(missing(Gate.evaluate(.standard, case: Self.childWithGuardian, referral: byGuardian)) == [])
        #expect(missing(Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: Self.consent(by: .guardian)))) == ["consent"])
        #expect(missing(Gate.evaluate(.standard, case: Self.adultCase, referral: Self.referral(consent: Self.consent(by: .representative)))) == ["consent"])
        let represented = CaseFacts(isChild: false, steps: Self.adultCase.steps, hasLegalRepresentative: true)
        #expect(missing(Gate.evaluate(.standard, case: represented, referral: Self.referral(consent: Self.consent(by: .representative)))) == [])
    }

    @Test("An override (life at risk) needs a reason and is carried on the clearance")
    func override() {
        let bare = CaseFacts(isChild: false, steps: [])
        #expect(missing(Gate.evaluate(.standard, case: bare, referral: Self.referral(consent: nil, steps: []), override: "  ")) == ["safety", "screening", "age", "consent", "risk"], "a blank reason is no override")
        let decision = Gate.evaluate(.standard, case: bare, referral: Self.referral(priority: "emergency", consent: nil, steps: []),
                                     override: "Life at risk: trafficker at the door")
        guard case .cleared(let clearance) = decision else { Issue.record("an override with a reason was refused"); return }
        #expect(clearance.overrideReason == "Life at risk: trafficker at the door")
        #expect(clearance.overridden == ["safety", "screening", "age", "consent", "risk"])
    }

    @Test("An override is refused below emergency priority, against withdrawn consent, and for a child's best-interests step")
    func overrideLimits() {
        let bare = CaseFacts(isChild: false, steps: [])
        let reason = "Life at risk"
        let normal = Gate.evaluate(.standard, case: bare, referral: Self.referral(priority: "normal", consent: nil, steps: []), override: reason)
        #expect(missing(normal).contains("override"))
        let withdrawn = Gate.evaluate(.standard, case: Self.adultCase,
                                      referral: Self.referral(priority: "emergency", consent: Self.consent(withdrawn: true)), override: reason)
        #expect(missing(withdrawn) == ["consent", "override"])
        let back = Gate.evaluate(.standard, case: Self.childWithGuardian,
                                 referral: Self.referral(types: ["return"], priority: "emergency", consent: Self.consent(by: .guardian),
                                                         steps: ["risk", "child-views"]),
                                 override: reason)
        #expect(missing(back) == ["best-interests", "override"])
    }

    @Test("The procedure's hash changes with any step")
    func hash() {
        var stricter = Procedure.standard
        stricter.steps.append(ProcedureStep(id: "supervisor", scope: .perReferral, instruction: "A supervisor reviews the referral."))
        #expect(stricter.contentHash != Procedure.standard.contentHash)
        #expect(missing(Gate.evaluate(stricter, case: Self.adultCase, referral: Self.referral(consent: Self.consent()))) == ["supervisor"])
    }
}
