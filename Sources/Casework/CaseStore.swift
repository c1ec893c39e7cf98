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
    let keys: UnlockedKeys
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
        return configuration
    }

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
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            // Deleted content (an erased case's key) is overwritten, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
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
            try LogHead.empty.write(in: home, keys: keys)
            return (keys, nil, true)
        }
        // The failure counter is kept from the start, so a wrong guess adds no file to the home.
        if created { throttle.recordSuccess(at: options.clock.now()) }
        if let rewrappedFrom {
            report.rewrappedFrom = rewrappedFrom
            report.rewrappedAt = rewrappedFrom.raised(to: floor)
        }
        var store = CaseStore(home: home, queue: queue, keys: keys, options: options, unlockReport: report)
        if !keys.hasIntegrityKey {
            // A store made before the integrity key: adopt one now, before anything else is read or written.
            let candidate = SymmetricKey(size: .bits256)
            let adopted = try CaseStore(home: home, queue: queue, keys: keys.with(integrityKey: candidate), options: options,
                                        unlockReport: report).adoptIntegrityKey(candidate)
            store = CaseStore(home: home, queue: queue, keys: keys.with(integrityKey: adopted), options: options, unlockReport: report)
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
                try checkRows(case: file.code, db: db)
                let key = try caseKey(file.code, db: db)
                if file.erasedAt != nil || key == nil {
                    file.profile = ""
                } else {
                    try setProfile(try profile(of: file, db: db), on: &file, db: db)
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

    private init(home: URL, queue: DatabaseQueue, keys: UnlockedKeys, options: Options, unlockReport: UnlockReport) {
        self.home = home
        self.writer = StoreWriter(queue: queue, rowKey: keys.rowKey)
        self.keys = keys
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
        return (CaseStore(home: store.home, queue: store.writer.queue, keys: store.keys, options: chosen, unlockReport: store.unlockReport), inForce)
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

    /// Runs a transaction that appends to the hand-off log, then writes the log's head file —
    /// all under an exclusive lock on the home, so two processes never write heads out of order.
    /// The chain is checked first (`checkLogBeforeAppend`), and the checkpoint moves to the new
    /// head in the same transaction as the entries.
    func logged<T>(afterCommit: (() -> Void)? = nil, _ body: (Database) throws -> (T, LogHead?)) throws -> T {
        try HomeLock.exclusive(in: home) { try loggedHoldingLock(afterCommit: afterCommit, body) }
    }

    /// `logged`, for a caller that already holds the home's lock.
    func loggedHoldingLock<T>(afterCommit: (() -> Void)? = nil, _ body: (Database) throws -> (T, LogHead?)) throws -> T {
        try checkLogBeforeAppend()
        let (value, head) = try writer.write { db -> (T, LogHead?) in
            let (value, head) = try body(db)
            if let head { try LogCheckpoint(seq: head.count, mac: head.lastMac, brokenAt: nil).write(db, keys: keys) }
            return (value, head)
        }
        afterCommit?()
        try head?.write(in: home, keys: keys)
        return value
    }

    /// Adopts the integrity key of a store made before it had one: on the first unlock after the
    /// upgrade, in one transaction, the key is stored (wrapped under the data key), every row is
    /// MAC'd, and the switch is chained onto the log as a `migration` entry — the first entry of
    /// log version 2. Returns the key the store holds (another process may have adopted one first).
    func adoptIntegrityKey(_ candidate: SymmetricKey) throws -> SymmetricKey {
        let who: Operator? = (try? Operator.load(home: home)) ?? nil
        let now = self.now
        return try HomeLock.exclusive(in: home) {
            if let stored = try writer.read({ db in try Self.keyring(db)?.wrappedIntegrityKey }) {
                return try IntegrityKey.unwrap(stored, dataKey: keys.dataKey)
            }
            let wrapped = try IntegrityKey.wrap(candidate, dataKey: keys.dataKey)
            return try loggedHoldingLock { db -> (SymmetricKey, LogHead?) in
                try db.execute(sql: "UPDATE keyring SET wrapped_integrity_key = ? WHERE id = 1", arguments: [wrapped])
                guard let rowKey = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
                let rows = try RowIntegrity.stampAll(db: db, key: rowKey)
                var entry = LogEntry(kind: "migration", at: now, caseCode: "-", operator: try who ?? Operator(name: "Waymark", organization: "upgrade"))
                entry.status = "integrity-key:\(rows)"
                return (candidate, try HandoffLog.append(entry, db: db, keys: keys))
            }
        }
    }

    /// The operator set for this home; refuses when none is.
    func requireOperator() throws -> Operator {
        guard let current = try Operator.load(home: home) else { throw CaseworkError.noOperator }
        return current
    }

    /// Refuses to append to a log that does not verify: never papers over a log cut short, an
    /// edited entry or a chain `log verify` found broken.
    ///
    /// The chain is walked from the last verified position (the checkpoint; from the start for a
    /// store that has none yet). A log ahead of its head by entries that chain — the trace of a
    /// crash between the commit and the head's write — is healed: the head is rewritten first.
    func checkLogBeforeAppend() throws {
        guard let head = try LogHead.read(in: home, keys: keys) else {
            throw CaseworkError.logDoesNotVerify("the head file handoff-log.head is missing")
        }
        let walked = try writer.read { db -> (LogCheckpoint?, Result<(Int64, String), ChainBreak>, String?) in
            let checkpoint = try LogCheckpoint.read(db, keys: keys)
            if let broken = checkpoint?.brokenAt { return (checkpoint, .failure(ChainBreak(at: broken, reason: "entry \(broken) failed verification")), nil) }
            let start = checkpoint.flatMap { $0.seq <= head.count ? $0 : nil } ?? .start
            let macAtHead = try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = ?", arguments: [head.count])
            return (checkpoint, try HandoffLog.walk(from: start, db: db, keys: keys), macAtHead)
        }
        let (count, lastMac): (Int64, String)
        switch walked.1 {
        case .failure(let broken):
            throw CaseworkError.logDoesNotVerify("\(broken.reason); nothing more is appended until `waymark log verify` passes")
        case .success(let end):
            (count, lastMac) = end
        }
        if count < head.count {
            throw CaseworkError.logDoesNotVerify("the log has \(count) entries but its head records \(head.count)")
        }
        if let problem = try writer.read({ db in try head.versionProblem(db) }) { throw CaseworkError.logDoesNotVerify(problem) }
        if head.count > 0 && walked.2 != head.lastMac {
            throw CaseworkError.logDoesNotVerify("entry \(head.count) is not the entry the head file recorded")
        }
        if count > head.count {
            // Entries the head does not know, and they chain: a crash after a commit. Heal the head first.
            try LogHead(count: count, lastMac: lastMac).write(in: home, keys: keys)
        }
    }

    // MARK: Keys

    func caseKey(_ code: String, db: Database) throws -> SymmetricKey? {
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped_key FROM case_key WHERE case_code = ?", arguments: [code]) else {
            return nil
        }
        do {
            return SymmetricKey(data: try Sealing.open(wrapped, key: keys.dataKey, context: Data("case-key:\(code)".utf8)))
        } catch {
            throw CaseworkError.damaged("the key of case \(code) does not open")
        }
    }

    func seal<T: Encodable>(_ value: T, key: SymmetricKey, context: String) throws -> Data {
        try Sealing.seal(try JSONEncoder().encode(value), key: key, context: Data(context.utf8))
    }

    func unseal<T: Decodable>(_ type: T.Type, _ data: Data, key: SymmetricKey, context: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: try Sealing.open(data, key: key, context: Data(context.utf8)))
        } catch {
            throw CaseworkError.damaged("a sealed value (\(context.split(separator: ":").first ?? "")) does not open")
        }
    }

    // MARK: Cases

    /// Opens a case for a person described by a routing profile; returns its code.
    public func openCase(profile: ClientProfile, channel: String? = nil, firstContact: Date? = nil, region: String? = nil) throws -> CaseCode {
        let who = try requireOperator()
        if let channel, !CaseVocabulary.channels.contains(channel) {
            throw CaseworkError.invalidInput("'\(channel)' is not an identification channel; use one of: \(CaseVocabulary.channels.joined(separator: ", ")).")
        }
        let now = self.now
        if let firstContact, firstContact > now.addingTimeInterval(300) {
            throw CaseworkError.invalidInput("The first contact is in the future; give the date and time the person first got in touch.")
        }
        return try writer.write { db in
            var code = options.random.caseCode()
            while try CaseFile.exists(db, key: code.rawValue) { code = options.random.caseCode() }
            let key = SymmetricKey(size: .bits256)
            var file = CaseFile(code: code.rawValue, openedAt: now, openedBy: who.name, openedByOrganization: who.organization,
                                firstContactAt: firstContact ?? now, channel: channel, profile: "", profileSealed: nil, region: region,
                                sex: profile.sex, ageBand: AgeBand.of(profile), isChild: profile.isPresumedChild, screeningResult: nil,
                                notifiedAt: nil, erasedAt: nil)
            file.profileSealed = try seal(profile, key: key, context: "profile:\(code.rawValue)")
            try file.insert(db)
            let wrapped = try Sealing.seal(key.withUnsafeBytes { Data($0) }, key: keys.dataKey, context: Data("case-key:\(code.rawValue)".utf8))
            try db.execute(sql: "INSERT INTO case_key (case_code, wrapped_key) VALUES (?, ?)", arguments: [code.rawValue, wrapped])
            return code
        }
    }

    /// A case row, once every row of the case verifies under the integrity key (`RowIntegrity`).
    func caseFile(_ code: String, db: Database) throws -> CaseFile {
        guard let normalized = CaseCode(code), let file = try CaseFile.fetchOne(db, key: normalized.rawValue) else {
            throw CaseworkError.unknownCase(code)
        }
        try checkRows(case: file.code, db: db)
        return file
    }

    /// Refuses (exit 5) when a row of the case was changed, added or MAC'd outside Waymark.
    func checkRows(case code: String, db: Database) throws {
        guard let rowKey = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        try RowIntegrity.checkCase(code, db: db, key: rowKey)
    }

    /// Refuses (exit 5) when a row of the case does not match what the hand-off log says of it
    /// (`LogConsistency`): an older copy put back, a withdrawal or a hand-off undone.
    func checkAgainstLog(case code: String, db: Database) throws {
        if let (problem, _) = try LogConsistency(db: db, case: code).firstProblem(db: db, case: code) {
            throw CaseworkError.rowDoesNotVerify(problem)
        }
    }

    /// Refuses (exit 5) when any row of the store was changed, added or MAC'd outside Waymark.
    func checkAllRows(db: Database) throws {
        guard let rowKey = keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
        if let problem = try RowIntegrity.checkAll(db: db, key: rowKey) { throw CaseworkError.rowDoesNotVerify(problem) }
    }

    func liveCase(_ code: String, db: Database) throws -> CaseFile {
        let file = try caseFile(code, db: db)
        if file.erasedAt != nil, let erased = CaseCode(file.code) { throw CaseworkError.caseErased(erased) }
        return file
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

    /// Updates a case's profile (what eligibility depends on), sealed again under its key, and
    /// records it as a step of the case (`profile-update`, its summary saying only that it was
    /// updated). The age goes through the age step's rule (`AgeRecord.apply`); a change between
    /// child and adult reads the screening again.
    public func updateProfile(_ code: String, region: String? = nil, _ change: (inout ClientProfile) throws -> Void) throws -> ClientProfile {
        let who = try requireOperator()
        let now = self.now
        return try writer.write { db in
            var file = try liveCase(code, db: db)
            let before = try profile(of: file, db: db)
            var after = before
            try change(&after)
            let changed = after.changedFields(from: before)
            guard !changed.isEmpty else { throw CaseworkError.invalidInput("Nothing to change: give the facts that changed, e.g. --facing-charges yes.") }
            let wasChild = file.isChild
            try setProfile(after, on: &file, db: db)
            if wasChild != file.isChild {
                file.screeningResult = screeningResult(of: try screeningRecords(file.code, db: db), child: file.isChild)?.rawValue ?? file.screeningResult
            }
            if let region { file.region = region }
            try file.update(db)
            // Not even which facts changed is kept in clear: a changed nationality says something.
            try insertStep("profile-update", case: file.code, referral: nil, summary: "profile updated",
                           details: StepDetails(), by: who, at: now, db: db)
            return after
        }
    }

    /// The routing profile of a case (for `route --case`).
    public func profile(of code: String) throws -> ClientProfile {
        try writer.read { db in
            let file = try caseFile(code, db: db)
            return try profile(of: file, db: db)
        }
    }

    /// Records (or adds to) the identifying data of a case, sealed under its key.
    public func identify(_ code: String, identity update: Identity) throws {
        let who = try requireOperator()
        let now = self.now
        try writer.write { db in
            let file = try liveCase(code, db: db)
            guard let key = try caseKey(file.code, db: db) else { throw CaseworkError.damaged("case \(file.code) has no key") }
            var identity = Identity()
            if let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM case_identity WHERE case_code = ?", arguments: [file.code]) {
                identity = try unseal(Identity.self, sealed, key: key, context: "identity:\(file.code)")
            }
            identity = identity.merged(with: update)
            // A date of birth that makes the person a child makes them a child (one showing an
            // adult does not lift the presumption of minority: only an assessment does).
            if let born = update.dateOfBirth, let years = Identity.years(bornOn: born, at: now), years < 18 {
                var file = file
                var profile = try profile(of: file, db: db)
                profile.childByDateOfBirth(years: years)
                try setProfile(profile, on: &file, db: db)
                try file.update(db)
            }
            let sealed = try seal(identity, key: key, context: "identity:\(file.code)")
            try db.execute(sql: """
                INSERT INTO case_identity (case_code, sealed, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT(case_code) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, arguments: [file.code, sealed, now, "\(who.name) (\(who.organization))"])
        }
    }

    /// The identifying data of a case; nil when none was recorded or the case was erased.
    public func identity(_ code: String) throws -> Identity? {
        try writer.read { db in try identity(of: try caseFile(code, db: db), db: db) }
    }

    func identity(of file: CaseFile, db: Database) throws -> Identity? {
        guard let key = try caseKey(file.code, db: db),
              let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM case_identity WHERE case_code = ?", arguments: [file.code]) else {
            return nil
        }
        return try unseal(Identity.self, sealed, key: key, context: "identity:\(file.code)")
    }

    /// The step ids of the procedure.
    var stepIds: [String] { procedure.steps.map(\.id) }

    func procedureStep(_ id: String, scope: StepScope) throws -> ProcedureStep {
        guard let step = procedure.steps.first(where: { $0.id == id }) else {
            throw CaseworkError.unknownStep(id, known: stepIds)
        }
        guard step.scope == scope else { throw CaseworkError.wrongStepScope(step: id, scope: step.scope) }
        if id == "consent" {
            throw CaseworkError.invalidInput("Consent is recorded with: waymark referral consent REF --given-by self|guardian --scope basic,...")
        }
        return step
    }

    /// Records a case step (safety, screening, age, guardian, child's views, ...).
    ///
    /// The age step updates the profile (a disputed age makes the person a child); the
    /// screening step records the result, which never blocks a referral for assistance.
    public func recordCaseStep(_ code: String, step stepId: String, details given: StepDetails) throws {
        let who = try requireOperator()
        // A legal representative is recorded when there is one; no procedure owes it.
        if stepId != "legal-representative" { _ = try procedureStep(stepId, scope: .perCase) }
        let structured = try given.structured(step: stepId, now: now)
        let now = self.now
        try writer.write { db in
            var details = structured
            var file = try liveCase(code, db: db)
            var summary = StepDetails.summary(stepId, details)
            switch stepId {
            case "screening":
                guard let screening = details.screening else {
                    throw CaseworkError.invalidInput("The screening step needs the questionnaire's answers: --answers FILE.")
                }
                var checked = screening
                if let questionnaire = options.questionnaire {
                    let answers: ScreeningAnswers
                    do {
                        answers = try ScreeningAnswers(sheet: ScreeningAnswerSheet(set: screening.set, answers: screening.answers),
                                                       questionnaire: questionnaire)
                    } catch {
                        throw CaseworkError.invalidInput(String(describing: error))
                    }
                    if file.isChild && answers.set.audience != .child {
                        throw CaseworkError.invalidInput("Case \(file.code) is a child (or of disputed age): use the child-labour or child-sexual set.")
                    }
                    checked.result = answers.result(child: file.isChild)
                    checked.questionnaireVersion = questionnaire.version
                    checked.strengthsUnconfirmed = answers.set.strengthsUnconfirmed ? true : nil
                } else if ScreeningRule.isDeclined(checked.answers) {
                    checked.result = .declined
                }
                summary = "\(checked.set): \(checked.result.rawValue)"
                // Each set adds to the case's screening (a set asked again replaces its own earlier
                // answers); the strongest result of the sets stands for the case.
                let others = try screeningRecords(file.code, db: db).filter { $0.set != checked.set }
                file.screeningResult = screeningResult(of: others + [checked], child: file.isChild)?.rawValue
                details.screening = checked
            case "age":
                guard let age = details.age else {
                    throw CaseworkError.invalidInput("The age step needs the age: {\"basis\": \"stated|estimated|disputed\", \"years\": 16} or \"from\"/\"to\".")
                }
                var profile = try profile(of: file, db: db)
                age.apply(to: &profile)
                // A date of birth showing a child keeps the person a child, whatever is stated later.
                if let born = try identity(of: file, db: db)?.dateOfBirth, let years = Identity.years(bornOn: born, at: now), years < 18 {
                    profile.childByDateOfBirth(years: years)
                }
                let wasChild = file.isChild
                try setProfile(profile, on: &file, db: db)
                // A code and a band, never the exact age.
                summary = "\(age.basis.rawValue), \(AgeBand.of(profile))"
                // The combination rule differs for a child (no "means" needed): a screening
                // already recorded is read again under the new age.
                let screenings = try screeningRecords(file.code, db: db)
                if wasChild != file.isChild, !screenings.isEmpty, let questionnaire = options.questionnaire {
                    let askAgain = screenings.compactMap { questionnaire.set(id: $0.set) }.filter { ($0.audience == .child) != file.isChild }.map(\.id)
                    file.screeningResult = screeningResult(of: screenings, child: file.isChild)?.rawValue
                    if !askAgain.isEmpty {
                        summary += "; the screening was asked with the \(askAgain.joined(separator: " and ")) set"
                            + "\(askAgain.count == 1 ? "" : "s"): ask the \(file.isChild ? "child" : "adult") set again"
                    }
                }
            default:
                break
            }
            try file.update(db)
            try insertStep(stepId, case: file.code, referral: nil, summary: summary, details: details, by: who, at: now, db: db)
        }
    }

    /// The case's screening result: every set recorded, each read again under the rule for the
    /// person as they are now (child or adult), the strongest standing.
    func screeningResult(of records: [ScreeningRecord], child: Bool) -> ScreeningResult? {
        let results = records.map { record -> ScreeningResult in
            guard let set = options.questionnaire?.set(id: record.set) else { return record.result }
            return set.result(record.answers, child: child)
        }
        return ScreeningResult.strongest(results)
    }

    /// Inserts a step record, its details sealed under the case's key.
    func insertStep(_ stepId: String, case code: String, referral: String?, summary: String, details: StepDetails, by who: Operator,
                    at date: Date, db: Database) throws {
        guard let key = try caseKey(code, db: db) else { throw CaseworkError.damaged("case \(code) has no key") }
        try StepRow(id: nil, caseCode: code, referralId: referral, stepId: stepId, summary: summary,
                    sealedDetails: try seal(details, key: key, context: "step:\(code)"),
                    recordedBy: who.name, recordedByOrganization: who.organization, recordedAt: date).insert(db)
    }

    /// Records that routing found needs nobody could meet, or met only with a condition.
    public func recordNeeds(_ code: String, unmet: [String], conditional: [String]) throws {
        let now = self.now
        try writer.write { db in
            let file = try liveCase(code, db: db)
            for (kind, needs) in [("unmet", unmet), ("conditional", conditional)] {
                for need in Set(needs).sorted() {
                    let row = RecordedNeed(id: nil, caseCode: file.code, need: need, kind: kind, sex: file.sex, ageBand: file.ageBand, recordedAt: now)
                    try row.insert(db, onConflict: .ignore)
                }
            }
        }
    }

    /// Records an anonymous notification, for an adult who refuses consent to a referral: once per case.
    ///
    /// It carries no identifying field and not the case code: its own random id, nationality,
    /// where and when the exploitation took place (a region and a year), the exploitation types,
    /// sex and age band. The log records that the case was notified; the case stays as it is.
    public func notify(_ code: String, exploitedIn: String? = nil, exploitedYear: Int? = nil) throws -> AnonymousNotification {
        let who = try requireOperator()
        let now = self.now
        let place = exploitedIn?.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().nilIfEmpty
        // A code, never free text: an address or a name must not reach the notification.
        if let place, place.count > 12 || place.count < 2 || !place.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            || !(place.first?.isLetter ?? false) {
            throw CaseworkError.invalidInput("Where the exploitation took place: a region's P-code or a country code (e.g. XA01 or XB), never an address.")
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        if let exploitedYear, !(1950...year).contains(exploitedYear) {
            throw CaseworkError.invalidInput("The year the exploitation took place must be between 1950 and \(year).")
        }
        return try logged { db -> (AnonymousNotification, LogHead?) in
            var file = try liveCase(code, db: db)
            if file.isChild {
                throw CaseworkError.invalidInput("A child is not notified anonymously: a child is referred to child protection, "
                    + "which needs no consent and never waits for a guardian.")
            }
            if let at = file.notifiedAt {
                throw CaseworkError.invalidInput("Case \(file.code) was already notified anonymously on \(ISO8601DateFormatter().string(from: at).prefix(10)); "
                    + "a case is notified once.")
            }
            let id = "N-" + options.random.letters(8)
            file.notifiedAt = now
            file.notificationId = id
            try file.update(db)
            let profile = try profile(of: file, db: db)
            let notification = AnonymousNotification(notificationId: id, date: now, ageBand: file.ageBand, sex: file.sex,
                                                     nationality: profile.nationality, exploitedIn: place, exploitedYear: exploitedYear,
                                                     exploitation: profile.exploitation, notifiedBy: who)
            var entry = LogEntry(kind: "notification", at: now, caseCode: file.code, operator: who)
            entry.formHash = try notification.hash()
            return (notification, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Erases a case by destroying its key (crypto-shredding): its name, date of birth, contact,
    /// narrative, step details and forms can no longer be read; the log still verifies and the
    /// report still counts it.
    public func erase(_ code: String) throws {
        let who = try requireOperator()
        let now = self.now
        try logged { db -> ((), LogHead?) in
            var file = try liveCase(code, db: db)
            try db.execute(sql: "DELETE FROM case_key WHERE case_code = ?", arguments: [file.code])
            try db.execute(sql: "DELETE FROM case_identity WHERE case_code = ?", arguments: [file.code])
            try db.execute(sql: "UPDATE step_record SET sealed_details = NULL, summary = 'recorded' WHERE case_code = ?", arguments: [file.code])
            try db.execute(sql: "UPDATE consent SET interpreter_language = NULL, explained_in = NULL WHERE referral_id IN "
                + "(SELECT id FROM referral WHERE case_code = ?)", arguments: [file.code])
            try db.execute(sql: "UPDATE referral SET form_sealed = NULL, status_reason_sealed = NULL WHERE case_code = ?", arguments: [file.code])
            // Keep only what the report counts: sex, age band and region (already in their own columns).
            file.profile = ""
            file.profileSealed = nil
            file.erasedAt = now
            try file.update(db)
            return ((), try HandoffLog.append(LogEntry(kind: "erasure", at: now, caseCode: file.code, operator: who), db: db, keys: keys))
        }
    }
}
