import Foundation

/// What the receiver's answer says, for the envelope sealed to the sender.
public struct FeedbackNotice: Sendable, Codable, Equatable {
    /// The sender's referral id (`R-…`).
    public var referralID: String
    public var status: ReferralStatus
    public var declineReason: DeclineReason?
    public var outcome: ReferralOutcome?
    /// When the receiver answered, by its clock.
    public var at: Date
    /// The receiving organization's id: the sender checks the answer comes from the organization it referred to.
    public var organizationID: String

    public init(referralID: String, status: ReferralStatus, declineReason: DeclineReason? = nil, outcome: ReferralOutcome? = nil,
                at: Date, organizationID: String) {
        self.referralID = referralID
        self.status = status
        self.declineReason = declineReason
        self.outcome = outcome
        self.at = at
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case status, outcome, at
        case referralID = "referral_id", declineReason = "decline_reason", organizationID = "organization_id"
    }
}

/// What applying a receiver's answer did to the outgoing referral.
public struct FeedbackApplied: Sendable, Equatable {
    /// The referral as it is now.
    public var referral: Referral
    /// What the responder should know: the import time used instead of the receiver's, or that it was already applied.
    public var note: String?
    /// True when this envelope had been applied before: nothing was written.
    public var alreadyApplied: Bool

    public init(referral: Referral, note: String?, alreadyApplied: Bool) {
        self.referral = referral
        self.note = note
        self.alreadyApplied = alreadyApplied
    }
}
