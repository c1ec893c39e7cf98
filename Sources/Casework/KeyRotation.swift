import Crypto
import Foundation
import GRDB

/// What an account's removal replaces inside its transaction: every case key (sealed fields
/// sealed again), the retired integrity keys and the version 1 log key (sealed again under the
/// new integrity key, the old current key joining them), and the organization's private keys
/// (sealed again under the new coordinator key).
struct KeyRotation {
    let old: KeySet
    let new: KeySet

    /// A sealed column of a case: its table, column, the SQL of its sealing context, and which rows belong to a case.
    struct SealedColumn {
        var table: String
        var column: String
        var context: String
        var ofCase: String
    }

    /// Every column sealed under a case's key. A new sealed column must be added here, or a
    /// removal would leave it under a key that is thrown away (`AccountTests` opens them after a removal).
    static let sealedColumns: [SealedColumn] = [
        SealedColumn(table: "case_file", column: "profile_sealed", context: "'profile:' || code", ofCase: "code = ?"),
        SealedColumn(table: "case_identity", column: "sealed", context: "'identity:' || case_code", ofCase: "case_code = ?"),
        SealedColumn(table: "step_record", column: "sealed_details", context: "'step:' || case_code", ofCase: "case_code = ?"),
        SealedColumn(table: "consent", column: "languages_sealed", context: "'consent:' || id",
                     ofCase: "referral_id IN (SELECT id FROM referral WHERE case_code = ?)"),
        SealedColumn(table: "referral", column: "form_sealed", context: "'form:' || id", ofCase: "case_code = ?"),
        SealedColumn(table: "referral", column: "status_reason_sealed", context: "'reason:' || id", ofCase: "case_code = ?"),
        SealedColumn(table: "nrm_decision", column: "reference_sealed", context: "'decision:' || case_code", ofCase: "case_code = ?"),
        SealedColumn(table: "incoming_referral", column: "form_sealed", context: "'incoming-form:' || referral_id", ofCase: "case_code = ?"),
        SealedColumn(table: "incoming_referral", column: "status_reason_sealed", context: "'incoming-reason:' || referral_id",
                     ofCase: "case_code = ?"),
    ]

    func apply(db: Database) throws {
        try replaceCaseKeys(db: db)
        try resealRetiredKeys(db: db)
        try Self.resealPrivateKeys(from: old.coordinator, to: new.coordinator, db: db)
        try db.execute(sql: "UPDATE key_state SET integrity_generation = ? WHERE id = 1", arguments: [new.generation])
    }

    private func replaceCaseKeys(db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT case_code, wrapped_key, retired_keys_sealed FROM case_key") {
            let code: String = row["case_code"]
            let context = Data("case-key:\(code)".utf8)
            guard let raw = try? Sealing.open(row["wrapped_key"], key: old.data, context: context) else {
                throw CaseworkError.damaged("the key of case \(code) does not open")
            }
            let oldKey = SymmetricKey(data: raw)
            var retired = try Self.retiredCaseKeys(row["retired_keys_sealed"], caseKey: oldKey, code: code)
            retired.insert(raw, at: 0)
            let newKey = SymmetricKey(size: .bits256)
            for column in Self.sealedColumns {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT rowid AS row_id, \(column.column) AS sealed, \(column.context) AS context FROM \(column.table)
                    WHERE \(column.ofCase) AND \(column.column) IS NOT NULL
                    """, arguments: [code])
                for sealed in rows {
                    let context = Data((sealed["context"] as String).utf8)
                    guard let plain = try? Sealing.open(sealed["sealed"], key: oldKey, context: context) else {
                        throw CaseworkError.damaged("a sealed value of case \(code) (\(column.table).\(column.column)) does not open")
                    }
                    try db.execute(sql: "UPDATE \(column.table) SET \(column.column) = ? WHERE rowid = ?",
                                   arguments: [try Sealing.seal(plain, key: newKey, context: context), sealed["row_id"] as Int64])
                }
            }
            let retiredSealed = try Sealing.seal(try JSONEncoder().encode(retired), key: newKey, context: RetiredKeys.caseKeysContext(code))
            try db.execute(sql: "UPDATE case_key SET wrapped_key = ?, retired_keys_sealed = ? WHERE case_code = ?",
                           arguments: [try Sealing.seal(newKey.withUnsafeBytes { Data($0) }, key: new.data, context: context), retiredSealed, code])
        }
    }

    /// A case's earlier keys, newest first, opened under its current key.
    static func retiredCaseKeys(_ sealed: Data?, caseKey: SymmetricKey, code: String) throws -> [Data] {
        guard let sealed else { return [] }
        guard let plain = try? Sealing.open(sealed, key: caseKey, context: RetiredKeys.caseKeysContext(code)),
              let keys = try? JSONDecoder().decode([Data].self, from: plain) else {
            throw CaseworkError.damaged("the earlier keys of case \(code) do not open")
        }
        return keys
    }

    private func resealRetiredKeys(db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT generation, key_sealed FROM retired_integrity_key") {
            let generation: Int = row["generation"]
            guard let raw = try? Sealing.open(row["key_sealed"], key: old.integrity, context: RetiredKeys.integrityContext(generation)) else {
                throw CaseworkError.damaged("a retired integrity key does not open")
            }
            try db.execute(sql: "UPDATE retired_integrity_key SET key_sealed = ? WHERE generation = ?",
                           arguments: [try Sealing.seal(raw, key: new.integrity, context: RetiredKeys.integrityContext(generation)), generation])
        }
        try db.execute(sql: "INSERT INTO retired_integrity_key (generation, key_sealed) VALUES (?, ?)",
                       arguments: [old.generation, try Sealing.seal(old.integrity.withUnsafeBytes { Data($0) }, key: new.integrity,
                                                                    context: RetiredKeys.integrityContext(old.generation))])
        if let sealed = try Data.fetchOne(db, sql: "SELECT legacy_log_key_sealed FROM key_state WHERE id = 1") {
            guard let raw = try? Sealing.open(sealed, key: old.integrity, context: RetiredKeys.legacyLogContext) else {
                throw CaseworkError.damaged("the version 1 log key does not open")
            }
            try db.execute(sql: "UPDATE key_state SET legacy_log_key_sealed = ? WHERE id = 1",
                           arguments: [try Sealing.seal(raw, key: new.integrity, context: RetiredKeys.legacyLogContext)])
        }
    }

    /// Seals the organization's publisher and referral private keys again, from one key to another.
    static func resealPrivateKeys(from old: SymmetricKey, to new: SymmetricKey, db: Database) throws {
        for (table, context) in [("publisher_key", PublisherKey.sealingContext), ("referral_key", ReferralKey.sealingContext)] as [(String, (Data) -> Data)] {
            for row in try Row.fetchAll(db, sql: "SELECT id, public_key, private_key_sealed FROM \(table)") {
                let publicKey: Data = row["public_key"]
                guard let raw = try? Sealing.open(row["private_key_sealed"], key: old, context: context(publicKey)) else {
                    throw CaseworkError.damaged("a private key in \(table) does not open with the key it was sealed under")
                }
                try db.execute(sql: "UPDATE \(table) SET private_key_sealed = ? WHERE id = ?",
                               arguments: [try Sealing.seal(raw, key: new, context: context(publicKey)), row["id"] as Int64])
            }
        }
    }
}
