import Casework
import Foundation

/// What an envelope's signed body says: its kind, the referral it is about, who sends it to whom,
/// and, by kind, the form and the steps done, the receiver's answer, or the withdrawal.
struct EnvelopeBody: Codable, Sendable, Equatable {
    /// What the envelope carries.
    enum Kind: String, Codable, Sendable {
        case referral, feedback, withdrawal
    }

    /// The sending organization.
    struct Sender: Codable, Sendable, Equatable {
        var organizationID: String
        var name: String
        /// The publisher key's fingerprint the signature is made with.
        var fingerprint: String

        enum CodingKeys: String, CodingKey {
            case name, fingerprint
            case organizationID = "organization_id"
        }
    }

    var kind: Kind
    var referralID: String
    var sender: Sender
    /// The recipient, signed: it must be the header's.
    var recipient: Envelope.Party
    /// When it was written (ISO 8601, UTC).
    var sentAt: String
    // A referral:
    var serviceID: String?
    var locationID: String?
    /// The HTCDS JSON form exactly as handed off, as text.
    var form: String?
    var stepsDone: [SenderStep]?
    // An answer:
    var status: String?
    var declineReason: String?
    var outcome: String?
    /// The receiver's time of the answer (ISO 8601, UTC).
    var answeredAt: String?
    // A withdrawal:
    var withdrawnAt: String?

    enum CodingKeys: String, CodingKey {
        case kind, sender, recipient, form, status, outcome
        case referralID = "referral_id", sentAt = "sent_at", serviceID = "service_id", locationID = "location_id"
        case stepsDone = "steps_done", declineReason = "decline_reason", answeredAt = "answered_at", withdrawnAt = "withdrawn_at"
    }

    /// The body's bytes: sorted keys, no added whitespace.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws(EnvelopeError) -> EnvelopeBody {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let body = try? decoder.decode(EnvelopeBody.self, from: data) else {
            throw .malformed(field: "body", "the signed body is not an envelope body")
        }
        return body
    }

    static func time(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func date(_ text: String?, field: String) throws(EnvelopeError) -> Date {
        guard let text, let date = ISO8601DateFormatter().date(from: text) else {
            throw .malformed(field: field, "not a time like 2026-03-02T10:00:00Z")
        }
        return date
    }
}
