import Crypto
import Foundation
import GRDB

/// MACs on the rows the gate, the form and the report rely on, under the integrity key.
///
/// Each row of the tables below carries `row_mac`: `"1:"` and HMAC-SHA256 over
/// `"waymark-row/1\n" + table + "\n" + primary key + "\n"` and the table's columns of that
/// version, each as `name=` and a typed, length-prefixed value. Without the passphrase nobody
/// can widen a consent, un-withdraw it, add a step, turn a child into an adult or send a
/// referral back to draft: the row no longer verifies and every reader refuses it (exit 5).
///
/// A migration that adds a column to one of these tables adds a version here and names the
/// column in its table's `added`; rows keep verifying under the version they carry, and a row
/// MAC'd under an earlier version verifies only while the columns added since are empty (a
/// value set outside Waymark in a newer column is not covered by the old MAC, so it is refused).
/// A row is MAC'd again, under the current version, whenever Waymark writes it.
enum RowIntegrity {
    /// The encoding version written now: 2 added the referral's decline reason, outcome and replaced referral.
    static let version = 2

    /// A table whose rows carry a MAC: its primary key and the columns the MAC covers.
    struct Table: Sendable {
        var name: String
        var primaryKey: String
        var columns: [String]
        /// What a person calls one of its rows, for messages ("consent C-…").
        var noun: String
        /// The columns added after version 1, with the version that added each.
        var added: [String: Int] = [:]

        /// The columns a MAC of `version` covers.
        func columns(version: Int) -> [String] { columns.filter { (added[$0] ?? 1) <= version } }

        /// The columns a MAC of `version` does not cover, which must be empty for it to verify.
        func newer(than version: Int) -> [String] { columns.filter { (added[$0] ?? 1) > version } }
    }

    static let caseFile = Table(name: "case_file", primaryKey: "code", columns: [
        "code", "opened_at", "opened_by", "opened_by_organization", "first_contact_at", "channel", "profile", "profile_sealed", "region",
        "sex", "age_band", "is_child", "screening_result", "notified_at", "notification_id", "erased_at",
    ], noun: "case")
    static let stepRecord = Table(name: "step_record", primaryKey: "id", columns: [
        "id", "case_code", "referral_id", "step_id", "summary", "sealed_details", "recorded_by", "recorded_by_organization", "recorded_at",
    ], noun: "step record")
    static let consent = Table(name: "consent", primaryKey: "id", columns: [
        "id", "referral_id", "given_by", "organization_id", "scopes", "interpreter_language", "explained", "explained_in",
        "languages_sealed", "obtained_by", "obtained_by_organization", "obtained_at", "withdrawn_at",
    ], noun: "consent")
    static let referral = Table(name: "referral", primaryKey: "id", columns: [
        "id", "case_code", "service_id", "service_name", "organization_id", "organization_name", "location_id", "service_types", "need",
        "purpose", "escort", "priority", "status", "status_reason_sealed", "created_at", "created_by", "created_by_organization", "sent_at",
        "acknowledged_at", "accepted_at", "declined_at", "service_started_at", "closed_at", "withdrawn_at", "service_snapshot",
        "form_sealed", "form_hash", "form_version", "handoff_seq", "handoff_mac", "decline_reason", "outcome", "replaces",
    ], noun: "referral", added: ["decline_reason": 2, "outcome": 2, "replaces": 2])
    static let recordedNeed = Table(name: "recorded_need", primaryKey: "id", columns: [
        "id", "case_code", "need", "kind", "sex", "age_band", "recorded_at",
    ], noun: "recorded need")

    static let decision = Table(name: "nrm_decision", primaryKey: "id", columns: [
        "id", "case_code", "stage", "outcome", "decided_by", "authority_type", "decided_on", "review_pending", "reference_sealed",
        "recorded_by", "recorded_by_organization", "recorded_at",
    ], noun: "decision")

    static let solution = Table(name: "durable_solution", primaryKey: "id", columns: [
        "id", "case_code", "kind", "reached_on", "voluntary", "best_interests", "recorded_by", "recorded_by_organization", "recorded_at",
    ], noun: "durable solution")

    static let trustedKey = Table(name: "trusted_key", primaryKey: "fingerprint", columns: [
        "fingerprint", "public_key", "name", "root", "added_at", "added_by", "removed_at",
    ], noun: "trusted key")

    static let trustSetting = Table(name: "trust_setting", primaryKey: "id", columns: ["id", "require", "changed_at", "changed_by"],
                                    noun: "trust setting")

    static let incomingReferral = Table(name: "incoming_referral", primaryKey: "referral_id", columns: [
        "referral_id", "envelope_id", "case_code", "from_organization_id", "from_organization_name", "receiving_organization_id",
        "service_id", "location_id", "sent_at", "received_at", "received_by", "status", "status_reason_sealed", "decline_reason", "outcome",
        "acknowledged_at", "accepted_at", "declined_at", "service_started_at", "closed_at", "withdrawn_at", "steps_done", "legal_basis",
        "form_sealed", "withdrawal_envelope_id", "withdrawal_outcome",
    ], noun: "incoming referral")

    static let feedback = Table(name: "referral_feedback", primaryKey: "envelope_id", columns: [
        "envelope_id", "referral_id", "from_organization_id", "status", "decline_reason", "outcome", "receiver_at", "imported_at",
        "status_at", "note", "imported_by",
    ], noun: "feedback envelope")

    static let account = Table(name: "account", primaryKey: "id", columns: [
        "id", "name", "kind", "role", "organization", "organization_id", "phone", "email", "public_key", "salt", "log2_n", "block_size",
        "parallelism", "private_key_sealed", "grant_sealed", "created_at", "created_by",
    ], noun: "account")

    /// Every table whose rows carry a MAC.
    static let tables = [caseFile, stepRecord, consent, referral, recordedNeed, decision, solution, trustedKey, trustSetting,
                         incomingReferral, feedback, account]

    static func table(named name: String) -> Table? { tables.first { $0.name == name } }

    /// The MAC a row should carry under `version` (the current one unless said).
    static func mac(of row: Row, in table: Table, key: SymmetricKey, version: Int = RowIntegrity.version) -> String {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Data("waymark-row/\(version)\n\(table.name)\n".utf8))
        hmac.update(data: canonical(row[table.primaryKey] as DatabaseValue))
        for column in table.columns(version: version) {
            hmac.update(data: Data("\n\(column)=".utf8))
            hmac.update(data: canonical(row[column] as DatabaseValue))
        }
        return "\(version):" + HandoffLog.hex(Data(hmac.finalize()))
    }

    /// A value as bytes no other value shares: a type letter, and a length for text and blobs.
    static func canonical(_ value: DatabaseValue) -> Data {
        switch value.storage {
        case .null: return Data("n".utf8)
        case .int64(let number): return Data("i\(number)".utf8)
        case .double(let number): return Data("r\(number.bitPattern)".utf8)
        case .string(let text): return Data("s\(text.utf8.count):".utf8) + Data(text.utf8)
        case .blob(let bytes): return Data("b\(bytes.count):".utf8) + bytes
        }
    }

    /// Why a row does not verify, naming it; nil when it does.
    static func problem(_ row: Row, in table: Table, key: SymmetricKey) -> String? {
        let stored: String? = row["row_mac"]
        guard let stored, verifies(stored, row: row, in: table, key: key) else {
            let key = row[table.primaryKey] as DatabaseValue
            let name = String.fromDatabaseValue(key) ?? Int64.fromDatabaseValue(key).map(String.init) ?? "?"
            let what = ["step_record", "recorded_need", "nrm_decision", "durable_solution"].contains(table.name)
                ? "\(table.noun) \(name) of case \((row["case_code"] as String?) ?? "?")" : "\(table.noun) \(name)"
            return stored == nil ? "\(what) has no integrity MAC: it was added outside Waymark"
                                 : "\(what) was changed outside Waymark (its integrity MAC does not match)"
        }
        return nil
    }

    /// Whether a stored MAC verifies under the version it carries, with the columns added since empty.
    static func verifies(_ stored: String, row: Row, in table: Table, key: SymmetricKey) -> Bool {
        guard let colon = stored.firstIndex(of: ":"), let carried = Int(stored[..<colon]), (1...version).contains(carried) else { return false }
        guard table.newer(than: carried).allSatisfy({ (row[$0] as DatabaseValue).isNull }) else { return false }
        return stored == mac(of: row, in: table, key: key, version: carried)
    }

    /// Writes the MAC of each row given by table and rowid (rows deleted since are skipped).
    static func stamp(_ rows: [(table: String, rowID: Int64)], db: Database, key: SymmetricKey) throws {
        for (name, rowID) in rows {
            guard let table = table(named: name),
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM \(name) WHERE rowid = ?", arguments: [rowID]) else { continue }
            try db.execute(sql: "UPDATE \(name) SET row_mac = ? WHERE rowid = ?", arguments: [mac(of: row, in: table, key: key), rowID])
        }
    }

    /// MACs every row of every table (the migration that adopts the integrity key); returns how many.
    static func stampAll(db: Database, key: SymmetricKey) throws -> Int {
        var count = 0
        for table in tables {
            let rowIDs = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table.name)")
            try stamp(rowIDs.map { (table.name, $0) }, db: db, key: key)
            count += rowIDs.count
        }
        return count
    }

    /// The first row of `table` matching `filter` that does not verify, as a sentence; nil when all do.
    static func firstProblem(in table: Table, filter: String = "1", arguments: StatementArguments = [], db: Database,
                             key: SymmetricKey) throws -> String? {
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: "SELECT * FROM \(table.name) WHERE \(filter)"), arguments: arguments)
        while let row = try rows.next() {
            if let problem = problem(row, in: table, key: key) { return problem }
        }
        return nil
    }

    /// Checks every row of one case: the case, its steps, referrals, their consents and answers, its recorded needs,
    /// decisions and solutions, and the incoming referral it was opened for.
    static func checkCase(_ code: String, db: Database, key: SymmetricKey) throws(CaseworkError) {
        let scoped: [(Table, String)] = [
            (caseFile, "code = ?"), (stepRecord, "case_code = ?"), (referral, "case_code = ?"),
            (consent, "referral_id IN (SELECT id FROM referral WHERE case_code = ?)"), (recordedNeed, "case_code = ?"),
            (decision, "case_code = ?"), (solution, "case_code = ?"), (incomingReferral, "case_code = ?"),
            (feedback, "referral_id IN (SELECT id FROM referral WHERE case_code = ?)"),
        ]
        do {
            for (table, filter) in scoped {
                if let problem = try firstProblem(in: table, filter: filter, arguments: [code], db: db, key: key) {
                    throw CaseworkError.rowDoesNotVerify(problem)
                }
            }
        } catch let error as CaseworkError {
            throw error
        } catch {
            throw .damaged("the rows of case \(code) cannot be read (\(error))")
        }
    }

    /// Checks every row of every table; returns the first problem.
    static func checkAll(db: Database, key: SymmetricKey) throws -> String? {
        for table in tables {
            if let problem = try firstProblem(in: table, db: db, key: key) { return problem }
        }
        return nil
    }
}

/// Collects the rows a transaction inserts or updates in the tables `RowIntegrity` covers, so
/// the store's writer can MAC them before the commit.
final class ChangedRows: TransactionObserver {
    private(set) var rows: [(table: String, rowID: Int64)] = []
    private var seen: Set<String> = []

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table), .update(let table, _): return RowIntegrity.table(named: table) != nil
        case .delete: return false
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        guard event.kind != .delete, seen.insert("\(event.tableName)#\(event.rowID)").inserted else { return }
        rows.append((event.tableName, event.rowID))
    }

    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}
