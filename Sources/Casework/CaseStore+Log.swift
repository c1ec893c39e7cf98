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
            if result.verifies, let problem = try crossCheckReferrals() { result = LogVerification(entries: result.entries, problem: problem.0, failedAt: problem.1) }
            // Remember the outcome under the log key: appends start from a verified position, and
            // refuse once the chain was found broken.
            let head = try writer.read { db in
                try Row.fetchOne(db, sql: "SELECT seq, mac FROM handoff_log ORDER BY seq DESC LIMIT 1").map { ($0[0] as Int64, $0[1] as String) }
            }
            try writer.write { db in
                if result.verifies {
                    try LogCheckpoint(seq: head?.0 ?? 0, mac: head?.1 ?? "", brokenAt: nil).write(db, key: keys.logKey)
                } else if let at = result.failedAt {
                    var checkpoint = try LogCheckpoint.read(db, key: keys.logKey) ?? .start
                    checkpoint.brokenAt = at
                    try checkpoint.write(db, key: keys.logKey)
                }
            }
            return result
        }
    }

    /// Every referral sent or further has exactly one hand-off entry, at the position and with the
    /// MAC it recorded, within the head: a log cut back (and an older head file put back) leaves
    /// referrals pointing past it. Returns the first problem, with the entry it concerns.
    private func crossCheckReferrals() throws -> (String, Int64)? {
        try writer.read { db in
            var handoffs: [String: [Int64]] = [:]
            var macs: [Int64: String] = [:]
            var count: Int64 = 0
            for row in try Row.fetchAll(db, sql: "SELECT seq, payload, mac FROM handoff_log ORDER BY seq") {
                let seq: Int64 = row[0]
                count = seq
                macs[seq] = row[2]
                let payload: String = row[1]
                guard payload.contains("\"kind\":\"handoff\""),
                      let entry = try? JSONDecoder.logEntries.decode(LogEntry.self, from: Data(payload.utf8)), let id = entry.referralId else { continue }
                handoffs[id, default: []].append(seq)
            }
            for referral in try Referral.filter(sql: "status != 'draft'").order(Column("id")).fetchAll(db) {
                let entries = handoffs[referral.id] ?? []
                if let seq = referral.handoffSeq {
                    if seq > count {
                        return ("referral \(referral.id) points at log entry \(seq), past the log's \(count) entries: the log was cut back", seq)
                    }
                    if macs[seq] != referral.handoffMac {
                        return ("referral \(referral.id) points at log entry \(seq), which is another entry: the log or the referral was replaced", seq)
                    }
                }
                // Referrals sent before positions were kept, and withdrawn drafts, are checked by their entries alone.
                if entries.count > 1 { return ("referral \(referral.id) has \(entries.count) hand-off entries", entries[1]) }
                if entries.isEmpty && referral.sentAt != nil {
                    return ("referral \(referral.id) is \(referral.status) but the log has no hand-off for it", count)
                }
            }
            return nil
        }
    }

    private func verifyChainAndHead() throws -> LogVerification {
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
            let head = try LogHead.read(in: home, key: keys.logKey)
            let walked = try writer.read { db in try HandoffLog.walk(from: .start, db: db, key: keys.logKey) }
            switch walked {
            case .failure(let broken):
                throw CaseworkError.logDoesNotVerify("\(broken.reason): that cannot be repaired, only reported")
            case .success(let (count, mac)):
                if let head, head.count == count && head.lastMac == mac { return "The log and its head agree (\(count) entries): nothing to repair." }
                if let head, head.count > count {
                    throw CaseworkError.logDoesNotVerify("the head records \(head.count) entries but the log has \(count): entries were removed, which cannot be repaired")
                }
                try LogHead(count: count, lastMac: mac).write(in: home, key: keys.logKey)
                try writer.write { db in try LogCheckpoint(seq: count, mac: mac, brokenAt: nil).write(db, key: keys.logKey) }
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
                var entry = LogEntry(kind: "status", at: now, caseCode: "WM-2222-2222", operator: who, referralId: "R-BENCH\(index)")
                entry.status = "acknowledged"
                head = try HandoffLog.append(entry, db: db, key: keys.logKey)
            }
            return ((), head)
        }
    }
}
