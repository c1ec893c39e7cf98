import Casework

/// An answer to an incoming referral, as `waymark inbox respond` takes it: the status, and the decline reason or outcome it needs.
public struct InboxAnswer: Sendable, Equatable {
    /// The sender's referral id.
    public var referralId: String
    public var status: ReferralStatus
    public var declineReason: DeclineReason?
    public var outcome: ReferralOutcome?
    /// The note of a decline for another reason: sealed with the case here, never sent.
    public var note: String?

    public init(referralId: String, status: ReferralStatus, declineReason: DeclineReason? = nil, outcome: ReferralOutcome? = nil,
                note: String? = nil) {
        self.referralId = referralId
        self.status = status
        self.declineReason = declineReason
        self.outcome = outcome
        self.note = note
    }
}
