import Casework
import Crypto
@testable import Exchange
import Foundation
import Testing
import TestSupport

@Suite struct EnvelopeTests {
    let signer = Curve25519.Signing.PrivateKey()
    let receiver = Curve25519.KeyAgreement.PrivateKey()
    let body = Data(#"{"kind":"referral","referral_id":"R-7K3QM9TX","form_json":"{\"prs_FirstName\":\"Maria\"}"}"#.utf8)

    var recipient: Envelope.Party {
        Envelope.Party(organizationID: "org-b", fingerprint: KeyFingerprint.of(receiver.publicKey.rawRepresentation))
    }

    func sealed() throws -> Envelope {
        try Envelope.seal(body: body, to: recipient, key: receiver.publicKey.rawRepresentation, signer: signer)
    }

    @Test func aSealedEnvelopeOpensForItsRecipientAndVerifies() throws {
        let envelope = try Envelope.parse(try sealed().fileBytes)
        #expect(envelope.header.recipient == recipient)
        let (signature, opened) = try envelope.open(with: receiver)
        #expect(opened == body)
        #expect(envelope.signatureVerifies(signature, body: opened, publicKey: signer.publicKey.rawRepresentation))
        #expect(!envelope.signatureVerifies(signature, body: opened, publicKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation))
    }

    @Test func theFileShowsNothingOfTheBody() throws {
        let bytes = try sealed().fileBytes
        #expect(bytes.range(of: Data("Maria".utf8)) == nil)
        #expect(bytes.range(of: Data("R-7K3QM9TX".utf8)) == nil)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("waymark-envelope-v1\n{"))
    }

    @Test func anotherKeyDoesNotOpenIt() throws {
        let envelope = try sealed()
        #expect(throws: EnvelopeError.self) { try envelope.open(with: Curve25519.KeyAgreement.PrivateKey()) }
        // The same fingerprint claimed, another private key: HPKE refuses.
        var claimed = envelope
        let other = Curve25519.KeyAgreement.PrivateKey()
        claimed.header.recipient.fingerprint = KeyFingerprint.of(other.publicKey.rawRepresentation)
        #expect(throws: EnvelopeError.doesNotOpen) { try claimed.open(with: other) }
    }

    @Test(arguments: 0..<4) func everyChangedByteIsRefused(round: Int) throws {
        // Fresh keys each round: a changed padding bit of the base64 is found whatever the last character is.
        let bytes = try sealed().fileBytes
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            do {
                let envelope = try Envelope.parse(changed)
                let (signature, opened) = try envelope.open(with: receiver)
                #expect(!envelope.signatureVerifies(signature, body: opened, publicKey: signer.publicKey.rawRepresentation) || opened != body,
                        "byte \(index) changed and the envelope still opened and verified")
                Issue.record("byte \(index) changed and the envelope still opened")
            } catch {
                // Refused, as it must be.
            }
        }
    }

    @Test func aReSealedEnvelopeForAnotherRecipientFailsItsSignature() throws {
        let envelope = try sealed()
        let (signature, opened) = try envelope.open(with: receiver)
        // The first recipient re-seals the signed body to a third organization, under a new header.
        let third = Curve25519.KeyAgreement.PrivateKey()
        let party = Envelope.Party(organizationID: "org-c", fingerprint: KeyFingerprint.of(third.publicKey.rawRepresentation))
        let resealed = try Envelope.seal(body: opened, to: party, key: third.publicKey.rawRepresentation, signer: Curve25519.Signing.PrivateKey())
        let (_, body) = try resealed.open(with: third)
        #expect(!resealed.signatureVerifies(signature, body: body, publicKey: signer.publicKey.rawRepresentation))
    }
}

@Suite struct EnvelopeFileTests {
    func sealed() throws -> Envelope {
        let receiver = Curve25519.KeyAgreement.PrivateKey()
        let party = Envelope.Party(organizationID: "org-b", fingerprint: KeyFingerprint.of(receiver.publicKey.rawRepresentation))
        return try Envelope.seal(body: Data("{}".utf8), to: party, key: receiver.publicKey.rawRepresentation, signer: Curve25519.Signing.PrivateKey())
    }

    @Test func anEnvelopeIsWrittenOnceOwnerOnlyAndNeverOverAnotherFile() throws {
        let folder = TemporaryHome()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let path = folder.url.appendingPathComponent("R-1.envelope").path
        let envelope = try sealed()
        let url = try Envelope.destination(path)
        try envelope.write(to: url)
        #expect(FileManager.default.contents(atPath: path) == envelope.fileBytes)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(throws: EnvelopeError.fileExists(path: path)) { try Envelope.destination(path) }
        #expect(throws: EnvelopeError.fileExists(path: path)) { try sealed().write(to: url) }
        #expect(FileManager.default.contents(atPath: path) == envelope.fileBytes, "the first file is kept")
        #expect(throws: EnvelopeError.noFile) { try Envelope.destination("  ") }
        let missing = folder.url.appendingPathComponent("no-such-folder/R-1.envelope")
        #expect(throws: EnvelopeError.cannotWrite(path: missing.path)) { try envelope.write(to: missing) }
    }
}
