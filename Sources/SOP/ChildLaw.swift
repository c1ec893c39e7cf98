/// The child pathway as law, not settings: rules no procedure file can remove (DOMAIN.md,
/// "Children"; CoE Convention Arts. 10(4), 12(7), 16(7); UNCRC Art. 3).
///
/// - A child's referral to child protection owes the safety question and nothing else: it is
///   how a guardian gets appointed, and it is made by legal duty, not consent.
/// - A child's shelter or health referral never waits for a guardian; until a usable guardian
///   is recorded it goes on the child's own assent, sharing the basic and safety facts only.
/// - Return, family tracing, reintegration and consular referrals of a child wait for a
///   best-interests outcome "in the child's interest" (a determination; for family tracing a
///   child-protection caseworker's assessment suffices). No override lifts it.
/// - A guardian suspected of involvement cannot consent; an adult consents personally unless
///   a legal representative is recorded.
public enum ChildLaw {
    /// Referrals of a child that wait for a best-interests outcome.
    public static let bestInterestsTypes: Set<String> = ["return", "family-tracing", "reintegration", "consular"]
    /// Of those, the ones for which a caseworker's assessment is enough (the others need a determination).
    public static let assessmentSuffices: Set<String> = ["family-tracing"]
    /// The care that never waits for a guardian.
    public static let careTypes: Set<String> = ["shelter", "health"]
    /// The steps every procedure file must keep.
    public static let requiredSteps: [StepID] = ["safety", "age", "consent", "risk", "best-interests"]
    /// The best-interests outcomes.
    public static let outcomes = ["in-the-childs-interest", "not-in-the-childs-interest", "pending"]
    /// The best-interests procedures.
    public static let procedures = ["assessment", "determination"]

    static func isChildProtection(_ referral: ReferralFacts) -> Bool { referral.serviceTypes.contains("child-protection") }
    static func isCare(_ referral: ReferralFacts) -> Bool { !referral.serviceTypes.isDisjoint(with: careTypes) }
    static func needsBestInterests(_ referral: ReferralFacts) -> Bool { !referral.serviceTypes.isDisjoint(with: bestInterestsTypes) }

    /// Whether the law decides if a step is owed for this child's referral: true or false, or nil
    /// when the procedure decides (an adult, or a step the law says nothing of).
    static func owes(_ step: ProcedureStep, person: CaseFacts, referral: ReferralFacts) -> Bool? {
        guard person.isChild else { return step.id == "best-interests" ? false : nil }
        if isChildProtection(referral) { return step.id == "safety" }
        if step.id == "guardian" && isCare(referral) { return false }
        if step.id == "best-interests" { return needsBestInterests(referral) }
        return nil
    }

    /// Whether this referral goes on the child's own assent: a child's shelter or health care before a
    /// guardian who may consent is recorded (the consent is then given by the child, `self`).
    public static func onChildsOwnAssent(person: CaseFacts, referral: ReferralFacts) -> Bool {
        person.isChild && !isChildProtection(referral) && isCare(referral) && !hasUsableGuardian(person)
    }

    /// Whether a usable guardian is recorded (one not suspected of involvement).
    static func hasUsableGuardian(_ person: CaseFacts) -> Bool {
        person.guardian.map { !$0.suspectedOfInvolvement } ?? false
    }

    /// Why the recorded best-interests outcome does not clear this child's referral; nil when it does.
    public static func bestInterestsProblem(person: CaseFacts, referral: ReferralFacts) -> String? {
        guard person.isChild, needsBestInterests(referral) else { return nil }
        let kinds = referral.serviceTypes.intersection(bestInterestsTypes).sorted().joined(separator: ", ")
        guard let facts = referral.bestInterests else {
            return "Record the best-interests outcome before a child's \(kinds) referral: "
                + "waymark referral record REF best-interests with outcome, decided_by and decided_on. No override lifts this."
        }
        if facts.outcome != "in-the-childs-interest" {
            return "The best-interests outcome is \(facts.outcome): a child's \(kinds) referral goes only when it is in-the-childs-interest."
        }
        let assessmentEnough = referral.serviceTypes.intersection(bestInterestsTypes).isSubset(of: assessmentSuffices)
        if facts.procedure != "determination" && !assessmentEnough {
            return "A child's \(kinds) referral needs a best-interests determination, not only an assessment."
        }
        return nil
    }

    /// Why the consent does not fit the person; nil when it does, or when this referral needs none.
    public static func consentProblem(_ consent: ConsentRecord, person: CaseFacts, referral: ReferralFacts) -> String? {
        if consent.givenBy == .guardian, person.guardian?.suspectedOfInvolvement == true {
            return "The guardian recorded is suspected of involvement: they cannot consent for the child. Record another guardian or representative."
        }
        if !person.isChild {
            switch consent.givenBy {
            case .person: return nil
            case .guardian: return "An adult consents personally; a guardian does not consent for an adult."
            case .representative:
                return person.hasLegalRepresentative ? nil
                    : "An adult consents personally unless a legal representative is recorded (waymark case record CASE legal-representative)."
            }
        }
        if consent.givenBy == .person {
            if isCare(referral) && !hasUsableGuardian(person) { return nil }
            return "For a child, consent is given by the guardian or representative (not a parent by default)"
                + (isCare(referral) ? "; the child's own assent is enough for shelter or health care only until a guardian is recorded." : ".")
        }
        if person.guardian == nil {
            return "No guardian or representative is recorded for this child: record one (waymark case record CASE guardian) before they consent."
        }
        if !hasUsableGuardian(person) {
            return "The only guardian recorded is suspected of involvement: nobody may consent for the child until another guardian or representative is recorded."
        }
        return nil
    }

    /// The basis on which a cleared referral shares the person's data.
    public static func basis(person: CaseFacts, referral: ReferralFacts) -> LegalBasis {
        guard person.isChild else { return .consent }
        if isChildProtection(referral) { return .childProtectionDuty }
        if isCare(referral), referral.consent?.givenBy == .person { return .childAssent }
        return .consent
    }

    /// Where a procedure file removes or weakens the law: (step id, field, problem); empty when it keeps it.
    public static func problems(in procedure: Procedure) -> [(step: StepID?, field: String?, problem: String)] {
        var problems: [(StepID?, String?, String)] = []
        let ids = Set(procedure.steps.map(\.id))
        for required in requiredSteps where !ids.contains(required) {
            problems.append((nil, "steps", "the '\(required)' step is missing; a procedure must keep safety, age, consent, risk and best-interests"))
        }
        for step in procedure.steps {
            switch step.id {
            case "best-interests":
                if step.overridable { problems.append((step.id, "overridable", "best-interests can never be overridden: set overridable: false")) }
                if step.appliesTo == .adult { problems.append((step.id, "applies_to", "best-interests is owed for children: use applies_to: child")) }
                if step.scope != .perReferral { problems.append((step.id, "scope", "best-interests is decided for each referral: scope must be referral")) }
                if !step.onlyForServiceTypes.isEmpty, !Set(["return", "family-tracing"]).isSubset(of: Set(step.onlyForServiceTypes)) {
                    problems.append((step.id, "only_for_service_types", "best-interests must cover at least return and family-tracing"))
                }
                if !step.neverWaitsFor.isEmpty || !step.neverWaitsAtPriority.isEmpty {
                    problems.append((step.id, "never_waits_for", "a child's return or family tracing always waits for best interests"))
                }
            case "guardian", "child-views":
                if step.appliesTo == .child && !step.neverWaitsFor.contains("child-protection") {
                    problems.append((step.id, "never_waits_for", "a child's referral to child protection never waits for the \(step.id) step: keep child-protection in never_waits_for"))
                }
            case "safety", "age", "risk":
                // Owed for everyone and every referral: no condition may switch them off.
                if step.appliesTo != .any || !step.onlyForServiceTypes.isEmpty || !step.neverWaitsFor.isEmpty
                    || !step.neverWaitsAtPriority.isEmpty || !step.neverWaitsForAtPriority.isEmpty {
                    let field = step.appliesTo != .any ? "applies_to" : !step.onlyForServiceTypes.isEmpty ? "only_for_service_types"
                        : !step.neverWaitsFor.isEmpty ? "never_waits_for" : "never_waits_at_priority"
                    problems.append((step.id, field, "the \(step.id) step is owed for everyone and every referral: it takes no conditions"))
                }
                if step.id == "safety" && !step.overridable {
                    problems.append((step.id, "overridable", "a life at risk may always go ahead of the safety question: safety stays overridable"))
                }
                let scope: StepScope = step.id == "risk" ? .perReferral : .perCase
                if step.scope != scope {
                    problems.append((step.id, "scope", "the \(step.id) step is recorded \(scope == .perCase ? "once for the case: scope must be case" : "for each referral: scope must be referral")"))
                }
            default:
                break
            }
        }
        return problems
    }
}
