import Foundation
import GRDB

/// What the hand-off log says the rows must be, checked against the rows.
///
/// A row MAC'd under the integrity key cannot be changed, but an *older* copy of it, with its
/// older valid MAC, could be put back: a consent from before its withdrawal, a referral from
/// before its hand-off, a case from before its erasure. The log is append-only and chained, so
/// its latest word on each row wins: every referral has the status of its latest entry (or is a
/// draft with none), one hand-off when sent, every consent the log withdrew is withdrawn, every
/// case or referral an entry names still exists (erasure keeps the row), an erased or notified
/// case is so in its row. For the exchange: every incoming referral has the status of its latest
/// `incoming`, `response` or `withdrawal` entry and the withdrawal outcome the log gave it, and
/// every applied answer (`feedback`) still has its row, so the same envelope cannot be applied twice.
struct LogConsistency {
    /// The latest status the log gives each referral, with its entry.
    private(set) var statuses: [String: (status: String, seq: Int64)] = [:]
    /// The hand-off entries of each referral.
    private(set) var handoffs: [String: [Int64]] = [:]
    /// Each referral's consent withdrawals: when, by which entry, naming which consent.
    private(set) var withdrawals: [String: [(at: Date, seq: Int64, consentId: String?)]] = [:]
    /// Consents a hand-off entry names.
    private(set) var handedOffConsents: [(consentId: String, seq: Int64)] = []
    /// The first entry naming each case, and each referral.
    private(set) var cases: [String: Int64] = [:]
    private(set) var referrals: [String: (caseCode: String, seq: Int64)] = [:]
    /// Cases the log erased or notified, with the entry.
    private(set) var erased: [String: Int64] = [:]
    private(set) var notified: [String: Int64] = [:]
    /// The latest status the log gives each incoming referral (by the sender's id), with its entry.
    private(set) var incoming: [String: (caseCode: String, status: String, seq: Int64)] = [:]
    /// The withdrawal notice each incoming referral had applied: its outcome, with the entry.
    private(set) var incomingWithdrawals: [String: (outcome: String?, seq: Int64)] = [:]
    /// The answers applied to outgoing referrals, by envelope id, with the entry.
    private(set) var feedback: [String: (referralId: String, seq: Int64)] = [:]

    /// The kinds that concern referrals received from elsewhere (named by the sender's id, not rows of `referral`).
    static let incomingKinds: Set<String> = ["incoming", "response", "withdrawal"]

    /// Reads the log's entries: all of them, or those of one case.
    init(db: Database, case code: String? = nil) throws {
        let rows: RowCursor
        if let code {
            rows = try Row.fetchCursor(db, sql: "SELECT seq, payload FROM handoff_log WHERE payload LIKE ? ORDER BY seq",
                                       arguments: ["%\"case_code\":\"\(code)\"%"])
        } else {
            rows = try Row.fetchCursor(db, sql: "SELECT seq, payload FROM handoff_log ORDER BY seq")
        }
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let payload: String = row[1]
            guard let entry = try? JSONDecoder.logEntries.decode(LogEntry.self, from: Data(payload.utf8)) else {
                throw CaseworkError.logDoesNotVerify("entry \(seq) cannot be read")
            }
            add(entry, seq: seq)
        }
    }

    private mutating func add(_ entry: LogEntry, seq: Int64) {
        guard entry.caseCode != "-" else { return }
        if cases[entry.caseCode] == nil { cases[entry.caseCode] = seq }
        switch entry.kind {
        case "erasure": erased[entry.caseCode] = seq
        case "notification": notified[entry.caseCode] = seq
        default: break
        }
        guard let id = entry.referralId else { return }
        if Self.incomingKinds.contains(entry.kind) {
            if let status = entry.status { incoming[id] = (entry.caseCode, status, seq) }
            if entry.kind == "withdrawal" { incomingWithdrawals[id] = (entry.withdrawalOutcome, seq) }
            return
        }
        if entry.kind == "feedback", let envelope = entry.envelopeId { feedback[envelope] = (id, seq) }
        if referrals[id] == nil { referrals[id] = (entry.caseCode, seq) }
        if let status = entry.status { statuses[id] = (status, seq) }
        switch entry.kind {
        case "handoff":
            handoffs[id, default: []].append(seq)
            if let consent = entry.consentId { handedOffConsents.append((consent, seq)) }
        case "consent-withdrawn":
            withdrawals[id, default: []].append((entry.at, seq, entry.consentId))
        default:
            break
        }
    }

    /// The first row that does not match the log, as a sentence with the entry it concerns; nil when all do.
    func firstProblem(db: Database, case code: String? = nil) throws -> (String, Int64)? {
        let scope: (String, StatementArguments) = code.map { (" WHERE code = ?", [$0]) } ?? ("", [])
        var present: Set<String> = []
        for row in try Row.fetchAll(db, sql: "SELECT code, erased_at, notified_at FROM case_file" + scope.0, arguments: scope.1) {
            let code: String = row["code"]
            present.insert(code)
            if let seq = erased[code], (row["erased_at"] as Date?) == nil {
                return ("case \(code) does not match the log: entry \(seq) erased it, but its row is whole again (an older copy was put back)", seq)
            }
            if let seq = notified[code], (row["notified_at"] as Date?) == nil {
                return ("case \(code) does not match the log: entry \(seq) records its anonymous notification, but its row has none", seq)
            }
        }
        for (name, seq) in cases.sorted(by: { $0.value < $1.value }) where !present.contains(name) && (code == nil || code == name) {
            return ("log entry \(seq) names case \(name), which is gone from the store, and no erasure was logged", seq)
        }
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM handoff_log") ?? 0
        var referralIds: Set<String> = []
        let referralScope = code.map { (" WHERE case_code = ?", StatementArguments([$0])) } ?? ("", [])
        for referral in try Referral.fetchAll(db, sql: "SELECT * FROM referral" + referralScope.0 + " ORDER BY id", arguments: referralScope.1) {
            referralIds.insert(referral.id)
            if let problem = try referralProblem(referral, lastEntry: last, db: db) { return problem }
        }
        for (id, first) in referrals.sorted(by: { $0.value.seq < $1.value.seq }) where !referralIds.contains(id) && (code == nil || code == first.caseCode) {
            return ("log entry \(first.seq) names referral \(id), which is gone from the store", first.seq)
        }
        if let problem = try incomingProblem(db: db, case: code, lastEntry: last) { return problem }
        if code == nil {
            let applied = Set(try String.fetchAll(db, sql: "SELECT envelope_id FROM referral_feedback"))
            if let (envelope, logged) = feedback.sorted(by: { $0.value.seq < $1.value.seq }).first(where: { !applied.contains($0.key) }) {
                return ("log entry \(logged.seq) applies the answer in envelope \(envelope) to referral \(logged.referralId), "
                    + "whose record is gone from the store", logged.seq)
            }
            let consentIds = Set(try String.fetchAll(db, sql: "SELECT id FROM consent"))
            if let missing = handedOffConsents.first(where: { !consentIds.contains($0.consentId) }) {
                return ("log entry \(missing.seq) hands off under consent \(missing.consentId), which is gone from the store", missing.seq)
            }
        }
        return nil
    }

    /// The first incoming referral that does not match the log (or an entry naming one that is gone); nil when all do.
    private func incomingProblem(db: Database, case code: String?, lastEntry: Int64) throws -> (String, Int64)? {
        let scope = code.map { (" WHERE case_code = ?", StatementArguments([$0])) } ?? ("", [])
        var present: Set<String> = []
        for row in try Row.fetchAll(db, sql: "SELECT referral_id, status, withdrawal_outcome FROM incoming_referral" + scope.0
                                    + " ORDER BY referral_id", arguments: scope.1) {
            let id: String = row["referral_id"]
            let status: String = row["status"]
            let outcome: String? = row["withdrawal_outcome"]
            present.insert(id)
            guard let logged = incoming[id] else {
                return ("incoming referral \(id) is in the store but the log has no entry receiving it", lastEntry)
            }
            if logged.status != status {
                return ("incoming referral \(id) does not match the log: entry \(logged.seq) makes it \(logged.status), its row says \(status)",
                        logged.seq)
            }
            if let withdrawal = incomingWithdrawals[id], withdrawal.outcome != outcome {
                return ("incoming referral \(id) does not match the log: entry \(withdrawal.seq) applied its withdrawal notice, "
                    + "its row says \(outcome ?? "none was")", withdrawal.seq)
            }
        }
        for (id, logged) in incoming.sorted(by: { $0.value.seq < $1.value.seq })
        where !present.contains(id) && (code == nil || code == logged.caseCode) {
            return ("log entry \(logged.seq) names incoming referral \(id), which is gone from the store", logged.seq)
        }
        return nil
    }

    private func referralProblem(_ referral: Referral, lastEntry: Int64, db: Database) throws -> (String, Int64)? {
        // A sent referral points at its one hand-off entry, within the log: a log cut back (and an
        // older head file put back) leaves referrals pointing past it.
        let entries = handoffs[referral.id] ?? []
        if let seq = referral.handoffSeq {
            if seq > lastEntry {
                return ("referral \(referral.id) points at log entry \(seq), past the log's \(lastEntry) entries: the log was cut back", seq)
            }
            if try String.fetchOne(try db.cachedStatement(sql: "SELECT mac FROM handoff_log WHERE seq = ?"), arguments: [seq]) != referral.handoffMac {
                return ("referral \(referral.id) points at log entry \(seq), which is another entry: the log or the referral was replaced", seq)
            }
        }
        // Referrals sent before positions were kept are checked by their entries alone.
        if entries.count > 1 { return ("referral \(referral.id) has \(entries.count) hand-off entries", entries[1]) }
        if entries.isEmpty && referral.sentAt != nil {
            return ("referral \(referral.id) is \(referral.status) but the log has no hand-off for it", lastEntry)
        }
        if let logged = statuses[referral.id] {
            if logged.status != referral.status.rawValue {
                return ("referral \(referral.id) does not match the log: entry \(logged.seq) makes it \(logged.status), its row says \(referral.status)",
                        logged.seq)
            }
        } else if referral.status != .draft {
            return ("referral \(referral.id) is \(referral.status) but the log has no entry for it", lastEntry)
        }
        for withdrawal in withdrawals[referral.id] ?? [] {
            // Every consent the entry names, or obtained before it, is withdrawn.
            let rows = try Row.fetchAll(try db.cachedStatement(sql: "SELECT id, obtained_at, withdrawn_at FROM consent WHERE referral_id = ?"),
                                        arguments: [referral.id])
            for row in rows where (row["withdrawn_at"] as Date?) == nil {
                let id: String = row["id"]
                let obtained: Date = row["obtained_at"]
                if id == withdrawal.consentId || obtained < withdrawal.at {
                    return ("consent \(id) does not match the log: entry \(withdrawal.seq) withdrew it, its row says it is in force", withdrawal.seq)
                }
            }
        }
        return nil
    }
}
