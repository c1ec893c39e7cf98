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

    /// Seals `keys` under `passphrase`.
    static func seal(_ keys: [(PublisherKey, Curve25519.Signing.PrivateKey)], passphrase: String, parameters: ScryptParameters) throws -> Data {
        let entries = keys.map { key, signer in
            Entry(privateKey: signer.rawRepresentation, createdAt: key.createdAt, retiredAt: key.retiredAt,
                  previousPublicKey: key.previousPublicKey, rotationSignature: key.rotationSignature)
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let plaintext = try encoder.encode(entries)
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let key = try Keyring.derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let file = KeyExportFile(format: format, log2N: parameters.log2N, blockSize: parameters.blockSize, parallelism: parameters.parallelism,
                                 salt: salt, sealed: try Sealing.seal(plaintext, key: key, context: associatedData))
        let out = JSONEncoder()
        out.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try out.encode(file)
    }

    /// Opens a key file with its passphrase; a wrong passphrase or a changed byte opens nothing.
    static func open(_ data: Data, passphrase: String) throws(CaseworkError) -> [(PublisherKey, Curve25519.Signing.PrivateKey)] {
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
        guard let entries = try? decoder.decode([Entry].self, from: plaintext) else {
            throw .invalidInput("The key file's contents are not keys. Nothing was imported.")
        }
        var keys: [(PublisherKey, Curve25519.Signing.PrivateKey)] = []
        for entry in entries {
            guard let signer = try? Curve25519.Signing.PrivateKey(rawRepresentation: entry.privateKey) else {
                throw .invalidInput("The key file holds a key that is not an Ed25519 private key. Nothing was imported.")
            }
            keys.append((PublisherKey(publicKey: signer.publicKey.rawRepresentation, createdAt: entry.createdAt, retiredAt: entry.retiredAt,
                                      previousPublicKey: entry.previousPublicKey, rotationSignature: entry.rotationSignature), signer))
        }
        guard keys.contains(where: { $0.0.retiredAt == nil }) else {
            throw .invalidInput("The key file has no key in use. Nothing was imported.")
        }
        return keys
    }
}

extension CaseStore {
    /// The home's publisher keys sealed under `passphrase` (which must meet `PassphraseRule`), as a key file's bytes.
    public func exportPublisherKeys(passphrase: String) throws -> Data {
        try PassphraseRule.check(passphrase)
        let keys = try exportablePublisherKeys()
        guard !keys.isEmpty else {
            throw CaseworkError.invalidInput("This home has no publisher key to export: make one with `waymark key generate`.")
        }
        return try KeyExportFile.seal(keys, passphrase: passphrase, parameters: options.newKeyParameters)
    }

    /// Imports the keys of a key file into this home, which must have none; returns the key in use.
    @discardableResult
    public func importPublisherKeys(from data: Data, passphrase: String) throws -> PublisherKey {
        let keys = try KeyExportFile.open(data, passphrase: passphrase)
        try importPublisherKeys(keys)
        guard let current = try currentPublisherKey() else { throw CaseworkError.damaged("the imported keys were not stored") }
        return current
    }
}
