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
    /// Show the cases.
    case cases
    /// Show the incoming referrals.
    case inbox
    /// Open again the case screens that were open when the UI locked.
    case resume(ResumePoint)
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

/// The case data of the session: the unlock and the operator (asked once), the intake's case and the message line. What a screen shows belongs to that screen's model.
public struct CaseworkState: Sendable, Equatable {
    /// Whether the case store was opened this session (the passphrase is asked once).
    public var unlocked = false
    /// Whether the home has an operator (asked once, after the unlock, when it has none).
    public var operatorKnown = false
    /// What to do once the store is open and the operator set.
    public var pending: CaseworkRequest?
    /// The case opened for the current intake: one case per intake.
    public var intakeCase: String?
    /// Whether a case was opened or worked on in this session (quitting with `q` asks first).
    public var caseWorkedOn = false
    /// A refusal or a problem, shown on the message line of the casework screens.
    public var problem: String?
    /// Something done, shown on the message line when there is no problem.
    public var notice: String?
    /// What to say once the step being recorded is recorded, instead of the plain "Recorded" (e.g. what to do when a person is in danger).
    public var noticeAfterRecord: String?

    public init() {}
}
