import Foundation
import GRDB

extension CaseStore {
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
            head = try LogHead.read(in: home, keys: keys)
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
                try LogHead(count: count, lastMac: previous).write(in: home, keys: keys)
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
            let head = try LogHead.read(in: home, keys: keys)
            let walked = try writer.read { db in try HandoffLog.walk(from: .start, db: db, keys: keys) }
            switch walked {
            case .failure(let broken):
                throw CaseworkError.logDoesNotVerify("\(broken.reason): that cannot be repaired, only reported")
            case .success(let (count, mac)):
                if let head, head.count == count && head.lastMac == mac { return "The log and its head agree (\(count) entries): nothing to repair." }
                if let head, head.count > count {
                    throw CaseworkError.logDoesNotVerify("the head records \(head.count) entries but the log has \(count): entries were removed, which cannot be repaired")
                }
                try LogHead(count: count, lastMac: mac).write(in: home, keys: keys)
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
