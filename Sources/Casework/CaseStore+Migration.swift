import Crypto
import Foundation
import GRDB

extension CaseStore {
    /// Opens a store made before accounts with its one passphrase and moves it to accounts in one
    /// transaction, logged as `migration`: the home's operator (`operator.json`) becomes the first
    /// account, a coordinator, whose slot the same passphrase opens; the organization's private
    /// keys are sealed again under a new coordinator key; the version 1 log key is kept sealed
    /// under the integrity key (so a supervisor can verify old entries); the keyring row goes.
    static func migrateLegacy(home: URL, queue: DatabaseQueue, heads: any LogHeadStore, access: AccessLogStore, keys legacy: UnlockedKeys,
                              name: String?, passphrase: String, options: Options, report: UnlockReport) throws -> CaseStore {
        var keys = legacy
        guard let keyring = try queue.read({ db in try Self.keyring(db) }) else { throw CaseworkError.keysReplaced }
        if let wrapped = keyring.wrappedIntegrityKey { keys = keys.with(integrityKey: try IntegrityKey.unwrap(wrapped, dataKey: try keys.dataKey)) }
        let saved = (try? Operator.load(home: home)) ?? nil
        let draft = try AccountDraft(name: name ?? saved?.name ?? AccountDraft.loginName(), role: .coordinator, worker: saved)
        let provisional = Account(id: "-", name: draft.name, role: .coordinator, organization: saved?.organization ?? "upgrade",
                                  organizationId: nil, phone: nil, email: nil, kind: "worker", createdAt: options.clock.now(), createdBy: "migration")
        if !keys.hasIntegrityKey {
            // A store made before the integrity key: adopt one first, as before accounts.
            let candidate = SymmetricKey(size: .bits256)
            let adopted = try CaseStore(home: home, queue: queue, heads: heads, access: access, keys: keys.with(integrityKey: candidate),
                                        account: provisional, options: options, unlockReport: report).adoptIntegrityKey(candidate)
            keys = keys.with(integrityKey: adopted)
        }
        let store = CaseStore(home: home, queue: queue, heads: heads, access: access, keys: keys, account: provisional,
                              options: options, unlockReport: report)
        let coordinator = SymmetricKey(size: .bits256)
        guard let integrity = keys.integrityKey else { throw CaseworkError.damaged("the integrity key is missing") }
        let set = KeySet(data: try keys.dataKey, integrity: integrity, coordinator: coordinator, generation: 0)
        let full = UnlockedKeys(dataKey: set.data, integrityKeys: [integrity], legacyLogKey: keys.legacyLogKey, coordinatorKey: coordinator)
        let now = options.clock.now()
        let parameters = keyring.parameters.raised(to: options.newKeyParameters)
        let account = try HomeLock.exclusive(in: home) {
            try store.checkLogBeforeAppend()
            let (account, head) = try queue.write { db -> (Account, LogHead) in
                guard try Self.keyring(db) != nil, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") == 0 else {
                    throw CaseworkError.keysReplaced
                }
                let legacyLogKey = keys.legacyLogKey.map { key in key.withUnsafeBytes { Data($0) } }
                try db.execute(sql: "INSERT INTO key_state (id, integrity_generation, legacy_log_key_sealed) VALUES (1, 0, ?)",
                               arguments: [try legacyLogKey.map { try Sealing.seal($0, key: integrity, context: RetiredKeys.legacyLogContext) }])
                // Sealed under the data key before accounts; under the coordinator key from now on.
                try KeyRotation.resealPrivateKeys(from: set.data, to: coordinator, db: db)
                let account = try draft.insert(db: db, secret: passphrase, parameters: parameters, set: set, at: now, by: "migration")
                try db.execute(sql: "DELETE FROM keyring")
                guard let rowKey = full.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
                _ = try RowIntegrity.stampAll(db: db, key: rowKey)
                var entry = LogEntry(kind: "migration", at: now, caseCode: "-", operator: account.asLogged)
                entry.status = "accounts:1"
                let head = try HandoffLog.append(entry, db: db, keys: full)
                try LogCheckpoint(seq: head.count, mac: head.lastMac, brokenAt: nil).write(db, keys: full)
                return (account, head)
            }
            try head.write(to: heads, keys: full)
            if access.heads.load() == nil { try LogHead.empty.write(to: access.heads, keys: full, chain: .access) }
            return account
        }
        // operator.json no longer says who anyone is: the account does, under the integrity key. (The data key is the one the
        // shared passphrase opened: `rotateKeys` replaces it, and the README says to run it.)
        Operator.remove(home: home)
        return CaseStore(home: home, queue: queue, heads: heads, access: access, keys: full, account: account, options: options,
                         unlockReport: report)
    }
}

extension Account {
    /// The worker as a log entry names them, "not set" standing in for an organization not given yet.
    var asLogged: Operator { Operator(account: name, organization: organization ?? "not set") }
}
