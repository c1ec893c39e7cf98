import Crypto
import Directory
import Foundation
import GRDB
import Routing
import SOP

/// The encrypted case store (`cases.sqlite` in the home): cases, SOP steps, consent,
/// referrals, forms and the hand-off log.
///
/// Opened with the passphrase: a wrong one opens nothing and writes nothing. Identifying
/// fields are sealed with AES-GCM under a per-case key; per-case keys are wrapped by the
/// data key; the data key by a scrypt-derived key. Every write is one transaction.
public final class CaseStore: Sendable {
    /// How a store is opened.
    public struct Options: Sendable {
        public var procedure: Procedure
        /// Where the procedure was read from, for people ("bundled default.yaml", "home sop/default.yaml").
        public var procedureSource: String = "built in"
        /// The screening questionnaire answers are checked against; nil accepts any (tests only).
        public var questionnaire: Questionnaire?
        public var clock: any TimeSource
        public var random: any RandomSource
        /// The scrypt cost of a new store's key, and the least an existing store's key may have:
        /// a key wrapped below it is wrapped again at it in the unlock that finds it (the release
        /// build always uses `ScryptParameters.minimum`; tests pass `.cheapForTests`).
        public var newKeyParameters: ScryptParameters
        /// Called at named points of a hand-off; tests use it to kill the process there.
        public var checkpoint: (@Sendable (String) -> Void)?
        /// Waits before an unlock after wrong guesses (see `UnlockThrottle`); tests only record.
        public var sleeper: any Sleeper

        public init(procedure: Procedure = .standard, questionnaire: Questionnaire? = nil, clock: any TimeSource = SystemTime(),
                    random: any RandomSource = SystemRandomSource(), newKeyParameters: ScryptParameters = .standard,
                    checkpoint: (@Sendable (String) -> Void)? = nil, sleeper: any Sleeper = SystemSleeper()) {
            self.procedure = procedure
            self.questionnaire = questionnaire
            self.clock = clock
            self.random = random
            self.newKeyParameters = newKeyParameters
            self.checkpoint = checkpoint
            self.sleeper = sleeper
        }
    }

    public let home: URL
    let writer: StoreWriter
    /// Where the log's head is kept (the file beside `cases.sqlite`, or memory).
    let heads: any LogHeadStore
    /// Where the access log's head is kept.
    let access: AccessLogStore
    /// The signed-in account: who every entry names, and what its role may do.
    public var account: Account { accountBox.value }
    private let accountBox: LockBox<Account>
    /// The keys at work: opens and seals values, checks rows.
    let vault: CaseVault
    public let options: Options
    /// What this unlock has to tell the person: failed attempts since the last one, a key wrapped again.
    public let unlockReport: UnlockReport
    /// The router eligibility checks reuse while the directory and the day stay the same.
    let routers = RouterCache()
    public var procedure: Procedure { options.procedure }

    /// The procedure in force, as the checklist and `case show` say it: name, version, where it
    /// was read from, and its hash (the one each hand-off's log entry names).
    public var procedureInForce: String {
        "\(procedure.name) v\(procedure.version) (\(options.procedureSource)), hash \(procedure.contentHash)"
    }

    /// The store's file in a home.
    public static func file(in home: URL) -> URL { home.appendingPathComponent("cases.sqlite") }

    /// Whether the home has a case store with a passphrase set (else the first open sets it).
    public static func hasPassphrase(home: URL) -> Bool {
        (try? readState(home: home)).map { $0 != .none } ?? false
    }

    static func readOnlyConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        // Another process's commit holds the file for a moment: wait for it rather than fail.
        configuration.busyMode = .timeout(busyTimeout)
        return configuration
    }

    /// How long a connection waits for another process's lock on `cases.sqlite` before it fails, in seconds.
    /// Its transactions are short; the wait is generous so that several workers on one home never see "database is locked".
    static let busyTimeout: TimeInterval = 30

    /// What a home's store holds before it is unlocked: nothing yet, the one-passphrase keyring of
    /// a store made before accounts, or accounts.
    enum StoredKeys: Equatable {
        case none
        case legacy(Keyring)
        case accounts([AccountRow])
    }

    /// The store's keys as they stand on disk, read without writing.
    static func readState(home: URL) throws -> StoredKeys {
        let url = file(in: home)
        guard FileManager.default.fileExists(atPath: url.path) else { return .none }
        let queue = try DatabaseQueue(path: url.path, configuration: readOnlyConfiguration())
        return try queue.read { db in try readState(db) }
    }

    static func readState(_ db: Database) throws -> StoredKeys {
        if try db.tableExists("account") {
            let rows = try AccountRow.fetchAll(db)
            if !rows.isEmpty { return .accounts(rows) }
        }
        if try db.tableExists("keyring"), let keyring = try Self.keyring(db) { return .legacy(keyring) }
        return .none
    }

    /// The names of the home's worker accounts (not the recovery slot), for a prompt; empty before the first.
    public static func accountNames(home: URL) -> [String] {
        guard case .accounts(let rows)? = try? readState(home: home) else { return [] }
        return rows.filter { !$0.account.isRecovery }.map(\.account.name).sorted()
    }

    /// Opens the home's case store as an account with its passphrase, creating it (and its first
    /// account, a coordinator) on first use.
    ///
    /// `account` names the account; nil picks the only one (a home with several refuses, naming
    /// them). A new store's passphrase must meet `PassphraseRule`; after wrong guesses the try
    /// waits first (`UnlockThrottle`). A store made before accounts is migrated in the unlock that
    /// opens it with its passphrase: its operator becomes its first account, a coordinator.
    public static func open(home: URL, account: String? = nil, passphrase: String, options: Options = Options()) throws -> CaseStore {
        guard !passphrase.isEmpty else { throw CaseworkError.invalidInput("The passphrase is empty.") }
        let url = file(in: home)
        let state = try readState(home: home)
        return try open(home: home, account: account, passphrase: passphrase, options: options, existing: state,
                        heads: FileLogHeadStore(home: home), makeAccess: { try AccessLogStore.file(in: home) }) {
            let queue = try DatabaseQueue(path: url.path, configuration: storeConfiguration())
            WaymarkHome.protect(url)
            return queue
        }
    }

    /// Opens a new case store in memory, its logs' heads in memory too: nothing is written but the
    /// home's unlock counter (tests run the whole casework this way, as on disk).
    public static func openInMemory(home: URL, account: String? = nil, passphrase: String, options: Options = Options()) throws -> CaseStore {
        guard !passphrase.isEmpty else { throw CaseworkError.invalidInput("The passphrase is empty.") }
        return try open(home: home, account: account, passphrase: passphrase, options: options, existing: .none, heads: MemoryLogHeadStore(),
                        makeAccess: { try AccessLogStore.inMemory() }) {
            try DatabaseQueue(configuration: storeConfiguration())
        }
    }

    /// How the store's connection is set up.
    static func storeConfiguration() -> Configuration {
        var configuration = Configuration()
        // Every write transaction begins IMMEDIATE (StoreWriter; GRDB's migrations too), so two processes
        // never both read and then ask for the write lock, which SQLite answers with SQLITE_BUSY at once
        // in rollback-journal mode; a writer that finds the lock taken waits here instead.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // A rollback journal, never WAL: a -wal file would keep the pages of an erased case's key.
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            // Deleted content (an erased case's key) is overwritten, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return configuration
    }

    /// The account row `name` picks among `rows`: by name, else the only worker account.
    static func pick(_ name: String?, among rows: [AccountRow]) throws -> AccountRow {
        let workers = rows.filter { !$0.account.isRecovery }
        if let name {
            guard let row = rows.first(where: { $0.account.name == name }) else {
                throw CaseworkError.unknownAccount("This home has no account '\(Sanitized.short(name))'. Its accounts: "
                    + "\(workers.map(\.account.name).sorted().joined(separator: ", ")). Nothing was read or written.")
            }
            return row
        }
        guard workers.count == 1, let only = workers.first else {
            throw CaseworkError.unknownAccount("This home has \(workers.count) accounts: say which is yours with --account NAME "
                + "or $WAYMARK_ACCOUNT (\(workers.map(\.account.name).sorted().joined(separator: ", "))). Nothing was read or written.")
        }
        return only
    }

    /// Opens a store on the database `makeQueue` gives (made only once the passphrase is checked)
    /// and the head stores given; `existing` is what it held, read beforehand without writing.
    static func open(home: URL, account name: String?, passphrase: String, options: Options, existing: StoredKeys, heads: any LogHeadStore,
                     makeAccess: () throws -> AccessLogStore, makeQueue: () throws -> DatabaseQueue) throws -> CaseStore {
        // A new store: the rule first, before a folder or a file is made.
        if existing == .none { try PassphraseRule.check(passphrase) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let throttle = UnlockThrottle(home: home)
        var report = UnlockReport()
        // Check the passphrase before anything is written, migrations included.
        var granted: (AccountRow, GrantedKeys)?
        var legacyKeys: UnlockedKeys?
        if existing != .none {
            let delay = throttle.delayBeforeNextAttempt()
            if delay > 0 { options.sleeper.sleep(seconds: delay) }
            do {
                switch existing {
                case .accounts(let rows):
                    let row = try pick(name, among: rows)
                    let privateKey = try row.keys.open(accountId: row.account.id, secret: passphrase)
                    granted = (row, try AccountKeys.openGrant(row.grantSealed, privateKey: privateKey, accountId: row.account.id,
                                                                role: row.account.role))
                case .legacy(let keyring):
                    legacyKeys = try keyring.unlock(passphrase: passphrase)
                case .none:
                    break
                }
            } catch CaseworkError.wrongPassphrase {
                throttle.recordFailure(at: options.clock.now(), account: attempted(name, in: existing))
                throw CaseworkError.wrongPassphrase
            } catch CaseworkError.unknownAccount(let reason) {
                // A name that is no account is a failed attempt too: guessing names costs the same wait.
                throttle.recordFailure(at: options.clock.now(), account: name.map { "?" + Sanitized.short($0, limit: 40) })
                throw CaseworkError.unknownAccount(reason)
            }
            let before = throttle.recordSuccess(at: options.clock.now())
            report.failedAttempts = before.failures
            report.failuresSince = before.lastSuccess ?? before.firstFailure
            report.failedAccounts = before.accounts ?? []
        }
        let queue = try makeQueue()
        let access = try makeAccess()
        try CaseStoreMigrations.migrator.migrate(queue)
        let floor = options.newKeyParameters
        let store: CaseStore
        if let (row, grant) = granted {
            let keys = try queue.read { db in try loadKeys(grant, db: db) }
            store = CaseStore(home: home, queue: queue, heads: heads, access: access, keys: keys, account: row.account,
                              options: options, unlockReport: report)
            try store.checkAccountRow()
            if row.keys.parameters.isBelow(floor) {
                // Below the minimum: wrapped again at it, in this unlock.
                try store.rewrapSlot(secret: passphrase, parameters: row.keys.parameters.raised(to: floor))
                report.rewrappedFrom = row.keys.parameters
                report.rewrappedAt = row.keys.parameters.raised(to: floor)
                return try store.reopened(report: report).afterUnlock()
            }
        } else if let legacyKeys {
            store = try migrateLegacy(home: home, queue: queue, heads: heads, access: access, keys: legacyKeys, name: name,
                                      passphrase: passphrase, options: options, report: report)
        } else {
            store = try create(home: home, queue: queue, heads: heads, access: access, name: name, passphrase: passphrase,
                               options: options)
            throttle.recordSuccess(at: options.clock.now())
        }
        return try store.afterUnlock()
    }

    /// The account a failed attempt tried: the name given, else the home's only account.
    static func attempted(_ name: String?, in existing: StoredKeys) -> String? {
        if let name { return name }
        if case .accounts(let rows) = existing { return (try? pick(nil, among: rows))?.account.name }
        return nil
    }

    /// What every unlock does once the keys are open: seals profiles left in clear by an old
    /// version, and writes the unlock to the access log (with the failures since the last one).
    ///
    /// An access log that does not verify does not stop the unlock (the logs must stay open to
    /// verify and repair); it is said in the unlock report, and nothing identifying opens until it is repaired.
    func afterUnlock() throws -> CaseStore {
        if keys.hasDataKey { try resealProfiles() }
        do {
            try recordAccess(.unlock, detail: unlockReport.failedAttempts > 0
                ? "failed-before:\(unlockReport.failedAttempts)" + (unlockReport.failedAccounts.isEmpty ? "" : " (tried: \(unlockReport.failedAccounts.joined(separator: ", ")))")
                : nil)
        } catch CaseworkError.logDoesNotVerify(let reason) {
            var report = unlockReport
            report.accessLogProblem = reason
            return reopened(report: report)
        }
        return self
    }

    /// The same store with another unlock report (after a slot was wrapped again).
    func reopened(report: UnlockReport) -> CaseStore {
        CaseStore(home: home, queue: writer.queue, heads: heads, access: access, keys: keys, account: account, options: options,
                  unlockReport: report)
    }

    /// The keys a grant gives, with the retired integrity generations and the version 1 log key
    /// opened under the current integrity key.
    static func loadKeys(_ grant: GrantedKeys, db: Database) throws -> UnlockedKeys {
        guard let state = try Row.fetchOne(db, sql: "SELECT integrity_generation, legacy_log_key_sealed FROM key_state WHERE id = 1") else {
            throw CaseworkError.damaged("the key state row is missing")
        }
        let generation: Int = state["integrity_generation"]
        guard grant.generation == generation else {
            throw CaseworkError.damaged("this account's keys are from integrity generation \(grant.generation), the store is at \(generation)")
        }
        let integrity = SymmetricKey(data: grant.integrity)
        var keys: [SymmetricKey] = []
        for (index, row) in try Row.fetchAll(db, sql: "SELECT generation, key_sealed FROM retired_integrity_key ORDER BY generation").enumerated() {
            guard (row["generation"] as Int) == index, let raw = try? Sealing.open(row["key_sealed"], key: integrity,
                                                                                 context: RetiredKeys.integrityContext(index)) else {
                throw CaseworkError.damaged("a retired integrity key does not open")
            }
            keys.append(SymmetricKey(data: raw))
        }
        guard keys.count == generation else { throw CaseworkError.damaged("retired integrity keys are missing") }
        keys.append(integrity)
        var legacy: SymmetricKey?
        if let sealed = state["legacy_log_key_sealed"] as Data? {
            guard let raw = try? Sealing.open(sealed, key: integrity, context: RetiredKeys.legacyLogContext) else {
                throw CaseworkError.damaged("the version 1 log key does not open")
            }
            legacy = SymmetricKey(data: raw)
        }
        return UnlockedKeys(dataKey: grant.data.map { SymmetricKey(data: $0) }, integrityKeys: keys, legacyLogKey: legacy,
                            coordinatorKey: grant.coordinator.map { SymmetricKey(data: $0) })
    }

    /// A new store: fresh data, integrity and coordinator keys, and its first account, a coordinator
    /// named `name` (else the home's old `operator.json`, else the login name).
    static func create(home: URL, queue: DatabaseQueue, heads: any LogHeadStore, access: AccessLogStore, name: String?,
                       passphrase: String, options: Options) throws -> CaseStore {
        try PassphraseRule.check(passphrase)
        let dataKey = SymmetricKey(size: .bits256), integrity = SymmetricKey(size: .bits256), coordinator = SymmetricKey(size: .bits256)
        let keys = UnlockedKeys(dataKey: dataKey, integrityKeys: [integrity], coordinatorKey: coordinator)
        let saved = (try? Operator.load(home: home)) ?? nil
        let now = options.clock.now()
        let first = try AccountDraft(name: name ?? saved?.name ?? AccountDraft.loginName(), role: .coordinator, worker: saved)
        let account = try queue.write { db -> Account in
            try db.execute(sql: "INSERT INTO key_state (id, integrity_generation) VALUES (1, 0)")
            return try first.insert(db: db, secret: passphrase, parameters: options.newKeyParameters,
                                    set: KeySet(data: dataKey, integrity: integrity, coordinator: coordinator, generation: 0), at: now, by: "first use")
        }
        let store = CaseStore(home: home, queue: queue, heads: heads, access: access, keys: keys, account: account,
                              options: options, unlockReport: UnlockReport())
        try store.writer.write { db in _ = try RowIntegrity.stampAll(db: db, key: try store.requireRowKey()) }
        // New stores start with heads of 0 entries, so a missing head is always an alarm.
        try LogHead.empty.write(to: heads, keys: keys)
        try LogHead.empty.write(to: access.heads, keys: keys, chain: .access)
        if saved != nil { Operator.remove(home: home) }
        return store
    }

    /// The key rows are MAC'd under; refuses when the store has none.
    func requireRowKey() throws -> SymmetricKey {
        guard let key = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        return key
    }

    /// Seals the profiles a store made before sealed profiles kept in clear: on the first unlock
    /// after the upgrade, in one transaction, logged as `migration`. Nothing to do afterwards.
    func resealProfiles() throws {
        let legacy = try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_file WHERE profile_sealed IS NULL AND profile != ''") ?? 0
        }
        guard legacy > 0 else { return }
        let who: Operator? = try? account.asOperator()
        let now = self.now
        try logged { db -> ((), LogHead?) in
            var sealed = 0
            for var file in try CaseFile.filter(sql: "profile_sealed IS NULL AND profile != ''").fetchAll(db) {
                // Only a profile Waymark wrote is sealed: one put in clear outside it is refused, not adopted.
                try vault.checkRows(case: file.code, db: db)
                let key = try vault.caseKey(file.code, db: db)
                if file.erasedAt != nil || key == nil {
                    file.profile = ""
                } else {
                    try vault.setProfile(try vault.profile(of: file, db: db), on: &file, db: db)
                    sealed += 1
                }
                try file.update(db)
            }
            let upgrader = try who ?? Operator(name: account.name, organization: "upgrade")
            var entry = LogEntry(kind: "migration", at: now, caseCode: "-", operator: upgrader)
            entry.status = "sealed-profiles:\(sealed)"
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    init(home: URL, queue: DatabaseQueue, heads: any LogHeadStore, access: AccessLogStore, keys: UnlockedKeys, account: Account,
         options: Options, unlockReport: UnlockReport) {
        self.home = home
        self.heads = heads
        self.access = access
        accountBox = LockBox(account)
        self.writer = StoreWriter(queue: queue, rowKey: keys.rowKey, generation: keys.integrityGeneration)
        vault = CaseVault(keys: keys)
        self.options = options
        self.unlockReport = unlockReport
    }

    /// Opens the store with the SOP definitions in force: a home's own copies only once a
    /// coordinator accepted their exact bytes (logged), else the bundled ones. The CLI and the UI
    /// both open through this; `definitions` is what was loaded from the home and the bundle.
    public static func open(home: URL, account: String? = nil, passphrase: String, options: Options,
                            definitions: SOPDefinitions) throws -> (CaseStore, SOPDefinitions) {
        var first = options
        let safe = definitions.inForce(accepted: [])
        first.procedure = safe.procedure
        first.questionnaire = safe.questionnaire
        first.procedureSource = safe.procedureSource
        let store = try open(home: home, account: account, passphrase: passphrase, options: first)
        guard definitions.bundled != nil else { return (store, definitions) }
        let inForce = definitions.inForce(accepted: try store.acceptedSOPHashes())
        var chosen = store.options
        chosen.procedure = inForce.procedure
        chosen.questionnaire = inForce.questionnaire
        chosen.procedureSource = inForce.procedureSource
        return (CaseStore(home: store.home, queue: store.writer.queue, heads: store.heads, access: store.access, keys: store.keys,
                          account: store.account, options: chosen, unlockReport: store.unlockReport), inForce)
    }

    /// The hashes of home SOP files a coordinator accepted (from the log).
    func acceptedSOPHashes() throws -> Set<String> {
        Set(try logEntries().filter { $0.kind == "sop-accepted" }.compactMap(\.procedureHash))
    }

    /// Accepts the home's own SOP files as they are now: each file's SHA-256 goes to the log.
    /// Returns the files accepted; throws when the home has none.
    public func acceptSOP(_ definitions: SOPDefinitions) throws -> [String] {
        let who = try authorize(.acceptSOP)
        let now = self.now
        let files = definitions.homeFileHashes.sorted { $0.key < $1.key }
        guard !files.isEmpty else {
            throw CaseworkError.invalidInput("The home has no SOP files of its own (sop/default.yaml, sop/screening.yaml): the bundled ones are in force.")
        }
        return try logged { db -> ([String], LogHead?) in
            var head: LogHead?
            for (name, hash) in files {
                var entry = LogEntry(kind: "sop-accepted", at: now, caseCode: "-", operator: who)
                entry.status = name
                entry.procedureHash = hash
                head = try HandoffLog.append(entry, db: db, keys: keys)
            }
            return (files.map(\.key), head)
        }
    }

    static func keyring(_ db: Database) throws -> Keyring? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM keyring WHERE id = 1") else { return nil }
        return Keyring(salt: row["salt"], parameters: ScryptParameters(log2N: row["log2_n"], blockSize: row["block_size"],
                                                                       parallelism: row["parallelism"]),
                       wrappedDataKey: row["wrapped_data_key"], wrappedIntegrityKey: row["wrapped_integrity_key"])
    }

    var now: Date { options.clock.now() }

    /// The store's keys: the vault that opens and seals.
    var keys: UnlockedKeys { vault.keys }

    /// The signed-in worker as forms and log entries name them; refuses until their organization is set.
    func requireOperator() throws -> Operator { try account.asOperator() }

    /// Keeps the signed-in account's details as last written (after `editAccount`).
    func adopt(_ edited: Account) { accountBox.value = edited }

    /// Refuses (naming the role needed) unless the signed-in account's role may take `action`;
    /// returns the worker to name on what it writes.
    public func authorize(_ action: WorkerAction) throws -> Operator {
        try permit(action)
        return try requireOperator()
    }

    /// Refuses unless the signed-in account's role may take `action` (for actions that name nobody).
    public func permit(_ action: WorkerAction) throws {
        guard action.allows(role) else { throw CaseworkError.roleRequired(action, has: role) }
    }

    /// The role the signed-in account acts in, read from the keys its slot granted rather than from
    /// its row (which anyone holding the integrity key could rewrite): a coordinator holds the
    /// coordinator key, a supervisor no data key, a responder the data key alone.
    public var role: Role {
        keys.hasCoordinatorKey ? .coordinator : keys.hasDataKey ? .responder : .supervisor
    }
}
