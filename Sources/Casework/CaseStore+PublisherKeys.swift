import Crypto
import Foundation
import GRDB

/// The home's publisher keys: made, rotated, used to sign, and moved to a replacement laptop.
extension CaseStore {
    /// The home's publisher keys, oldest first, read without the passphrase (the public halves are not secret);
    /// empty when the home has no case store or no key.
    public static func publisherKeys(home: URL) throws -> [PublisherKey] {
        let url = file(in: home)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let queue = try DatabaseQueue(path: url.path, configuration: readOnlyConfiguration())
        return try queue.read { db in
            guard try db.tableExists("publisher_key") else { return [] }
            return try publisherKeys(db)
        }
    }

    /// The home's publisher keys, oldest first.
    public func publisherKeys() throws -> [PublisherKey] { try writer.read { db in try Self.publisherKeys(db) } }

    /// The key in use; nil before `generatePublisherKey`.
    public func currentPublisherKey() throws -> PublisherKey? { try publisherKeys().last { $0.retiredAt == nil } }

    static func publisherKeys(_ db: Database) throws -> [PublisherKey] {
        try Row.fetchAll(db, sql: "SELECT * FROM publisher_key ORDER BY id").map { row in
            PublisherKey(publicKey: row["public_key"], createdAt: row["created_at"], retiredAt: row["retired_at"],
                         previousPublicKey: row["previous_public_key"], rotationSignature: row["rotation_signature"])
        }
    }

    /// Makes the home's publisher key (Ed25519) and referral key (X25519), their private halves sealed under the
    /// data key; logged as `key`. A home with a publisher key but no referral key (made before there was one) gets
    /// its referral key only; a home with both is refused: `waymark key rotate` replaces the publisher key.
    @discardableResult
    public func generatePublisherKey() throws -> PublisherKey {
        let who = try authorize(.keys)
        let now = self.now
        return try logged { db -> (PublisherKey, LogHead?) in
            let existing = try Self.publisherKeys(db).last { $0.retiredAt == nil }
            if existing != nil, try Self.referralKey(db) != nil {
                throw CaseworkError.invalidInput("This home already has its publisher and referral keys (`waymark key show`). "
                    + "To replace the publisher key, use `waymark key rotate`: sites that trust the old key then accept the new one.")
            }
            let key = try existing ?? insertPublisherKey(Curve25519.Signing.PrivateKey(), previous: nil, at: now, db: db)
            var statuses = existing == nil ? ["generate:\(key.fingerprint)"] : []
            if try Self.referralKey(db) == nil {
                let referral = try insertReferralKey(Curve25519.KeyAgreement.PrivateKey(), at: now, db: db)
                statuses.append("generate-referral:\(referral.fingerprint)")
            }
            var entry = LogEntry(kind: "key", at: now, caseCode: "-", operator: who)
            entry.status = statuses.joined(separator: ",")
            return (key, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Replaces the key in use by a new one, which carries the old key's signature over it; logged as `key`.
    @discardableResult
    public func rotatePublisherKey() throws -> PublisherKey {
        let who = try authorize(.keys)
        let now = self.now
        return try logged { db -> (PublisherKey, LogHead?) in
            guard let current = try Self.publisherKeys(db).last(where: { $0.retiredAt == nil }) else {
                throw CaseworkError.invalidInput("This home has no publisher key to rotate: make one with `waymark key generate`.")
            }
            let old = try signingKey(for: current, db: db)
            try db.execute(sql: "UPDATE publisher_key SET retired_at = ? WHERE public_key = ?", arguments: [now, current.publicKey])
            let key = try insertPublisherKey(Curve25519.Signing.PrivateKey(), previous: old, at: now, db: db)
            var entry = LogEntry(kind: "key", at: now, caseCode: "-", operator: who)
            entry.status = "rotate:\(current.fingerprint)>\(key.fingerprint)"
            return (key, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// The private half of the key in use, to sign a bundle; refuses when the home has none.
    public func publisherSigningKey() throws -> (key: PublisherKey, signer: Curve25519.Signing.PrivateKey) {
        try writer.read { db in
            guard let current = try Self.publisherKeys(db).last(where: { $0.retiredAt == nil }) else {
                throw CaseworkError.invalidInput("This home has no publisher key: make one with `waymark key generate` "
                    + "(a coordinator's home, once), then send `waymark key show --json` to the sites.")
            }
            return (current, try signingKey(for: current, db: db))
        }
    }

    /// The key in use, only when its private half opens under this home's data key and matches it: a key row planted
    /// in the file without the passphrase opens nothing, so it is never taken for this home's own.
    public func ownPublisherKey() throws -> PublisherKey? {
        try writer.read { db in
            guard let current = try Self.publisherKeys(db).last(where: { $0.retiredAt == nil }),
                  (try? signingKey(for: current, db: db)) != nil else { return nil }
            return current
        }
    }

    /// Every key with its private half, oldest first, for `waymark key export`.
    func exportablePublisherKeys() throws -> [(PublisherKey, Curve25519.Signing.PrivateKey)] {
        try writer.read { db in try Self.publisherKeys(db).map { ($0, try signingKey(for: $0, db: db)) } }
    }

    /// Stores keys brought from another home (`waymark key import`); refuses when this home has a key already.
    func importPublisherKeys(_ imported: [(PublisherKey, Curve25519.Signing.PrivateKey)],
                             referral: (ReferralKey, Curve25519.KeyAgreement.PrivateKey)?) throws {
        let who = try authorize(.keys)
        let now = self.now
        try logged { db -> (Void, LogHead?) in
            guard try Self.publisherKeys(db).isEmpty, try Self.referralKey(db) == nil else {
                throw CaseworkError.invalidInput("This home already has a publisher or referral key: keys are imported into a home that has none "
                    + "(a replacement laptop). Nothing was changed.")
            }
            if let (key, opener) = referral { _ = try insertReferralKey(opener, at: key.createdAt, db: db) }
            for (key, signer) in imported {
                guard signer.publicKey.rawRepresentation == key.publicKey else {
                    throw CaseworkError.invalidInput("The key file is damaged: a private key does not match its public key. Nothing was imported.")
                }
                try db.execute(sql: """
                    INSERT INTO publisher_key(public_key, private_key_sealed, created_at, retired_at, previous_public_key, rotation_signature)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [key.publicKey, try seal(signer, publicKey: key.publicKey), key.createdAt, key.retiredAt,
                                     key.previousPublicKey, key.rotationSignature])
            }
            var entry = LogEntry(kind: "key", at: now, caseCode: "-", operator: who)
            entry.status = "import:" + imported.map(\.0.fingerprint).joined(separator: ",")
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    private func insertPublisherKey(_ signer: Curve25519.Signing.PrivateKey, previous: Curve25519.Signing.PrivateKey?, at now: Date,
                                    db: Database) throws -> PublisherKey {
        let publicKey = signer.publicKey.rawRepresentation
        let signature = try previous.map { try $0.signature(for: PublisherKey.rotationStatement(publicKey)) }
        let key = PublisherKey(publicKey: publicKey, createdAt: now, retiredAt: nil,
                               previousPublicKey: previous?.publicKey.rawRepresentation, rotationSignature: signature)
        try db.execute(sql: """
            INSERT INTO publisher_key(public_key, private_key_sealed, created_at, previous_public_key, rotation_signature)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [publicKey, try seal(signer, publicKey: publicKey), now, key.previousPublicKey, signature])
        return key
    }

    private func seal(_ signer: Curve25519.Signing.PrivateKey, publicKey: Data) throws -> Data {
        try Sealing.seal(signer.rawRepresentation, key: try keys.coordinatorKey(for: .keys, has: account.role), context: PublisherKey.sealingContext(publicKey))
    }

    private func signingKey(for key: PublisherKey, db: Database) throws -> Curve25519.Signing.PrivateKey {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT private_key_sealed FROM publisher_key WHERE public_key = ?",
                                             arguments: [key.publicKey]),
              let raw = try? Sealing.open(sealed, key: try keys.coordinatorKey(for: .keys, has: account.role), context: PublisherKey.sealingContext(key.publicKey)),
              let signer = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw),
              signer.publicKey.rawRepresentation == key.publicKey else {
            throw CaseworkError.damaged("the publisher key \(key.fingerprint) does not open with this home's data key")
        }
        return signer
    }
}
