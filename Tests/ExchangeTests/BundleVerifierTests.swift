import Casework
import Crypto
import Directory
@testable import Exchange
import Foundation
import Testing
import TestSupport

/// A small signed bundle written by hand (the package, a manifest, a signature), so the
/// verifier is tested apart from the directory's export.
struct SignedFixture {
    let folder: URL
    let signer: Curve25519.Signing.PrivateKey

    /// Three small files: enough to change every byte of each in a test.
    static let tiny: [String: Data] = [
        "datapackage.json": Data(#"{"name": "tiny", "resources": []}"#.utf8),
        "organizations.csv": Data("id,name\n1,Casa Speranta\n".utf8),
        "services.csv": Data("id,organization_id,name\n2,1,Shelter for women\n".utf8),
    ]

    /// A bundle of `files`, or of the small sample package when nil.
    init(signer: Curve25519.Signing.PrivateKey = Curve25519.Signing.PrivateKey(), sequence: Int = 1,
         rotation: BundleManifest.Rotation? = nil, files given: [String: Data]? = nil) throws {
        self.signer = signer
        if let given {
            folder = TemporaryHome.url("waymark-bundle")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in given { try data.write(to: folder.appendingPathComponent(name)) }
        } else {
            folder = try PackageFixture.small().write()
        }
        var files: [BundleManifest.Entry] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let digest = try FileDigest.of(folder.appendingPathComponent(name))
            files.append(.init(path: name, size: digest.size, sha256: digest.sha256))
        }
        let key = signer.publicKey.rawRepresentation
        let manifest = BundleManifest(bundleID: "b-\(sequence)", baseBundleID: nil, sequence: sequence,
                                      publisher: .init(organizationID: nil, name: "Test coordinator", publicKey: key.base64EncodedString(),
                                                       fingerprint: KeyFingerprint.of(key)),
                                      rotation: rotation, createdAt: "2026-12-07T08:00:00Z", files: files, unchanged: [:])
        let bytes = try manifest.encoded()
        try bytes.write(to: folder.appendingPathComponent(BundleManifest.fileName))
        try BundleSignature.sign(bytes, with: signer).write(to: folder.appendingPathComponent(BundleSignature.fileName))
    }

    /// Every file of the bundle, the manifest and signature included.
    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct BundleVerifierTests {
    @Test func aWholeBundleVerifiesAndNamesItsSigner() throws {
        let fixture = try SignedFixture()
        defer { fixture.remove() }
        let bundle = try BundleVerifier.verify(fixture.folder)
        #expect(bundle.signingKey == fixture.signer.publicKey.rawRepresentation)
        #expect(bundle.fingerprint == KeyFingerprint.of(fixture.signer.publicKey.rawRepresentation))
        #expect(bundle.manifest.files.count == fixture.files.count - 2)
    }

    /// Changing any one byte of any file, the manifest or the signature refuses the bundle naming that file.
    @Test func everyChangedByteIsRefusedNamingItsFile() throws {
        let fixture = try SignedFixture(files: SignedFixture.tiny)
        defer { fixture.remove() }
        var checked = 0
        for name in fixture.files {
            let url = fixture.folder.appendingPathComponent(name)
            let original = try Data(contentsOf: url)
            for index in original.indices {
                var changed = original
                changed[index] ^= 0x20
                try changed.write(to: url)
                do {
                    _ = try BundleVerifier.verify(fixture.folder)
                    Issue.record("a change at byte \(index) of \(name) was not noticed")
                } catch {
                    #expect(error.description.contains(name), "byte \(index) of \(name): \(error.description)")
                }
                checked += 1
            }
            try original.write(to: url)
        }
        #expect(checked > 600)
        _ = try BundleVerifier.verify(fixture.folder)
    }

    @Test func anUnlistedFileIsRefused() throws {
        let fixture = try SignedFixture()
        defer { fixture.remove() }
        try Data("x".utf8).write(to: fixture.folder.appendingPathComponent("extra.csv"))
        #expect(throws: BundleError.fileUnlisted("extra.csv")) { try BundleVerifier.verify(fixture.folder) }
    }

    @Test func aMissingFileIsRefused() throws {
        let fixture = try SignedFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.folder.appendingPathComponent("services.csv"))
        #expect(throws: BundleError.fileMissing("services.csv")) { try BundleVerifier.verify(fixture.folder) }
    }

    @Test func aSymbolicLinkInPlaceOfAFileIsRefused() throws {
        let fixture = try SignedFixture()
        defer { fixture.remove() }
        let url = fixture.folder.appendingPathComponent("services.csv")
        let copy = fixture.folder.deletingLastPathComponent().appendingPathComponent("services-\(UUID().uuidString).csv")
        try FileManager.default.moveItem(at: url, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: copy)
        #expect(throws: BundleError.unsafeEntry("services.csv")) { try BundleVerifier.verify(fixture.folder) }
    }

    @Test func aPlainPackageIsNotABundle() throws {
        let folder = try PackageFixture.small().write()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!BundleVerifier.isBundle(folder))
        #expect(throws: BundleError.notABundle(folder.path)) { try BundleVerifier.verify(folder) }
    }

    @Test func trustFollowsTheListAndARotationFromATrustedKey() throws {
        let old = Curve25519.Signing.PrivateKey()
        let new = Curve25519.Signing.PrivateKey()
        let statement = PublisherKey.rotationStatement(new.publicKey.rawRepresentation)
        let rotation = BundleManifest.Rotation(previousPublicKey: old.publicKey.rawRepresentation.base64EncodedString(),
                                               signature: try old.signature(for: statement).base64EncodedString())
        let fixture = try SignedFixture(signer: new, rotation: rotation)
        defer { fixture.remove() }
        let bundle = try BundleVerifier.verify(fixture.folder)
        let oldFingerprint = KeyFingerprint.of(old.publicKey.rawRepresentation)
        let trustedOld = TrustedKey(fingerprint: oldFingerprint, publicKey: old.publicKey.rawRepresentation, name: "North", root: oldFingerprint,
                                    addedAt: TestTime.epoch, addedBy: "Ana")
        #expect(BundleTrust.decide(bundle, list: []) == .unknown)
        #expect(BundleTrust.decide(bundle, list: [trustedOld]) == .rotatedFrom(trustedOld))
        #expect(BundleTrust.decide(bundle, list: [trustedOld]).publisher == oldFingerprint)
        var removed = trustedOld
        removed.removedAt = TestTime.epoch
        #expect(BundleTrust.decide(bundle, list: [removed]) == .unknown)
    }

    @Test func aRotationNotSignedByThePreviousKeyIsRefused() throws {
        let old = Curve25519.Signing.PrivateKey()
        let new = Curve25519.Signing.PrivateKey()
        let forged = BundleManifest.Rotation(previousPublicKey: old.publicKey.rawRepresentation.base64EncodedString(),
                                             signature: try new.signature(for: PublisherKey.rotationStatement(new.publicKey.rawRepresentation))
                                                .base64EncodedString())
        let fixture = try SignedFixture(signer: new, rotation: forged)
        defer { fixture.remove() }
        #expect(throws: BundleError.self) { try BundleVerifier.verify(fixture.folder) }
    }

    @Test func fingerprintsAreSixteenBytesInGroupsOfFour() {
        let key = Data(repeating: 7, count: 32)
        let fingerprint = KeyFingerprint.of(key)
        let expected = Array(SHA256.hash(data: key)).prefix(16).map { String(format: "%02x", $0) }.joined()
        #expect(fingerprint.replacingOccurrences(of: " ", with: "") == expected)
        #expect(fingerprint.split(separator: " ").count == 8)
        #expect(fingerprint.split(separator: " ").allSatisfy { $0.count == 4 })
        #expect(KeyFingerprint.normalized(expected.uppercased()) == fingerprint)
        #expect(KeyFingerprint.normalized("xyz") == nil)
    }
}
