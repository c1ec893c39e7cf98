import Foundation

/// What a verified referral envelope carried: the sender, the receiving service, the form as handed off, the steps done.
///
/// The envelope's signature is checked and its content opened before this is made; casework
/// takes the values as they are.
public struct ReceivedReferral: Sendable {
    public var envelopeID: String
    /// The sender's referral id (`R-…`).
    public var referralID: String
    public var senderOrganizationID: String
    public var senderOrganizationName: String
    public var sentAt: Date
    /// The receiving service, in the shared directory.
    public var serviceID: String
    public var locationID: String?
    /// The HTCDS JSON exactly as handed off (`ReferralForm.json()`).
    public var formJSON: Data
    /// The SOP steps the sender recorded.
    public var stepsDone: [SenderStep]
    /// The receiving organization's id (the organization the envelope was sealed to): the answers go out under it.
    /// When nil, this home's operator's organization id is taken.
    public var receivingOrganizationID: String?

    public init(envelopeID: String, referralID: String, senderOrganizationID: String, senderOrganizationName: String,
                sentAt: Date, serviceID: String, locationID: String? = nil, formJSON: Data,
                stepsDone: [SenderStep], receivingOrganizationID: String? = nil) {
        self.envelopeID = envelopeID
        self.referralID = referralID
        self.senderOrganizationID = senderOrganizationID
        self.senderOrganizationName = senderOrganizationName
        self.receivingOrganizationID = receivingOrganizationID
        self.sentAt = sentAt
        self.serviceID = serviceID
        self.locationID = locationID
        self.formJSON = formJSON
        self.stepsDone = stepsDone
    }
}

/// What a verified feedback envelope carried: the receiving organization's answer to an outgoing referral.
public struct ReceivedFeedback: Sendable {
    public var envelopeID: String
    /// The sender's own referral id (`R-…`), as the receiver named it.
    public var referralID: String
    /// The organization that answered (the envelope's signer).
    public var fromOrganizationID: String
    public var status: ReferralStatus
    public var declineReason: DeclineReason?
    public var outcome: ReferralOutcome?
    /// When the receiver says it answered, by its own clock.
    public var receiverTime: Date

    public init(envelopeID: String, referralID: String, fromOrganizationID: String, status: ReferralStatus,
                declineReason: DeclineReason? = nil, outcome: ReferralOutcome? = nil, receiverTime: Date) {
        self.envelopeID = envelopeID
        self.referralID = referralID
        self.fromOrganizationID = fromOrganizationID
        self.status = status
        self.declineReason = declineReason
        self.outcome = outcome
        self.receiverTime = receiverTime
    }
}

/// What a verified withdrawal envelope carried: the sender's notice that consent to a referral was withdrawn.
public struct ReceivedWithdrawal: Sendable {
    public var envelopeID: String
    /// The sender's referral id (`R-…`).
    public var referralID: String
    /// The organization that sent the notice (the envelope's signer): the referral's sender.
    public var fromOrganizationID: String
    /// When the consent was withdrawn, by the sender's clock.
    public var at: Date

    public init(envelopeID: String, referralID: String, fromOrganizationID: String, at: Date) {
        self.envelopeID = envelopeID
        self.referralID = referralID
        self.fromOrganizationID = fromOrganizationID
        self.at = at
    }
}
