import Foundation
import GRDB

/// The sending side of the offline exchange: the receivers' answers applied to outgoing
/// referrals, and the withdrawal notices owed to receivers.
extension CaseStore {
    /// The sender applies the receiver's answer to its outgoing referral, logged (`feedback`).
    ///
    /// Refused, with the reason and nothing written, when the referral is unknown or was never
    /// handed off, when the answer comes from another organization than the one referred to, or
    /// when it does not fit the lifecycle (accepted after declined; an earlier answer not yet
    /// imported). The status date is the receiver's time, kept beside the import time; a
    /// receiver's time before the hand-off (or ahead of this import) is not believed: the import
    /// time is used instead, and the note says so. The same envelope again writes nothing and
    /// says so (`alreadyApplied`).
    public func applyFeedback(_ feedback: ReceivedFeedback) throws -> FeedbackApplied {
        let who = try requireOperator()
        let now = self.now
        let envelope = feedback.envelopeID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !envelope.isEmpty else { throw CaseworkError.invalidInput("The answer's envelope has no id: nothing was applied.") }
        guard Self.answers.contains(feedback.status) else {
            throw CaseworkError.invalidInput("An answer from a receiving organization is acknowledged, accepted, declined, service-started or "
                + "closed, not \(feedback.status.rawValue): nothing was applied.")
        }
        try StatusChange.checkCodes(for: feedback.status, declineReason: feedback.declineReason, outcome: feedback.outcome)
        return try logged { db -> (FeedbackApplied, LogHead?) in
            if let done = try ReferralFeedbackRow.fetchOne(db, key: envelope) {
                let referral = try referral(done.referralId, db: db)
                return (FeedbackApplied(referral: referral, note: "This answer (envelope \(envelope)) was already applied on \(Self.day(done.importedAt)): "
                    + "nothing was changed.", alreadyApplied: true), nil)
            }
            var referral = try referral(feedback.referralID, db: db)
            guard referral.organizationId == feedback.fromOrganizationID else {
                throw CaseworkError.invalidInput("The answer for \(referral.id) comes from \(feedback.fromOrganizationID), but the referral was made to "
                    + "\(referral.organizationName) (\(referral.organizationId)): only they answer it. Nothing was applied.")
            }
            guard let sentAt = referral.sentAt, referral.status != .draft else {
                throw CaseworkError.invalidInput("Referral \(referral.id) was never handed off, so nobody can answer it yet. Nothing was applied.")
            }
            try checkAgainstLog(case: referral.caseCode, db: db)
            // Out of order (accepted before acknowledged arrived) is refused like any other move the lifecycle forbids:
            // the earlier answer is imported first.
            let change = try StatusChange(from: referral.status, to: feedback.status, note: nil, declineReason: feedback.declineReason,
                                          outcome: feedback.outcome, noteHeldElsewhere: true)
            var date = feedback.receiverTime
            var note: String?
            if date < sentAt {
                date = now
                note = "\(referral.organizationName)'s time for this answer (\(Self.moment(feedback.receiverTime))) is before the hand-off "
                    + "(\(Self.moment(sentAt))): their clock may be wrong, so the import time (\(Self.moment(now))) is recorded instead."
            } else if date > now.addingTimeInterval(300) {
                date = now
                note = "\(referral.organizationName)'s time for this answer (\(Self.moment(feedback.receiverTime))) is later than this import: "
                    + "their clock may be wrong, so the import time (\(Self.moment(now))) is recorded instead."
            }
            if let code = change.declineReason { referral.declineReason = code }
            if let outcome = change.outcome { referral.outcome = outcome }
            referral.status = change.status
            referral.setDate(date, of: change.status)
            try referral.update(db)
            try ReferralFeedbackRow(envelopeId: envelope, referralId: referral.id, fromOrganizationId: feedback.fromOrganizationID,
                                    status: change.status, declineReason: change.declineReason, outcome: change.outcome,
                                    receiverAt: feedback.receiverTime, importedAt: now, statusAt: date, note: note,
                                    importedBy: "\(who.name) (\(who.organization))").insert(db)
            var entry = LogEntry(kind: "feedback", at: now, caseCode: referral.caseCode, operator: who, referralId: referral.id)
            entry.status = change.status.rawValue
            entry.organizationId = feedback.fromOrganizationID
            entry.envelopeId = envelope
            return (FeedbackApplied(referral: referral, note: note, alreadyApplied: false), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// For the sender: the notice owed to the receiving organization when a referral's consent was
    /// withdrawn after it was handed off; refused with a sentence otherwise.
    public func withdrawalNotice(for referralID: String) throws -> WithdrawalNotice {
        try writer.read { db in
            let referral = try referral(referralID, db: db)
            try checkAgainstLog(case: referral.caseCode, db: db)
            guard let sentAt = referral.sentAt else {
                throw CaseworkError.invalidInput("Referral \(referral.id) was never handed off: nothing was shared with \(referral.organizationName), "
                    + "so there is nothing to withdraw there.")
            }
            let consent = try currentConsent(referral.id, db: db)
            let withdrawn = consent?.withdrawnAt ?? (referral.status == .withdrawn ? referral.withdrawnAt : nil)
            guard let at = withdrawn, at >= sentAt else {
                throw CaseworkError.invalidInput("Referral \(referral.id) was not withdrawn after its hand-off: a withdrawal notice goes to "
                    + "\(referral.organizationName) only once the person withdraws their consent (waymark referral consent \(referral.id) --withdraw).")
            }
            return WithdrawalNotice(referralID: referral.id, at: at, organizationID: referral.organizationId)
        }
    }

    /// A moment as responders read it in notes: `2026-03-02 14:05 UTC`.
    static func moment(_ date: Date) -> String {
        let text = ISO8601DateFormatter().string(from: date)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    /// A day: `2026-03-02`.
    static func day(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }
}
