import Crypto
import Directory
import Foundation
import GRDB

/// One row of `account`: the account people see, its key slot, and the keys granted to its role.
struct AccountRow: Sendable, Equatable, FetchableRecord {
    var account: Account
    var keys: AccountKeys
    var grantSealed: Data

    init(row: Row) throws {
        guard let role = Role(rawValue: row["role"]) else {
            throw CaseworkError.damaged("an account has the unknown role '\(Sanitized.short(row["role"] as String? ?? ""))'")
        }
        account = Account(id: row["id"], name: row["name"], role: role, organization: row["organization"],
                          organizationId: row["organization_id"], phone: row["phone"], email: row["email"], kind: row["kind"],
                          createdAt: row["created_at"], createdBy: row["created_by"])
        keys = AccountKeys(salt: row["salt"], parameters: ScryptParameters(log2N: row["log2_n"], blockSize: row["block_size"],
                                                                            parallelism: row["parallelism"]),
                           publicKey: row["public_key"], privateKeySealed: row["private_key_sealed"])
        grantSealed = row["grant_sealed"]
    }

    static func fetchAll(_ db: Database) throws -> [AccountRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map { try AccountRow(row: $0) }
    }

    static func fetchOne(_ db: Database, id: String) throws -> AccountRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map { try AccountRow(row: $0) }
    }

    static func fetchOne(_ db: Database, name: String) throws -> AccountRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map { try AccountRow(row: $0) }
    }
}

/// The store's full set of keys, as a coordinator holds them when granting to an account.
struct KeySet {
    var data: SymmetricKey
    var integrity: SymmetricKey
    var coordinator: SymmetricKey
    var generation: Int

    /// The keys a role is granted out of this set.
    func granted(to role: Role) -> GrantedKeys {
        GrantedKeys(for: role, generation: generation, data: data, integrity: integrity, coordinator: coordinator)
    }
}

/// Contexts of the keys sealed under the current integrity key.
enum RetiredKeys {
    static func integrityContext(_ generation: Int) -> Data { Data("waymark retired integrity key \(generation)".utf8) }
    static let legacyLogContext = Data("waymark log key v1".utf8)
    static func caseKeysContext(_ code: String) -> Data { Data("retired-case-keys:\(code)".utf8) }
}

/// A new account before it has keys: who, what role, how they are reached.
struct AccountDraft: Sendable {
    var name: String
    var role: Role
    var kind = "worker"
    var organization: String?
    var organizationId: String?
    var phone: String?
    var email: String?

    init(name: String, role: Role, worker: Operator? = nil) throws {
        self.name = try Account.checkedName(name)
        self.role = role
        organization = worker?.organization
        organizationId = worker?.organizationId
        phone = worker?.phone
        email = worker?.email
    }

    /// The recovery key's slot: a coordinator's keys under a printed key.
    static func recovery() -> AccountDraft {
        AccountDraft(recoveryName: Account.recoveryName)
    }

    private init(recoveryName: String) {
        name = recoveryName
        role = .coordinator
        kind = "recovery"
    }

    /// The person's login name, for a first account nobody named.
    static func loginName() -> String {
        let login = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        return login.isEmpty || login.lowercased() == Account.recoveryName ? "coordinator" : login
    }

    /// Inserts the account with a key slot under `secret` and the role's keys granted to it.
    func insert(db: Database, secret: String, parameters: ScryptParameters, set: KeySet, at now: Date, by creator: String) throws -> Account {
        let id = "A-" + UUID().uuidString.prefix(8).lowercased()
        let slot = try AccountKeys.make(accountId: id, secret: secret, parameters: parameters)
        let grant = try AccountKeys.grant(set.granted(to: role), to: slot.publicKey, accountId: id, role: role)
        try db.execute(sql: """
            INSERT INTO account (id, name, kind, role, organization, organization_id, phone, email, public_key, salt, log2_n, block_size,
                                 parallelism, private_key_sealed, grant_sealed, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, name, kind, role.rawValue, organization, organizationId, phone, email, slot.publicKey, slot.salt,
                             slot.parameters.log2N, slot.parameters.blockSize, slot.parameters.parallelism, slot.privateKeySealed, grant,
                             now, creator])
        return Account(id: id, name: name, role: role, organization: organization, organizationId: organizationId, phone: phone,
                       email: email, kind: kind, createdAt: now, createdBy: creator)
    }
}
