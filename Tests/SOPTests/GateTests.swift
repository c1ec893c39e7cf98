import Foundation
import SOP
import Testing

@Suite("The SOP gate")
struct GateTests {
    static let now = Date(timeIntervalSince1970: 1_768_471_200)

    static func records(_ ids: [String]) -> [StepRecord] {
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
                         steps: [String] = ["risk"], org: String = "org-a") -> ReferralFacts {
        ReferralFacts(referralId: "ref-1", receivingOrganizationId: org, serviceTypes: types, priority: priority, consent: consent,
                      steps: records(steps))
    }

    func missing(_ decision: GateDecision) -> [String] {
        if case .refused(let steps) = decision { return steps.map(\.stepId) }
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

    @Test("A child's return or family-tracing referral waits for the guardian, the child's views and the best interests",
          arguments: ["return", "family-tracing"])
    func childReturn(type: String) {
        let decision = Gate.evaluate(.standard, case: Self.childCase,
                                     referral: Self.referral(types: [type], consent: Self.consent(by: .guardian)))
        #expect(missing(decision) == ["guardian", "child-views", "best-interests"])
        let done = CaseFacts(isChild: true, steps: Self.records(["safety", "screening", "age", "guardian", "child-views"]))
        let ready = Gate.evaluate(.standard, case: done,
                                  referral: Self.referral(types: [type], consent: Self.consent(by: .guardian), steps: ["risk", "best-interests"]))
        #expect(missing(ready) == [])
        if case .refused = ready { Issue.record("still refused") }
    }

    @Test("A child's referral to child protection goes through at once, with no guardian and no consent yet")
    func childProtection() {
        let decision = Gate.evaluate(.standard, case: Self.childCase, referral: Self.referral(types: ["child-protection"], consent: nil))
        guard case .cleared(let clearance) = decision else { Issue.record("refused: \(missing(decision))"); return }
        #expect(clearance.consentId == nil)
        #expect(!clearance.steps.contains("guardian"))
    }

    @Test("A child's emergency referral to a shelter or health care never waits for the guardian; a normal one does")
    func emergencyShelter() {
        let emergency = Gate.evaluate(.standard, case: Self.childCase,
                                      referral: Self.referral(types: ["shelter", "shelter.emergency"], priority: "emergency", consent: nil))
        #expect(missing(emergency) == [])
        let normal = Gate.evaluate(.standard, case: Self.childCase,
                                   referral: Self.referral(types: ["shelter"], priority: "normal", consent: Self.consent(by: .person)))
        #expect(missing(normal) == ["guardian", "child-views", "consent"], "for a child, consent is the guardian's")
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
        let child = CaseFacts(isChild: true, steps: Self.records(["safety", "screening", "age", "guardian", "child-views"]))
        let back = Gate.evaluate(.standard, case: child,
                                 referral: Self.referral(types: ["return"], priority: "emergency", consent: Self.consent(by: .guardian)),
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
