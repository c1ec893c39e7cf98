import Casework
import Foundation
import SOP

/// The case store's answers.
public enum CaseworkMessage: Sendable, Equatable {
    /// The case store is not open: ask for the passphrase (a new one, asked twice, when `newStore`).
    case caseStoreLocked(newStore: Bool, problem: String?)
    /// The case store opened; `operatorSet` says whether the home has an operator.
    case caseStoreOpened(operatorSet: Bool)
    /// The home's operator as set now (nil: none), for the operator box opened again.
    case operatorLoaded(Operator?)
    /// The operator was saved for the home: who it now is.
    case operatorSaved(Operator)
    /// Case data cannot be used (no home, a damaged store, a malformed SOP file): why.
    case caseworkUnavailable(String)
    /// A referral was made from the pathway (its case opened if needed): its checklist.
    case referred(Checklist)
    case checklistLoaded(Checklist)
    /// A step (or consent) was recorded: the checklist as it now is.
    case recorded(Checklist, stepId: String)
    case consentWithdrawn(Checklist)
    /// A referral's form: the preview of a draft, or the form handed off.
    case formLoaded(ReferralForm, sent: Bool)
    /// The form was written to a file.
    case formWritten(path: String, format: FormFile.Format)
    /// A file is already where the form was to be written: ask before replacing it.
    case formFileExists(referralId: String, path: String, format: FormFile.Format)
    /// The hand-off was logged: the form as sent.
    case handedOff(ReferralForm)
    /// The gate refused the hand-off: every step still owed.
    case handoffRefused([MissingStep])
    case referralsLoaded([Referral], serviceStartDays: Int)
    /// The home's cases, newest first.
    case casesLoaded([CaseListing])
    /// A case's identifying data, decrypted for its form (nil: nothing recorded yet).
    case identityLoaded(caseCode: String, Identity?)
    /// A case's profile was updated: the checklist it was updated from, read again.
    /// The checklist read again after a profile update, and the open referrals the update made the rules refuse.
    case profileUpdated(Checklist, nowRefused: [RefusedReferral])
    /// The identifying data was saved, encrypted.
    /// Identifying data saved; the open referrals it made the rules refuse (a date of birth showing a child).
    case identitySaved(caseCode: String, nowRefused: [RefusedReferral])
    /// An anonymous notification was recorded in the log: the notification.
    case notified(AnonymousNotification)
    /// The domain refused a casework operation: its sentence.
    case caseworkRefused(String)
    /// The incoming referrals, newest first, and the receiving services' names by id.
    case inboxLoaded([IncomingReferral], serviceNames: [String: String])
    /// One case, to show as the cases screen opens it.
    case caseLoaded(CaseListing)
    /// The referral can be sealed to its receiver: ask where to write it.
    case sendAllowed(referralId: String)
    /// The referral's envelope was written and its sending recorded.
    case envelopeWritten(referralId: String, path: String)
    /// The sender can be answered (`to`, its name): ask where to write the answer.
    case answerAllowed(InboxAnswer, to: String)
    /// The answer was recorded and written, sealed to the sender; the incoming referrals as they now are.
    case answered(InboxAnswer, path: String, [IncomingReferral], serviceNames: [String: String])
}
