import Casework
import Directory
import Foundation
import GRDB
import SOP
import Testing
import TestSupport

@Suite("Referral outcomes: declines with reasons, closing outcomes, replacements")
struct ReferralOutcomeTests {
    func sentReferral(_ fixture: CaseworkFixture) throws -> (CaseCode, Referral) {
        let (code, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        return (code, try fixture.store.handoff(clearance, directory: fixture.directory).referral)
    }

    @Test("A handed-off referral may be declined before it is acknowledged, timestamped and logged")
    func sentToDeclined() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        fixture.clock.advance(hours: 3)
        let declined = try fixture.store.update(referral.id, to: .declined, declineReason: .noCapacity)
        #expect(declined.status == .declined && declined.declineReason == .noCapacity)
        #expect(declined.declinedAt == fixture.clock.now())
        #expect(declined.statusReason == nil)
        #expect(try fixture.store.referral(referral.id).declineReason == .noCapacity)
        #expect(try fixture.store.logEntries().last?.status == "declined")
        #expect(try fixture.store.verifyLog().verifies)
    }

    @Test("Each decline reason is recorded as its code", arguments: DeclineReason.allCases)
    func eachReason(_ reason: DeclineReason) throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        let note = reason == .other ? "the service moved its office" : nil
        let declined = try fixture.store.update(referral.id, to: .declined, reason: note, declineReason: reason)
        #expect(declined.declineReason == reason)
        #expect(declined.statusReason == note)
    }

    @Test("other without a note is refused, and a decline with no reason at all; nothing is written")
    func otherNeedsNote() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        let entries = try fixture.store.logEntries().count
        do {
            _ = try fixture.store.update(referral.id, to: .declined, reason: "  ", declineReason: .other)
            Issue.record("other without a note was accepted")
        } catch let error as CaseworkError {
            #expect(error.description.contains("--note"))
        }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .declined) }
        #expect(try fixture.store.referral(referral.id).status == .sent)
        #expect(try fixture.store.logEntries().count == entries)
    }

    @Test("An other decline's note is sealed at rest")
    func noteSealed() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        _ = try fixture.store.update(referral.id, to: .declined, reason: "Ion from the village came asking", declineReason: .other)
        let raw = try Data(contentsOf: CaseStore.file(in: fixture.home))
        #expect(raw.range(of: Data("Ion from the village".utf8)) == nil)
        #expect(try fixture.store.referral(referral.id).statusReason == "Ion from the village came asking")
    }

    @Test("A decline reason with another status, or an outcome with another status, is refused")
    func codesOnlyWithTheirStatus() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .acknowledged, declineReason: .noShow) }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .acknowledged, outcome: .transferred) }
        #expect(try fixture.store.referral(referral.id).status == .sent)
    }

    @Test("Closing takes each outcome; without one it is refused and the referral stays as it was", arguments: ReferralOutcome.allCases)
    func outcomes(_ outcome: ReferralOutcome) throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        for status in [ReferralStatus.acknowledged, .accepted, .serviceStarted] { _ = try fixture.store.update(referral.id, to: status) }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .closed) }
        #expect(try fixture.store.referral(referral.id).status == .serviceStarted)
        fixture.clock.advance(hours: 30)
        let closed = try fixture.store.update(referral.id, to: .closed, outcome: outcome)
        #expect(closed.outcome == outcome && closed.closedAt == fixture.clock.now())
        #expect(try fixture.store.referral(referral.id).outcome == outcome)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .withdrawn, reason: "late") }
    }

    @Test("--replaces links a new referral to a declined one of the same case")
    func replaces() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try sentReferral(fixture)
        _ = try fixture.store.update(referral.id, to: .declined, declineReason: .noCapacity)
        let replacement = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAdvice, need: "legal",
                                                           replaces: referral.id.lowercased(), directory: fixture.directory)
        #expect(replacement.replaces == referral.id)
        #expect(try fixture.store.referral(replacement.id).replaces == referral.id)
    }

    @Test("--replaces is refused for a referral not declined, and for one of another case; nothing is written")
    func replacesRefused() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try sentReferral(fixture)
        let count = try fixture.store.referrals().count
        do {
            _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAdvice, need: "legal",
                                                 replaces: referral.id, directory: fixture.directory)
            Issue.record("a referral still handed off was replaced")
        } catch let error as CaseworkError {
            #expect(error.description.contains("not declined"))
        }
        _ = try fixture.store.update(referral.id, to: .declined, declineReason: .notEligible)
        let other = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "ngo")
        try fixture.completeCaseSteps(other)
        do {
            _ = try fixture.store.createReferral(case: other.rawValue, serviceId: SampleService.legalAdvice, need: "legal",
                                                 replaces: referral.id, directory: fixture.directory)
            Issue.record("a referral of another case was replaced")
        } catch let error as CaseworkError {
            #expect(error.description.contains("another case"))
        }
        #expect(throws: CaseworkError.self) {
            _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAdvice, need: "legal",
                                                 replaces: "R-NOSUCH00", directory: fixture.directory)
        }
        #expect(try fixture.store.referrals().count == count)
    }

    @Test("A decline reason set outside Waymark on a referral row is refused (the row MAC covers it)")
    func forgedDeclineReason() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        try fixture.sqlite("UPDATE referral SET decline_reason = 'no-show' WHERE id = '\(referral.id)'")
        #expect(throws: CaseworkError.self) { _ = try fixture.store.referral(referral.id) }
    }
}
