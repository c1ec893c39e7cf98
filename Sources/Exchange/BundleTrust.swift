import Casework
import Foundation

/// Whether this home accepts the key that signed a verified bundle, by its trust list.
public enum BundleTrust: Sendable, Equatable {
    /// The signing key is trusted.
    case trusted(TrustedKey)
    /// The signing key is new, but the bundle carries a rotation from a trusted key: accepted, and the new key
    /// is trusted for the same publisher.
    case rotatedFrom(TrustedKey)
    /// Nobody on the trust list vouches for the key.
    case unknown

    /// The decision for `bundle` under `list` (removed keys vouch for nothing).
    public static func decide(_ bundle: VerifiedBundle, list: [TrustedKey]) -> BundleTrust {
        let trusted = list.filter(\.isTrusted)
        if let key = trusted.first(where: { $0.publicKey == bundle.signingKey }) { return .trusted(key) }
        if let previous = bundle.vouchedBy, let key = trusted.first(where: { $0.publicKey == previous }) { return .rotatedFrom(key) }
        return .unknown
    }

    /// The publisher the bundle counts for (its sequence and merge base): the trusted key's root; nil when unknown.
    public var publisher: String? {
        switch self {
        case .trusted(let key), .rotatedFrom(let key): return key.root
        case .unknown: return nil
        }
    }
}
