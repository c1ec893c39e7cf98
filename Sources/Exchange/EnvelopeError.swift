import Directory
import Foundation

/// Why an envelope was refused (exit 1), naming the envelope field that failed; nothing was written.
public enum EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A part of the file is not what an envelope holds.
    case malformed(field: String, String)
    /// The header or the signed body names another organization or key.
    case notForThisHome(field: String, String)
    /// The ciphertext does not open with this home's referral key (changed, or sealed to another key).
    case doesNotOpen
    /// The sender is not an organization whose publisher key this home relies on.
    case untrustedSender(organization: String)
    /// The signature does not verify with the sender's publisher key.
    case signatureDoesNotVerify(organization: String)
    /// The receiving organization has no referral key this home relies on.
    case noReferralKey(organization: String, name: String)
    /// This home's operator has no organization id, so it cannot send or receive.
    case noOrganizationID
    /// No file was named to write the envelope to.
    case noFile
    /// Something is already where the envelope was to be written: it is never overwritten.
    case fileExists(path: String)
    /// The envelope file could not be made (no such folder, no permission).
    case cannotWrite(path: String)

    public var description: String {
        switch self {
        case .malformed(let field, let why):
            return "Refused: envelope field \(field): \(Sanitized.short(why, limit: 160)). Nothing was written; ask the sender for the file again."
        case .notForThisHome(let field, let value):
            return "Refused: envelope field \(field) is \(Sanitized.short(value, limit: 60)), not this home's: the envelope is for another "
                + "organization (or another key of it). Nothing was written; give it to the organization it is for."
        case .doesNotOpen:
            return "Refused: envelope field ciphertext does not open with this home's referral key: the file was changed, or sealed "
                + "to another key. Nothing was written; ask the sender for the file again."
        case .untrustedSender(let organization):
            return "Refused: envelope field sender.organization_id names \(Sanitized.short(organization, limit: 60)), whose publisher key "
                + "this home does not rely on (none in the directory, or one that came in an unsigned package). Nothing was written; ask "
                + "your coordinator to record its key (`waymark organization key add ORG --publisher-key …`) after a fingerprint check."
        case .signatureDoesNotVerify(let organization):
            return "Refused: envelope field signature does not verify with the publisher key of \(Sanitized.short(organization, limit: 60)): "
                + "the envelope was changed or did not come from it. Nothing was written."
        case .noReferralKey(let organization, let name):
            return "\(Sanitized.short(name, limit: 60)) (\(Sanitized.short(organization, limit: 60))) has no referral key in the directory, "
                + "so nothing can be sealed to it. Ask your coordinator to record it (`waymark organization key add "
                + "\(Sanitized.short(organization, limit: 60)) --referral-key …`, after comparing its fingerprint by phone); until then, "
                + "print the form (`waymark referral form REF`) as before."
        case .noOrganizationID:
            return "This home's operator has no organization id: set it with `waymark operator set … --organization-id ORG-ID` "
                + "(your organization's id in the directory). Nothing was sent or read."
        case .noFile:
            return "Give the file to write the envelope to (a new file, e.g. on a USB stick). Nothing was written."
        case .fileExists(let path):
            return "\(Sanitized.short(path, limit: 120)) exists already; choose a new file so nothing is overwritten."
        case .cannotWrite(let path):
            return "Cannot write \(Sanitized.short(path, limit: 120)); check the folder exists and you may write to it."
        }
    }
}
