import Foundation

/// A move of a referral to a new status, checked against the lifecycle and what each status needs.
///
/// The one rule for every side of a referral: the referring home's updates (`update`), the
/// receiving home's answers (`respond`) and the answers the referring home imports
/// (`applyFeedback`). A decline takes a reason code (a note alone is `other`; `other` needs a
/// note), closing takes an outcome, a withdrawal a reason; a code given for another status, or a
/// move the lifecycle does not allow, is refused.
struct StatusChange: Sendable, Equatable {
    var status: ReferralStatus
    /// Set for a decline.
    var declineReason: DeclineReason?
    /// Set for closing.
    var outcome: ReferralOutcome?
    /// The note, trimmed; nil when none.
    var note: String?

    /// Refuses a decline reason or an outcome given with another status (checked before anything is read).
    static func checkCodes(for status: ReferralStatus, declineReason: DeclineReason?, outcome: ReferralOutcome?) throws {
        if declineReason != nil && status != .declined {
            throw CaseworkError.invalidInput("A decline reason goes only with declined, not \(status.rawValue).")
        }
        if outcome != nil && status != .closed {
            throw CaseworkError.invalidInput("An outcome goes only with closed, not \(status.rawValue).")
        }
    }

    /// A change from `from`, or why not.
    ///
    /// `noteHeldElsewhere` is for an answer imported from the receiving organization: its note, if
    /// it wrote one, stays with it (free text never travels), so `other` is taken without one.
    init(from: ReferralStatus, to status: ReferralStatus, note given: String?, declineReason: DeclineReason?, outcome: ReferralOutcome?,
         noteHeldElsewhere: Bool = false) throws {
        try Self.checkCodes(for: status, declineReason: declineReason, outcome: outcome)
        guard from.allows(status) else { throw CaseworkError.transitionNotAllowed(from: from, to: status) }
        let note = given?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        self.status = status
        self.note = note
        switch status {
        case .declined:
            guard let code = declineReason ?? (note == nil ? nil : .other) else {
                throw CaseworkError.invalidInput("Say why the referral was declined: one of \(DeclineReason.codes) "
                    + "(e.g. --reason no-capacity; other needs --note \"...\").")
            }
            if code.needsNote && note == nil && !noteHeldElsewhere {
                throw CaseworkError.invalidInput("A decline for another reason needs a note saying what it was, without names: "
                    + "--note \"...\" (it is sealed with the case).")
            }
            self.declineReason = code
        case .closed:
            guard let outcome else {
                throw CaseworkError.invalidInput("Say how the referral ended: --outcome \(ReferralOutcome.codes.replacingOccurrences(of: ", ", with: "|")).")
            }
            self.outcome = outcome
        default:
            if status.needsReason && note == nil && !noteHeldElsewhere {
                throw CaseworkError.invalidInput("Say why the referral is \(status.rawValue): --reason \"...\".")
            }
        }
    }
}
