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

/// The store's keys once an account's passphrase has opened them.
///
/// The data key wraps each case's key; a supervisor's account has none. The integrity key MACs
/// every row the gate, the form and the report rely on, chains the hand-off and access logs and
/// signs their heads; it has generations (an account's removal rotates it), and log version
/// 2 + g is written under generation g. The version 1 log key (HKDF from the data key a store
/// was made with) still verifies the entries written before a store adopted its integrity key.
/// The coordinator key seals the organization's publisher and referral private keys; only a
/// coordinator's account holds it. Nothing here is ever written in the clear.
struct UnlockedKeys: Sendable {
    private let dataKeyBytes: Data?
    private let legacyLogKeyBytes: Data?
    /// The integrity key of each generation, oldest first; empty in a store made before it had one.
    private let integrityKeyBytes: [Data]
    /// Derived once per generation: the log key, and the current row key.
    private let logKeyBytes: [Data]
    private let rowKeyBytes: Data?
    private let coordinatorKeyBytes: Data?

    /// Keys for a store: `legacyLogKey` defaults to the one derived from `dataKey`.
    init(dataKey: SymmetricKey?, integrityKeys: [SymmetricKey] = [], legacyLogKey: SymmetricKey? = nil, coordinatorKey: SymmetricKey? = nil) {
        dataKeyBytes = dataKey?.withUnsafeBytes { Data($0) }
        legacyLogKeyBytes = legacyLogKey?.withUnsafeBytes { Data($0) } ?? dataKey.map { Self.derive(from: $0, info: "waymark hand-off log v1") }
        integrityKeyBytes = integrityKeys.map { key in key.withUnsafeBytes { Data($0) } }
        logKeyBytes = integrityKeys.map { Self.derive(from: $0, info: "waymark hand-off log v2") }
        rowKeyBytes = integrityKeys.last.map { Self.derive(from: $0, info: "waymark rows v1") }
        coordinatorKeyBytes = coordinatorKey?.withUnsafeBytes { Data($0) }
    }

    /// The data key; refused for an account whose role holds none (a supervisor).
    var dataKey: SymmetricKey {
        get throws(CaseworkError) {
            guard let dataKeyBytes else { throw .roleRequired(.workCases, has: .supervisor) }
            return SymmetricKey(data: dataKeyBytes)
        }
    }

    /// Whether these keys open identifying data.
    var hasDataKey: Bool { dataKeyBytes != nil }

    /// The coordinator key; refused (naming `action`) for an account that is not a coordinator's.
    func coordinatorKey(for action: WorkerAction, has role: Role) throws(CaseworkError) -> SymmetricKey {
        guard let coordinatorKeyBytes else { throw .roleRequired(action, has: role) }
        return SymmetricKey(data: coordinatorKeyBytes)
    }

    var hasCoordinatorKey: Bool { coordinatorKeyBytes != nil }

    /// What these keys grant an account of their own role (a slot wrapped again keeps exactly them).
    var granted: GrantedKeys? {
        guard let current = integrityKeyBytes.last else { return nil }
        return GrantedKeys(generation: integrityGeneration, data: dataKeyBytes, integrity: current, coordinator: coordinatorKeyBytes)
    }

    /// The current integrity key.
    var integrityKey: SymmetricKey? { integrityKeyBytes.last.map { SymmetricKey(data: $0) } }

    /// Every generation's integrity key, oldest first.
    var integrityKeys: [SymmetricKey] { integrityKeyBytes.map { SymmetricKey(data: $0) } }

    /// The generation of the current integrity key (0 for the first); -1 before the store has one.
    var integrityGeneration: Int { integrityKeyBytes.count - 1 }

    /// The version 1 log key, when these keys have it.
    var legacyLogKey: SymmetricKey? { legacyLogKeyBytes.map { SymmetricKey(data: $0) } }

    /// The same keys with an integrity key adopted as generation 0.
    func with(integrityKey: SymmetricKey) -> UnlockedKeys {
        UnlockedKeys(dataKey: dataKeyBytes.map { SymmetricKey(data: $0) }, integrityKeys: [integrityKey], legacyLogKey: legacyLogKey,
                     coordinatorKey: coordinatorKeyBytes.map { SymmetricKey(data: $0) })
    }

    /// Whether the store has adopted its integrity key.
    var hasIntegrityKey: Bool { !integrityKeyBytes.isEmpty }

    /// The log version new entries and the heads are written in: 2 + the integrity generation, else 1.
    var logVersion: Int { hasIntegrityKey ? 2 + integrityGeneration : 1 }

    /// The key of a log version: 1 derives from the store's first data key, 2 + g from generation g
    /// of the integrity key; nil for a version these keys cannot verify.
    func logKey(version: Int) -> SymmetricKey? {
        switch version {
        case 1: return legacyLogKeyBytes.map { SymmetricKey(data: $0) }
        case 2...: return logKeyBytes.indices.contains(version - 2) ? SymmetricKey(data: logKeyBytes[version - 2]) : nil
        default: return nil
        }
    }

    /// The key new log entries, the heads and the checkpoint are written under.
    var currentLogKey: SymmetricKey {
        logKey(version: logVersion) ?? SymmetricKey(data: legacyLogKeyBytes ?? Data(repeating: 0, count: 32))
    }

    /// The key that MACs rows (`RowIntegrity`); nil before the store adopted its integrity key.
    var rowKey: SymmetricKey? { rowKeyBytes.map { SymmetricKey(data: $0) } }

    static func derive(from key: SymmetricKey, info: String) -> Data {
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
