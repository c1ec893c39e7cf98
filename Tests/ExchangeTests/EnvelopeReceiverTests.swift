import Casework
import Crypto
import Directory
@testable import Exchange
import Foundation
import Testing
import TestSupport
import WaymarkData

/// The receiving side's checks, in process: each refusal names the envelope field that failed and writes nothing.
@Suite struct EnvelopeReceiverTests {
    let senderKey = Curve25519.Signing.PrivateKey()
    static let sender = PackageFixture.id("org-sender")

    /// A receiving home (its own directory, with the sender's publisher key added by its coordinator), and its referral key.
    func receiver() throws -> (CaseworkFixture, DirectoryStore, Curve25519.KeyAgreement.PublicKey, String) {
        let fixture = try CaseworkFixture()
        _ = try fixture.store.editAccount(name: "Ion Rusu", organization: "Counselling centre", organizationId: "org-receiver")
        try fixture.store.generatePublisherKey()
        let directory = try DirectoryStore.inMemory()
        _ = try directory.importPackage(at: try WaymarkData.samplePackage())
        let organization = try DirectoryEditor(store: directory, author: ChangeAuthor(name: "Coordinator")).addOrganization(name: "Linia Verde", description: nil)
        try DirectoryEditor(store: directory, author: ChangeAuthor(name: "Coordinator"))
            .addOrganizationKey(organization, kind: .publisher, base64: senderKey.publicKey.rawRepresentation.base64EncodedString())
        let key = try #require(try fixture.store.referralKey())
        return (fixture, directory, try Curve25519.KeyAgreement.PublicKey(rawRepresentation: key.publicKey), organization)
    }

    func body(from organization: String, to recipient: Envelope.Party) -> EnvelopeBody {
        EnvelopeBody(kind: .feedback, referralID: "R-7K3QM9TX", sender: .init(organizationID: organization, name: "Linia Verde",
                                                                              fingerprint: KeyFingerprint.of(senderKey.publicKey.rawRepresentation)),
                     recipient: recipient, sentAt: "2026-12-07T08:00:00Z", status: "acknowledged", answeredAt: "2026-12-07T08:00:00Z")
    }

    @Test func aBodySignedForAnotherRecipientIsRefused() throws {
        let (fixture, directory, key, organization) = try receiver()
        let me = Envelope.Party(organizationID: "org-receiver", fingerprint: KeyFingerprint.of(key.rawRepresentation))
        let other = Envelope.Party(organizationID: "org-other", fingerprint: me.fingerprint)
        let envelope = try Envelope.seal(body: try body(from: organization, to: other).encoded(), to: me, key: key.rawRepresentation, signer: senderKey)
        #expect(throws: EnvelopeError.notForThisHome(field: "body.recipient", "org-other (\(me.fingerprint))")) {
            try EnvelopeReceiver.run(envelope.fileBytes, cases: fixture.store, directory: directory)
        }
    }

    @Test func anEnvelopeForAnotherOrganizationOrKeyIsRefused() throws {
        let (fixture, directory, key, organization) = try receiver()
        let elsewhere = Envelope.Party(organizationID: "org-elsewhere", fingerprint: KeyFingerprint.of(key.rawRepresentation))
        let envelope = try Envelope.seal(body: try body(from: organization, to: elsewhere).encoded(), to: elsewhere, key: key.rawRepresentation, signer: senderKey)
        #expect(throws: EnvelopeError.notForThisHome(field: "recipient.organization_id", "org-elsewhere")) {
            try EnvelopeReceiver.run(envelope.fileBytes, cases: fixture.store, directory: directory)
        }
        let otherKey = Curve25519.KeyAgreement.PrivateKey().publicKey
        let mine = Envelope.Party(organizationID: "org-receiver", fingerprint: KeyFingerprint.of(otherKey.rawRepresentation))
        let sealedElsewhere = try Envelope.seal(body: try body(from: organization, to: mine).encoded(), to: mine, key: otherKey.rawRepresentation,
                                                signer: senderKey)
        #expect(throws: EnvelopeError.self) { try EnvelopeReceiver.run(sealedElsewhere.fileBytes, cases: fixture.store, directory: directory) }
    }

    @Test func anUnknownSenderAndABadSignatureAreRefused() throws {
        let (fixture, directory, key, organization) = try receiver()
        let me = Envelope.Party(organizationID: "org-receiver", fingerprint: KeyFingerprint.of(key.rawRepresentation))
        let unknown = try Envelope.seal(body: try body(from: "org-nobody", to: me).encoded(), to: me, key: key.rawRepresentation, signer: senderKey)
        #expect(throws: EnvelopeError.untrustedSender(organization: "org-nobody")) {
            try EnvelopeReceiver.run(unknown.fileBytes, cases: fixture.store, directory: directory)
        }
        let forged = try Envelope.seal(body: try body(from: organization, to: me).encoded(), to: me, key: key.rawRepresentation,
                                       signer: Curve25519.Signing.PrivateKey())
        #expect(throws: EnvelopeError.signatureDoesNotVerify(organization: organization)) {
            try EnvelopeReceiver.run(forged.fileBytes, cases: fixture.store, directory: directory)
        }
        #expect(try fixture.store.logEntries().allSatisfy { $0.kind == "key" })
    }
}
