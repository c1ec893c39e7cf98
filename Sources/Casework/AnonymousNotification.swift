import Crypto
import Foundation

/// A notification that carries no identifying field: for an adult who refuses consent to a referral.
public struct AnonymousNotification: Sendable, Equatable, Codable {
    public static let version = "waymark-anonymous-notification/1"
    public var formVersion = AnonymousNotification.version
    public var caseCode: String
    public var date: Date
    public var ageBand: String
    public var sex: String?
    public var exploitation: [String]
    public var channel: String?
    public var notifiedBy: Operator

    enum CodingKeys: String, CodingKey {
        case date, sex, exploitation, channel
        case formVersion = "form_version", caseCode = "case_code", ageBand = "age_band", notifiedBy = "notified_by"
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
        ANONYMOUS NOTIFICATION — \(caseCode)
        No name, date of birth or contact: the person did not consent to a referral.
        Date                    \(ISO8601DateFormatter().string(from: date))
        Age band                \(ageBand)
        Sex                     \(sex ?? "not said")
        Exploitation            \(exploitation.isEmpty ? "not said" : exploitation.joined(separator: ", "))
        Identification channel  \(channel ?? "not said")
        Notified by             \(notifiedBy.name) (\(notifiedBy.organization))
        Form                    \(formVersion)

        """
    }
}
