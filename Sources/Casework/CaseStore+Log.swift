import Crypto
import Foundation
import GRDB

extension CaseStore {
    /// Runs a transaction that appends to the hand-off log, then writes the log's head file —
    /// all under an exclusive lock on the home, so two processes never write heads out of order.
    /// The chain is checked first (`checkLogBeforeAppend`), and the checkpoint moves to the new
    /// head in the same transaction as the entries.
    ///
    /// Check, append and head are one step for every other process: the lock is released only
    /// after the head is written, and every append to the log takes it, so the next process's check
    /// always finds the head of the last commit (`ConcurrentHomeTests` runs four at once).
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
        try head?.write(to: heads, keys: keys)
        return value
    }

    /// Adopts the integrity key of a store made before it had one: on the first unlock after the
    /// upgrade, in one transaction, the key is stored (wrapped under the data key), every row is
    /// MAC'd, and the switch is chained onto the log as a `migration` entry — the first entry of
    /// log version 2. Returns the key the store holds (another process may have adopted one first).
    func adoptIntegrityKey(_ candidate: SymmetricKey) throws -> SymmetricKey {
        let who: Operator? = try? account.asOperator()
        let now = self.now
        return try HomeLock.exclusive(in: home) {
            if let stored = try writer.read({ db in try Self.keyring(db)?.wrappedIntegrityKey }) {
                return try IntegrityKey.unwrap(stored, dataKey: try keys.dataKey)
            }
            let wrapped = try IntegrityKey.wrap(candidate, dataKey: try keys.dataKey)
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

    /// Refuses to append to a log that does not verify: never papers over a log cut short, an
    /// edited entry or a chain `log verify` found broken.
    ///
    /// The chain is walked from the last verified position (the checkpoint; from the start for a
    /// store that has none yet). A log ahead of its head by entries that chain — the trace of a
    /// crash between the commit and the head's write — is healed: the head is rewritten first.
    func checkLogBeforeAppend() throws {
        guard let head = try LogHead.read(from: heads, keys: keys) else {
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
            try LogHead(count: count, lastMac: lastMac).write(to: heads, keys: keys)
        }
    }

    /// Re-walks the hand-off log and its head, naming the first entry that does not match.
    ///
    /// Catches an edited entry (its MAC), a deleted or reordered one (the numbering and the
    /// chain), and a log cut short (the head file). A head one entry behind is the trace of a
    /// crash between the commit and the head's write; it is repaired, since only the key's
    /// holder could have written a matching entry.
    public func verifyLog() throws -> LogVerification {
        try HomeLock.exclusive(in: home) {
            var result = try verifyChainAndHead()
            let chainBroken = !result.verifies
            if result.verifies, let problem = try crossCheckRows() { result = LogVerification(entries: result.entries, problem: problem.0, failedAt: problem.1) }
            // Remember the outcome under the log key: appends start from a verified position, and
            // refuse once the chain was found broken.
            let head = try writer.read { db in
                try Row.fetchOne(db, sql: "SELECT seq, mac FROM handoff_log ORDER BY seq DESC LIMIT 1").map { ($0[0] as Int64, $0[1] as String) }
            }
            try writer.write { db in
                if result.verifies {
                    try LogCheckpoint(seq: head?.0 ?? 0, mac: head?.1 ?? "", brokenAt: nil).write(db, keys: keys)
                } else if chainBroken, let at = result.failedAt {
                    // A broken chain stops appends; a row that does not match is refused where it is read.
                    var checkpoint = try LogCheckpoint.read(db, keys: keys) ?? .start
                    checkpoint.brokenAt = at
                    try checkpoint.write(db, keys: keys)
                }
            }
            return result
        }
    }

    /// Every row verifies under the integrity key, and matches what the log says of it
    /// (`LogConsistency`). Returns the first problem, with the entry it concerns.
    private func crossCheckRows() throws -> (String, Int64)? {
        try writer.read { db in
            guard let rowKey = keys.rowKey else { return ("the integrity key is missing", 0) }
            if let problem = try RowIntegrity.checkAll(db: db, key: rowKey) { return (problem, 0) }
            return try LogConsistency(db: db).firstProblem(db: db)
        }
    }

    private func verifyChainAndHead() throws -> LogVerification {
        let walked = try writer.read { db in try HandoffLog.walk(from: .start, db: db, keys: keys) }
        let count: Int64, previous: String
        switch walked {
        case .failure(let broken):
            return LogVerification(entries: Int(max(0, broken.at - 1)), problem: broken.reason, failedAt: broken.at)
        case .success(let end):
            (count, previous) = end
        }
        let checked = Int(count)
        var head: LogHead?
        do {
            head = try LogHead.read(from: heads, keys: keys)
        } catch {
            guard case .logDoesNotVerify(let reason) = error else { throw error }
            return LogVerification(entries: checked, problem: reason, failedAt: count)
        }
        switch head {
        case nil:
            return LogVerification(entries: checked, problem: "the head file handoff-log.head is missing, so a cut-short log cannot be ruled out",
                                   failedAt: count)
        case let head?:
            if let problem = try writer.read({ db in try head.versionProblem(db) }) {
                return LogVerification(entries: checked, problem: problem, failedAt: head.count)
            }
            if head.count > count {
                return LogVerification(entries: checked, problem: "the log ends at entry \(count) but its head records \(head.count) entries: "
                                           + "entry \(count + 1)\(head.count > count + 1 ? " onwards" : "") was removed", failedAt: count + 1)
            }
            if head.count == count {
                guard head.lastMac == previous else {
                    return LogVerification(entries: checked, problem: "entry \(count) is not the entry the head file recorded", failedAt: count)
                }
                return LogVerification(entries: checked, problem: nil, failedAt: nil)
            }
            let macBefore = try writer.read { db in try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = ?", arguments: [count - 1]) }
            if head.count == count - 1, (macBefore ?? "") == head.lastMac {
                try LogHead(count: count, lastMac: previous).write(to: heads, keys: keys)
                return LogVerification(entries: checked, problem: nil, failedAt: nil)
            }
            return LogVerification(entries: checked, problem: "the head file records \(head.count) entries but the log has \(count)",
                                   failedAt: head.count + 1)
        }
    }

    /// The log's entries, oldest first (they carry no identifying data).
    public func logEntries() throws -> [LogEntry] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM handoff_log ORDER BY seq").map {
                try JSONDecoder.logEntries.decode(LogEntry.self, from: Data($0.utf8))
            }
        }
    }

    /// The log's head as it stands: how many entries and the last MAC — the figures to write down
    /// or pass on, since a restore of the whole home from an older copy cannot be seen offline.
    public func logHead() throws -> (count: Int64, lastMac: String) {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, mac FROM handoff_log ORDER BY seq DESC LIMIT 1").map { ($0[0], $0[1]) } ?? (0, "")
        }
    }

    /// Repairs what verifies and nothing else: a head file behind entries whose chain verifies is
    /// rewritten. Returns what was found and done, in a sentence; throws when the chain itself
    /// does not verify (nothing is changed then).
    public func repairLog() throws -> String {
        try HomeLock.exclusive(in: home) {
            let head = try LogHead.read(from: heads, keys: keys)
            let walked = try writer.read { db in try HandoffLog.walk(from: .start, db: db, keys: keys) }
            switch walked {
            case .failure(let broken):
                throw CaseworkError.logDoesNotVerify("\(broken.reason): that cannot be repaired, only reported")
            case .success(let (count, mac)):
                if let head, head.count == count && head.lastMac == mac { return "The log and its head agree (\(count) entries): nothing to repair." }
                if let head, head.count > count {
                    throw CaseworkError.logDoesNotVerify("the head records \(head.count) entries but the log has \(count): entries were removed, which cannot be repaired")
                }
                try LogHead(count: count, lastMac: mac).write(to: heads, keys: keys)
                try writer.write { db in try LogCheckpoint(seq: count, mac: mac, brokenAt: nil).write(db, keys: keys) }
                return "The head recorded \(head.map { "\($0.count)" } ?? "nothing") but \(count) entries chain and verify: the head now records \(count)."
            }
        }
    }
}

extension JSONDecoder {
    /// Reads log entries (ISO 8601 dates).
    static let logEntries: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension CaseStore {
    /// Appends `count` synthetic status entries through the real chain, in one transaction, so
    /// that `bench casework` can time `log verify` over a long log. Not for real stores.
    @_spi(Benchmarks)
    public func appendSyntheticLogEntries(_ count: Int) throws {
        // Nothing to append: the head stays as it is (writing an empty head would cut the log).
        guard count > 0 else { return }
        let who = try requireOperator()
        let now = self.now
        try logged { db -> ((), LogHead?) in
            var head = LogHead.empty
            for index in 0..<count {
                // Naming no case or referral: `log verify` would rightly report a case that is not in the store.
                var entry = LogEntry(kind: "bench", at: now, caseCode: "-", operator: who)
                entry.status = "synthetic-\(index)"
                head = try HandoffLog.append(entry, db: db, keys: keys)
            }
            return ((), head)
        }
    }
}
