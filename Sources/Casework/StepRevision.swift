import Foundation

/// When a step was answered again after a hand-off of its case had already carried its earlier answers.
///
/// A step record is never overwritten: recording a step again appends a record that supersedes the
/// earlier one (the latest record is the step's answer), and every record is kept. A hand-off
/// carries the answers of its moment; when a later record of the same step replaces answers a
/// hand-off carried, the receiving organization holds the earlier ones — the checklist and
/// `case show` say so, naming the referrals.
enum StepRevision {
    /// The referrals handed off with an earlier answer of `record`'s step that `record` replaced,
    /// by id, in the order they were sent. Empty when the step was first answered after them, or
    /// not changed since.
    ///
    /// A case step is carried by every hand-off of the case; a referral's own step only by that
    /// referral's.
    static func changedAfterHandoff(_ record: StepRow, records: [StepRow], referrals: [Referral]) -> [String] {
        let earlier = records.filter { other in
            other.stepId == record.stepId && other.referralId == record.referralId && (other.id ?? 0) < (record.id ?? 0)
        }
        guard let first = earlier.map(\.recordedAt).min() else { return [] }
        return referrals
            .compactMap { referral -> (String, Date)? in
                guard let sentAt = referral.sentAt, record.referralId == nil || record.referralId == referral.id else { return nil }
                // Sent after an earlier answer was recorded, and before this one replaced it.
                guard first <= sentAt, sentAt < record.recordedAt else { return nil }
                return (referral.id, sentAt)
            }
            .sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map(\.0)
    }
}
