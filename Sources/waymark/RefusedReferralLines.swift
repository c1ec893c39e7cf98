import Casework

/// The open referrals a change to a case now refuses, printed after `case update` and `case identify`
/// (each sentence names its service through `Sanitized.text`).
enum RefusedReferralLines {
    /// Prints each open referral refused now (those the change refused come first, marked); nothing when none is.
    static func print(_ refused: [RefusedReferral]) {
        guard !refused.isEmpty else { return }
        Swift.print("Open referrals the eligibility rules refuse now:")
        for item in refused {
            Swift.print("  " + (item.sinceThisChange ? "[since this change] " : "") + item.sentence)
        }
    }
}
