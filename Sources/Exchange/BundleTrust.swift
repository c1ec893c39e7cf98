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

    /// The keys a home accepts bundles from: its trust list, and its own publisher key in use (a coordinator checking
    /// the bundle it wrote) — only when its private half opens under the data key, so a planted key row is not trusted.
    public static func accepted(by cases: CaseStore) throws -> [TrustedKey] {
        let root = try cases.publisherKeys().first?.fingerprint ?? ""
        return try cases.trustList() + (try cases.ownPublisherKey().map { [$0] } ?? []).map {
            TrustedKey(fingerprint: $0.fingerprint, publicKey: $0.publicKey, name: "this home's own key", root: root, addedAt: $0.createdAt,
                       addedBy: "this home", removedAt: nil)
        }
    }

    /// The publisher the bundle counts for (its sequence and merge base): the trusted key's root; nil when unknown.
    public var publisher: String? {
        switch self {
        case .trusted(let key), .rotatedFrom(let key): return key.root
        case .unknown: return nil
        }
    }
}
