import Crypto
import Foundation
import GRDB

/// The home's referral key: made beside the publisher key, used to open envelopes sealed to it.
extension CaseStore {
    /// The home's referral key, read without the passphrase; nil when it has none.
    public static func referralKey(home: URL) throws -> ReferralKey? {
        let url = file(in: home)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let queue = try DatabaseQueue(path: url.path, configuration: readOnlyConfiguration())
        return try queue.read { db in
            guard try db.tableExists("referral_key") else { return nil }
            return try referralKey(db)
        }
    }

    /// The home's referral key; nil before `generateReferralKey`.
    public func referralKey() throws -> ReferralKey? { try writer.read { db in try Self.referralKey(db) } }

    static func referralKey(_ db: Database) throws -> ReferralKey? {
        try Row.fetchOne(db, sql: "SELECT public_key, created_at FROM referral_key ORDER BY id DESC LIMIT 1").map {
            ReferralKey(publicKey: $0["public_key"], createdAt: $0["created_at"])
        }
    }

    /// The private half of the referral key, to open an envelope; refuses when the home has none.
    public func referralOpeningKey() throws -> Curve25519.KeyAgreement.PrivateKey {
        try writer.read { db in
            guard let key = try Self.referralKey(db) else {
                throw CaseworkError.invalidInput("This home has no referral key, so no envelope can be sealed to it: make one with "
                    + "`waymark key generate`, and send `waymark key show --json` to your coordinator.")
            }
            return try referralPrivateKey(for: key, db: db)
        }
    }

    func referralPrivateKey(for key: ReferralKey, db: Database) throws -> Curve25519.KeyAgreement.PrivateKey {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT private_key_sealed FROM referral_key WHERE public_key = ?", arguments: [key.publicKey]),
              let raw = try? Sealing.open(sealed, key: try keys.coordinatorKey(for: .sendEnvelope, has: account.role), context: ReferralKey.sealingContext(key.publicKey)),
              let opener = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw),
              opener.publicKey.rawRepresentation == key.publicKey else {
            throw CaseworkError.damaged("the referral key \(key.fingerprint) does not open with this home's data key")
        }
        return opener
    }

    func insertReferralKey(_ opener: Curve25519.KeyAgreement.PrivateKey, at date: Date, db: Database) throws -> ReferralKey {
        let publicKey = opener.publicKey.rawRepresentation
        try db.execute(sql: "INSERT INTO referral_key(public_key, private_key_sealed, created_at) VALUES (?, ?, ?)",
                       arguments: [publicKey, try Sealing.seal(opener.rawRepresentation, key: try keys.coordinatorKey(for: .sendEnvelope, has: account.role),
                                                               context: ReferralKey.sealingContext(publicKey)), date])
        return ReferralKey(publicKey: publicKey, createdAt: date)
    }
}
