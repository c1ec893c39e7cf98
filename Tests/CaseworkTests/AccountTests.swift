import Crypto
import Foundation
import GRDB
import Testing
@testable import Casework
import TestSupport

/// Accounts: a slot per worker, roles that hold outside Waymark, removal that replaces every key.
@Suite("Accounts, roles and key rotation")
struct AccountTests {
    static let responderPassphrase = "a responder's passphrase"
    static let supervisorPassphrase = "a supervisor's passphrase"

    func open(_ fixture: CaseworkFixture, _ name: String, _ passphrase: String) throws -> CaseStore {
        try CaseStore.open(home: fixture.home, account: name, passphrase: passphrase, options: .init(clock: fixture.clock, newKeyParameters: .cheapForTests))
    }

    /// A home with a coordinator (the fixture's), a responder and a supervisor, and one handed-off referral.
    func team() throws -> (CaseworkFixture, CaseCode) {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory)
        _ = try fixture.store.addAccount(name: "Ion", role: .responder, organization: "Linia Verde", passphrase: Self.responderPassphrase)
        _ = try fixture.store.addAccount(name: "Sue", role: .supervisor, organization: "NRM Office", passphrase: Self.supervisorPassphrase)
        return (fixture, code)
    }

    @Test("The first account is a coordinator; a second account makes the home ask which one, naming them")
    func firstAccount() throws {
        let (fixture, _) = try team()
        #expect(fixture.store.account.role == .coordinator)
        #expect(throws: CaseworkError.self) { _ = try fixture.reopen() }
        let named = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(named.account.name == "Ana Responder")
        #expect(throws: CaseworkError.wrongPassphrase) { _ = try open(fixture, "Ion", CaseworkFixture.passphrase) }
        #expect(Set(try fixture.store.accounts().map(\.name)) == ["Ana Responder", "Ion", "Sue"])
    }

    @Test("A responder works cases but may not edit the directory, erase, trust, or add accounts: each refusal names the role")
    func responderRefusals() throws {
        let (fixture, code) = try team()
        let ion = try open(fixture, "Ion", Self.responderPassphrase)
        #expect(try ion.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(throws: CaseworkError.roleRequired(.editDirectory, has: .responder)) { _ = try ion.authorize(.editDirectory) }
        #expect(throws: CaseworkError.roleRequired(.eraseCase, has: .responder)) { try ion.erase(code.rawValue) }
        #expect(throws: CaseworkError.roleRequired(.accounts, has: .responder)) {
            _ = try ion.addAccount(name: "X", role: .coordinator, passphrase: "another long passphrase")
        }
        #expect(throws: CaseworkError.roleRequired(.trust, has: .responder)) { try ion.setTrustRequired(true) }
        #expect(CaseworkError.roleRequired(.editDirectory, has: .responder).description.contains("you need to be a coordinator"))
    }

    @Test("A supervisor reads the report and verifies both logs; identifying data is refused, and its slot holds no data key at all")
    func supervisor() throws {
        let (fixture, code) = try team()
        let sue = try open(fixture, "Sue", Self.supervisorPassphrase)
        #expect(try sue.report().referrals.value >= 1)
        #expect(try sue.verifyLog().verifies)
        #expect(try sue.verifyAccessLog().verifies)
        #expect(throws: CaseworkError.roleRequired(.readIdentifyingData, has: .supervisor)) { _ = try sue.identity(code.rawValue) }
        #expect(throws: CaseworkError.self) { _ = try sue.form(try #require(try fixture.store.referrals().first).id) }
        // Outside Waymark: the slot opened with the supervisor's passphrase grants the integrity key and nothing else.
        let row = try #require(try fixture.store.writer.read { db in try AccountRow.fetchOne(db, name: "Sue") })
        let privateKey = try row.keys.open(accountId: row.account.id, secret: Self.supervisorPassphrase)
        let grant = try AccountKeys.openGrant(row.grantSealed, privateKey: privateKey, accountId: row.account.id, role: .supervisor)
        #expect(grant.data == nil && grant.coordinator == nil)
        // Relabelling the row as a coordinator's (even with a valid MAC) opens no grant.
        #expect(throws: CaseworkError.self) {
            _ = try AccountKeys.openGrant(row.grantSealed, privateKey: privateKey, accountId: row.account.id, role: .coordinator)
        }
    }

    @Test("A removed account's slot, copied before, opens nothing written after; its old integrity key forges nothing that verifies")
    func removal() throws {
        let (fixture, code) = try team()
        let ion = try open(fixture, "Ion", Self.responderPassphrase)
        // What Ion could take away before removal: the whole store file, and with his passphrase his old keys.
        let copy = try Data(contentsOf: CaseStore.file(in: fixture.home))
        let oldKeys = ion.keys
        try fixture.store.removeAccount(named: "Ion")
        #expect(throws: CaseworkError.self) { _ = try open(fixture, "Ion", Self.responderPassphrase) }
        // The coordinator goes on; everything written before opens, and the chain verifies across the rotation.
        let ana = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(try ana.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try ana.verifyLog().verifies)
        #expect(try ana.verifyAccessLog().verifies)
        let kinds = try ana.logEntries().suffix(2).map(\.kind)
        #expect(kinds == ["key-rotation", "account"])
        // Written after: an identity change under the new case key.
        try ana.identify(code.rawValue, identity: Identity(name: "Written After"))
        // Ion's old slot, put back into today's store file, opens his old grant of old keys: they open no case key now.
        let now = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
        let wrapped = try #require(try now.read { db in try Data.fetchOne(db, sql: "SELECT wrapped_key FROM case_key WHERE case_code = ?", arguments: [code.rawValue]) })
        #expect(throws: (any Error).self) { _ = try Sealing.open(wrapped, key: try oldKeys.dataKey, context: Data("case-key:\(code.rawValue)".utf8)) }
        try copy.write(to: fixture.home.appendingPathComponent("old-copy.sqlite"))
        let oldWrapped = try #require(try DatabaseQueue(path: fixture.home.appendingPathComponent("old-copy.sqlite").path).read { db in
            try Data.fetchOne(db, sql: "SELECT wrapped_key FROM case_key WHERE case_code = ?", arguments: [code.rawValue])
        })
        let oldCaseKey = SymmetricKey(data: try Sealing.open(oldWrapped, key: try oldKeys.dataKey, context: Data("case-key:\(code.rawValue)".utf8)))
        let identityNow = try #require(try now.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM case_identity WHERE case_code = ?", arguments: [code.rawValue]) })
        #expect(throws: (any Error).self) { _ = try Sealing.open(identityNow, key: oldCaseKey, context: Data("identity:\(code.rawValue)".utf8)) }
        // A forged entry appended under the old integrity key, with a head signed by it, does not verify.
        try now.write { db in
            var entry = LogEntry(kind: "status", at: Date(), caseCode: code.rawValue, operator: try Operator(name: "Ion", organization: "Linia Verde"))
            entry.status = "closed"
            _ = try HandoffLog.append(entry, db: db, keys: oldKeys)
        }
        let last = try now.read { db in try #require(try Row.fetchOne(db, sql: "SELECT seq, mac FROM handoff_log ORDER BY seq DESC LIMIT 1")) }
        try LogHead(count: last["seq"], lastMac: last["mac"]).write(to: FileLogHeadStore(home: fixture.home), keys: oldKeys)
        let checked = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(try !checked.verifyLog().verifies)
    }

    @Test("After a removal every sealed value of a case still opens: the override reason in the log (under the case's old key), the form")
    func sealedValuesAfterRemoval() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                                        priority: .emergency, directory: fixture.directory)
        let handoff = try fixture.store.handoff(try #require(try fixture.clearance(referral.id, override: "Caller in immediate danger")),
                                                directory: fixture.directory)
        _ = try fixture.store.addAccount(name: "Ion", role: .responder, passphrase: Self.responderPassphrase)
        try fixture.store.removeAccount(named: "Ion")
        let after = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(try after.overrideReason(of: handoff.entry) == "Caller in immediate danger")
        #expect(try after.form(referral.id, directory: fixture.directory) == handoff.form)
    }

    @Test("rotate-keys replaces every key removing nobody: the old data key opens no case key, every account still opens")
    func rotateKeys() throws {
        let (fixture, code) = try team()
        let before = fixture.store.keys
        try fixture.store.rotateKeys()
        let ana = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        let ion = try open(fixture, "Ion", Self.responderPassphrase)
        #expect(try ion.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try ana.verifyLog().verifies && ana.verifyAccessLog().verifies)
        let wrapped = try #require(try ana.writer.read { db in try Data.fetchOne(db, sql: "SELECT wrapped_key FROM case_key WHERE case_code = ?", arguments: [code.rawValue]) })
        #expect(throws: (any Error).self) { _ = try Sealing.open(wrapped, key: try before.dataKey, context: Data("case-key:\(code.rawValue)".utf8)) }
        #expect(try ana.logEntries().last?.status == "keys-rotated")
    }

    @Test("A process holding the keys from before a removal is refused its next write, not allowed to MAC rows nobody can verify")
    func staleProcess() throws {
        let (fixture, code) = try team()
        let before = try open(fixture, "Ion", Self.responderPassphrase)
        let other = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        try other.removeAccount(named: "Sue")
        #expect(throws: CaseworkError.keysReplaced) {
            try before.identify(code.rawValue, identity: Identity(name: "Late"))
        }
    }

    @Test("The recovery key gives a coordinator's account a new passphrase when every passphrase is lost; after a removal too")
    func recovery() throws {
        let (fixture, code) = try team()
        let key = try fixture.store.makeRecoveryKey()
        #expect(key.count == 29 && key.split(separator: "-").count == 5)
        try fixture.store.removeAccount(named: "Ion")
        let recovering = try CaseStore.open(home: fixture.home, account: Account.recoveryName, passphrase: RecoveryKey.normalized(key.lowercased()),
                                            options: .init(clock: fixture.clock, newKeyParameters: .cheapForTests))
        try recovering.resetPassphrase(of: "Ana Responder", to: "a brand new passphrase")
        #expect(throws: CaseworkError.wrongPassphrase) { _ = try open(fixture, "Ana Responder", CaseworkFixture.passphrase) }
        let ana = try open(fixture, "Ana Responder", "a brand new passphrase")
        #expect(try ana.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try ana.accessLog().contains { $0.kind == "account" && $0.status == "passphrase-reset:Ana Responder" })
    }

    @Test("The access log records the unlock and each opening of identifying data, and catches an edited row")
    func accessLog() throws {
        let (fixture, code) = try team()
        _ = try fixture.store.identity(code.rawValue)
        let entries = try fixture.store.accessLog(case: code.rawValue)
        #expect(entries.contains { $0.kind == "identity" && $0.operatorName == "Ana Responder" })
        #expect(try fixture.store.accessLog().contains { $0.kind == "unlock" })
        #expect(try fixture.store.verifyAccessLog().verifies)
        let access = try DatabaseQueue(path: AccessLogStore.file(in: fixture.home).path)
        try access.write { db in
            try db.execute(sql: "UPDATE access_log SET payload = replace(payload, 'Ana Responder', 'Someone Else') WHERE seq = 1")
        }
        let result = try fixture.store.verifyAccessLog()
        #expect(!result.verifies)
        #expect(result.problem?.contains("entry 1") == true, "\(result.problem ?? "")")
        // Cutting the last entry off is caught at the next append: the head records one more.
        try access.write { db in try db.execute(sql: "UPDATE access_log SET payload = replace(payload, 'Someone Else', 'Ana Responder') WHERE seq = 1") }
        #expect(try fixture.store.verifyAccessLog().verifies)
        try access.write { db in try db.execute(sql: "DELETE FROM access_log WHERE seq = (SELECT MAX(seq) FROM access_log)") }
        let next = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(next.unlockReport.accessLogProblem?.contains("its head records") == true, "\(next.unlockReport.messages)")
    }

    @Test("A responder who relabels their own row as a coordinator's, grant and MAC forged with the keys they hold, still acts as a responder")
    func roleFromKeys() throws {
        let (fixture, _) = try team()
        let ion = try open(fixture, "Ion", Self.responderPassphrase)
        let granted = try #require(ion.keys.granted)
        let row = try #require(try ion.writer.read { db in try AccountRow.fetchOne(db, name: "Ion") })
        let forged = try AccountKeys.grant(granted, to: row.keys.publicKey, accountId: row.account.id, role: .coordinator)
        try ion.writer.write { db in
            try db.execute(sql: "UPDATE account SET role = 'coordinator', grant_sealed = ? WHERE id = ?", arguments: [forged, row.account.id])
        }
        let relabelled = try open(fixture, "Ion", Self.responderPassphrase)
        #expect(relabelled.account.role == .coordinator, "the row says so")
        #expect(relabelled.role == .responder, "the keys say otherwise")
        #expect(throws: CaseworkError.roleRequired(.eraseCase, has: .responder)) { try relabelled.erase("WM-AAAA-AAAA") }
    }

    @Test("A supervisor opening a case is told the role it needs, not that the store is damaged; stale keys are refused on reads too")
    func supervisorCaseAndStaleReads() throws {
        let (fixture, code) = try team()
        let sue = try open(fixture, "Sue", Self.supervisorPassphrase)
        #expect(throws: CaseworkError.roleRequired(.workCases, has: .supervisor)) { _ = try sue.summary(code.rawValue) }
        try fixture.store.removeAccount(named: "Ion")
        #expect(throws: CaseworkError.keysReplaced) { _ = try sue.report() }
    }

    @Test("An access log cut at its end does not lock anyone out: the unlock says so, identifying data stays closed until a coordinator repairs it")
    func accessLogRepair() throws {
        let (fixture, code) = try team()
        let access = try DatabaseQueue(path: AccessLogStore.file(in: fixture.home).path)
        try access.write { db in try db.execute(sql: "DELETE FROM access_log WHERE seq = (SELECT MAX(seq) FROM access_log)") }
        let sue = try open(fixture, "Sue", Self.supervisorPassphrase)
        #expect(sue.unlockReport.messages.contains { $0.contains("The access log does not verify") })
        #expect(try sue.verifyLog().verifies, "the hand-off log is not the access log")
        #expect(try !sue.verifyAccessLog().verifies)
        #expect(throws: CaseworkError.roleRequired(.repairLogs, has: .supervisor)) { _ = try sue.repairAccessLog() }
        let ana = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(throws: CaseworkError.self) { _ = try ana.identity(code.rawValue) }
        let repaired = try ana.repairAccessLog()
        #expect(repaired.contains("repaired"), "\(repaired)")
        #expect(try ana.verifyAccessLog().verifies)
        #expect(try ana.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try ana.accessLog().contains { $0.kind == "repair" })
        #expect(try ana.repairAccessLog().contains("nothing to repair"))
    }

    @Test("Failed unlocks are reported at the next unlock with the accounts they tried")
    func failedUnlocks() throws {
        let (fixture, _) = try team()
        #expect(throws: CaseworkError.wrongPassphrase) { _ = try open(fixture, "Ion", "not ion's passphrase") }
        #expect(throws: (any Error).self) { _ = try open(fixture, "Nobody", "whatever it is") }
        let ana = try open(fixture, "Ana Responder", CaseworkFixture.passphrase)
        #expect(ana.unlockReport.failedAttempts == 2)
        #expect(ana.unlockReport.messages.first?.contains("accounts tried: ?Nobody, Ion") == true, "\(ana.unlockReport.messages)")
        #expect(try ana.accessLog().last { $0.kind == "unlock" }?.status?.contains("tried: Ion, ?Nobody") == true)
    }
}
