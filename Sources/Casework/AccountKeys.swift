import Crypto
import Foundation

/// The keys an account's role is granted, as sealed in its row: the data key (responders and
/// coordinators), the integrity key (everyone) and the coordinator key (coordinators only).
struct GrantedKeys: Sendable, Codable {
    /// The integrity generation the grant was made for; a grant of an older generation is stale.
    var generation: Int
    var data: Data?
    var integrity: Data
    var coordinator: Data?

    init(generation: Int, data: Data?, integrity: Data, coordinator: Data?) {
        self.generation = generation
        self.data = data
        self.integrity = integrity
        self.coordinator = coordinator
    }

    /// The keys a role holds out of the store's full set.
    init(for role: Role, generation: Int, data: SymmetricKey, integrity: SymmetricKey, coordinator: SymmetricKey) {
        self.generation = generation
        self.data = role.holdsDataKey ? data.withUnsafeBytes { Data($0) } : nil
        self.integrity = integrity.withUnsafeBytes { Data($0) }
        self.coordinator = role.holdsCoordinatorKey ? coordinator.withUnsafeBytes { Data($0) } : nil
    }
}

/// An account's key slot, LUKS-style with a key pair between the passphrase and the keys.
///
/// The passphrase (scrypt, its parameters per slot) opens the account's X25519 private key,
/// sealed with AES-GCM and bound to the account's id. The role's keys are sealed to the
/// account's public key (HPKE base mode, X25519/HKDF-SHA256/AES-256-GCM, `info` binding the
/// account id and role), so a coordinator can grant new keys to every remaining account when one
/// is removed, without knowing anyone's passphrase; and changing a role in the row outside
/// Waymark makes the grant fail to open.
struct AccountKeys: Sendable, Equatable {
    var salt: Data
    var parameters: ScryptParameters
    var publicKey: Data
    var privateKeySealed: Data

    static var suite: HPKE.Ciphersuite { HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_256) }

    static func slotContext(accountId: String) -> Data { Data("waymark key slot v1\n\(accountId)".utf8) }

    static func grantInfo(accountId: String, role: Role) -> Data { Data("waymark-grant-v1\n\(accountId)\n\(role.rawValue)".utf8) }

    /// A new key pair for an account, its private half sealed under `secret` (a passphrase or a recovery key).
    static func make(accountId: String, secret: String, parameters: ScryptParameters) throws -> AccountKeys {
        let pair = Curve25519.KeyAgreement.PrivateKey()
        return try seal(pair, accountId: accountId, secret: secret, parameters: parameters)
    }

    /// The private key sealed under `secret` with a fresh salt.
    static func seal(_ privateKey: Curve25519.KeyAgreement.PrivateKey, accountId: String, secret: String,
                     parameters: ScryptParameters) throws -> AccountKeys {
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let wrapping = try Keyring.derive(passphrase: secret, salt: salt, parameters: parameters)
        let sealed = try Sealing.seal(privateKey.rawRepresentation, key: wrapping, context: slotContext(accountId: accountId))
        return AccountKeys(salt: salt, parameters: parameters, publicKey: privateKey.publicKey.rawRepresentation, privateKeySealed: sealed)
    }

    /// The account's private key; a wrong passphrase fails authentication and opens nothing.
    func open(accountId: String, secret: String) throws(CaseworkError) -> Curve25519.KeyAgreement.PrivateKey {
        guard parameters.isPlausible else { throw .damaged("the key parameters of an account are not valid") }
        let raw: Data
        do {
            let wrapping = try Keyring.derive(passphrase: secret, salt: salt, parameters: parameters)
            raw = try Sealing.open(privateKeySealed, key: wrapping, context: Self.slotContext(accountId: accountId))
        } catch {
            throw .wrongPassphrase
        }
        guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw), key.publicKey.rawRepresentation == publicKey else {
            throw .damaged("an account's key does not match its public half")
        }
        return key
    }

    /// The role's keys sealed to an account's public key: the encapsulated key, then the ciphertext.
    static func grant(_ keys: GrantedKeys, to publicKey: Data, accountId: String, role: Role) throws -> Data {
        let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey)
        var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: grantInfo(accountId: accountId, role: role))
        let plaintext = try JSONEncoder().encode(keys)
        return sender.encapsulatedKey + (try sender.seal(plaintext))
    }

    /// Opens a grant with the account's private key; fails when the row's role or id was changed.
    static func openGrant(_ sealed: Data, privateKey: Curve25519.KeyAgreement.PrivateKey, accountId: String,
                          role: Role) throws(CaseworkError) -> GrantedKeys {
        do {
            guard sealed.count > 32 else { throw CaseworkError.damaged("short grant") }
            var recipient = try HPKE.Recipient(privateKey: privateKey, ciphersuite: suite, info: grantInfo(accountId: accountId, role: role),
                                               encapsulatedKey: Data(sealed.prefix(32)))
            return try JSONDecoder().decode(GrantedKeys.self, from: try recipient.open(Data(sealed.dropFirst(32))))
        } catch {
            throw .damaged("the keys granted to this account do not open: its role or id was changed outside Waymark")
        }
    }
}
