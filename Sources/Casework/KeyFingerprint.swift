import Crypto
import Foundation

/// How a public key is named to a person comparing it by phone: the first 16 bytes of SHA-256
/// over the raw key, lowercase hex in groups of four separated by spaces ("3f9a 01c2 …").
public enum KeyFingerprint {
    /// The fingerprint of a raw public key.
    public static func of(_ publicKey: Data) -> String {
        grouped(Array(SHA256.hash(data: publicKey)).prefix(16).map { String(format: "%02x", $0) }.joined())
    }

    /// A fingerprint as typed (any case, spaces or none) in the canonical form; nil when it is not 32 hex digits.
    public static func normalized(_ text: String) -> String? {
        let hex = text.lowercased().filter { !$0.isWhitespace && $0 != ":" && $0 != "-" }
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit) else { return nil }
        return grouped(hex)
    }

    /// Hex digits in groups of four, separated by spaces.
    private static func grouped(_ hex: String) -> String {
        var groups: [String] = []
        var rest = Substring(hex)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// A raw X25519 public key (a referral key) from its base64 text, refusing anything else with a sentence naming `what`.
    public static func referralKey(base64 text: String, what: String) throws(CaseworkError) -> Data {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: trimmed), raw.count == 32,
              (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)) != nil else {
            throw .invalidInput("\(what) is not a referral key: give the \"referral\" \"public_key\" value `waymark key show --json` printed "
                + "(44 characters of base64).")
        }
        return raw
    }

    /// A raw Ed25519 public key from its base64 text, refusing anything else with a sentence naming `what`.
    public static func publicKey(base64 text: String, what: String) throws(CaseworkError) -> Data {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: trimmed), raw.count == 32,
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw .invalidInput("\(what) is not a publisher key: give the \"public_key\" value `waymark key show --json` printed "
                + "(44 characters of base64).")
        }
        return raw
    }
}
