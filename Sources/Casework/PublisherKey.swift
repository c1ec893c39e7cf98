import Crypto
import Foundation

/// One of the home's publisher keys (Ed25519): the public half in the clear, the private half
/// sealed under the data key, bound to its public half so neither can be swapped alone.
///
/// A rotated key keeps the key before it and that key's signature over the rotation statement
/// (`rotationStatement`), so a site trusting the old key can accept the new one.
public struct PublisherKey: Sendable, Equatable {
    /// The raw public key, 32 bytes.
    public var publicKey: Data
    /// When it was made.
    public var createdAt: Date
    /// When a rotation replaced it; nil for the key in use.
    public var retiredAt: Date?
    /// The key it replaced; nil for the home's first key.
    public var previousPublicKey: Data?
    /// The previous key's signature over `rotationStatement(publicKey)`.
    public var rotationSignature: Data?

    /// The fingerprint, as people compare it.
    public var fingerprint: String { KeyFingerprint.of(publicKey) }

    /// The bytes a previous key signs to vouch for its successor: `"waymark-key-rotation-v1\n"` and the new raw key.
    public static func rotationStatement(_ newPublicKey: Data) -> Data {
        Data("waymark-key-rotation-v1\n".utf8) + newPublicKey
    }

    /// Whether `signature` is `previous`'s over the rotation statement of `next`.
    public static func rotationVerifies(previous: Data, next: Data, signature: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: previous) else { return false }
        return key.isValidSignature(signature, for: rotationStatement(next))
    }

    /// The context a private key is sealed under: its public half, so a sealed key cannot be moved to another row.
    static func sealingContext(_ publicKey: Data) -> Data { Data("waymark publisher key v1\n".utf8) + publicKey }
}
