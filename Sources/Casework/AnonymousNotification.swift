import Crypto
import Foundation

/// A notification that carries no identifying field: for an adult who refuses consent to a referral.
///
/// What the UK duty-to-notify form carries, without identifying the person: nationality, where
/// and when the exploitation took place (a region and a year), the exploitation types, sex and age
/// band. It has its own random id, never the case code, so no later referral can be linked to it.
public struct AnonymousNotification: Sendable, Equatable, Codable {
    public static let version = "waymark-anonymous-notification/2"
    public var formVersion = AnonymousNotification.version
    /// A random id of its own (`N-XXXXXXXX`).
    public var notificationId: String
    public var date: Date
    public var ageBand: String
    public var sex: String?
    public var nationality: String?
    /// Where the exploitation took place: a region or country, in a few words.
    public var exploitedIn: String?
    /// The year it took place.
    public var exploitedYear: Int?
    public var exploitation: [String]
    public var notifiedBy: Operator

    enum CodingKeys: String, CodingKey {
        case date, sex, nationality, exploitation
        case formVersion = "form_version", notificationId = "notification_id", ageBand = "age_band", notifiedBy = "notified_by"
        case exploitedIn = "exploited_in", exploitedYear = "exploited_year"
    }

    /// The JSON document (sorted keys, ISO 8601 dates).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// The SHA-256 of the JSON document, as the log records it.
    public func hash() throws -> String { HandoffLog.hex(Data(SHA256.hash(data: try json()))) }

    /// As printed.
    public var text: String {
        """
        ANONYMOUS NOTIFICATION — \(notificationId)
        No name, date of birth, contact or case code: the person did not consent to a referral.
        Date                    \(ISO8601DateFormatter().string(from: date))
        Age band                \(ageBand)
        Sex                     \(sex ?? "not said")
        Nationality             \(nationality ?? "not said")
        Exploited in            \(exploitedIn ?? "not said")\(exploitedYear.map { ", \($0)" } ?? "")
        Exploitation            \(exploitation.isEmpty ? "not said" : exploitation.joined(separator: ", "))
        Notified by             \(notifiedBy.name) (\(notifiedBy.organization))
        Form                    \(formVersion)

        """
    }
}
