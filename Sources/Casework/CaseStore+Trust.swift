import Crypto
import Foundation
import GRDB

/// The trust list: the publishers whose bundles this home imports, and whether it imports
/// nothing else. Each row carries a MAC under the integrity key and each change is a `trust`
/// entry of the hand-off log, so neither can be changed without the passphrase.
extension CaseStore {
    /// Every key ever trusted here, removed ones included, in the order they were added.
    public func trustList() throws -> [TrustedKey] {
        try writer.read { db in
            if let key = keys.rowKey, let problem = try RowIntegrity.firstProblem(in: RowIntegrity.trustedKey, db: db, key: key) {
                throw CaseworkError.rowDoesNotVerify(problem)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM trusted_key ORDER BY added_at, fingerprint").map(Self.trustedKey)
        }
    }

    /// The trusted (not removed) key with this fingerprint; nil when there is none.
    public func trustedKey(fingerprint: String) throws -> TrustedKey? {
        try trustList().first { $0.fingerprint == fingerprint && $0.isTrusted }
    }

    /// Trusts a publisher key under a name; `root` is the publisher it stands for (itself when nil). Logged as `trust`.
    /// A key trusted already is refused; a removed key is trusted again.
    @discardableResult
    public func trust(publicKey: Data, name: String, root: String? = nil) throws -> TrustedKey {
        let who = try authorize(.trust)
        let now = self.now
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 120, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CaseworkError.invalidInput("--name must be 1 to 120 characters of plain text: the organization the key belongs to.")
        }
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)) != nil else {
            throw CaseworkError.invalidInput("That is not an Ed25519 public key: give the \"public_key\" value of `waymark key show --json`.")
        }
        let fingerprint = KeyFingerprint.of(publicKey)
        let key = TrustedKey(fingerprint: fingerprint, publicKey: publicKey, name: label, root: root ?? fingerprint, addedAt: now,
                             addedBy: who.name, removedAt: nil)
        return try logged { db -> (TrustedKey, LogHead?) in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM trusted_key WHERE fingerprint = ? AND removed_at IS NULL)",
                                 arguments: [fingerprint]) == true {
                throw CaseworkError.invalidInput("The key \(fingerprint) is trusted already (`waymark trust list`).")
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO trusted_key(fingerprint, public_key, name, root, added_at, added_by, removed_at)
                VALUES (?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [fingerprint, publicKey, label, key.root, now, who.name])
            var entry = LogEntry(kind: "trust", at: now, caseCode: "-", operator: who)
            entry.status = "add:\(fingerprint)"
            return (key, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Stops trusting a key; bundles it signs are refused from now on. Logged as `trust`.
    public func removeTrust(fingerprint: String) throws {
        let who = try authorize(.trust)
        let now = self.now
        guard let canonical = KeyFingerprint.normalized(fingerprint) else {
            throw CaseworkError.invalidInput("'\(fingerprint.prefix(60))' is not a fingerprint: give the 32 hex digits `waymark trust list` shows.")
        }
        try logged { db -> (Void, LogHead?) in
            try db.execute(sql: "UPDATE trusted_key SET removed_at = ? WHERE fingerprint = ? AND removed_at IS NULL", arguments: [now, canonical])
            guard db.changesCount == 1 else {
                throw CaseworkError.invalidInput("No trusted key has the fingerprint \(canonical) (`waymark trust list`). Nothing was changed.")
            }
            var entry = LogEntry(kind: "trust", at: now, caseCode: "-", operator: who)
            entry.status = "remove:\(canonical)"
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Whether this home imports signed bundles from trusted publishers only (off until turned on).
    ///
    /// The setting's row is MAC'd and must agree with the latest `trust` entry of the log that set it, so deleting
    /// the row outside Waymark does not turn the requirement off: it is refused as a change made outside Waymark.
    public func trustRequired() throws -> Bool {
        let row = try writer.read { db -> Row? in
            if let key = keys.rowKey, let problem = try RowIntegrity.firstProblem(in: RowIntegrity.trustSetting, db: db, key: key) {
                throw CaseworkError.rowDoesNotVerify(problem)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM trust_setting WHERE id = 1")
        }
        let stored: Bool = row?["require"] ?? false
        let logged = try logEntries().last { $0.kind == "trust" && ($0.status ?? "").hasPrefix("require:") }
        let says = logged?.status == "require:on"
        guard stored == says else {
            throw CaseworkError.rowDoesNotVerify("the trust setting says require \(stored ? "on" : "off") but the hand-off log last set it "
                + "\(says ? "on" : "off")")
        }
        return stored
    }

    /// Turns the requirement for signed bundles on or off. Logged as `trust`.
    public func setTrustRequired(_ on: Bool) throws {
        let who = try authorize(.trust)
        let now = self.now
        try logged { db -> (Void, LogHead?) in
            try db.execute(sql: "INSERT OR REPLACE INTO trust_setting(id, require, changed_at, changed_by) VALUES (1, ?, ?, ?)",
                           arguments: [on, now, who.name])
            var entry = LogEntry(kind: "trust", at: now, caseCode: "-", operator: who)
            entry.status = on ? "require:on" : "require:off"
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    private static func trustedKey(_ row: Row) -> TrustedKey {
        TrustedKey(fingerprint: row["fingerprint"], publicKey: row["public_key"], name: row["name"], root: row["root"],
                   addedAt: row["added_at"], addedBy: row["added_by"], removedAt: row["removed_at"])
    }
}
