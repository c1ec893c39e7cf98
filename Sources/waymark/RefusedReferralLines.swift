import Casework

/// The open referrals a change to a case now refuses, printed after `case update` and `case identify`
/// (each sentence names its service through `Sanitized.text`).
enum RefusedReferralLines {
    /// Prints each open referral refused now, those the change refused first; nothing when none is.
    static func print(_ refused: [RefusedReferral], before: Set<String>) {
        guard !refused.isEmpty else { return }
        let ordered = refused.filter { !before.contains($0.referral.id) } + refused.filter { before.contains($0.referral.id) }
        Swift.print("Open referrals the eligibility rules refuse now:")
        for item in ordered {
            Swift.print("  " + (before.contains(item.referral.id) ? "" : "[since this change] ") + item.sentence)
        }
    }
}
