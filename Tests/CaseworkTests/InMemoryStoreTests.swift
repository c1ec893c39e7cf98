@testable import Casework
import Foundation
import SOP
import TestSupport
import Testing

@Suite("The case store opened in memory behaves as on disk, and writes no store file")
struct InMemoryStoreTests {
    @Test("A referral handed off in memory: the form, the log and its head verify; tampering is caught the same way; no cases.sqlite")
    func handoffInMemory() throws {
        let fixture = try CaseworkFixture(inMemory: true)
        let (code, referral) = try fixture.readyAdultReferral()
        let handoff = try fixture.store.handoff(try #require(try fixture.clearance(referral.id)), directory: fixture.directory)
        #expect(handoff.sequence == 1)
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        #expect(try fixture.store.verifyLog().verifies)
        #expect(try fixture.store.summary(code.rawValue).referrals.first?.status == .acknowledged)
        #expect(!FileManager.default.fileExists(atPath: CaseStore.file(in: fixture.home).path))
        #expect(!FileManager.default.fileExists(atPath: fixture.home.appendingPathComponent("handoff-log.head").path))
        // The same row check as on disk.
        try fixture.store.writer.queue.write { db in
            try db.execute(sql: "UPDATE consent SET scopes = 'basic,contact,narrative' WHERE referral_id = ?", arguments: [referral.id])
        }
        #expect(try !fixture.store.verifyLog().verifies)
    }
}
