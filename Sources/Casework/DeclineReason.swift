import GRDB

/// Why a referral was declined, as a code the report can count.
///
/// `other` needs a note (sealed under the case's key, like identifying data); the other codes
/// may carry one.
public enum DeclineReason: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The receiving organization has no place or capacity.
    case noCapacity = "no-capacity"
    /// The person does not meet the service's criteria.
    case notEligible = "not-eligible"
    /// The person declined the service.
    case personDeclined = "person-declined"
    /// The person did not come.
    case noShow = "no-show"
    case other

    /// Whether a note must say what the reason was.
    public var needsNote: Bool { self == .other }

    /// The codes, for messages.
    public static let codes = allCases.map(\.rawValue).joined(separator: ", ")
}
