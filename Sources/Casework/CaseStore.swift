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
        let url = file(in: home)
        guard FileManager.default.fileExists(atPath: url.path),
              let queue = try? DatabaseQueue(path: url.path, configuration: readOnlyConfiguration()) else { return false }
        let count = try? queue.read { db -> Int in
            guard try db.tableExists("keyring") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM keyring") ?? 0
        }
        return (count ?? 0) > 0
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

    /// Opens the home's case store with the passphrase, creating it (with this passphrase) on first use.
    ///
    /// A new store's passphrase must meet `PassphraseRule`; an existing store opens with the one it
    /// has. After wrong guesses the try waits first (`UnlockThrottle`); a key wrapped below
    /// `options.newKeyParameters` is wrapped again at it in the same unlock.
    public static func open(home: URL, passphrase: String, options: Options = Options()) throws -> CaseStore {
        guard !passphrase.isEmpty else { throw CaseworkError.invalidInput("The passphrase is empty.") }
        let url = file(in: home)
        var existing: Keyring?
        if FileManager.default.fileExists(atPath: url.path) {
            existing = try? DatabaseQueue(path: url.path, configuration: readOnlyConfiguration()).read { db -> Keyring? in
                guard try db.tableExists("keyring") else { return nil }
                return try Self.keyring(db)
            }
        }
        return try open(home: home, passphrase: passphrase, options: options, existing: existing, heads: FileLogHeadStore(home: home)) {
            let queue = try DatabaseQueue(path: url.path, configuration: storeConfiguration())
            WaymarkHome.protect(url)
            return queue
        }
    }

    /// Opens a new case store in memory, its log's head in memory too: nothing is written but the
    /// home's operator and unlock counter (tests run the whole casework this way, as on disk).
    public static func openInMemory(home: URL, passphrase: String, options: Options = Options()) throws -> CaseStore {
        guard !passphrase.isEmpty else { throw CaseworkError.invalidInput("The passphrase is empty.") }
        return try open(home: home, passphrase: passphrase, options: options, existing: nil, heads: MemoryLogHeadStore()) {
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

    /// Opens a store on the database `makeQueue` gives (made only once the passphrase is checked)
    /// and the head store given; `existing` is its keyring, read beforehand without writing.
    static func open(home: URL, passphrase: String, options: Options, existing: Keyring?, heads: any LogHeadStore,
                     makeQueue: () throws -> DatabaseQueue) throws -> CaseStore {
        // A new store: the rule first, before a folder or a file is made.
        if existing == nil { try PassphraseRule.check(passphrase) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let throttle = UnlockThrottle(home: home)
        var report = UnlockReport()
        var unlocked: UnlockedKeys?
        if let keyring = existing {
            // Check the passphrase before anything is written, migrations included.
            let delay = throttle.delayBeforeNextAttempt()
            if delay > 0 { options.sleeper.sleep(seconds: delay) }
            switch keyring.attempt(passphrase: passphrase) {
            case .success(let keys):
                unlocked = keys
            case .failure(let error):
                if error == .wrongPassphrase { throttle.recordFailure(at: options.clock.now()) }
                throw error
            }
            let before = throttle.recordSuccess(at: options.clock.now())
            report.failedAttempts = before.failures
            report.failuresSince = before.lastSuccess ?? before.firstFailure
        }
        let queue = try makeQueue()
        try CaseStoreMigrations.migrator.migrate(queue)
        let floor = options.newKeyParameters
        let (keys, rewrappedFrom, created): (UnlockedKeys, ScryptParameters?, Bool) = try queue.write { db in
            if let keyring = try Self.keyring(db) {
                var keys = try unlocked ?? keyring.unlock(passphrase: passphrase)
                if let wrapped = keyring.wrappedIntegrityKey { keys = keys.with(integrityKey: try IntegrityKey.unwrap(wrapped, dataKey: keys.dataKey)) }
                guard keyring.parameters.isBelow(floor) else { return (keys, nil, false) }
                // Below the minimum: wrapped again at it, in this unlock's transaction.
                try Keyring.wrap(keys.dataKey, passphrase: passphrase, parameters: keyring.parameters.raised(to: floor)).replace(in: db)
                return (keys, keyring.parameters, false)
            }
            try PassphraseRule.check(passphrase)
            let (keyring, dataKeys) = try Keyring.create(passphrase: passphrase, parameters: floor)
            let integrityKey = SymmetricKey(size: .bits256)
            let keys = dataKeys.with(integrityKey: integrityKey)
            try db.execute(sql: """
                INSERT INTO keyring (id, kdf, salt, log2_n, block_size, parallelism, wrapped_data_key, wrapped_integrity_key, created_at)
                VALUES (1, 'scrypt', ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [keyring.salt, keyring.parameters.log2N, keyring.parameters.blockSize, keyring.parameters.parallelism,
                                 keyring.wrappedDataKey, try IntegrityKey.wrap(integrityKey, dataKey: keys.dataKey), options.clock.now()])
            // A new store starts with a head of 0 entries, so a missing head is always an alarm.
            try LogHead.empty.write(to: heads, keys: keys)
            return (keys, nil, true)
        }
        // The failure counter is kept from the start, so a wrong guess adds no file to the home.
        if created { throttle.recordSuccess(at: options.clock.now()) }
        if let rewrappedFrom {
            report.rewrappedFrom = rewrappedFrom
            report.rewrappedAt = rewrappedFrom.raised(to: floor)
        }
        var store = CaseStore(home: home, queue: queue, heads: heads, keys: keys, options: options, unlockReport: report)
        if !keys.hasIntegrityKey {
            // A store made before the integrity key: adopt one now, before anything else is read or written.
            let candidate = SymmetricKey(size: .bits256)
            let adopted = try CaseStore(home: home, queue: queue, heads: heads, keys: keys.with(integrityKey: candidate), options: options,
                                        unlockReport: report).adoptIntegrityKey(candidate)
            store = CaseStore(home: home, queue: queue, heads: heads, keys: keys.with(integrityKey: adopted), options: options, unlockReport: report)
        }
        try store.resealProfiles()
        return store
    }

    /// Wraps the data key under a new passphrase (which must meet `PassphraseRule`), in one
    /// transaction: the old passphrase no longer opens the store; everything it holds still opens.
    public func changePassphrase(to newPassphrase: String) throws {
        try PassphraseRule.check(newPassphrase)
        try HomeLock.exclusive(in: home) {
            try writer.write { db in
                guard let keyring = try Self.keyring(db) else { throw CaseworkError.damaged("the keyring row is missing") }
                try Keyring.wrap(keys.dataKey, passphrase: newPassphrase, parameters: keyring.parameters.raised(to: options.newKeyParameters))
                    .replace(in: db)
            }
        }
    }

    /// Seals the profiles a store made before sealed profiles kept in clear: on the first unlock
    /// after the upgrade, in one transaction, logged as `migration`. Nothing to do afterwards.
    func resealProfiles() throws {
        let legacy = try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_file WHERE profile_sealed IS NULL AND profile != ''") ?? 0
        }
        guard legacy > 0 else { return }
        let who: Operator? = (try? Operator.load(home: home)) ?? nil
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
            let upgrader = try who ?? Operator(name: "Waymark", organization: "upgrade")
            var entry = LogEntry(kind: "migration", at: now, caseCode: "-", operator: upgrader)
            entry.status = "sealed-profiles:\(sealed)"
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    private init(home: URL, queue: DatabaseQueue, heads: any LogHeadStore, keys: UnlockedKeys, options: Options, unlockReport: UnlockReport) {
        self.home = home
        self.heads = heads
        self.writer = StoreWriter(queue: queue, rowKey: keys.rowKey)
        vault = CaseVault(keys: keys)
        self.options = options
        self.unlockReport = unlockReport
    }

    /// Opens the store with the SOP definitions in force: a home's own copies only once a
    /// coordinator accepted their exact bytes (logged), else the bundled ones. The CLI and the UI
    /// both open through this; `definitions` is what was loaded from the home and the bundle.
    public static func open(home: URL, passphrase: String, options: Options, definitions: SOPDefinitions) throws -> (CaseStore, SOPDefinitions) {
        var first = options
        let safe = definitions.inForce(accepted: [])
        first.procedure = safe.procedure
        first.questionnaire = safe.questionnaire
        first.procedureSource = safe.procedureSource
        let store = try open(home: home, passphrase: passphrase, options: first)
        guard definitions.bundled != nil else { return (store, definitions) }
        let inForce = definitions.inForce(accepted: try store.acceptedSOPHashes())
        var chosen = store.options
        chosen.procedure = inForce.procedure
        chosen.questionnaire = inForce.questionnaire
        chosen.procedureSource = inForce.procedureSource
        return (CaseStore(home: store.home, queue: store.writer.queue, heads: store.heads, keys: store.keys, options: chosen, unlockReport: store.unlockReport), inForce)
    }

    /// The hashes of home SOP files a coordinator accepted (from the log).
    func acceptedSOPHashes() throws -> Set<String> {
        Set(try logEntries().filter { $0.kind == "sop-accepted" }.compactMap(\.procedureHash))
    }

    /// Accepts the home's own SOP files as they are now: each file's SHA-256 goes to the log.
    /// Returns the files accepted; throws when the home has none.
    public func acceptSOP(_ definitions: SOPDefinitions) throws -> [String] {
        let who = try requireOperator()
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

    /// The operator set for this home; refuses when none is.
    func requireOperator() throws -> Operator {
        guard let current = try Operator.load(home: home) else { throw CaseworkError.noOperator }
        return current
    }
}
