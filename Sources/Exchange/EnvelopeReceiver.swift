import Casework
import Directory
import Foundation

/// Opens an envelope sent to this home and does what it says: a referral becomes an incoming referral, an answer
/// moves the outgoing referral, a withdrawal stops sharing and erases.
///
/// Every check comes before anything is written: the header names this organization and its referral key; the
/// ciphertext opens with that key; the signed body names the same recipient; the sender is an organization whose
/// publisher key this home relies on, and the signature verifies with it.
public enum EnvelopeReceiver {
    /// What an import did.
    public enum Outcome: Sendable {
        case referral(IncomingReceipt)
        case feedback(FeedbackApplied)
        case withdrawal(referralID: String, WithdrawalOutcome)
    }

    /// Imports an envelope's bytes.
    public static func run(_ data: Data, cases: CaseStore, directory: DirectoryStore, personInCareConsents: Bool = false) throws -> Outcome {
        let envelope = try Envelope.parse(data)
        guard let own = cases.account.organizationId else { throw EnvelopeError.noOrganizationID }
        guard envelope.header.recipient.organizationID == own else {
            throw EnvelopeError.notForThisHome(field: "recipient.organization_id", envelope.header.recipient.organizationID)
        }
        let (signature, bytes) = try envelope.open(with: try cases.referralOpeningKey())
        let body = try EnvelopeBody.decode(bytes)
        guard body.recipient == envelope.header.recipient else {
            throw EnvelopeError.notForThisHome(field: "body.recipient", "\(body.recipient.organizationID) (\(body.recipient.fingerprint))")
        }
        let keys = try EnvelopeKeys.relied(body.sender.organizationID, kind: .publisher, directory: directory, cases: cases)
        guard !keys.isEmpty else { throw EnvelopeError.untrustedSender(organization: body.sender.organizationID) }
        guard let signer = keys.first(where: { envelope.signatureVerifies(signature, body: bytes, publicKey: $0) }),
              KeyFingerprint.of(signer) == body.sender.fingerprint else {
            throw EnvelopeError.signatureDoesNotVerify(organization: body.sender.organizationID)
        }
        // The sender is named as the directory names the verified organization, not as its operator typed it.
        let senderName = try directory.organization(id: body.sender.organizationID)?.name ?? body.sender.name
        let envelopeID = envelope.header.envelopeID
        switch body.kind {
        case .referral:
            guard let service = body.serviceID, let form = body.form else { throw EnvelopeError.malformed(field: "form", "a referral without its form") }
            let detail = try directory.serviceDetail(serviceId: service, locationId: body.locationID)
            guard let detail, let area = detail.area else {
                throw EnvelopeError.malformed(field: "service_id", "the receiving service \(service) is not in this directory with a place: "
                    + "import the latest bundle first")
            }
            guard detail.organizationId == own else {
                throw EnvelopeError.notForThisHome(field: "service_id", "\(service), a service of \(detail.organizationName)")
            }
            let received = ReceivedReferral(envelopeID: envelopeID, referralID: body.referralID, senderOrganizationID: body.sender.organizationID,
                                            senderOrganizationName: senderName, sentAt: try EnvelopeBody.date(body.sentAt, field: "sent_at"),
                                            serviceID: service, locationID: body.locationID, formJSON: Data(form.utf8),
                                            stepsDone: (body.stepsDone ?? []).map { SenderStep(step: $0.step, recordedAt: $0.recordedAt, organization: senderName) },
                                            receivingOrganizationID: own)
            return .referral(try cases.receiveReferral(received, area: area))
        case .feedback:
            guard let text = body.status, let status = ReferralStatus(rawValue: text) else {
                throw EnvelopeError.malformed(field: "status", "not a referral status")
            }
            let feedback = ReceivedFeedback(envelopeID: envelopeID, referralID: body.referralID, fromOrganizationID: body.sender.organizationID,
                                            status: status, declineReason: try body.declineReason.map { text throws(EnvelopeError) in
                                                guard let reason = DeclineReason(rawValue: text) else {
                                                    throw .malformed(field: "decline_reason", "not a decline reason")
                                                }
                                                return reason
                                            },
                                            outcome: try body.outcome.map { text throws(EnvelopeError) in
                                                guard let outcome = ReferralOutcome(rawValue: text) else {
                                                    throw .malformed(field: "outcome", "not an outcome")
                                                }
                                                return outcome
                                            },
                                            receiverTime: try EnvelopeBody.date(body.answeredAt, field: "answered_at"))
            do {
                return .feedback(try cases.applyFeedback(feedback))
            } catch CaseworkError.transitionNotAllowed(let from, let to) {
                throw CaseworkError.invalidInput("The answer says \(to.rawValue), but referral \(body.referralID) is \(from.rawValue) here: "
                    + ReferralStatus.allowedText(from: from) + " An earlier answer may not have arrived: ask \(senderName) to send it again "
                    + "(`waymark inbox respond \(body.referralID) --again`), import it, then this one. Nothing was changed.")
            }
        case .withdrawal:
            let notice = ReceivedWithdrawal(envelopeID: envelopeID, referralID: body.referralID, fromOrganizationID: body.sender.organizationID,
                                            at: try EnvelopeBody.date(body.withdrawnAt, field: "withdrawn_at"))
            return .withdrawal(referralID: body.referralID, try cases.applyWithdrawal(notice, personInCareConsents: personInCareConsents))
        }
    }
}
