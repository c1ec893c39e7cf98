import Crypto
import Foundation

/// The home's referral key (X25519): senders seal referral envelopes to its public half (HPKE);
/// its private half is sealed under the data key, bound to the public half.
public struct ReferralKey: Sendable, Equatable {
    /// The raw public key, 32 bytes.
    public var publicKey: Data
    /// When it was made.
    public var createdAt: Date

    /// The fingerprint, as people compare it.
    public var fingerprint: String { KeyFingerprint.of(publicKey) }

    /// The context its private half is sealed under.
    static func sealingContext(_ publicKey: Data) -> Data { Data("waymark referral key v1\n".utf8) + publicKey }
}
