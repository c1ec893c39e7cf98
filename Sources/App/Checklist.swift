import Casework
import Directory
import Foundation
import Routing
import SOP

/// The SOP checklist of one referral, as read from the case store: each step done or owed, and the gate's answer.
///
/// Nothing here decides anything: which steps are owed, with which sentence, comes from
/// `CaseStore.gate`; what was done, by whom and when, from `CaseStore.summary`.
public struct Checklist: Sendable, Equatable {
    public var caseCode: String
    /// A child: stated under 18, or a disputed age.
    public var isChild: Bool
    public var profile: ClientProfile
    public var referral: Referral
    /// The procedure's steps for this person, in the procedure's order.
    public var rows: [ChecklistRow]
    /// The gate's answer, asked without an override.
    public var decision: GateDecision
    /// The screening sets to ask this person (child or adult; labour or sexual).
    public var screeningSets: [QuestionnaireSet]
    /// The consent the form would use now (nil when none is usable).
    public var consent: ReferralForm.FormConsent?
    /// The codes of the receiving service to explain to the person and acknowledge in the risk
    /// step (its notes and conditions, from `CaseStore.eligibility(of:directory:)`); empty once sent.
    public var toAcknowledge: [String] = []
    /// The procedure in force: name, version, where it was read from, and its hash.
    public var procedure: String = ""

    /// The steps still owed (empty when the gate clears the referral).
    public var owed: [MissingStep] {
        if case .refused(let missing) = decision { return missing }
        return []
    }

    /// Reads a referral's checklist from the store.
    static func load(_ referralId: String, cases: CaseStore, questionnaire: Questionnaire, directory: DirectoryStore) throws -> Checklist {
        let referral = try cases.referral(referralId)
        let summary = try cases.summary(referral.caseCode)
        let decision = try cases.gate(referral.id)
        let form = try cases.form(referral.id, directory: directory)
        let missing: [MissingStep]
        if case .refused(let owed) = decision { missing = owed } else { missing = [] }
        let isChild = summary.file.isChild
        // Only a draft is handed off: what must be explained is asked of the directory as it is now.
        let toAcknowledge = referral.lifecycle == .draft ? (try cases.eligibility(of: referral.id, directory: directory)?.toAcknowledge ?? []) : []
        var rows: [ChecklistRow] = []
        for step in cases.procedure.steps {
            if let owed = missing.first(where: { $0.stepId == step.id }) {
                rows.append(ChecklistRow(step: step, state: .owed(owed.instruction)))
                continue
            }
            if step.id == "consent", let consent = form.consent {
                rows.append(ChecklistRow(step: step, state: .done(by: consent.obtainedBy, at: consent.date,
                                                                   summary: "\(consent.givenBy): \(consent.scopes.joined(separator: ", "))")))
                continue
            }
            // Several screening sets may be recorded (mixed exploitation): the row names each set's latest result.
            if step.id == "screening" {
                let records = summary.steps.filter { $0.stepId == step.id && $0.referralId == nil }
                if let last = records.last {
                    var bySet: [(set: String, summary: String)] = []
                    for record in records {
                        let set = record.summary.split(separator: ":").first.map(String.init) ?? record.summary
                        if let index = bySet.firstIndex(where: { $0.set == set }) { bySet[index].summary = record.summary } else {
                            bySet.append((set, record.summary))
                        }
                    }
                    rows.append(ChecklistRow(step: step, state: .done(by: last.recordedBy, at: last.recordedAt,
                                                                       summary: bySet.map(\.summary).joined(separator: "; "))))
                    continue
                }
            }
            let recorded = summary.steps.last { record in
                record.stepId == step.id && (step.scope == .perCase ? record.referralId == nil : record.referralId == referral.id)
            }
            if let recorded {
                rows.append(ChecklistRow(step: step, state: .done(by: recorded.recordedBy, at: recorded.recordedAt, summary: recorded.summary)))
                continue
            }
            // Neither done nor owed: the gate does not ask it of this referral. Steps for the
            // other kind of person (a child's steps for an adult) are left out altogether.
            switch step.appliesTo {
            case .child where !isChild, .adult where isChild: continue
            default: rows.append(ChecklistRow(step: step, state: .notNeeded))
            }
        }
        return Checklist(caseCode: summary.file.code, isChild: isChild, profile: summary.profile, referral: referral, rows: rows,
                         decision: decision, screeningSets: questionnaire.sets(child: isChild, exploitationTypes: summary.profile.exploitation),
                         consent: form.consent, toAcknowledge: toAcknowledge, procedure: cases.procedureInForce)
    }
}

/// One step of the checklist: the procedure's step, and where the referral stands on it.
public struct ChecklistRow: Sendable, Equatable {
    /// Where a referral stands on a step.
    public enum State: Sendable, Equatable {
        /// Recorded: by whom (name and organization), when, and a non-identifying summary.
        case done(by: String, at: Date, summary: String)
        /// Still owed, with the procedure's sentence saying what to do.
        case owed(String)
        /// Not asked of this referral (e.g. a child's referral to child protection never waits for a guardian).
        case notNeeded
    }

    public var step: ProcedureStep
    public var state: State

    /// Whether the step is still owed.
    public var isOwed: Bool {
        if case .owed = state { return true }
        return false
    }
}
