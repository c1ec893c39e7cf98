import Foundation
import GRDB

/// An incoming referral as stored: the codes and dates in clear, the received form and any reason sealed under its case's key.
struct IncomingReferralRow: Sendable, Equatable, SnakeCaseRecord {
    static let databaseTableName = "incoming_referral"
    var referralId: String
    var envelopeId: String
    var caseCode: String
    var fromOrganizationId: String
    var fromOrganizationName: String
    var receivingOrganizationId: String
    var serviceId: String
    var locationId: String?
    var sentAt: Date
    var receivedAt: Date
    /// Who imported it: "name (organization)".
    var receivedBy: String
    var status: ReferralStatus
    /// Why it was declined, when a note was written (sealed: free text may name people).
    var statusReasonSealed: Data?
    var declineReason: DeclineReason?
    var outcome: ReferralOutcome?
    var acknowledgedAt: Date?
    var acceptedAt: Date?
    var declinedAt: Date?
    var serviceStartedAt: Date?
    var closedAt: Date?
    var withdrawnAt: Date?
    /// The sender's steps (`[SenderStep]`) as JSON: step ids, dates and the organization only.
    var stepsDone: String
    /// The form's legal basis (`consent`, `child-assent`, `child-protection-duty`).
    var legalBasis: String?
    /// The received form's JSON, sealed under the case's key; nil once the case is erased.
    var formSealed: Data?
    var withdrawalEnvelopeId: String?
    var withdrawalOutcome: WithdrawalOutcome?

    /// The referral as the receiver follows it.
    func incoming() throws -> IncomingReferral {
        let steps: [SenderStep]
        do { steps = try JSONDecoder().decode([SenderStep].self, from: Data(stepsDone.utf8)) } catch {
            throw CaseworkError.damaged("the sender's steps of incoming referral \(referralId) cannot be read")
        }
        return IncomingReferral(referralId: referralId, from: fromOrganizationName, fromOrganizationId: fromOrganizationId,
                                receivedAt: receivedAt, status: status, caseCode: caseCode, envelopeId: envelopeId, stepsDone: steps,
                                acceptedAt: acceptedAt, serviceId: serviceId, locationId: locationId,
                                receivingOrganizationId: receivingOrganizationId, sentAt: sentAt, declineReason: declineReason,
                                outcome: outcome, withdrawal: withdrawalOutcome)
    }

    mutating func setDate(_ date: Date, of status: ReferralStatus) {
        switch status {
        case .acknowledged: acknowledgedAt = date
        case .accepted: acceptedAt = date
        case .declined: declinedAt = date
        case .serviceStarted: serviceStartedAt = date
        case .closed: closedAt = date
        case .withdrawn: withdrawnAt = date
        case .draft, .sent: break
        }
    }
}

/// A receiving organization's answer as the referring home applied it: one row per envelope.
struct ReferralFeedbackRow: Sendable, Equatable, SnakeCaseRecord {
    static let databaseTableName = "referral_feedback"
    var envelopeId: String
    var referralId: String
    var fromOrganizationId: String
    var status: ReferralStatus
    var declineReason: DeclineReason?
    var outcome: ReferralOutcome?
    /// When the receiver says it answered, by its clock.
    var receiverAt: Date
    /// When this home imported the answer.
    var importedAt: Date
    /// The date set on the referral: the receiver's time, or the import time when the receiver's could not stand.
    var statusAt: Date
    /// Why the import time was used, when it was.
    var note: String?
    var importedBy: String
}
