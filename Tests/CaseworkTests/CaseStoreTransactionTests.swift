@testable import Casework
import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// How the case store's transactions take SQLite's locks, so that several processes on one home wait
/// for each other instead of failing with "database is locked".
@Suite("Case store transactions")
struct CaseStoreTransactionTests {
    @Test("Every transaction that writes cases.sqlite begins IMMEDIATE: a case, its steps, consent, a hand-off, log verify")
    func writesBeginImmediate() throws {
        let fixture = try CaseworkFixture()
        let statements = LockBox<[String]>([])
        try fixture.store.writer.queue.writeWithoutTransaction { db in
            db.trace { event in statements.withLock { $0.append(String(describing: event)) } }
        }
        let (_, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        #expect(try fixture.store.verifyLog().verifies)

        var begun: String?
        var writes = 0
        for statement in statements.value {
            let upper = statement.uppercased().trimmingCharacters(in: .whitespaces)
            if upper.hasPrefix("BEGIN") { begun = upper }
            if upper.hasPrefix("COMMIT") || upper.hasPrefix("ROLLBACK") { begun = nil }
            if ["INSERT", "UPDATE", "DELETE", "REPLACE"].contains(where: upper.hasPrefix) {
                writes += 1
                #expect(begun == "BEGIN IMMEDIATE TRANSACTION", "\(statement) ran in \(begun ?? "no transaction")")
            }
        }
        #expect(writes > 10)
    }

    @Test("A read-only look at the store (is there a passphrase?) waits for another connection's write instead of failing")
    func readOnlyWaits() throws {
        let fixture = try CaseworkFixture()
        #expect(CaseStore.readOnlyConfiguration().readonly)
        if case .timeout(let seconds) = CaseStore.readOnlyConfiguration().busyMode {
            #expect(seconds >= 10)
        } else {
            Issue.record("the read-only configuration fails at once on a lock")
        }
        // Another connection holds the write lock for a moment (as another process's commit does).
        let other = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
        let released = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        Thread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                holding.signal()
                Thread.sleep(forTimeInterval: 0.3)
                try db.execute(sql: "COMMIT")
            }
            released.signal()
        }.start()
        holding.wait()
        #expect(CaseStore.hasPassphrase(home: fixture.home), "the read gave up on the lock")
        released.wait()
    }
}
