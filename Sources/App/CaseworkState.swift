import Casework
import Foundation
import Routing
import SOP
import Terminal

/// What the responder asked for that needs the case store open; kept while the passphrase is asked.
public enum CaseworkRequest: Sendable, Equatable {
    /// Refer the person to a pathway step's service.
    case refer(ReferRequest)
    /// Show the referrals.
    case referrals
}

/// A referral to make from a pathway step: the case (made from the intake when nil), the service, the need.
public struct ReferRequest: Sendable, Equatable {
    /// The case already opened for this intake, or nil to open one from `profile`.
    public var caseCode: String?
    public var profile: ClientProfile
    public var serviceId: String
    /// The need (a service-type code) the referral is for.
    public var need: String
    public var priority: ReferralPriority
    /// Needs the route could not meet, or met only with a condition: recorded on a new case for the report.
    public var unmetNeeds: [String]
    public var conditionalNeeds: [String]

    public init(caseCode: String?, profile: ClientProfile, serviceId: String, need: String, priority: ReferralPriority,
                unmetNeeds: [String] = [], conditionalNeeds: [String] = []) {
        self.unmetNeeds = unmetNeeds
        self.conditionalNeeds = conditionalNeeds
        self.caseCode = caseCode
        self.profile = profile
        self.serviceId = serviceId
        self.need = need
        self.priority = priority
    }
}

/// A box over a casework screen: the passphrase, the operator, a step's form, a confirmation.
public enum CaseworkDialog: Sendable, Equatable {
    /// The case store's passphrase, masked.
    case passphrase(PassphraseDialog)
    /// Who the operator of this home is, asked once.
    case operatorSetup(OperatorDialog)
    /// A simple SOP step's answers.
    case step(StepForm)
    /// A message with buttons: a refusal, a notice, a question (see `ChoiceDialog`).
    case choice(ChoiceDialog)
    /// A line of text to type: an override's reason, a decline's reason, an interpreter's language.
    case text(TextDialog)
    /// The statuses a referral may be moved to.
    case statusMenu(ListView, referralId: String)
}

/// A message box and what its buttons do.
public struct ChoiceDialog: Sendable, Equatable {
    /// What pressing the first button does (the others cancel).
    public enum Action: Sendable, Equatable {
        /// Nothing: the box only tells.
        case none
        /// Log the hand-off of a referral.
        case handoff(referralId: String)
        /// Withdraw a referral's consent.
        case withdrawConsent(referralId: String)
        /// Record an anonymous notification for a case (an adult who refuses a referral).
        case notify(caseCode: String)
    }

    public var dialog: ModalDialog
    public var action: Action

    public init(_ dialog: ModalDialog, action: Action = .none) {
        self.dialog = dialog
        self.action = action
    }
}

/// A one-line text box over a casework screen, and what its text is for.
public struct TextDialog: Sendable, Equatable {
    /// What the typed text is for.
    public enum Purpose: Sendable, Equatable {
        /// The reason for a hand-off made before every SOP step (life at risk).
        case overrideReason(referralId: String)
        /// The reason a referral is declined or withdrawn.
        case statusReason(referralId: String, ReferralStatus)
        /// The interpreter's language on the consent form.
        case interpreterLanguage
        /// The language consent was explained in.
        case explainedInLanguage
    }

    public var purpose: Purpose
    public var title: String
    public var prompt: String
    public var input: TextInput
    public var error: String?

    public init(purpose: Purpose, title: String, prompt: String, input: TextInput = TextInput(maxLength: 200)) {
        self.purpose = purpose
        self.title = title
        self.prompt = prompt
        self.input = input
    }
}

/// The case data of the session: the unlock and the operator (asked once), the intake's case, the dialog over a
/// casework screen, and the message line. What a screen shows belongs to that screen's model.
public struct CaseworkState: Sendable, Equatable {
    /// Whether the case store was opened this session (the passphrase is asked once).
    public var unlocked = false
    /// Whether the home has an operator (asked once, after the unlock, when it has none).
    public var operatorKnown = false
    /// What to do once the store is open and the operator set.
    public var pending: CaseworkRequest?
    /// The case opened for the current intake: one case per intake.
    public var intakeCase: String?
    public var dialog: CaseworkDialog?
    /// A refusal or a problem, shown on the message line of the casework screens.
    public var problem: String?
    /// Something done, shown on the message line when there is no problem.
    public var notice: String?
    /// What to say once the step being recorded is recorded, instead of the plain "Recorded" (e.g. what to do when a person is in danger).
    public var noticeAfterRecord: String?

    public init() {}
}
