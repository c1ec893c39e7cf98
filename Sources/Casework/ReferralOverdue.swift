import Foundation
import SOP

/// Why a referral is overdue: which waiting state it is stuck in, since when, and the sentence
/// the CLI and the referrals screen both show.
public struct ReferralOverdue: Sendable, Equatable {
    /// The waiting state that ran past its window.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A draft not handed off within a day.
        case draftNotHandedOff = "draft-not-handed-off"
        /// A hand-off the receiving organization has not acknowledged within the priority's window.
        case notAcknowledged = "not-acknowledged"
        /// An accepted referral whose service has not started within the SOP's `service_start_days`.
        case serviceNotStarted = "service-not-started"
    }

    /// How long a draft may wait for its hand-off.
    public static let draftWindow: TimeInterval = 24 * 3600
    /// How many days an accepted referral may wait for the service to start unless the SOP says otherwise.
    public static let defaultServiceStartDays = Procedure.defaultServiceStartDays

    public var kind: Kind
    /// When the waiting began (created, handed off, accepted).
    public var since: Date
    /// When the window closed.
    public var deadline: Date
    public var priority: ReferralPriority
    public var serviceStartDays: Int

    /// One sentence for the responder: what it waits for, for how long, and what to do.
    public func sentence(at now: Date) -> String {
        let waited = Self.duration(now.timeIntervalSince(since))
        switch kind {
        case .draftNotHandedOff:
            return "Draft for \(waited), not handed off within a day: hand it off or withdraw it."
        case .notAcknowledged:
            return "Handed off \(waited) ago at \(priority.rawValue) priority and not acknowledged within \(Self.window(priority)): "
                + "call the receiving organization."
        case .serviceNotStarted:
            return "Accepted \(waited) ago and the service has not started within \(serviceStartDays) \(serviceStartDays == 1 ? "day" : "days"): "
                + "check with the receiving organization and the person."
        }
    }

    /// "5 h", "3 days".
    static func duration(_ seconds: TimeInterval) -> String {
        let hours = Int(max(0, seconds) / 3600)
        if hours < 48 { return "\(hours) h" }
        return "\(hours / 24) days"
    }

    static func window(_ priority: ReferralPriority) -> String {
        switch priority {
        case .emergency: return "24 hours"
        case .urgent: return "72 hours"
        case .normal: return "14 days"
        }
    }
}
