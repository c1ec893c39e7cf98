@testable import Casework
import Foundation
import Testing
import TestSupport

@Suite("The hand-off log: partial rollback, healing, no append onto a broken chain")
struct LogHardeningTests {
    /// Two adult referrals handed off; returns the fixture and the referral ids.
    func twoHandoffs() throws -> (CaseworkFixture, [String], Data) {
        let fixture = try CaseworkFixture()
        let (_, first) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(first.id)), directory: fixture.directory)
        let headAfterFirst = try Data(contentsOf: fixture.home.appendingPathComponent("handoff-log.head"))
        let (_, second) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(second.id)), directory: fixture.directory)
        return (fixture, [first.id, second.id], headAfterFirst)
    }

    @Test("Deleting the last entries and putting back an older head is caught: a referral points past the log")
    func partialRollback() throws {
        let (fixture, ids, olderHead) = try twoHandoffs()
        try fixture.sqlite("DELETE FROM handoff_log WHERE seq = 2")
        try olderHead.write(to: fixture.home.appendingPathComponent("handoff-log.head"))
        let result = try fixture.store.verifyLog()
        #expect(!result.verifies)
        #expect(result.problem?.contains("referral \(ids[1]) points at log entry 2, past the log's 1 entries") == true, "\(result.problem ?? "")")
    }

    @Test("A head left behind by two crashes between commit and head write is healed by the next append, and by log repair")
    func healing() throws {
        let (fixture, ids, olderHead) = try twoHandoffs()
        let headFile = fixture.home.appendingPathComponent("handoff-log.head")
        // Two crashes: the entries committed, the head still says 1.
        try olderHead.write(to: headFile)
        #expect(try fixture.store.repairLog().contains("the head now records 2"))
        try olderHead.write(to: headFile)
        _ = try fixture.store.update(ids[0], to: .acknowledged)
        #expect(try fixture.store.verifyLog().verifies)
        #expect(try fixture.store.logHead().count == 3)
    }

    @Test("After an entry is edited, appends refuse (exit 5 in the CLI): at once for the last entry, and for any entry once verify found it")
    func noAppendOntoBrokenChain() throws {
        let (fixture, ids, _) = try twoHandoffs()
        try fixture.sqlite("UPDATE handoff_log SET payload = replace(payload, 'Ana Responder', 'Ana Someone') WHERE seq = 2")
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(ids[0], to: .acknowledged) }
        let (other, otherIds, _) = try twoHandoffs()
        try other.sqlite("UPDATE handoff_log SET payload = replace(payload, 'Ana Responder', 'Ana Someone') WHERE seq = 1")
        #expect(try !other.store.verifyLog().verifies)
        do {
            _ = try other.store.update(otherIds[1], to: .acknowledged)
            Issue.record("appended onto a chain verify had found broken")
        } catch CaseworkError.logDoesNotVerify(let reason) {
            #expect(reason.contains("entry 1"))
        }
        // Moving the checkpoint without the key is caught too.
        try other.sqlite("UPDATE log_checkpoint SET broken_at = NULL")
        #expect(throws: CaseworkError.self) { _ = try other.store.update(otherIds[1], to: .acknowledged) }
    }
}
