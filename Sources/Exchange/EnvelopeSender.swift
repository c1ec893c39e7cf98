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
        let form = try cases.form(referral.id, directory: directory)
        let steps = try cases.summary(referral.caseCode).steps
            .filter { ($0.referralId == nil || $0.referralId == referral.id) && $0.stepId.rawValue != "consent" }  // consent never carries over
            .map { SenderStep(step: $0.stepId.rawValue, recordedAt: $0.recordedAt, organization: $0.organization) }
        var body = try base(.referral, referralID: referral.id, to: referral.organizationId, name: referral.organizationName,
                            cases: cases, directory: directory)
        body.serviceID = referral.serviceId
        body.locationID = referral.locationId
        body.form = String(decoding: try form.json(), as: UTF8.self)
        body.stepsDone = steps
        return try seal(body, cases: cases, directory: directory)
    }

    /// The receiver's answer to an incoming referral, sealed to the organization that sent it.
    public static func feedback(_ notice: FeedbackNotice, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        try answerSealer(for: notice.referralID, cases: cases, directory: directory).seal(notice)
    }

    /// Everything an answer's envelope needs, read before the answer is recorded: sealing it then reads no store, so it
    /// can run inside the answer's transaction.
    public struct AnswerSealer {
        let body: EnvelopeBody
        let recipientKey: Data
        let signer: Curve25519.Signing.PrivateKey

        /// The answer's envelope.
        public func seal(_ notice: FeedbackNotice) throws -> Envelope {
            var body = self.body
            body.status = notice.status.rawValue
            body.declineReason = notice.declineReason?.rawValue
            body.outcome = notice.outcome?.rawValue
            body.answeredAt = EnvelopeBody.time(notice.at)
            return try Envelope.seal(body: try body.encoded(), to: body.recipient, key: recipientKey, signer: signer)
        }
    }

    /// The sealer for answers to an incoming referral; refuses when its sender has no referral key this home relies on.
    public static func answerSealer(for referralID: String, cases: CaseStore, directory: DirectoryStore) throws -> AnswerSealer {
        let incoming = try cases.incomingReferral(referralID)
        let body = try base(.feedback, referralID: referralID, to: incoming.fromOrganizationId, name: incoming.from,
                            cases: cases, directory: directory)
        guard let key = try EnvelopeKeys.relied(body.recipient.organizationID, kind: .referral, directory: directory, cases: cases)
            .first(where: { KeyFingerprint.of($0) == body.recipient.fingerprint }) else {
            throw EnvelopeError.noReferralKey(organization: incoming.fromOrganizationId, name: incoming.from)
        }
        return AnswerSealer(body: body, recipientKey: key, signer: try cases.publisherSigningKey().signer)
    }

    /// The notice that the person withdrew consent after the referral was sent: the receiver stops sharing and erases.
    public static func withdrawal(_ referralID: String, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        let notice = try cases.withdrawalNotice(for: referralID)
        let referral = try cases.referral(referralID)
        var body = try base(.withdrawal, referralID: referralID, to: referral.organizationId, name: referral.organizationName,
                            cases: cases, directory: directory)
        body.withdrawnAt = EnvelopeBody.time(notice.at)
        return try seal(body, cases: cases, directory: directory)
    }

    /// A body from this home's organization to `organization`, whose referral key must be relied on.
    static func base(_ kind: EnvelopeBody.Kind, referralID: String, to organization: String, name: String, cases: CaseStore,
                     directory: DirectoryStore) throws -> EnvelopeBody {
        guard let worker = try Operator.load(home: cases.home), let own = worker.organizationId else { throw EnvelopeError.noOrganizationID }
        guard let key = try EnvelopeKeys.relied(organization, kind: .referral, directory: directory, cases: cases).first else {
            throw EnvelopeError.noReferralKey(organization: organization, name: name)
        }
        let (publisher, _) = try cases.publisherSigningKey()
        return EnvelopeBody(kind: kind, referralID: referralID,
                            sender: .init(organizationID: own, name: worker.organization, fingerprint: publisher.fingerprint),
                            recipient: .init(organizationID: organization, fingerprint: KeyFingerprint.of(key)),
                            sentAt: EnvelopeBody.time(Date()))
    }

    static func seal(_ body: EnvelopeBody, cases: CaseStore, directory: DirectoryStore) throws -> Envelope {
        guard let key = try EnvelopeKeys.relied(body.recipient.organizationID, kind: .referral, directory: directory, cases: cases)
            .first(where: { KeyFingerprint.of($0) == body.recipient.fingerprint }) else {
            throw EnvelopeError.noReferralKey(organization: body.recipient.organizationID, name: body.recipient.organizationID)
        }
        return try Envelope.seal(body: try body.encoded(), to: body.recipient, key: key, signer: try cases.publisherSigningKey().signer)
    }
}
