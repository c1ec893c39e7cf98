import Casework
import Foundation
import SOP

/// Work on the case store; each answers with a `CaseworkMessage`.
public enum CaseworkEffect: Sendable, Equatable {
    /// Open the case store: with this passphrase, or (nil) the environment's; answer with
    /// `.caseStoreOpened`, or `.caseStoreLocked` to ask for it.
    case unlock(passphrase: String?)
    /// Close the case store (its keys dropped) because the UI locked; from then on only a typed passphrase opens it,
    /// never the environment's. Answer with `.caseStoreLocked` to ask for it, or nothing when there is no case store.
    case lock
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
    /// Read the incoming referrals, newest first, and their services' names; answer with `.inboxLoaded`.
    case loadInbox
    /// Read one case (not erased) as the cases screen lists it; answer with `.caseLoaded`.
    case loadCase(caseCode: String)
    /// Seal a handed-off referral without writing it, to say before the path is asked whether it can be sent (a receiver with
    /// no referral key, no organization id, a draft); answer with `.sendAllowed` or the domain's refusal.
    case checkSend(referralId: String)
    /// Write a handed-off referral as an envelope to a new file (0600), then record it sent, as `waymark referral send`
    /// does; answer with `.envelopeWritten` or the domain's refusal.
    case sendReferral(referralId: String, path: String)
    /// Check, before anything is recorded, that the sender of an incoming referral can be answered (its referral key);
    /// answer with `.answerAllowed` or the domain's refusal.
    case checkAnswer(InboxAnswer)
    /// Answer an incoming referral, as `waymark inbox respond` does: the file checked, the sender's key checked, the
    /// answer recorded, then sealed to the sender in a new file (0600); answer with `.answered` or the domain's refusal.
    case answer(InboxAnswer, path: String)
}
