import Crypto
import Foundation
import GRDB
import _CryptoExtras

/// The cost of deriving the passphrase key with scrypt, stored beside the wrapped data key.
public struct ScryptParameters: Sendable, Equatable, Codable {
    /// log2 of scrypt's N (its rounds).
    public var log2N: Int
    /// The block size r.
    public var blockSize: Int
    /// The parallelism p.
    public var parallelism: Int

    public init(log2N: Int, blockSize: Int, parallelism: Int) {
        self.log2N = log2N
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// The default for a new store: N = 2^16, r = 8, p = 1 (64 MiB, a fraction of a second).
    public static let standard = ScryptParameters(log2N: 16, blockSize: 8, parallelism: 1)
    /// Cheap parameters for tests only: they protect nothing.
    public static let cheapForTests = ScryptParameters(log2N: 4, blockSize: 8, parallelism: 1)
    /// The least a release build accepts: a store below it is wrapped again at it when unlocked.
    public static let minimum = standard

    /// Whether any of the three costs is below `floor`'s.
    public func isBelow(_ floor: ScryptParameters) -> Bool {
        log2N < floor.log2N || blockSize < floor.blockSize || parallelism < floor.parallelism
    }

    /// Each cost raised to at least `floor`'s.
    public func raised(to floor: ScryptParameters) -> ScryptParameters {
        ScryptParameters(log2N: max(log2N, floor.log2N), blockSize: max(blockSize, floor.blockSize), parallelism: max(parallelism, floor.parallelism))
    }

    /// "N=2^16, r=8, p=1".
    public var summary: String { "N=2^\(log2N), r=\(blockSize), p=\(parallelism)" }

    /// Whether the values are ones scrypt accepts and this machine can afford.
    var isPlausible: Bool { (1...22).contains(log2N) && (1...32).contains(blockSize) && (1...16).contains(parallelism) }
}

/// The store's keys once the passphrase has opened them.
///
/// The data key wraps each case's key. The integrity key (random, wrapped under the data key
/// beside it) MACs every row the gate, the form and the report rely on, and — from log version
/// 2 on — chains the hand-off log and signs its head. The version 1 log key (HKDF from the data
/// key) still verifies the entries written before a store adopted its integrity key. Nothing
/// here is ever written in the clear.
struct UnlockedKeys: Sendable {
    private let dataKeyBytes: Data
    private let logKeyBytes: Data
    private let integrityKeyBytes: Data?
    /// Derived once: log version 2's key and the row key, both from the integrity key.
    private let logKeyV2Bytes: Data?
    private let rowKeyBytes: Data?

    init(dataKey: SymmetricKey, integrityKey: SymmetricKey? = nil) {
        dataKeyBytes = dataKey.withUnsafeBytes { Data($0) }
        logKeyBytes = Self.derive(from: dataKey, info: "waymark hand-off log v1")
        integrityKeyBytes = integrityKey?.withUnsafeBytes { Data($0) }
        logKeyV2Bytes = integrityKey.map { Self.derive(from: $0, info: "waymark hand-off log v2") }
        rowKeyBytes = integrityKey.map { Self.derive(from: $0, info: "waymark rows v1") }
    }

    var dataKey: SymmetricKey { SymmetricKey(data: dataKeyBytes) }

    var integrityKey: SymmetricKey? { integrityKeyBytes.map { SymmetricKey(data: $0) } }

    /// The same keys with an integrity key.
    func with(integrityKey: SymmetricKey) -> UnlockedKeys { UnlockedKeys(dataKey: dataKey, integrityKey: integrityKey) }

    /// Whether the store has adopted its integrity key.
    var hasIntegrityKey: Bool { integrityKeyBytes != nil }

    /// The log version new entries and the head are written in: 2 under the integrity key, else 1.
    var logVersion: Int { hasIntegrityKey ? 2 : 1 }

    /// The key of a log version: 1 derives from the data key, 2 from the integrity key; nil for
    /// a version this store cannot have written.
    func logKey(version: Int) -> SymmetricKey? {
        switch version {
        case 1: return SymmetricKey(data: logKeyBytes)
        case 2: return logKeyV2Bytes.map { SymmetricKey(data: $0) }
        default: return nil
        }
    }

    /// The key new log entries, the head and the checkpoint are written under.
    var currentLogKey: SymmetricKey { logKey(version: logVersion) ?? SymmetricKey(data: logKeyBytes) }

    /// The key that MACs rows (`RowIntegrity`); nil before the store adopted its integrity key.
    var rowKey: SymmetricKey? { rowKeyBytes.map { SymmetricKey(data: $0) } }

    private static func derive(from key: SymmetricKey, info: String) -> Data {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(info.utf8), outputByteCount: 32).withUnsafeBytes { Data($0) }
    }
}

/// The integrity key as stored: sealed under the data key, in `keyring.wrapped_integrity_key`.
enum IntegrityKey {
    static let associatedData = Data("waymark integrity key v1".utf8)

    static func wrap(_ key: SymmetricKey, dataKey: SymmetricKey) throws -> Data {
        try Sealing.seal(key.withUnsafeBytes { Data($0) }, key: dataKey, context: associatedData)
    }

    static func unwrap(_ wrapped: Data, dataKey: SymmetricKey) throws(CaseworkError) -> SymmetricKey {
        do {
            return SymmetricKey(data: try Sealing.open(wrapped, key: dataKey, context: associatedData))
        } catch {
            throw .damaged("the integrity key stored in cases.sqlite does not open")
        }
    }
}

/// The wrapped data key and how to unwrap it: one row of `keyring`.
struct Keyring: Sendable, Equatable {
    var salt: Data
    var parameters: ScryptParameters
    /// The data key sealed (AES-GCM) under the passphrase key.
    var wrappedDataKey: Data
    /// The integrity key sealed under the data key; nil in a store made before it had one.
    var wrappedIntegrityKey: Data? = nil

    static let associatedData = Data("waymark data key v1".utf8)

    /// A new keyring with a fresh random data key, wrapped under `passphrase`.
    static func create(passphrase: String, parameters: ScryptParameters) throws -> (Keyring, UnlockedKeys) {
        let dataKey = SymmetricKey(size: .bits256)
        return (try wrap(dataKey, passphrase: passphrase, parameters: parameters), UnlockedKeys(dataKey: dataKey))
    }

    /// The data key wrapped under `passphrase`, with a fresh salt.
    static func wrap(_ dataKey: SymmetricKey, passphrase: String, parameters: ScryptParameters) throws -> Keyring {
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let wrapping = try derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let wrapped = try Sealing.seal(dataKey.withUnsafeBytes { Data($0) }, key: wrapping, context: associatedData)
        return Keyring(salt: salt, parameters: parameters, wrappedDataKey: wrapped)
    }

    /// Replaces the stored keyring row (salt, cost and wrapped key) in the caller's transaction.
    func replace(in db: Database) throws {
        try db.execute(sql: "UPDATE keyring SET salt = ?, log2_n = ?, block_size = ?, parallelism = ?, wrapped_data_key = ? WHERE id = 1",
                       arguments: [salt, parameters.log2N, parameters.blockSize, parameters.parallelism, wrappedDataKey])
        guard db.changesCount == 1 else { throw CaseworkError.damaged("the keyring row is missing") }
    }

    /// Unwraps the data key; a wrong passphrase fails authentication and opens nothing.
    func unlock(passphrase: String) throws(CaseworkError) -> UnlockedKeys {
        guard parameters.isPlausible else { throw .damaged("the key parameters stored in cases.sqlite are not valid") }
        do {
            let wrapping = try Self.derive(passphrase: passphrase, salt: salt, parameters: parameters)
            let raw = try Sealing.open(wrappedDataKey, key: wrapping, context: Self.associatedData)
            return UnlockedKeys(dataKey: SymmetricKey(data: raw))
        } catch {
            throw .wrongPassphrase
        }
    }

    /// `unlock` as a result, for a caller that counts failures.
    func attempt(passphrase: String) -> Result<UnlockedKeys, CaseworkError> {
        do {
            return .success(try unlock(passphrase: passphrase))
        } catch {
            return .failure(error)
        }
    }

    static func derive(passphrase: String, salt: Data, parameters: ScryptParameters) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << parameters.log2N,
                                 blockSize: parameters.blockSize, parallelism: parameters.parallelism)
    }
}

/// AES-GCM sealing with a context bound in as associated data, so a sealed value cannot be
/// moved to another case or field.
enum Sealing {
    static func seal(_ plaintext: Data, key: SymmetricKey, context: Data) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context)
        guard let combined = box.combined else { throw CaseworkError.damaged("could not seal a value") }
        return combined
    }

    static func open(_ sealed: Data, key: SymmetricKey, context: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: context)
    }
}
