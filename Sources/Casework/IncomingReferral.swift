import Foundation

/// A referral another organization handed off to this home, as the receiver follows it.
///
/// Its case (`caseCode`) holds exactly the data the sender shared, sealed as every case is;
/// the steps the sender recorded are shown as done by the sender; consent never carries over.
/// The JSON keys follow HTCDS where it has the fact: when this home accepted it is `cas_IncomingReferralDate`.
public struct IncomingReferral: Sendable, Codable, Equatable {
    /// The sender's referral id (`R-…`): the one both sides name it by.
    public var referralId: String
    /// The sending organization's name, as its envelope said it.
    public var from: String
    /// The sending organization's id in the shared directory.
    public var fromOrganizationId: String
    /// When this home imported it.
    public var receivedAt: Date
    /// Where it is in its lifecycle at this home (`sent` until answered).
    public var status: ReferralStatus
    /// The case opened here for the person.
    public var caseCode: String
    /// The envelope it came in.
    public var envelopeId: String
    /// The SOP steps the sender recorded, shown as "done by <organization>".
    public var stepsDone: [SenderStep]
    /// When this home accepted it (HTCDS `cas_IncomingReferralDate`); nil until accepted.
    public var acceptedAt: Date?
    /// The receiving service (in the shared directory) and its location, when given.
    public var serviceId: String
    public var locationId: String?
    /// This home's organization id, as the envelope named the receiver: the answers are sent from it.
    public var receivingOrganizationId: String
    /// When the sender handed it off.
    public var sentAt: Date
    /// Why this home declined it, and how it ended, when it did.
    public var declineReason: DeclineReason?
    public var outcome: ReferralOutcome?
    /// What was done with the case when the sender's withdrawal notice was applied; nil before.
    public var withdrawal: WithdrawalOutcome?

    enum CodingKeys: String, CodingKey {
        case from, status, outcome, withdrawal
        case referralId = "referral_id", fromOrganizationId = "from_organization_id", receivedAt = "received_at"
        case caseCode = "case_code", envelopeId = "envelope_id", stepsDone = "steps_done", acceptedAt = "cas_IncomingReferralDate"
        case serviceId = "service_id", locationId = "location_id", receivingOrganizationId = "receiving_organization_id"
        case sentAt = "sent_at", declineReason = "decline_reason"
    }

    /// The step lines as a responder reads them: "screening — done by Linia Verde, 2026-03-02".
    public var stepsDoneText: [String] {
        stepsDone.map { "\($0.step) — done by \($0.organization), \(String(ISO8601DateFormatter().string(from: $0.recordedAt).prefix(10)))" }
    }
}

/// One step the sender recorded, shown at the receiver as "done by <organization>".
public struct SenderStep: Sendable, Codable, Equatable {
    /// The step id (`safety`, `screening`, `risk`, …).
    public var step: String
    public var recordedAt: Date
    /// The organization that recorded it: the sender.
    public var organization: String

    public init(step: String, recordedAt: Date, organization: String) {
        self.step = step
        self.recordedAt = recordedAt
        self.organization = organization
    }

    enum CodingKeys: String, CodingKey {
        case step, organization
        case recordedAt = "recorded_at"
    }
}

/// What importing a referral envelope did: created the incoming referral, or found it already imported (nothing written).
public enum IncomingReceipt: Sendable, Equatable {
    case created(IncomingReferral)
    case alreadyImported(IncomingReferral)

    /// The incoming referral, either way.
    public var referral: IncomingReferral {
        switch self {
        case .created(let referral), .alreadyImported(let referral): return referral
        }
    }
}
