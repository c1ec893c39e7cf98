import Foundation

/// A step recorded for a case or a referral.
public struct StepRecord: Sendable, Equatable, Codable {
    public var stepId: StepID
    /// Who recorded it (the operator).
    public var recordedBy: String
    public var recordedAt: Date

    public init(stepId: StepID, recordedBy: String, recordedAt: Date) {
        self.stepId = stepId
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// Who gave consent.
public enum ConsentGiver: String, Sendable, Codable, CaseIterable {
    case person = "self"
    /// A child's guardian (never assumed to be a parent).
    case guardian
    /// A legal representative recorded for the person.
    case representative
}

/// What was explained to the person before they consented (DOMAIN.md: consent that can be shown to be informed).
public enum ConsentExplanation: String, Sendable, Codable, CaseIterable, Comparable {
    /// The receiving organization and the service.
    case organization
    /// Which data will be shared.
    case data
    /// The right to refuse and to withdraw.
    case refuseWithdraw = "refuse-withdraw"
    /// How long the data is kept.
    case retention

    public static func < (a: ConsentExplanation, b: ConsentExplanation) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// On what basis a referral shares the person's data.
public enum LegalBasis: String, Sendable, Codable {
    /// Informed consent, within its scope.
    case consent
    /// A child's own assent, for shelter or health care before a guardian is recorded: the
    /// basic and safety facts only.
    case childAssent = "child-assent"
    /// The legal duty to refer a child to child protection: basic, contact and safety facts, no consent needed.
    case childProtectionDuty = "child-protection-duty"
}

/// What the gate knows about a child's guardian or representative.
public struct GuardianFacts: Sendable, Equatable {
    /// Suspected of involvement in the exploitation: they cannot consent for the child.
    public var suspectedOfInvolvement: Bool

    public init(suspectedOfInvolvement: Bool) {
        self.suspectedOfInvolvement = suspectedOfInvolvement
    }
}

/// A best-interests outcome, as the best-interests step records it.
public struct BestInterestsFacts: Sendable, Equatable {
    /// `in-the-childs-interest`, `not-in-the-childs-interest` or `pending`.
    public var outcome: String
    /// `assessment` (a child-protection caseworker's) or `determination` (a formal best-interests determination).
    public var procedure: String

    public init(outcome: String, procedure: String) {
        self.outcome = outcome
        self.procedure = procedure
    }
}

/// Informed consent to one referral: to one organization, for one data scope.
public struct ConsentRecord: Sendable, Equatable, Codable {
    public var id: String
    public var givenBy: ConsentGiver
    /// The receiving organization it was given for.
    public var organizationId: String
    public var scopes: Set<DataScope>
    public var interpreterLanguage: String?
    public var obtainedBy: String
    public var obtainedAt: Date
    public var withdrawnAt: Date?

    public init(id: String, givenBy: ConsentGiver, organizationId: String, scopes: Set<DataScope>, interpreterLanguage: String? = nil,
                obtainedBy: String, obtainedAt: Date, withdrawnAt: Date? = nil) {
        self.id = id
        self.givenBy = givenBy
        self.organizationId = organizationId
        self.scopes = scopes
        self.interpreterLanguage = interpreterLanguage
        self.obtainedBy = obtainedBy
        self.obtainedAt = obtainedAt
        self.withdrawnAt = withdrawnAt
    }
}

/// What the gate knows about the person's case (filled by Casework from its stores).
public struct CaseFacts: Sendable, Equatable {
    /// A child: stated under 18, or a disputed age.
    public var isChild: Bool
    public var steps: [StepRecord]
    /// The child's guardian, when one is recorded.
    public var guardian: GuardianFacts?
    /// Whether a legal representative is recorded (an adult may then consent through them).
    public var hasLegalRepresentative: Bool
    /// Whether the person is in their recovery and reflection period now (`RecoveryPeriodRule`).
    public var inRecoveryPeriod: Bool

    public init(isChild: Bool, steps: [StepRecord], guardian: GuardianFacts? = nil, hasLegalRepresentative: Bool = false,
                inRecoveryPeriod: Bool = false) {
        self.isChild = isChild
        self.steps = steps
        self.guardian = guardian
        self.hasLegalRepresentative = hasLegalRepresentative
        self.inRecoveryPeriod = inRecoveryPeriod
    }
}

/// What the gate knows about one referral.
public struct ReferralFacts: Sendable, Equatable {
    public var referralId: String
    public var receivingOrganizationId: String
    /// The types the referral is *for*: the need and the types it implies (`shelter.children`
    /// implies `shelter`). Not every type the receiving service offers: a guardianship service
    /// that also does family tracing, asked for family tracing, is a family-tracing referral.
    public var serviceTypes: Set<String>
    public var priority: String
    public var consent: ConsentRecord?
    public var steps: [StepRecord]
    /// The best-interests outcome recorded for this referral, when one is.
    public var bestInterests: BestInterestsFacts?

    public init(referralId: String, receivingOrganizationId: String, serviceTypes: Set<String>, priority: String,
                consent: ConsentRecord?, steps: [StepRecord], bestInterests: BestInterestsFacts? = nil) {
        self.referralId = referralId
        self.receivingOrganizationId = receivingOrganizationId
        self.serviceTypes = serviceTypes
        self.priority = priority
        self.consent = consent
        self.steps = steps
        self.bestInterests = bestInterests
    }
}

/// A step still owed, with what to do about it.
public struct MissingStep: Sendable, Equatable {
    public var stepId: StepID
    /// What the responder must do, in a sentence.
    public var instruction: String

    public init(stepId: StepID, instruction: String) {
        self.stepId = stepId
        self.instruction = instruction
    }
}

/// The SOP gate's permission to log one hand-off. Only this module can make one.
public struct Clearance: Sendable, Equatable {
    public let referralId: String
    /// The consent it relies on (nil only for a referral that never waits for consent, or an override).
    public let consentId: String?
    public let procedureHash: String
    /// The steps that cleared it.
    public let steps: [StepID]
    /// Steps still owed, cleared by an override (life at risk).
    public let overridden: [StepID]
    public let overrideReason: String?

    fileprivate init(referralId: String, consentId: String?, procedureHash: String, steps: [StepID], overridden: [StepID],
                     overrideReason: String?) {
        self.referralId = referralId
        self.consentId = consentId
        self.procedureHash = procedureHash
        self.steps = steps
        self.overridden = overridden
        self.overrideReason = overrideReason
    }
}

/// The gate's answer: a clearance, or every step still owed.
public enum GateDecision: Sendable, Equatable {
    case cleared(Clearance)
    case refused([MissingStep])
}

/// Decides whether a referral may be handed off under a procedure.
///
/// A child's referral to child protection, or an emergency referral to a shelter or health
/// care, never waits for the guardian (it is how a guardian gets appointed); a child's
/// return or family-tracing referral waits for the best-interests step. Consent must be for
/// this receiving organization, not withdrawn, with a valid scope, and given by a guardian
/// for a child — except for those referrals that never wait for a guardian.
public enum Gate {
    public static func evaluate(_ procedure: Procedure, case person: CaseFacts, referral: ReferralFacts,
                                override reason: String? = nil) -> GateDecision {
        var missing: [MissingStep] = []
        var done: [StepID] = []
        let recordedForCase = Set(person.steps.map(\.stepId))
        let recordedForReferral = Set(referral.steps.map(\.stepId))
        for step in procedure.steps where applies(step, person: person, referral: referral) {
            if step.id == "consent" {
                if let problem = consentProblem(person: person, referral: referral) {
                    missing.append(MissingStep(stepId: "consent", instruction: problem))
                } else if referral.consent != nil {
                    done.append("consent")
                }
                continue
            }
            if step.id == "best-interests" {
                if let problem = ChildLaw.bestInterestsProblem(person: person, referral: referral) {
                    missing.append(MissingStep(stepId: step.id, instruction: problem))
                } else {
                    done.append(step.id)
                }
                continue
            }
            let recorded = step.scope == .perCase ? recordedForCase : recordedForReferral
            if recorded.contains(step.id) {
                done.append(step.id)
            } else {
                missing.append(MissingStep(stepId: step.id, instruction: step.instruction))
            }
        }
        // The law holds even when a procedure has no best-interests step.
        if !procedure.steps.contains(where: { $0.id == "best-interests" }),
           let problem = ChildLaw.bestInterestsProblem(person: person, referral: referral) {
            missing.append(MissingStep(stepId: "best-interests", instruction: problem))
        }
        // During the recovery and reflection period a return goes only at the person's own request.
        if let problem = RecoveryPeriodRule.returnProblem(person: person, referral: referral) {
            missing.append(MissingStep(stepId: RecoveryPeriodRule.returnRequestStep, instruction: problem))
        }
        let trimmedReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !missing.isEmpty {
            guard let trimmedReason, !trimmedReason.isEmpty else { return .refused(missing) }
            let blockers = overrideBlockers(procedure, missing: missing, referral: referral)
            if !blockers.isEmpty { return .refused(missing + blockers) }
        }
        let usable = referral.consent.flatMap { consentProblem(person: person, referral: referral) == nil ? $0.id : nil }
        return .cleared(Clearance(referralId: referral.referralId, consentId: usable, procedureHash: procedure.contentHash,
                                  steps: done, overridden: missing.map(\.stepId),
                                  overrideReason: missing.isEmpty ? nil : trimmedReason))
    }

    /// Why an override cannot clear these missing steps, as steps to show; empty when it can.
    ///
    /// An override is for a life at risk: only at emergency priority, never against a
    /// withdrawn consent, and never for a step the procedure marks not overridable (a child's
    /// best-interests assessment before return or family tracing).
    static func overrideBlockers(_ procedure: Procedure, missing: [MissingStep], referral: ReferralFacts) -> [MissingStep] {
        var blockers: [MissingStep] = []
        if referral.priority != "emergency" {
            blockers.append(MissingStep(stepId: "override",
                                        instruction: "An override is only for a life at risk: it needs an emergency referral. "
                                            + "If the person is in danger now, record it at the safety step (this referral becomes "
                                            + "an emergency); otherwise record the steps."))
        }
        if referral.consent?.withdrawnAt != nil {
            blockers.append(MissingStep(stepId: "override", instruction: "Consent was withdrawn: no override shares against the person's refusal."))
        }
        let fixed = Set(procedure.steps.filter { !$0.overridable }.map(\.id)).union(["best-interests", RecoveryPeriodRule.returnRequestStep])
        for step in missing where fixed.contains(step.stepId) {
            blockers.append(MissingStep(stepId: "override", instruction: "'\(step.stepId)' cannot be overridden: record it first."))
        }
        return blockers
    }

    /// Whether a step is owed for this person and this referral: the law first (`ChildLaw`), then the procedure's conditions.
    static func applies(_ step: ProcedureStep, person: CaseFacts, referral: ReferralFacts) -> Bool {
        whyNotOwed(step, person: person, referral: referral) == nil
    }

    /// Why a step is not owed for this person and this referral; nil when it is owed. The one
    /// rule the gate applies and the checklist explains.
    public static func whyNotOwed(_ step: ProcedureStep, person: CaseFacts, referral: ReferralFacts) -> NotOwed? {
        if let law = ChildLaw.owes(step, person: person, referral: referral) {
            if !law {
                if !person.isChild { return .forPerson(.child) }
                if ChildLaw.isChildProtection(referral) { return .childProtection }
                if step.id == "best-interests" { return .bestInterestsNotAsked }
                return .careOnAssent
            }
            if step.id == "safety" || step.id == "best-interests" { return nil }
        }
        switch step.appliesTo {
        case .adult where person.isChild: return .forPerson(.adult)
        case .child where !person.isChild: return .forPerson(.child)
        default: break
        }
        if !step.onlyForServiceTypes.isEmpty && referral.serviceTypes.isDisjoint(with: step.onlyForServiceTypes) {
            return .onlyForTypes(step.onlyForServiceTypes)
        }
        let never = referral.serviceTypes.intersection(step.neverWaitsFor)
        if !never.isEmpty { return .neverWaitsFor(never.sorted()) }
        let urgent = referral.serviceTypes.intersection(step.neverWaitsForAtPriority)
        if step.neverWaitsAtPriority.contains(referral.priority) && !urgent.isEmpty {
            return .neverWaitsAtPriority(referral.priority, urgent.sorted())
        }
        return nil
    }

    /// Why the consent does not clear this referral, in a sentence; nil when it does.
    ///
    /// A child's referral to child protection needs no consent (a legal duty); any other
    /// referral needs consent for this receiving organization, not withdrawn, with a valid
    /// scope, given by someone who may give it (`ChildLaw`).
    public static func consentProblem(person: CaseFacts, referral: ReferralFacts) -> String? {
        let legalDuty = person.isChild && ChildLaw.isChildProtection(referral)
        guard let consent = referral.consent else {
            if legalDuty { return nil }
            if person.isChild && ChildLaw.isCare(referral) && !ChildLaw.hasUsableGuardian(person) {
                return "Record the child's own assent to this organization and the data to share (--given-by self): "
                    + "shelter and health care never wait for a guardian."
            }
            return "Record informed consent for this organization and the data to share" + (person.isChild ? ", given by the child's guardian." : ".")
        }
        if consent.withdrawnAt != nil { return "Consent was withdrawn: nothing more may be shared. Ask again, or do not refer." }
        if legalDuty { return nil }
        if consent.organizationId != referral.receivingOrganizationId {
            return "The consent recorded is for another organization; consent to one organization is not consent to another."
        }
        if let problem = DataScope.validate(consent.scopes) { return "Consent scope: \(problem)." }
        return ChildLaw.consentProblem(consent, person: person, referral: referral)
    }
}

/// Why the gate does not ask a step of a referral.
public enum NotOwed: Sendable, Equatable {
    /// The law: a child's referral to child protection waits only for the safety question.
    case childProtection
    /// The law: a child's shelter or health care goes ahead on the child's own assent, without a guardian.
    case careOnAssent
    /// The law: best interests are decided for a child's return, family tracing or reintegration, not this.
    case bestInterestsNotAsked
    /// The step is for children only, or adults only.
    case forPerson(PersonCondition)
    /// The step is only for referrals of these types.
    case onlyForTypes([String])
    /// The procedure: referrals of these types never wait for it.
    case neverWaitsFor([String])
    /// The procedure: at this priority, referrals of these types never wait for it.
    case neverWaitsAtPriority(String, [String])
}
