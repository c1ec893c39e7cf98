import Crypto
import Foundation

/// The home's publisher keys sealed under a passphrase of their own, to move them to a
/// replacement laptop (`waymark key export` / `key import`).
///
/// The file is JSON: `format` (`waymark-keys-v1`), the scrypt cost and salt, and `sealed` —
/// AES-GCM under the scrypt key, with `"waymark key export v1"` as associated data, of the keys
/// as JSON (each key's raw private half, when it was made and retired, its predecessor and the
/// predecessor's rotation signature). Without the passphrase the file opens nothing.
struct KeyExportFile: Codable {
    static let format = "waymark-keys-v1"
    static let associatedData = Data("waymark key export v1".utf8)

    var format: String
    var log2N: Int
    var blockSize: Int
    var parallelism: Int
    var salt: Data
    var sealed: Data

    enum CodingKeys: String, CodingKey {
        case format, salt, sealed, parallelism
        case log2N = "log2_n", blockSize = "block_size"
    }

    /// One key as the sealed part carries it.
    struct Entry: Codable {
        var privateKey: Data
        var createdAt: Date
        var retiredAt: Date?
        var previousPublicKey: Data?
        var rotationSignature: Data?

        enum CodingKeys: String, CodingKey {
            case privateKey = "private_key", createdAt = "created_at", retiredAt = "retired_at"
            case previousPublicKey = "previous_public_key", rotationSignature = "rotation_signature"
        }
    }

    /// The referral key as the sealed part carries it.
    struct ReferralEntry: Codable {
        var privateKey: Data
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case privateKey = "private_key", createdAt = "created_at"
        }
    }

    /// The sealed part: the publisher keys, oldest first, the referral key, and the last bundle number signed with them.
    struct Contents: Codable {
        var publisher: [Entry]
        var referral: ReferralEntry?
        var lastSequence: Int?

        enum CodingKeys: String, CodingKey {
            case publisher, referral
            case lastSequence = "last_sequence"
        }
    }

    /// The keys a file carries, opened.
    struct Keys {
        var publisher: [(PublisherKey, Curve25519.Signing.PrivateKey)]
        var referral: (ReferralKey, Curve25519.KeyAgreement.PrivateKey)?
        var lastSequence: Int? = nil
    }

    /// Seals `keys` under `passphrase`.
    static func seal(_ keys: Keys, passphrase: String, parameters: ScryptParameters) throws -> Data {
        let entries = keys.publisher.map { key, signer in
            Entry(privateKey: signer.rawRepresentation, createdAt: key.createdAt, retiredAt: key.retiredAt,
                  previousPublicKey: key.previousPublicKey, rotationSignature: key.rotationSignature)
        }
        let referral = keys.referral.map { ReferralEntry(privateKey: $0.1.rawRepresentation, createdAt: $0.0.createdAt) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let plaintext = try encoder.encode(Contents(publisher: entries, referral: referral, lastSequence: keys.lastSequence))
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let key = try Keyring.derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let file = KeyExportFile(format: format, log2N: parameters.log2N, blockSize: parameters.blockSize, parallelism: parameters.parallelism,
                                 salt: salt, sealed: try Sealing.seal(plaintext, key: key, context: associatedData))
        let out = JSONEncoder()
        out.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try out.encode(file)
    }

    /// Opens a key file with its passphrase; a wrong passphrase or a changed byte opens nothing.
    static func open(_ data: Data, passphrase: String) throws(CaseworkError) -> Keys {
        guard let file = try? JSONDecoder().decode(KeyExportFile.self, from: data), file.format == format else {
            throw .invalidInput("That is not a key file written by `waymark key export`. Nothing was imported.")
        }
        let parameters = ScryptParameters(log2N: file.log2N, blockSize: file.blockSize, parallelism: file.parallelism)
        guard parameters.isPlausible else { throw .invalidInput("The key file's scrypt cost is not valid. Nothing was imported.") }
        let plaintext: Data
        do {
            let key = try Keyring.derive(passphrase: passphrase, salt: file.salt, parameters: parameters)
            plaintext = try Sealing.open(file.sealed, key: key, context: associatedData)
        } catch {
            throw .invalidInput("The passphrase does not open this key file (or the file was changed). Nothing was imported.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let contents = try? decoder.decode(Contents.self, from: plaintext) else {
            throw .invalidInput("The key file's contents are not keys. Nothing was imported.")
        }
        var keys: [(PublisherKey, Curve25519.Signing.PrivateKey)] = []
        for entry in contents.publisher {
            guard let signer = try? Curve25519.Signing.PrivateKey(rawRepresentation: entry.privateKey) else {
                throw .invalidInput("The key file holds a key that is not an Ed25519 private key. Nothing was imported.")
            }
            keys.append((PublisherKey(publicKey: signer.publicKey.rawRepresentation, createdAt: entry.createdAt, retiredAt: entry.retiredAt,
                                      previousPublicKey: entry.previousPublicKey, rotationSignature: entry.rotationSignature), signer))
        }
        guard keys.contains(where: { $0.0.retiredAt == nil }) else {
            throw .invalidInput("The key file has no key in use. Nothing was imported.")
        }
        var referral: (ReferralKey, Curve25519.KeyAgreement.PrivateKey)?
        if let entry = contents.referral {
            guard let opener = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: entry.privateKey) else {
                throw .invalidInput("The key file's referral key is not an X25519 private key. Nothing was imported.")
            }
            referral = (ReferralKey(publicKey: opener.publicKey.rawRepresentation, createdAt: entry.createdAt), opener)
        }
        return Keys(publisher: keys, referral: referral, lastSequence: contents.lastSequence)
    }
}

extension CaseStore {
    /// The home's publisher and referral keys sealed under `passphrase` (which must meet `PassphraseRule`), as a key file's
    /// bytes, with the last bundle number signed with them (`lastSequence`, from the directory).
    public func exportPublisherKeys(passphrase: String, lastSequence: Int? = nil) throws -> Data {
        try PassphraseRule.check(passphrase)
        let keys = try exportablePublisherKeys()
        guard !keys.isEmpty else {
            throw CaseworkError.invalidInput("This home has no publisher key to export: make one with `waymark key generate`.")
        }
        let referral = try writer.read { db in
            try Self.referralKey(db).map { ($0, try referralPrivateKey(for: $0, db: db)) }
        }
        return try KeyExportFile.seal(.init(publisher: keys, referral: referral, lastSequence: lastSequence), passphrase: passphrase, parameters: options.newKeyParameters)
    }

    /// Imports the keys of a key file into this home, which must have none; returns the publisher key in use, the
    /// publisher it stands for (its first key's fingerprint) and the last bundle number signed with them.
    @discardableResult
    public func importPublisherKeys(from data: Data, passphrase: String) throws -> (key: PublisherKey, publisher: String, lastSequence: Int?) {
        let keys = try KeyExportFile.open(data, passphrase: passphrase)
        try importPublisherKeys(keys.publisher, referral: keys.referral)
        guard let current = try currentPublisherKey(), let first = try publisherKeys().first else {
            throw CaseworkError.damaged("the imported keys were not stored")
        }
        return (current, first.fingerprint, keys.lastSequence)
    }
}
