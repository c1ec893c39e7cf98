import Crypto
import Directory
import Foundation
import GRDB

extension CaseStore {
    /// The home's accounts, the recovery slot included (none of this is identifying data of a person helped).
    public func accounts() throws -> [Account] {
        try writer.read { db in try AccountRow.fetchAll(db).map(\.account) }
    }

    /// Adds an account (a coordinator's action): a key slot under `passphrase` (which must meet
    /// `PassphraseRule`) and the keys of `role` granted to it. Logged as an `account` entry.
    public func addAccount(name: String, role: Role, organization: String? = nil, organizationId: String? = nil, phone: String? = nil,
                           email: String? = nil, passphrase: String) throws -> Account {
        let who = try authorize(.accounts)
        try PassphraseRule.check(passphrase)
        var draft = try AccountDraft(name: name, role: role)
        draft.organization = try organization.map { value throws(CaseworkError) in try Operator.checked(value, what: "organization") }
        draft.organizationId = try organizationId.map { value throws(CaseworkError) in try Operator.checked(value, what: "organization id") }
        draft.phone = try phone.map { value throws(CaseworkError) in try Operator.checked(value, what: "phone") }
        draft.email = try email.map { value throws(CaseworkError) in try Operator.checked(value, what: "e-mail") }
        let set = try fullKeySet()
        let parameters = options.newKeyParameters
        let now = self.now
        let added = try HomeLock.exclusive(in: home) {
            try writer.write { db -> Account in
                if try AccountRow.fetchOne(db, name: draft.name) != nil {
                    throw CaseworkError.invalidInput("There is already an account '\(draft.name)'. Nothing was changed.")
                }
                return try draft.insert(db: db, secret: passphrase, parameters: parameters, set: set, at: now, by: who.name)
            }
        }
        try recordAccess(.account, detail: "added:\(added.name):\(role.rawValue)")
        return added
    }

    /// Changes the signed-in account's name, organization and contact (what `operator set` did).
    public func editAccount(name: String? = nil, organization: String? = nil, organizationId: String? = nil, phone: String? = nil,
                            email: String? = nil) throws -> Account {
        var edited = account
        if let name { edited.name = try Account.checkedName(name) }
        if let organization { edited.organization = try Operator.checked(organization, what: "organization") }
        if let organizationId { edited.organizationId = try Operator.checked(organizationId, what: "organization id") }
        if let phone { edited.phone = try Operator.checked(phone, what: "phone") }
        if let email {
            edited.email = try Operator.checked(email, what: "e-mail")
            guard email.contains("@") else { throw CaseworkError.invalidInput("The e-mail '\(email.prefix(40))' has no @.") }
        }
        let before = account.name
        try HomeLock.exclusive(in: home) {
            try writer.write { db in
                if edited.name != before, try AccountRow.fetchOne(db, name: edited.name) != nil {
                    throw CaseworkError.invalidInput("There is already an account '\(edited.name)'. Nothing was changed.")
                }
                try db.execute(sql: "UPDATE account SET name = ?, organization = ?, organization_id = ?, phone = ?, email = ? WHERE id = ?",
                               arguments: [edited.name, edited.organization, edited.organizationId, edited.phone, edited.email, edited.id])
                guard db.changesCount == 1 else { throw CaseworkError.keysReplaced }
            }
        }
        adopt(edited)
        try recordAccess(.account, detail: "edited:\(before)")
        return edited
    }

    /// Wraps the signed-in account's keys under a new passphrase (which must meet `PassphraseRule`),
    /// in one transaction: the old passphrase no longer opens the account; everything still opens.
    public func changePassphrase(to newPassphrase: String) throws {
        try PassphraseRule.check(newPassphrase)
        try rewrapSlot(secret: newPassphrase, parameters: options.newKeyParameters)
        try recordAccess(.account, detail: "passphrase-changed:\(account.name)")
    }

    /// A new key pair for the signed-in account, sealed under `secret`, granted the keys it holds now.
    func rewrapSlot(secret: String, parameters: ScryptParameters) throws {
        let slot = try AccountKeys.make(accountId: account.id, secret: secret, parameters: parameters)
        guard let granted = keys.granted else { throw CaseworkError.damaged("the integrity key is missing") }
        let grant = try AccountKeys.grant(granted, to: slot.publicKey, accountId: account.id, role: account.role)
        try HomeLock.exclusive(in: home) {
            try writer.write { db in try Self.replaceSlot(of: account.id, with: slot, grant: grant, db: db) }
        }
    }

    static func replaceSlot(of id: String, with slot: AccountKeys, grant: Data, db: Database) throws {
        try db.execute(sql: """
            UPDATE account SET public_key = ?, salt = ?, log2_n = ?, block_size = ?, parallelism = ?, private_key_sealed = ?, grant_sealed = ?
            WHERE id = ?
            """, arguments: [slot.publicKey, slot.salt, slot.parameters.log2N, slot.parameters.blockSize, slot.parameters.parallelism,
                             slot.privateKeySealed, grant, id])
        guard db.changesCount == 1 else { throw CaseworkError.keysReplaced }
    }

    /// Gives an account a new passphrase when its own is lost (a coordinator's action, the
    /// recovery key's among them): a new key pair, granted its role's keys again. Logged.
    public func resetPassphrase(of name: String, to newPassphrase: String) throws {
        try permit(.accounts)
        try PassphraseRule.check(newPassphrase)
        let set = try fullKeySet()
        let parameters = options.newKeyParameters
        try HomeLock.exclusive(in: home) {
            try writer.write { db in
                guard let target = try AccountRow.fetchOne(db, name: name), !target.account.isRecovery else {
                    throw CaseworkError.unknownAccount("This home has no account '\(Sanitized.short(name))'. Nothing was changed.")
                }
                let slot = try AccountKeys.make(accountId: target.account.id, secret: newPassphrase, parameters: parameters)
                let grant = try AccountKeys.grant(set.granted(to: target.account.role), to: slot.publicKey, accountId: target.account.id,
                                                  role: target.account.role)
                try Self.replaceSlot(of: target.account.id, with: slot, grant: grant, db: db)
            }
        }
        try recordAccess(.account, detail: "passphrase-reset:\(name)")
    }

    /// Makes (or replaces) the printed recovery key: a slot of its own holding a coordinator's keys.
    /// Returns the key to print, in groups of four; it is shown once and kept nowhere.
    public func makeRecoveryKey() throws -> String {
        let who = try authorize(.accounts)
        let set = try fullKeySet()
        let key = RecoveryKey.generate()
        let now = self.now
        let parameters = options.newKeyParameters
        try HomeLock.exclusive(in: home) {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM account WHERE kind = 'recovery'")
                _ = try AccountDraft.recovery().insert(db: db, secret: key, parameters: parameters, set: set, at: now, by: who.name)
            }
        }
        try recordAccess(.account, detail: "recovery-key")
        return key
    }

    /// The store's full key set; only a coordinator's account holds it.
    func fullKeySet() throws -> KeySet {
        guard let integrity = keys.integrityKey else { throw CaseworkError.damaged("the integrity key is missing") }
        return KeySet(data: try keys.dataKey, integrity: integrity, coordinator: try keys.coordinatorKey(for: .accounts, has: account.role),
                      generation: keys.integrityGeneration)
    }

    /// Refuses when the signed-in account's row does not verify, or its role differs from the one its keys were granted for.
    func checkAccountRow() throws {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [account.id]) else {
                throw CaseworkError.damaged("the account \(account.name) is missing")
            }
            if let problem = RowIntegrity.problem(row, in: RowIntegrity.account, key: try requireRowKey()) {
                throw CaseworkError.rowDoesNotVerify(problem)
            }
        }
    }

    /// Removes an account (a coordinator's action) and replaces every key it held, in one
    /// transaction: a new data key; new case keys for every case not erased, their sealed fields
    /// sealed again (the old key kept, sealed under the new, for log entries sealed under it); a
    /// new coordinator key over the organization's private keys; and a new generation of the
    /// integrity key, behind a chained `key-rotation` entry the old key MACs, every row MAC'd and
    /// everything after written under the new key. Every remaining account (and the recovery slot)
    /// is granted the new keys through its public key. A copy of the removed account's slot taken
    /// before opens nothing written after, and forges nothing that verifies.
    ///
    /// This store's keys are the old ones afterwards: open the store again to go on.
    public func removeAccount(named name: String) throws {
        guard name != account.name else {
            throw CaseworkError.invalidInput("You cannot remove the account you are signed in with; ask another coordinator. Nothing was changed.")
        }
        try rotateKeys(removing: name)
    }

    /// Replaces every key as a removal does, removing nobody: after a home moved from one shared
    /// passphrase to accounts (everyone who knew it held the old data key), or when a slot may have been copied.
    public func rotateKeys() throws {
        try rotateKeys(removing: nil)
    }

    private func rotateKeys(removing name: String?) throws {
        let who = try authorize(.accounts)
        let old = keys
        let oldSet = try fullKeySet()
        let set = KeySet(data: SymmetricKey(size: .bits256), integrity: SymmetricKey(size: .bits256), coordinator: SymmetricKey(size: .bits256),
                         generation: oldSet.generation + 1)
        let new = UnlockedKeys(dataKey: set.data, integrityKeys: old.integrityKeys + [set.integrity], legacyLogKey: old.legacyLogKey,
                               coordinatorKey: set.coordinator)
        guard let newRowKey = new.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        let now = self.now
        try HomeLock.exclusive(in: home) {
            try checkLogBeforeAppend()
            try checkAccessLogBeforeAppend()
            let head = try writer.queue.write { db -> LogHead in
                guard try Int.fetchOne(db, sql: "SELECT integrity_generation FROM key_state WHERE id = 1") == oldSet.generation else {
                    throw CaseworkError.keysReplaced
                }
                var target: AccountRow?
                if let name {
                    target = try AccountRow.fetchOne(db, name: name)
                    guard target != nil else {
                        throw CaseworkError.unknownAccount("This home has no account '\(Sanitized.short(name))'. Nothing was changed.")
                    }
                }
                var rotation = LogEntry(kind: "key-rotation", at: now, caseCode: "-", operator: who)
                rotation.status = "integrity:\(oldSet.generation)->\(set.generation)"
                _ = try HandoffLog.append(rotation, db: db, keys: old)
                if let target { try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [target.account.id]) }
                try KeyRotation(old: oldSet, new: set).apply(db: db)
                for row in try AccountRow.fetchAll(db) {
                    let grant = try AccountKeys.grant(set.granted(to: row.account.role), to: row.keys.publicKey, accountId: row.account.id,
                                                      role: row.account.role)
                    try db.execute(sql: "UPDATE account SET grant_sealed = ? WHERE id = ?", arguments: [grant, row.account.id])
                }
                _ = try RowIntegrity.stampAll(db: db, key: newRowKey)
                var removal = LogEntry(kind: "account", at: now, caseCode: "-", operator: who)
                removal.status = target.map { "removed:\($0.account.name)" } ?? "keys-rotated"
                let head = try HandoffLog.append(removal, db: db, keys: new)
                try LogCheckpoint(seq: head.count, mac: head.lastMac, brokenAt: nil).write(db, keys: new)
                return head
            }
            try head.write(to: heads, keys: new)
            // The access log's next entry and its head under the new key: one under a retired key is refused from now on.
            var rotated = LogEntry(kind: AccessKind.keyRotation.rawValue, at: now, caseCode: "-", operator: who)
            rotated.status = name.map { "removed:\($0)" } ?? "keys-rotated"
            let accessHead = try access.queue.write { db in try HandoffLog.append(rotated, db: db, keys: new, chain: .access) }
            try accessHead.write(to: access.heads, keys: new, chain: .access)
        }
    }
}
