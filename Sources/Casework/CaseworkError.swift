import Foundation
import SOP

/// Why a casework operation was refused, in words a responder can act on.
public enum CaseworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The passphrase does not open the case store (exit 4).
    case wrongPassphrase
    /// A new passphrase shorter than `PassphraseRule.minimumLength` (exit 1).
    case passphraseTooShort(minimum: Int)
    /// The SOP gate refused: every step still owed (exit 3).
    case refused([MissingStep])
    /// An eligibility rule refuses the referral (exit 3): each reason by its code, and what to do instead.
    case ineligible(EligibilityRefusal)
    /// No operator is set for this home.
    case noOperator
    case unknownCase(String)
    case unknownReferral(String)
    case unknownStep(String, known: [String])
    /// The step is recorded for each referral, not the case (or the reverse).
    case wrongStepScope(step: String, scope: StepScope)
    case caseErased(CaseCode)
    case transitionNotAllowed(from: ReferralStatus, to: ReferralStatus)
    case serviceUnavailable(String)
    case invalidInput(String)
    /// The hand-off log or its head does not verify (exit 5): nothing more is appended.
    case logDoesNotVerify(String)
    /// A row the gate, the form or the report relies on does not verify under the integrity
    /// key, or does not match the hand-off log (exit 5): it was changed outside Waymark.
    case rowDoesNotVerify(String)
    /// The store file is damaged or was edited outside Waymark.
    case damaged(String)
    /// The signed-in account's role may not take the action (exit 1).
    case roleRequired(WorkerAction, has: Role)
    /// No account of that name, or several accounts and none named (exit 1).
    case unknownAccount(String)
    /// Another process replaced the keys (an account was removed) since this one unlocked (exit 1).
    case keysReplaced

    public var description: String {
        switch self {
        case .wrongPassphrase:
            return "The passphrase does not open this case store. Nothing was read or written; try again."
        case .passphraseTooShort(let minimum):
            return "Choose a passphrase of at least \(minimum) characters: it protects people's names. Nothing was created or changed."
        case .refused(let missing):
            return "Hand-off refused: " + missing.map { "\($0.stepId): \($0.instruction)" }.joined(separator: " ")
        case .ineligible(let refusal):
            var text = "Refused: \(refusal.serviceName) cannot take this person for \(refusal.need)"
            if !refusal.reasons.isEmpty { text += " (" + refusal.reasons.map(\.code).joined(separator: ", ") + ")" }
            if !refusal.unacknowledged.isEmpty {
                text += (refusal.reasons.isEmpty ? "; not yet acknowledged in the risk step: " : "; and not yet acknowledged: ")
                    + refusal.unacknowledged.joined(separator: ", ")
            }
            text += ". "
            if let problem = refusal.overrideProblem { text += problem + " " }
            return text + refusal.instead
        case .noOperator:
            return "Your account has no organization yet, and every form and log entry names one. Set it first: waymark account edit --name NAME --organization ORG"
        case .unknownCase(let code):
            return "There is no case \(code). Case codes look like WM-7K3Q-M9TX; `waymark case show` needs one that was opened here."
        case .unknownReferral(let id):
            return "There is no referral \(id). `waymark referrals` lists them."
        case .unknownStep(let step, let known):
            return "The procedure has no step '\(step)'. Its steps are: \(known.joined(separator: ", "))."
        case .wrongStepScope(let step, let scope):
            return scope == .perReferral
                ? "'\(step)' is recorded for each referral: waymark referral record REF \(step)"
                : "'\(step)' is recorded once for the case: waymark case record CASE \(step)"
        case .caseErased(let code):
            return "Case \(code) was erased: its identifying data is gone and it takes no new steps or referrals."
        case .transitionNotAllowed(let from, let to):
            return "A referral that is \(from.rawValue) cannot become \(to.rawValue). " + ReferralStatus.allowedText(from: from)
        case .serviceUnavailable(let reason):
            return reason
        case .invalidInput(let reason):
            return reason
        case .logDoesNotVerify(let reason):
            return "The hand-off log does not verify: \(reason). Nothing was written. Keep a copy of the home folder as it is, "
                + "run `waymark log verify`, and tell your coordinator."
        case .rowDoesNotVerify(let reason):
            return "The case store was changed outside Waymark: \(reason). Nothing was shared, logged or changed. Keep a copy of the "
                + "home folder as it is, run `waymark log verify`, and tell your coordinator; work from a backup you trust."
        case .damaged(let reason):
            return "The case store looks damaged: \(reason). Nothing was changed; keep a copy of the home folder and ask your coordinator."
        case .roleRequired(let action, let role):
            return "To \(action.rawValue) you need to be \(action.rolesText); your account is a \(role.rawValue). Nothing was changed; "
                + "ask a coordinator."
        case .unknownAccount(let reason):
            return reason
        case .keysReplaced:
            return "The case store's keys were replaced since you unlocked (an account was removed). Nothing was changed; unlock again."
        }
    }
}
