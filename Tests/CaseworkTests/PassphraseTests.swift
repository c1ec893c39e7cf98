import Directory
import Foundation
import GRDB
import Testing
@testable import Casework
import TestSupport

/// Records the waits the unlock asked for, instead of waiting.
struct RecordingSleeper: Sleeper {
    private let recorded = LockBox<[Double]>([])

    func sleep(seconds: Double) { recorded.withLock { $0.append(seconds) } }

    /// The waits asked for so far, in order.
    var waits: [Double] { recorded.value }
}

@Suite("Passphrases: the rule, changing it, the delay after wrong guesses, the minimum cost")
struct PassphraseTests {
    static func newHome() -> URL {
        TemporaryHome.url("waymark-passphrase")
    }

    func keyringCost(_ home: URL) throws -> ScryptParameters {
        let queue = try DatabaseQueue(path: CaseStore.file(in: home).path)
        return try queue.read { db in try #require(try AccountRow.fetchAll(db).first).keys.parameters }
    }

    @Test("A new store refuses a passphrase under 8 characters, and creates nothing")
    func shortPassphraseForNewStore() throws {
        let home = Self.newHome()
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(throws: CaseworkError.passphraseTooShort(minimum: 8)) {
            _ = try CaseStore.open(home: home, passphrase: "seven77", options: .init(newKeyParameters: .cheapForTests))
        }
        #expect(!FileManager.default.fileExists(atPath: CaseStore.file(in: home).path))
        #expect(PassphraseRule.problem("seven77")?.contains("at least 8 characters") == true)
        #expect(PassphraseRule.problem("eight888") == nil)
        _ = try CaseStore.open(home: home, passphrase: "eight888", options: .init(newKeyParameters: .cheapForTests))
    }

    @Test("A store made before the rule keeps opening with its short passphrase")
    func existingShortPassphraseOpens() throws {
        let fixture = try CaseworkFixture()
        let (code, _) = try fixture.readyAdultReferral()
        // Lay out an older store: its key wrapped under a 3-character passphrase.
        try fixture.store.rewrapSlot(secret: "abc", parameters: .cheapForTests)
        let reopened = try fixture.reopen(passphrase: "abc")
        #expect(try reopened.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
    }

    @Test("Changing the passphrase re-wraps the key: the old one stops opening the store, identifying data still opens")
    func changePassphrase() throws {
        let fixture = try CaseworkFixture()
        let (code, _) = try fixture.readyAdultReferral()
        #expect(throws: CaseworkError.passphraseTooShort(minimum: 8)) { try fixture.store.changePassphrase(to: "short") }
        try fixture.store.changePassphrase(to: "a brand new passphrase")
        #expect(throws: CaseworkError.wrongPassphrase) { _ = try fixture.reopen() }
        let reopened = try fixture.reopen(passphrase: "a brand new passphrase")
        #expect(try reopened.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try reopened.verifyLog().verifies)
        #expect(try keyringCost(fixture.home) == .cheapForTests, "a test store keeps its test cost")
    }

    @Test("The delay: none for 3 failures, then 2^(n-3) s, capped")
    func delays() {
        #expect((0...3).map(UnlockThrottle.delay(afterFailures:)) == [0, 0, 0, 0])
        #expect((4...7).map(UnlockThrottle.delay(afterFailures:)) == [2, 4, 8, 16])
        #expect(UnlockThrottle.delay(afterFailures: 13) == 1024)
        #expect(UnlockThrottle.delay(afterFailures: 500) == UnlockThrottle.maximumDelay)
    }

    @Test("Wrong guesses are counted in a 0600 side file across opens; from the 4th each try waits first; a success reports and resets")
    func failedUnlocksSurviveAndAreReported() throws {
        let fixture = try CaseworkFixture()
        let sleeper = RecordingSleeper()
        let clock = fixture.clock
        func attempt(_ passphrase: String) throws -> CaseStore {
            try CaseStore.open(home: fixture.home, passphrase: passphrase,
                               options: .init(clock: clock, newKeyParameters: .cheapForTests, sleeper: sleeper))
        }
        let file = UnlockThrottle.file(in: fixture.home)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        clock.advance(hours: 1)
        for _ in 0..<6 { #expect(throws: CaseworkError.wrongPassphrase) { _ = try attempt("a wrong guess") } }
        #expect(sleeper.waits == [2, 4], "the 5th and 6th tries waited")
        #expect(UnlockThrottle(home: fixture.home).state().failures == 6)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        let opened = try attempt(CaseworkFixture.passphrase)
        #expect(sleeper.waits == [2, 4, 8])
        #expect(opened.unlockReport.failedAttempts == 6)
        #expect(opened.unlockReport.messages.first?.hasPrefix("6 failed attempts to unlock the case store since 2026-01-15 10:00 UTC") == true,
                "\(opened.unlockReport.messages)")
        let again = try attempt(CaseworkFixture.passphrase)
        #expect(sleeper.waits.count == 3, "reset on success")
        #expect(again.unlockReport.failedAttempts == 0)
        #expect(again.unlockReport.messages.isEmpty)
    }

    @Test("A store below the minimum cost is wrapped again at it in the unlock that finds it, with a message")
    func rewrapBelowMinimum() throws {
        let fixture = try CaseworkFixture()
        let (code, _) = try fixture.readyAdultReferral()
        #expect(try keyringCost(fixture.home) == .cheapForTests)
        let upgraded = try CaseStore.open(home: fixture.home, passphrase: CaseworkFixture.passphrase,
                                          options: .init(clock: fixture.clock, newKeyParameters: .minimum))
        #expect(upgraded.unlockReport.rewrappedFrom == .cheapForTests)
        #expect(upgraded.unlockReport.messages.contains { $0.contains("N=2^4") && $0.contains("N=2^16, r=8, p=1") })
        #expect(try keyringCost(fixture.home) == .minimum)
        // Once is enough; everything still opens, with the same passphrase.
        let again = try CaseStore.open(home: fixture.home, passphrase: CaseworkFixture.passphrase,
                                       options: .init(clock: fixture.clock, newKeyParameters: .minimum))
        #expect(again.unlockReport.rewrappedFrom == nil)
        #expect(try again.identity(code.rawValue)?.name == CaseworkFixture.fullIdentity.name)
    }
}
