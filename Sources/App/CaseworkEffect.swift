import Casework
import Foundation
import SOP

/// Work on the case store; each answers with a `CaseworkMessage`.
public enum CaseworkEffect: Sendable, Equatable {
    /// Open the case store: with this passphrase, or (nil) the environment's; answer with
    /// `.caseStoreOpened`, or `.caseStoreLocked` to ask for it.
    case unlock(passphrase: String?)
    /// Read the home's operator, to change it; answer with `.operatorLoaded`.
    case loadOperator
    /// Save the home's operator; answer with `.operatorSaved` or `.caseworkRefused`.
    case saveOperator(name: String, organization: String)
    /// Open the intake's case if needed and a draft referral; answer with `.referred`.
    case refer(ReferRequest)
    case loadChecklist(referralId: String)
    /// Record a step for the referral's case or the referral; answer with `.recorded`.
    case recordStep(referralId: String, stepId: String, scope: StepScope, StepDetails)
    case giveConsent(referralId: String, givenBy: ConsentGiver, scopes: Set<DataScope>, explained: Set<ConsentExplanation>, explainedIn: String,
                     interpreterLanguage: String?)
    case withdrawConsent(referralId: String)
    /// Load a referral's form: the preview of what would be shared now, or the form handed off.
    case loadForm(referralId: String)
    /// Write a referral's form to a file, as `waymark referral form` prints it (mode 0600; an existing file
    /// only when `replace`); answer with `.formWritten`, `.formFileExists` or the reason it was not written.
    case writeForm(referralId: String, path: String, format: FormFile.Format, replace: Bool)
    /// Ask the gate (with an override's reason, if any) and, only with a clearance, log the hand-off.
    case handoff(referralId: String, override: String?)
    case loadReferrals
    /// Read the home's cases (not erased) with stage, open referrals and deadlines; answer with `.casesLoaded`.
    case loadCases
    case updateReferral(referralId: String, status: ReferralStatus, reason: String?, declineReason: DeclineReason?, outcome: ReferralOutcome?)
    /// Read a case's identifying data for its form; answer with `.identityLoaded`.
    case loadIdentity(caseCode: String)
    /// Apply what changed on a case's profile, then read the referral's checklist again; answer with `.profileUpdated`.
    case updateProfile(referralId: String, caseCode: String, ProfileChange)
    /// Save identifying data for a case (the fields given replace the stored ones); answer with `.identitySaved`.
    case saveIdentity(caseCode: String, Identity)
    /// Record an anonymous notification for a case; answer with `.notified`, or the domain's refusal.
    case notify(caseCode: String)
}
