import Casework
import Crypto
import Directory
import Foundation

/// Writes the envelopes a home sends: a handed-off referral, a receiver's answer, a withdrawal notice.
public enum EnvelopeSender {
    /// The envelope of a handed-off referral to its receiving organization: the form exactly as handed off (only what was
    /// consented or shared by legal duty), the steps this home recorded, signed with the publisher key.
    public static func referral(_ referralID: String, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        try cases.checkSendable(referralID)
        let referral = try cases.referral(referralID)
        let form = try cases.formToSend(referral.id, directory: directory)
        let steps = try cases.summary(referral.caseCode).steps
            .filter { ($0.referralId == nil || $0.referralId == referral.id) && $0.stepId.rawValue != "consent" }  // consent never carries over
            .map { SenderStep(step: $0.stepId.rawValue, recordedAt: $0.recordedAt, organization: $0.organization) }
        var sealer = try base(.referral, referralID: referral.id, to: referral.organizationId, name: referral.organizationName,
                              cases: cases, directory: directory)
        sealer.body.serviceID = referral.serviceId
        sealer.body.locationID = referral.locationId
        sealer.body.form = String(decoding: try form.json(), as: UTF8.self)
        sealer.body.stepsDone = steps
        return try sealer.seal(sealer.body)
    }

    /// The receiver's answer to an incoming referral, sealed to the organization that sent it.
    public static func feedback(_ notice: FeedbackNotice, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        try answerSealer(for: notice.referralID, cases: cases, directory: directory).seal(notice)
    }

    /// Everything an envelope to one organization needs, read once: the body so far, the recipient's relied-on referral
    /// key and this home's signing key. Sealing then reads no store, so an answer's can run inside its transaction.
    public struct EnvelopeSealer {
        var body: EnvelopeBody
        let recipientKey: Data
        let signer: Curve25519.Signing.PrivateKey

        /// The envelope of `body`.
        func seal(_ body: EnvelopeBody) throws -> Envelope {
            try Envelope.seal(body: try body.encoded(), to: body.recipient, key: recipientKey, signer: signer)
        }

        /// The envelope of an answer.
        public func seal(_ notice: FeedbackNotice) throws -> Envelope {
            var body = self.body
            body.status = notice.status.rawValue
            body.declineReason = notice.declineReason?.rawValue
            body.outcome = notice.outcome?.rawValue
            body.answeredAt = EnvelopeBody.time(notice.at)
            return try seal(body)
        }
    }

    /// The sealer for answers to an incoming referral; refuses when its sender has no referral key this home relies on.
    public static func answerSealer(for referralID: String, cases: CaseStore, directory: DirectoryStore) throws -> EnvelopeSealer {
        let incoming = try cases.incomingReferral(referralID)
        return try base(.feedback, referralID: referralID, to: incoming.fromOrganizationId, name: incoming.from, cases: cases, directory: directory)
    }

    /// The notice that the person withdrew consent after the referral was sent: the receiver stops sharing and erases.
    public static func withdrawal(_ referralID: String, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        let notice = try cases.withdrawalNotice(for: referralID)
        let referral = try cases.referral(referralID)
        var sealer = try base(.withdrawal, referralID: referralID, to: referral.organizationId, name: referral.organizationName,
                            cases: cases, directory: directory)
        sealer.body.withdrawnAt = EnvelopeBody.time(notice.at)
        return try sealer.seal(sealer.body)
    }

    /// A body from this home's organization to `organization`, whose referral key must be relied on.
    static func base(_ kind: EnvelopeBody.Kind, referralID: String, to organization: String, name: String, cases: CaseStore,
                     directory: DirectoryStore) throws -> EnvelopeSealer {
        let worker = try cases.authorize(.sendEnvelope)
        guard let own = cases.account.organizationId else { throw EnvelopeError.noOrganizationID }
        guard let key = try EnvelopeKeys.relied(organization, kind: .referral, directory: directory, cases: cases).first else {
            throw EnvelopeError.noReferralKey(organization: organization, name: name)
        }
        let (publisher, signer) = try cases.publisherSigningKey()
        let body = EnvelopeBody(kind: kind, referralID: referralID,
                                sender: .init(organizationID: own, name: worker.organization, fingerprint: publisher.fingerprint),
                                recipient: .init(organizationID: organization, fingerprint: KeyFingerprint.of(key)),
                                sentAt: EnvelopeBody.time(Date()))
        return EnvelopeSealer(body: body, recipientKey: key, signer: signer)
    }
}
