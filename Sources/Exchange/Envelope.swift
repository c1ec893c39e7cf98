import Casework
import Crypto
import Foundation

/// A sealed envelope file: a referral, an answer to one, or a withdrawal notice, carried by USB,
/// e-mail or a shared folder to one organization.
///
/// The file is four lines: `waymark-envelope-v1`; the header, one line of JSON (format, envelope
/// id, recipient organization id and referral-key fingerprint), in the clear; the HPKE encapsulated
/// key, base64; the ciphertext, base64. The ciphertext is HPKE base mode — DHKEM(X25519,
/// HKDF-SHA256), HKDF-SHA256, AES-256-GCM (suite ids 0x0020, 0x0001, 0x0002) — to the recipient's
/// referral key, with `info` = `"waymark-envelope-v1"` followed by the recipient fingerprint and
/// the header line's bytes as associated data. Its plaintext is the sender's 64-byte Ed25519
/// signature over `"waymark-envelope-v1\n"` ‖ header line ‖ body, followed by the body: JSON
/// naming the kind, the sender and the recipient (signed, so a re-sealed envelope is refused).
public struct Envelope: Sendable, Equatable {
    /// The first line and the domain of every key derivation and signature.
    public static let format = "waymark-envelope-v1"
    /// The HPKE suite: X25519 with HKDF-SHA256, HKDF-SHA256, AES-256-GCM.
    public static var suite: HPKE.Ciphersuite { HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_256) }

    /// The part anyone can read: enough to know whose it is.
    public struct Header: Codable, Sendable, Equatable {
        public var format: String
        public var envelopeID: String
        public var recipient: Party

        enum CodingKeys: String, CodingKey {
            case format, recipient
            case envelopeID = "envelope_id"
        }
    }

    /// An organization and one of its keys' fingerprint.
    public struct Party: Codable, Sendable, Equatable {
        public var organizationID: String
        public var fingerprint: String

        public init(organizationID: String, fingerprint: String) {
            self.organizationID = organizationID
            self.fingerprint = fingerprint
        }

        enum CodingKeys: String, CodingKey {
            case fingerprint
            case organizationID = "organization_id"
        }
    }

    /// The header line's exact bytes (the associated data and part of the signed message).
    public var headerLine: Data
    public var header: Header
    public var encapsulatedKey: Data
    public var ciphertext: Data

    /// The file's bytes.
    public var fileBytes: Data {
        Data("\(Self.format)\n".utf8) + headerLine + Data("\n\(encapsulatedKey.base64EncodedString())\n\(ciphertext.base64EncodedString())\n".utf8)
    }

    /// The HPKE `info` for a recipient fingerprint.
    static func info(_ fingerprint: String) -> Data { Data(format.utf8) + Data(fingerprint.utf8) }

    /// The message the sender signs.
    static func signedMessage(header: Data, body: Data) -> Data { Data("\(format)\n".utf8) + header + body }

    /// Seals `body` to `recipient`'s referral key, signed by `signer`.
    public static func seal(body: Data, to recipient: Party, key recipientKey: Data, signer: Curve25519.Signing.PrivateKey,
                            envelopeID: String = UUID().uuidString.lowercased()) throws -> Envelope {
        let header = Header(format: format, envelopeID: envelopeID, recipient: recipient)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let headerLine = try encoder.encode(header)
        let publicKey = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipientKey)
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: suite, info: info(recipient.fingerprint))
        let signature = try signer.signature(for: signedMessage(header: headerLine, body: body))
        let ciphertext = try sender.seal(signature + body, authenticating: headerLine)
        return Envelope(headerLine: headerLine, header: header, encapsulatedKey: sender.encapsulatedKey, ciphertext: ciphertext)
    }

    /// Reads an envelope file's four lines; refuses, naming the part, anything else.
    public static func parse(_ data: Data) throws(EnvelopeError) -> Envelope {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 5, lines[4].isEmpty, Data(lines[0]) == Data(format.utf8) else {
            throw .malformed(field: "format", "the file is not a Waymark envelope (\(format))")
        }
        let headerLine = Data(lines[1])
        guard let header = try? JSONDecoder().decode(Header.self, from: headerLine), header.format == format else {
            throw .malformed(field: "header", "the header is not an envelope header")
        }
        // Only the base64 `fileBytes` writes is read: a lenient decoder would take a changed padding bit for the same bytes.
        guard let encapsulated = Data(base64Encoded: Data(lines[2])), encapsulated.count == 32,
              Data(encapsulated.base64EncodedString().utf8) == Data(lines[2]) else {
            throw .malformed(field: "encapsulated_key", "the encapsulated key is not 32 bytes of base64")
        }
        guard let ciphertext = Data(base64Encoded: Data(lines[3])), ciphertext.count > 64 + 16,
              Data(ciphertext.base64EncodedString().utf8) == Data(lines[3]) else {
            throw .malformed(field: "ciphertext", "the ciphertext is not base64 of a sealed body")
        }
        return Envelope(headerLine: headerLine, header: header, encapsulatedKey: encapsulated, ciphertext: ciphertext)
    }

    /// Opens the ciphertext with this home's referral key; returns the signature and the body, unchecked.
    public func open(with key: Curve25519.KeyAgreement.PrivateKey) throws(EnvelopeError) -> (signature: Data, body: Data) {
        guard header.recipient.fingerprint == KeyFingerprint.of(key.publicKey.rawRepresentation) else {
            throw .notForThisHome(field: "recipient.fingerprint", header.recipient.fingerprint)
        }
        do {
            var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: Self.suite, info: Self.info(header.recipient.fingerprint),
                                               encapsulatedKey: encapsulatedKey)
            let plaintext = try recipient.open(ciphertext, authenticating: headerLine)
            return (plaintext.prefix(64), plaintext.dropFirst(64))
        } catch {
            throw .doesNotOpen
        }
    }

    /// Whether `signature` is `publicKey`'s over this envelope's header and `body`.
    public func signatureVerifies(_ signature: Data, body: Data, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: Self.signedMessage(header: headerLine, body: body))
    }
}
