import Crypto
import Foundation
import GRDB

/// What an access log entry records.
public enum AccessKind: String, Sendable, CaseIterable {
    /// An unlock (its status counts the failed attempts before it).
    case unlock
    /// A case's identifying data opened.
    case identity
    /// A referral form printed, saved or sent.
    case formPrinted = "form-printed"
    case formSaved = "form-saved"
    case formSent = "form-sent"
    /// An export of data (the directory with its confidential addresses, a report file).
    case export
    /// A backup or restore of the home.
    case backup
    /// An account added, edited, given a new passphrase, or the recovery key made.
    case account
    /// The keys were replaced (an account's removal).
    case keyRotation = "key-rotation"
}

extension CaseStore {
    /// Appends an entry to the access log — who opened what, when — chained under the integrity
    /// key like the hand-off log, its head in `access-log.head` outside the database.
    ///
    /// The append checks first that the log ends where its head says and that its last entry
    /// verifies (the whole chain is walked by `verifyAccessLog`); it refuses to append onto a log
    /// that was cut or edited, as the hand-off log does.
    public func recordAccess(_ kind: AccessKind, case code: String? = nil, detail: String? = nil) throws {
        let now = self.now
        var entry = LogEntry(kind: kind.rawValue, at: now, caseCode: code ?? "-",
                             operator: account.asLogged)
        entry.status = detail
        try HomeLock.exclusive(in: home) {
            try checkAccessLogBeforeAppend()
            let head = try access.queue.write { db in try HandoffLog.append(entry, db: db, keys: keys, chain: .access) }
            try head.write(to: access.heads, keys: keys, chain: .access)
        }
    }

    /// Refuses unless the access log's last entry is the one its head records and its MAC verifies.
    func checkAccessLogBeforeAppend() throws {
        guard let head = try LogHead.read(from: access.heads, keys: keys, chain: .access) else {
            throw CaseworkError.logDoesNotVerify("the head file access-log.head is missing; a coordinator runs `waymark log repair`")
        }
        let problem = try access.queue.read { db -> String? in
            guard let last = try Row.fetchOne(db, sql: "SELECT seq, version, payload, mac FROM access_log ORDER BY seq DESC LIMIT 1") else {
                return head.count == 0 ? nil : "the access log is empty but its head records \(head.count) entries"
            }
            let seq: Int64 = last["seq"]
            guard seq == head.count, (last["mac"] as String) == head.lastMac else {
                return "the access log ends at entry \(seq) but its head records \(head.count)"
            }
            let previous = try String.fetchOne(db, sql: "SELECT mac FROM access_log WHERE seq = ?", arguments: [seq - 1]) ?? ""
            guard HandoffLog.expectedMac(seq: seq, version: last["version"], previous: previous, payload: last["payload"], keys: keys,
                                         chain: .access) == head.lastMac else {
                return "access log entry \(seq) does not match its MAC"
            }
            return nil
        }
        if let problem { throw CaseworkError.logDoesNotVerify(problem + "; nothing more is recorded until a coordinator runs `waymark log repair`") }
    }

    /// Re-walks the access log and its head, naming the first entry that does not match.
    public func verifyAccessLog() throws -> LogVerification {
        try permit(.verifyLogs)
        return try HomeLock.exclusive(in: home) {
            let walked = try access.queue.read { db in try HandoffLog.walk(from: .start, db: db, keys: keys, chain: .access) }
            switch walked {
            case .failure(let broken):
                return LogVerification(entries: Int(max(0, broken.at - 1)), problem: "access log: " + broken.reason, failedAt: broken.at)
            case .success(let (count, mac)):
                let head: LogHead?
                do {
                    head = try LogHead.read(from: access.heads, keys: keys, chain: .access)
                } catch CaseworkError.logDoesNotVerify(let reason) {
                    return LogVerification(entries: Int(count), problem: reason, failedAt: count)
                }
                guard let head else {
                    return LogVerification(entries: Int(count), problem: "the head file access-log.head is missing", failedAt: count)
                }
                guard head.count == count, head.lastMac == mac else {
                    return LogVerification(entries: Int(count), problem: "the access log has \(count) entries but its head records \(head.count)",
                                           failedAt: min(head.count, count) + 1)
                }
                return LogVerification(entries: Int(count), problem: nil, failedAt: nil)
            }
        }
    }

    /// Mends an access log whose end no longer matches its head (a cut tail, a missing head, a head
    /// left under a retired key by a crash), a coordinator's action: the head is written again at the
    /// log's verified end, and a `repair` entry chained onto it says what was found, so the gap stays
    /// on the record. A chain broken inside (an edited entry) is only reported. Returns a sentence.
    public func repairAccessLog() throws -> String {
        try permit(.repairLogs)
        return try HomeLock.exclusive(in: home) {
            if (try? checkAccessLogBeforeAppend()) != nil { return "The access log and its head agree: nothing to repair." }
            var found: String
            do {
                found = try LogHead.read(from: access.heads, keys: keys, chain: .access).map { "the head recorded \($0.count) entries" }
                    ?? "the head file was missing"
            } catch CaseworkError.logDoesNotVerify(let reason) {
                found = reason
            }
            let walked = try access.queue.read { db in try HandoffLog.walk(from: .start, db: db, keys: keys, chain: .access) }
            switch walked {
            case .failure(let broken):
                throw CaseworkError.logDoesNotVerify("access log: \(broken.reason): that cannot be repaired, only reported")
            case .success(let (count, _)):
                found += "; the log has \(count)"
            }
            var entry = LogEntry(kind: "repair", at: now, caseCode: "-", operator: account.asLogged)
            entry.status = found
            let head = try access.queue.write { db in try HandoffLog.append(entry, db: db, keys: keys, chain: .access) }
            try head.write(to: access.heads, keys: keys, chain: .access)
            return "The access log was repaired: \(found). A `repair` entry records it."
        }
    }

    /// The access log's entries, oldest first, optionally of one case (supervisors and coordinators).
    public func accessLog(case code: String? = nil) throws -> [LogEntry] {
        try permit(.readAccessLog)
        return try access.queue.read { db in
            let payloads = try String.fetchAll(db, sql: code == nil ? "SELECT payload FROM access_log ORDER BY seq"
                : "SELECT payload FROM access_log WHERE json_extract(payload, '$.case_code') = ? ORDER BY seq",
                arguments: code.map { [$0] } ?? [])
            return try payloads.map { try JSONDecoder.logEntries.decode(LogEntry.self, from: Data($0.utf8)) }
        }
    }
}

extension Operator {
    /// A worker as a log entry names them: an account's name is checked when it is set, so nothing is checked again here.
    init(account name: String, organization: String) {
        self.name = name
        self.organization = organization
    }
}
