@testable import Casework
import Crypto
import Foundation
import GRDB
import SOP
import TestSupport
import Testing

/// The attacks of the hardening review, each reproduced with sqlite3 on `cases.sqlite` (write
/// access, no passphrase): every one went through before rows carried MACs.
@Suite("Rows the gate trusts cannot be changed, added or put back without the passphrase")
struct RowIntegrityTests {
    /// Expects `body` to be refused because a row does not verify, with `needle` in the reason.
    func expectRefused(_ needle: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("went through: \(needle)", sourceLocation: sourceLocation)
        } catch CaseworkError.rowDoesNotVerify(let reason) {
            #expect(reason.contains(needle), "\(reason)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("refused for another reason: \(error)", sourceLocation: sourceLocation)
        }
    }

    func expectVerifyReports(_ fixture: CaseworkFixture, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try fixture.store.verifyLog()
        #expect(!result.verifies, sourceLocation: sourceLocation)
        #expect(result.problem?.contains(needle) == true, "\(result.problem ?? "verifies")", sourceLocation: sourceLocation)
    }

    /// The values of one row, as SQL literals by column, to put back later (what a restore of an older copy does).
    func snapshot(_ fixture: CaseworkFixture, _ table: String, where filter: String) throws -> String {
        let queue = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
        defer { try? queue.close() }
        return try queue.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE \(filter)"))
            let sets = row.columnNames.map { name -> String in
                let value = row[name] as DatabaseValue
                switch value.storage {
                case .null: return "\(name) = NULL"
                case .int64(let number): return "\(name) = \(number)"
                case .double(let number): return "\(name) = \(number)"
                case .string(let text): return "\(name) = '\(text.replacingOccurrences(of: "'", with: "''"))'"
                case .blob(let bytes): return "\(name) = X'\(bytes.map { String(format: "%02x", $0) }.joined())'"
                }
            }
            return "UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE \(filter)"
        }
    }

    @Test("Widening a consent's scopes to add contact is refused: no form, no hand-off; log verify names the consent")
    func widenedConsent() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral(scopes: [.basic])
        try fixture.sqlite("UPDATE consent SET scopes = 'basic,contact' WHERE referral_id = '\(referral.id)'")
        expectRefused("consent C-") { _ = try fixture.store.form(referral.id) }
        expectRefused("was changed outside Waymark") { _ = try fixture.store.clear(referral.id, directory: fixture.directory) }
        try expectVerifyReports(fixture, "consent C-")
    }

    @Test("A withdrawn consent set back in force is refused")
    func unwithdrawnConsent() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        try fixture.store.withdrawConsent(referral.id)
        try fixture.sqlite("UPDATE consent SET withdrawn_at = NULL WHERE referral_id = '\(referral.id)'")
        expectRefused("consent C-") { _ = try fixture.store.clear(referral.id, directory: fixture.directory) }
    }

    @Test("A step record inserted outside Waymark (a risk step) is refused")
    func insertedStep() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.completeCaseSteps(code)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                        directory: fixture.directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases),
                                          explainedIn: "ro")
        try fixture.sqlite("""
            INSERT INTO step_record (case_code, referral_id, step_id, summary, recorded_by, recorded_by_organization, recorded_at)
            VALUES ('\(code.rawValue)', '\(referral.id)', 'risk', 'recorded', 'Ana', 'Linia Verde', '2026-01-15 10:00:00.000')
            """)
        expectRefused("has no integrity MAC: it was added outside Waymark") { _ = try fixture.store.clear(referral.id, directory: fixture.directory) }
        try expectVerifyReports(fixture, "step record")
    }

    @Test("A 16-year-old's case made adult with is_child = 0 is refused")
    func childMadeAdult() throws {
        let fixture = try CaseworkFixture()
        var girl = CaseworkFixture.girl
        girl.age = .exact(16)
        let code = try fixture.store.openCase(profile: girl)
        try fixture.completeCaseSteps(code, child: true)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship, need: "child-protection",
                                                        escort: false, directory: fixture.directory)
        try fixture.sqlite("UPDATE case_file SET is_child = 0 WHERE code = '\(code.rawValue)'")
        expectRefused("case \(code.rawValue)") { _ = try fixture.store.gate(referral.id) }
        expectRefused("case \(code.rawValue)") { _ = try fixture.store.summary(code.rawValue) }
    }

    @Test("A case key deleted outside Waymark does not make a child a person of no known age")
    func deletedCaseKey() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        try fixture.sqlite("DELETE FROM case_key WHERE case_code = '\(code.rawValue)'")
        expectRefused("the key of case \(code.rawValue) is gone, but the case was not erased") { _ = try fixture.store.profile(of: code.rawValue) }
    }

    @Test("A sent referral set back to draft cannot be handed off again; a forged status does not reach referrals or the report")
    func referralStatus() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory)
        try fixture.sqlite("UPDATE referral SET status = 'draft', sent_at = NULL WHERE id = '\(referral.id)'")
        expectRefused("referral \(referral.id)") { _ = try fixture.store.clear(referral.id, directory: fixture.directory) }
        try fixture.sqlite("UPDATE referral SET status = 'accepted' WHERE id = '\(referral.id)'")
        expectRefused("referral \(referral.id)") { _ = try fixture.store.referrals() }
        expectRefused("referral \(referral.id)") { _ = try fixture.store.report() }
    }

    @Test("Rows put back from an older copy, with their older valid MACs, are refused by name: they do not match the log")
    func olderRowsPutBack() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        let consentInForce = try snapshot(fixture, "consent", where: "referral_id = '\(referral.id)'")
        let draft = try snapshot(fixture, "referral", where: "id = '\(referral.id)'")
        try fixture.store.withdrawConsent(referral.id)
        try fixture.sqlite(consentInForce)
        expectRefused("does not match the log: entry 1 withdrew it") { _ = try fixture.store.clear(referral.id, directory: fixture.directory) }
        try expectVerifyReports(fixture, "consent C-")

        let other = try CaseworkFixture()
        let (_, sent) = try other.readyAdultReferral()
        let unsent = try snapshot(other, "referral", where: "id = '\(sent.id)'")
        _ = try other.store.handoff(try #require(try other.clearance(sent.id)), directory: other.directory)
        try other.sqlite(unsent)
        expectRefused("referral \(sent.id) does not match the log: entry 1 makes it sent, its row says draft") {
            _ = try other.store.clear(sent.id, directory: other.directory)
        }
        try expectVerifyReports(other, "referral \(sent.id)")
        #expect(!draft.isEmpty)
    }

    @Test("A case deleted with all its rows is reported by log verify: its log entries name a case that is gone")
    func deletedCase() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory)
        try fixture.sqlite("""
            PRAGMA foreign_keys = OFF;
            DELETE FROM consent WHERE referral_id = '\(referral.id)'; DELETE FROM step_record WHERE case_code = '\(code.rawValue)';
            DELETE FROM referral WHERE case_code = '\(code.rawValue)'; DELETE FROM case_key WHERE case_code = '\(code.rawValue)';
            DELETE FROM case_identity WHERE case_code = '\(code.rawValue)'; DELETE FROM case_file WHERE code = '\(code.rawValue)';
            """)
        try expectVerifyReports(fixture, "log entry 1 names case \(code.rawValue), which is gone from the store, and no erasure was logged")
    }

    @Test("An erased case still verifies: its rows are MAC'd again as erasure changes them")
    func erasureKeepsVerifying() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory)
        try fixture.store.erase(code.rawValue)
        #expect(try fixture.store.verifyLog().verifies)
        #expect(try fixture.store.report().cases.value == 1)
    }

    @Test("A status Waymark does not know is an error naming the referral, never read as a plausible one")
    func unknownStatus() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        try fixture.sqlite("UPDATE referral SET status = 'sentt' WHERE id = '\(referral.id)'")
        expectRefused("referral \(referral.id)") { _ = try fixture.store.referral(referral.id) }
        // Even a damaged value that carries a valid MAC (a fault of Waymark's own) is not taken for a draft.
        try fixture.writeAsEarlierVersion("UPDATE referral SET status = 'sentt' WHERE id = '\(referral.id)'")
        do {
            let read = try fixture.store.referral(referral.id)
            Issue.record("read as \(read.status)")
        } catch {
            #expect(String(describing: error).contains(referral.id), "\(error)")
        }
        // A need that is not a service type is an error too, not a code that matches no service.
        try fixture.writeAsEarlierVersion("UPDATE referral SET status = 'draft', need = 'shelter.emergncy' WHERE id = '\(referral.id)'")
        #expect(throws: (any Error).self) { _ = try fixture.store.referral(referral.id) }
    }

    @Test("Each MAC'd table's column list is exactly its columns: a new column needs a new MAC version")
    func columnLists() throws {
        let fixture = try CaseworkFixture()
        try fixture.store.writer.read { db in
            for table in RowIntegrity.tables {
                let columns = try db.columns(in: table.name).map(\.name).filter { $0 != "row_mac" }
                #expect(Set(columns) == Set(table.columns), "\(table.name)")
                #expect(columns.count == table.columns.count, "\(table.name)")
            }
        }
    }

    @Test("Every column added after version 1 is named with the version that added it, and that version is at most the current one")
    func addedColumnsVersioned() {
        for table in RowIntegrity.tables {
            for (column, version) in table.added {
                #expect(table.columns.contains(column), "\(table.name).\(column)")
                #expect(version > 1 && version <= RowIntegrity.version, "\(table.name).\(column)")
            }
        }
        #expect(RowIntegrity.referral.added.keys.sorted() == ["decline_reason", "outcome", "replaces"])
    }

    @Test("A row MAC'd under version 1 verifies while the columns added since are empty, and not once one is set; version 2 covers them")
    func olderVersionCoversOnlyItsColumns() {
        let key = SymmetricKey(size: .bits256)
        let table = RowIntegrity.referral
        var values: [String: (any DatabaseValueConvertible)?] = Dictionary(uniqueKeysWithValues: table.columns.map { ($0, nil) })
        values["id"] = "R-ABCDEFGH"
        values["status"] = "sent"
        let clean = Row(values)
        let v1 = RowIntegrity.mac(of: clean, in: table, key: key, version: 1)
        #expect(v1.hasPrefix("1:"))
        #expect(RowIntegrity.verifies(v1, row: clean, in: table, key: key))
        values["decline_reason"] = "no-show"
        let forged = Row(values)
        #expect(!RowIntegrity.verifies(v1, row: forged, in: table, key: key), "a v1 MAC does not cover a reason set since")
        let v2 = RowIntegrity.mac(of: forged, in: table, key: key)
        #expect(v2.hasPrefix("2:") && RowIntegrity.verifies(v2, row: forged, in: table, key: key))
        #expect(!RowIntegrity.verifies("3:" + v2.dropFirst(2), row: forged, in: table, key: key), "a version from the future")
    }

    @Test("A value's canonical bytes differ by type and length: '1' is not 1, 'ab'+'c' is not 'a'+'bc'")
    func canonical() {
        #expect(RowIntegrity.canonical("1".databaseValue) != RowIntegrity.canonical(1.databaseValue))
        #expect(RowIntegrity.canonical(.null) != RowIntegrity.canonical("".databaseValue))
        #expect(RowIntegrity.canonical("ab".databaseValue) + RowIntegrity.canonical("c".databaseValue)
            != RowIntegrity.canonical("a".databaseValue) + RowIntegrity.canonical("bc".databaseValue))
    }
}

@Suite("A store made before the integrity key adopts it on the first unlock")
struct IntegrityMigrationTests {
    /// A copy of the committed store made by the version before the integrity key.
    func oldStore() throws -> URL {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/store-v7")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-v7-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in ["cases.sqlite", "handoff-log.head", "operator.json"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: home.appendingPathComponent(name))
        }
        return home
    }

    func open(_ home: URL) throws -> CaseStore {
        try CaseStore.open(home: home, passphrase: "a long test passphrase", options: .init(newKeyParameters: .cheapForTests))
    }

    @Test("Every row is MAC'd in one transaction logged as migration, the first entry of log version 2; the old entries still verify")
    func adoption() throws {
        let home = try oldStore()
        let before = try DatabaseQueue(path: CaseStore.file(in: home).path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM handoff_log") ?? 0
        }
        #expect(before == 6)
        let store = try open(home)
        let entries = try store.logEntries()
        // The switch to the integrity key, then the move to accounts: each its own migration entry.
        #expect(entries.count == 8)
        let switchEntry = try #require(entries.dropLast().last)
        #expect(switchEntry.kind == "migration")
        #expect(switchEntry.status == "integrity-key:20", "\(switchEntry.status ?? "")")
        #expect(entries.last?.kind == "migration" && entries.last?.status == "accounts:1")
        let versions = try store.writer.read { db in try Int.fetchAll(db, sql: "SELECT version FROM handoff_log ORDER BY seq") }
        #expect(versions == [1, 1, 1, 1, 1, 1, 2, 2])
        for table in RowIntegrity.tables {
            let unsigned = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name) WHERE row_mac IS NULL") }
            #expect(unsigned == 0, "\(table.name)")
        }
        #expect(try store.verifyLog().verifies)
        #expect(try String(contentsOf: home.appendingPathComponent("handoff-log.head"), encoding: .utf8).contains("\"version\":2"))
        // Nothing more on the next unlock; the rows it MAC'd are guarded from now on.
        let again = try open(home)
        #expect(try again.logEntries().count == 8)
        #expect(try again.referrals().count == 3)
        // The move to accounts: operator.json became the first account, a coordinator, opened by the same passphrase;
        // the file is gone (it no longer says who anyone is), and every case still opens.
        #expect(again.account.name == "Ana Popescu" && again.account.role == .coordinator && again.account.organization == "Linia Verde")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("operator.json").path))
        let files = try again.cases()
        #expect(!files.isEmpty)
        for file in files where file.erasedAt == nil { _ = try again.summary(file.code) }
        #expect(try again.verifyAccessLog().verifies)
        let queue = try DatabaseQueue(path: CaseStore.file(in: home).path)
        try queue.write { db in try db.execute(sql: "UPDATE case_file SET is_child = 0 WHERE code = 'WM-TG9E-57AC'") }
        try queue.close()
        #expect(throws: CaseworkError.self) { _ = try again.summary("WM-TG9E-57AC") }
        #expect(try !again.verifyLog().verifies)
    }

    @Test("After the switch, an entry chained under the old key, or a head signed with it, is refused")
    func noOldKeyAfterSwitch() throws {
        let home = try oldStore()
        let store = try open(home)
        let oldKeys = UnlockedKeys(dataKey: try store.keys.dataKey)
        try store.writer.write { db in
            var entry = LogEntry(kind: "status", at: Date(), caseCode: "WM-B7HW-2QE9", operator: try Operator(name: "X", organization: "Y"),
                                 referralId: "R-M2A9YAYX")
            entry.status = "acknowledged"
            _ = try HandoffLog.append(entry, db: db, keys: oldKeys)
        }
        let result = try store.verifyLog()
        #expect(result.problem?.contains("entry 9 uses the old log key after the switch") == true, "\(result.problem ?? "verifies")")

        let other = try oldStore()
        let migrated = try open(other)
        try LogHead(count: 7, lastMac: try migrated.writer.read { db in try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = 7") ?? "" })
            .write(to: FileLogHeadStore(home: other), keys: migrated.keys)
        // A head one entry behind is the trace of a crash between a commit and the head's write: verify heals it.
        #expect(try migrated.verifyLog().verifies)
        // One signed under the version 1 key, from before the switch, is not.
        try LogHead(count: 6, lastMac: try migrated.writer.read { db in try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = 6") ?? "" })
            .write(to: FileLogHeadStore(home: other), keys: UnlockedKeys(dataKey: try migrated.keys.dataKey))
        #expect(try !migrated.verifyLog().verifies)
    }
}
