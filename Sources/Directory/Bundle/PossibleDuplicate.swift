import Foundation

/// An incoming service that looks like one this home added on its own: reported once, not merged.
public struct PossibleDuplicate: Sendable, Codable, Equatable {
    /// The incoming service's id.
    public var incomingID: String
    /// The incoming service's name.
    public var incomingName: String
    /// The local service's id.
    public var localID: String
    /// The local service's name.
    public var localName: String
    /// Why they look alike: "same organization name and P-code" or "similar name (0.74) in district X".
    public var reason: String
    /// How alike, 0 to 1 (1 for the same organization and P-code).
    public var score: Double

    enum CodingKeys: String, CodingKey {
        case reason, score
        case incomingID = "incoming_id", incomingName = "incoming_name", localID = "local_id", localName = "local_name"
    }
}
