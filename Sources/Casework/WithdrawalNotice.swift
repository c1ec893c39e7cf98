import Foundation

/// The sender's notice that consent to a handed-off referral was withdrawn, for the envelope sealed to the receiver.
public struct WithdrawalNotice: Sendable, Codable, Equatable {
    /// The referral id (`R-…`).
    public var referralID: String
    /// When the consent was withdrawn.
    public var at: Date
    /// The receiving organization to send it to.
    public var organizationID: String

    public init(referralID: String, at: Date, organizationID: String) {
        self.referralID = referralID
        self.at = at
        self.organizationID = organizationID
    }

    enum CodingKeys: String, CodingKey {
        case at
        case referralID = "referral_id", organizationID = "organization_id"
    }
}

/// What the receiver did with an incoming case when the sender's withdrawal notice was applied.
public enum WithdrawalOutcome: String, Sendable, Codable, CaseIterable {
    /// The case was crypto-shredded: nothing the sender shared can be read any more.
    case erased
    /// Kept: the data was shared by legal duty (a child's referral to child protection), not consent.
    case keptLegalDuty = "kept-legal-duty"
    /// Kept: the person is in this home's care and consents to it directly.
    case keptInCare = "kept-in-care"
    /// This notice (or an earlier one for the same referral) was already applied: nothing was written.
    case alreadyHandled = "already-handled"

    /// As the responder reads it.
    public var text: String {
        switch self {
        case .erased: return "the case was erased: what the sender shared can no longer be read"
        case .keptLegalDuty: return "the case is kept: it was shared by legal duty to child protection, not by consent"
        case .keptInCare: return "the case is kept: the person is in this home's care and consents directly"
        case .alreadyHandled: return "this withdrawal was already applied; nothing was changed"
        }
    }
}
