import Foundation
import GRDB
import Routing

/// Where a referral is in its lifecycle (DOMAIN.md).
///
/// `draft → sent → acknowledged → accepted | declined → service-started → closed`, or
/// `withdrawn` at any point before closure. Only a logged hand-off moves `draft` to `sent`;
/// `declined` and `withdrawn` end a referral; nothing moves backwards.
public enum ReferralStatus: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible, DatabaseValueConvertible {
    case draft, sent, acknowledged, accepted, declined
    case serviceStarted = "service-started"
    case closed, withdrawn

    /// Whether the referral can move no further.
    public var isFinal: Bool { self == .declined || self == .withdrawn || self == .closed }

    /// The statuses a referral may move to by `waymark referral update` (not `sent`: only a hand-off sends).
    public var next: [ReferralStatus] {
        switch self {
        case .draft: return [.withdrawn]
        // A receiving organization may decline straight from sent.
        case .sent: return [.acknowledged, .declined, .withdrawn]
        case .acknowledged: return [.accepted, .declined, .withdrawn]
        case .accepted: return [.serviceStarted, .withdrawn]
        case .serviceStarted: return [.closed, .withdrawn]
        case .declined, .closed, .withdrawn: return []
        }
    }

    /// Whether an update (not a hand-off) may move from `self` to `status`.
    public func allows(_ status: ReferralStatus) -> Bool { next.contains(status) }

    /// Whether the status needs a reason (a decline, a withdrawal).
    public var needsReason: Bool { self == .declined || self == .withdrawn }

    public static func allowedText(from status: ReferralStatus) -> String {
        if status == .draft { return "A draft becomes sent only by a logged hand-off: waymark referral handoff REF (or withdraw it)." }
        let next = status.next
        if next.isEmpty { return "It has ended; make a new referral to try elsewhere." }
        return "From \(status.rawValue) it can become: " + next.map(\.rawValue).joined(separator: ", ") + "."
    }

    /// The stored code (`service-started`); the JSON says it too.
    public var description: String { rawValue }

    /// The status in text for people: `sent` is "handed off" — Waymark logs the hand-off and
    /// prepares the form; it sends nothing itself. The JSON keeps `sent`.
    public var spoken: String { self == .sent ? "handed off" : rawValue }

    public static func < (a: ReferralStatus, b: ReferralStatus) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// How soon a receiving organization must answer (DOMAIN.md's priorities): routing's `Priority`,
/// the one vocabulary of priorities.
public typealias ReferralPriority = Priority

extension Priority: DatabaseValueConvertible {}

extension Priority {
    /// The deadline for acknowledgement: 24 hours, 72 hours, 14 days.
    public var deadline: TimeInterval {
        switch self {
        case .emergency: return 24 * 3600
        case .urgent: return 72 * 3600
        case .normal: return 14 * 24 * 3600
        }
    }

    /// As the form says it.
    public var deadlineText: String {
        switch self {
        case .emergency: return "answer within 24 hours"
        case .urgent: return "answer within 72 hours"
        case .normal: return "answer within 2 weeks"
        }
    }
}

/// Why a referral is made, as HTCDS `cas_ReasonForOutgoingReferral` has it.
public enum ReferralPurpose: String, Sendable, Codable, CaseIterable {
    /// The person needs services this organization does not give (the usual case).
    case additionalServices = "additional-services"
    /// The person moves: to another place, or back to their country.
    case changeOfLocation = "change-of-location"
    case other

    /// The HTCDS picklist value.
    public var htcds: String {
        switch self {
        case .additionalServices: return "AdditionalServicesRequired"
        case .changeOfLocation: return "MigrationOrChangeOfLocation"
        case .other: return "Other"
        }
    }

    /// As the printed form says it.
    public var text: String {
        switch self {
        case .additionalServices: return "additional services required"
        case .changeOfLocation: return "migration or change of location"
        case .other: return "other"
        }
    }
}
