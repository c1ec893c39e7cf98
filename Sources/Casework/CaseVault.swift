import Crypto
import Directory
import Foundation
import GRDB
import Routing

/// The case store's keys at work: a case's key opened under the data key, values sealed and
/// opened under it (the sealed profile among them), and rows checked under the integrity key.
///
/// Nothing outside the vault opens a sealed value or a wrapped key; a store is the vault plus
/// the rows, the log and the rules.
struct CaseVault: Sendable {
    let keys: UnlockedKeys

    /// A new random case key, and it wrapped under the data key for `case_key`.
    func newCaseKey(for code: String) throws -> (key: SymmetricKey, wrapped: Data) {
        let key = SymmetricKey(size: .bits256)
        return (key, try Sealing.seal(key.withUnsafeBytes { Data($0) }, key: keys.dataKey, context: Data("case-key:\(code)".utf8)))
    }

    /// A case's key, opened under the data key; nil once the case is erased.
    func caseKey(_ code: String, db: Database) throws -> SymmetricKey? {
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped_key FROM case_key WHERE case_code = ?", arguments: [code]) else {
            return nil
        }
        let dataKey = try keys.dataKey
        do {
            return SymmetricKey(data: try Sealing.open(wrapped, key: dataKey, context: Data("case-key:\(code)".utf8)))
        } catch {
            throw CaseworkError.damaged("the key of case \(code) does not open")
        }
    }

    /// A case's key and the keys it had before (an account's removal replaces them), newest first;
    /// empty once the case is erased. Only values sealed before a replacement need the older ones:
    /// the hand-off log's sealed override reasons, which cannot be sealed again without breaking the chain.
    func caseKeys(_ code: String, db: Database) throws -> [SymmetricKey] {
        guard let current = try caseKey(code, db: db) else { return [] }
        let sealed = try Data.fetchOne(db, sql: "SELECT retired_keys_sealed FROM case_key WHERE case_code = ?", arguments: [code])
        return [current] + (try KeyRotation.retiredCaseKeys(sealed, caseKey: current, code: code)).map { SymmetricKey(data: $0) }
    }

    /// A value as JSON, sealed under a key with its context (field and case) bound in.
    func seal<T: Encodable>(_ value: T, key: SymmetricKey, context: String) throws -> Data {
        try Sealing.seal(try JSONEncoder().encode(value), key: key, context: Data(context.utf8))
    }

    /// A sealed value opened and decoded: the one place sealed values become types again.
    func unseal<T: Decodable>(_ type: T.Type, _ data: Data, key: SymmetricKey, context: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: try Sealing.open(data, key: key, context: Data(context.utf8)))
        } catch {
            throw CaseworkError.damaged("a sealed value (\(context.split(separator: ":").first ?? "")) does not open")
        }
    }

    /// Refuses (exit 5) when a row of the case was changed, added or MAC'd outside Waymark.
    func checkRows(case code: String, db: Database) throws {
        guard let rowKey = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        try RowIntegrity.checkCase(code, db: db, key: rowKey)
    }

    /// Refuses (exit 5) when any row of the store was changed, added or MAC'd outside Waymark.
    func checkAllRows(db: Database) throws {
        guard let rowKey = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        if let problem = try RowIntegrity.checkAll(db: db, key: rowKey) { throw CaseworkError.rowDoesNotVerify(problem) }
    }

    /// The case's routing profile, opened under its key; an erased case keeps only its sex.
    func profile(of file: CaseFile, db: Database) throws -> ClientProfile {
        if let sealed = file.profileSealed {
            guard let key = try caseKey(file.code, db: db) else {
                // Only an erasure destroys a case's key: a profile without one would read as a person of no known age.
                guard file.erasedAt != nil else { throw CaseworkError.rowDoesNotVerify("the key of case \(file.code) is gone, but the case was not erased") }
                return ClientProfile(area: "", sex: file.sex)
            }
            return try unseal(ClientProfile.self, sealed, key: key, context: "profile:\(file.code)")
        }
        if file.profile.isEmpty { return ClientProfile(area: "", sex: file.sex) }
        // A store written before profiles were sealed (resealed on the first unlock).
        do { return try JSONDecoder().decode(ClientProfile.self, from: Data(file.profile.utf8)) } catch {
            throw CaseworkError.damaged("the profile of case \(file.code) cannot be read")
        }
    }

    /// Seals a profile onto a case row, with the readable facts the report needs.
    func setProfile(_ profile: ClientProfile, on file: inout CaseFile, db: Database) throws {
        guard let key = try caseKey(file.code, db: db) else { throw CaseworkError.damaged("case \(file.code) has no key") }
        file.profileSealed = try seal(profile, key: key, context: "profile:\(file.code)")
        file.profile = ""
        file.sex = profile.sex
        file.isChild = profile.isPresumedChild
        file.ageBand = AgeBand.of(profile)
    }
}
