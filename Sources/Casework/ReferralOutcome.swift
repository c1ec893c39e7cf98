import GRDB

/// How a closed referral ended, as a code the report can count.
public enum ReferralOutcome: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The person received the service.
    case serviceReceived = "service-received"
    /// Contact with the person was lost before the service ended.
    case lostContact = "lost-contact"
    /// The person was transferred to another service.
    case transferred
    /// The person withdrew from the service.
    case withdrawn

    /// The codes, for messages.
    public static let codes = allCases.map(\.rawValue).joined(separator: ", ")
}
