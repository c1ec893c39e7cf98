@testable import Casework
import Crypto
import Foundation
import Testing
import TestSupport

@Suite struct PublisherKeyTests {
    @Test func aKeyIsMadeOnceSealedAndReadableWithoutThePassphrase() throws {
        let fixture = try CaseworkFixture()
        let key = try fixture.store.generatePublisherKey()
        #expect(throws: CaseworkError.self) { try fixture.store.generatePublisherKey() }
        #expect(try CaseStore.publisherKeys(home: fixture.home) == [key])
        let (current, signer) = try fixture.store.publisherSigningKey()
        #expect(current == key)
        #expect(signer.publicKey.rawRepresentation == key.publicKey)
        // The private half is not in the file in the clear.
        let file = try Data(contentsOf: CaseStore.file(in: fixture.home))
        #expect(file.range(of: signer.rawRepresentation) == nil)
        #expect(try fixture.store.logEntries().contains { $0.kind == "key" && ($0.status ?? "").hasPrefix("generate:\(key.fingerprint),generate-referral:") })
        #expect(try fixture.store.referralKey() != nil)
    }

    @Test func aRotatedKeyCarriesTheOldKeysSignature() throws {
        let fixture = try CaseworkFixture()
        let old = try fixture.store.generatePublisherKey()
        let new = try fixture.store.rotatePublisherKey()
        #expect(new.previousPublicKey == old.publicKey)
        let signature = try #require(new.rotationSignature)
        #expect(PublisherKey.rotationVerifies(previous: old.publicKey, next: new.publicKey, signature: signature))
        #expect(!PublisherKey.rotationVerifies(previous: new.publicKey, next: new.publicKey, signature: signature))
        #expect(try fixture.store.currentPublisherKey() == new)
        #expect(try fixture.store.publisherKeys().first?.retiredAt != nil)
    }

    @Test func keysMoveToAnotherHomeOnlyWithTheFilesPassphrase() throws {
        let source = try CaseworkFixture()
        _ = try source.store.generatePublisherKey()
        let key = try source.store.rotatePublisherKey()
        let file = try source.store.exportPublisherKeys(passphrase: "a separate long passphrase")
        #expect(throws: CaseworkError.self) { try source.store.exportPublisherKeys(passphrase: "short") }
        let target = try CaseworkFixture()
        #expect(throws: CaseworkError.self) { try target.store.importPublisherKeys(from: file, passphrase: "the wrong passphrase") }
        #expect(try target.store.publisherKeys().isEmpty)
        var changed = file
        changed[changed.count / 2] ^= 1
        #expect(throws: CaseworkError.self) { try target.store.importPublisherKeys(from: changed, passphrase: "a separate long passphrase") }
        let imported = try target.store.importPublisherKeys(from: file, passphrase: "a separate long passphrase")
        #expect(imported.key.publicKey == key.publicKey)
        #expect(try target.store.publisherKeys().count == 2)
        #expect(try target.store.publisherSigningKey().signer.publicKey.rawRepresentation == key.publicKey)
        #expect(throws: CaseworkError.self) { try target.store.importPublisherKeys(from: file, passphrase: "a separate long passphrase") }
    }
}

extension PublisherKeyTests {
    @Test func aKeyRowPlantedWithoutThePassphraseIsNotThisHomesOwn() throws {
        let fixture = try CaseworkFixture()
        #expect(try fixture.store.ownPublisherKey() == nil)
        let planted = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        try fixture.sqlite("""
            INSERT INTO publisher_key(public_key, private_key_sealed, created_at)
            VALUES (X'\(planted.map { String(format: "%02x", $0) }.joined())', X'00', '2026-01-01 00:00:00.000')
            """)
        #expect(try fixture.store.ownPublisherKey() == nil)
        #expect(throws: CaseworkError.self) { try fixture.store.publisherSigningKey() }
    }
}

@Suite struct TrustListTests {
    let key = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation

    @Test func keysAreAddedRemovedAndLogged() throws {
        let fixture = try CaseworkFixture()
        let trusted = try fixture.store.trust(publicKey: key, name: "National coordinator")
        #expect(trusted.fingerprint == KeyFingerprint.of(key))
        #expect(trusted.root == trusted.fingerprint)
        #expect(throws: CaseworkError.self) { try fixture.store.trust(publicKey: key, name: "Again") }
        #expect(try fixture.store.trustedKey(fingerprint: trusted.fingerprint) != nil)
        try fixture.store.removeTrust(fingerprint: trusted.fingerprint.replacingOccurrences(of: " ", with: "").uppercased())
        #expect(try fixture.store.trustedKey(fingerprint: trusted.fingerprint) == nil)
        #expect(throws: CaseworkError.self) { try fixture.store.removeTrust(fingerprint: trusted.fingerprint) }
        let statuses = try fixture.store.logEntries().filter { $0.kind == "trust" }.compactMap(\.status)
        #expect(statuses == ["add:\(trusted.fingerprint)", "remove:\(trusted.fingerprint)"])
        #expect(try fixture.store.verifyLog().problem == nil)
    }

    @Test func aTrustRowChangedOutsideWaymarkIsRefused() throws {
        let fixture = try CaseworkFixture()
        try fixture.store.trust(publicKey: key, name: "National coordinator")
        try fixture.sqlite("UPDATE trusted_key SET name = 'Someone else'")
        #expect(throws: CaseworkError.self) { try fixture.store.trustList() }
        let other = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        try fixture.sqlite("""
            INSERT INTO trusted_key(fingerprint, public_key, name, root, added_at, added_by)
            VALUES ('\(KeyFingerprint.of(other))', X'\(other.map { String(format: "%02x", $0) }.joined())', 'Forged', 'x', '2026-01-01', 'nobody')
            """)
        #expect(throws: CaseworkError.self) { try fixture.store.trustList() }
    }

    @Test func theRequirementCannotBeDroppedOutsideWaymark() throws {
        let fixture = try CaseworkFixture()
        #expect(try fixture.store.trustRequired() == false)
        try fixture.store.setTrustRequired(true)
        #expect(try fixture.store.trustRequired())
        try fixture.sqlite("UPDATE trust_setting SET require = 0")
        #expect(throws: CaseworkError.self) { try fixture.store.trustRequired() }
        try fixture.sqlite("DELETE FROM trust_setting")
        #expect(throws: CaseworkError.self) { try fixture.store.trustRequired() }
        try fixture.store.setTrustRequired(false)
        #expect(try fixture.store.trustRequired() == false)
    }
}
