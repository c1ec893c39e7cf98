import Crypto
import Foundation

/// `waymark-bundle.sig`: the publisher's Ed25519 signature over `"waymark-bundle-v1\n"` followed
/// by the manifest's exact bytes, written as one line of base64.
public enum BundleSignature {
    /// The signature file's name inside a bundle.
    public static let fileName = "waymark-bundle.sig"
    /// What precedes the manifest's bytes in the signed message.
    public static let context = Data("waymark-bundle-v1\n".utf8)

    /// The message signed for a manifest.
    static func message(_ manifest: Data) -> Data { context + manifest }

    /// The signature file's bytes for a manifest.
    static func sign(_ manifest: Data, with signer: Curve25519.Signing.PrivateKey) throws -> Data {
        Data((try signer.signature(for: message(manifest))).base64EncodedString().utf8) + Data("\n".utf8)
    }

    /// Whether the signature file's bytes are exactly `key`'s signature over the manifest's bytes, as `sign` writes it
    /// (base64, then one optional newline): any other byte, even one a lenient reader would skip, refuses it.
    static func verifies(_ signatureFile: Data, manifest: Data, key: Data) -> Bool {
        var text = String(decoding: signatureFile, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        guard let signature = Data(base64Encoded: text), signature.count == 64, signature.base64EncodedString() == text,
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { return false }
        return publicKey.isValidSignature(signature, for: message(manifest))
    }
}
