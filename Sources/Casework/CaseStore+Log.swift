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
        try HomeLock.exclusive(in: home) { try verifyLogLocked() }
    }

    private func verifyLogLocked() throws -> LogVerification {
        let key = keys.logKey
        var checked = 0
        var previous = ""
        var expected: Int64 = 1
        var problem: (String, Int64)?
        let rows = try writer.read { db in try Row.fetchCursor(db, sql: "SELECT seq, version, payload, mac FROM handoff_log ORDER BY seq")
            .map { row -> (Int64, Int, String, String) in (row[0], row[1], row[2], row[3]) }.reduce(into: [(Int64, Int, String, String)]()) { $0.append($1) }
        }
        for (seq, version, payload, mac) in rows {
            if seq != expected {
                problem = seq > expected
                    ? ("entry \(expected) is missing (the log jumps from \(expected - 1) to \(seq))", expected)
                    : ("entry \(seq) is out of order (expected \(expected))", seq)
                break
            }
            guard version == HandoffLog.version else {
                problem = ("entry \(seq) has an unknown encoding version \(version)", seq)
                break
            }
            let computed = HandoffLog.mac(seq: seq, previous: previous, payload: payload, key: key)
            guard computed == mac else {
                problem = ("entry \(seq) does not match its MAC: it was changed, or moved from another place", seq)
                break
            }
            previous = mac
            checked += 1
            expected += 1
        }
        if let problem { return LogVerification(entries: checked, problem: problem.0, failedAt: problem.1) }
        let count = Int64(checked)
        let actual = LogHead(count: count, lastMac: previous)
        let head: LogHead?
        do {
            head = try LogHead.read(in: home, key: key)
        } catch CaseworkError.logDoesNotVerify(let reason) {
            return LogVerification(entries: checked, problem: reason, failedAt: count)
        }
        switch head {
        case nil:
            return LogVerification(entries: checked, problem: "the head file handoff-log.head is missing, so a cut-short log cannot be ruled out",
                                   failedAt: count)
        case let head?:
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
            if head.count == count - 1, try lastMacBefore(count) == head.lastMac {
                try actual.write(in: home, key: key)
                return LogVerification(entries: checked, problem: nil, failedAt: nil)
            }
            return LogVerification(entries: checked, problem: "the head file records \(head.count) entries but the log has \(count)",
                                   failedAt: head.count + 1)
        }
    }

    private func lastMacBefore(_ count: Int64) throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = ?", arguments: [count - 1]) } ?? ""
    }

    /// The log's entries, oldest first (they carry no identifying data).
    public func logEntries() throws -> [LogEntry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try writer.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM handoff_log ORDER BY seq").map {
                try decoder.decode(LogEntry.self, from: Data($0.utf8))
            }
        }
    }
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
                var entry = LogEntry(kind: "status", at: now, caseCode: "WM-2222-2222", operator: who, referralId: "R-BENCH\(index)")
                entry.status = "acknowledged"
                head = try HandoffLog.append(entry, db: db, key: keys.logKey)
            }
            return ((), head)
        }
    }
}
