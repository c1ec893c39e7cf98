import Casework
import Directory
import Foundation
import GRDB
import SOP
import Testing
import TestSupport

@Suite("Lifecycle, overdue, the log's chain, and the report")
struct LifecycleTests {
    func sentReferral(_ fixture: CaseworkFixture, priority: ReferralPriority = .normal) throws -> Referral {
        let (_, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        return try fixture.store.handoff(clearance, directory: fixture.directory).referral
    }

    @Test("A referral moves forward only, with a timestamp on every transition")
    func forwardOnly() throws {
        let fixture = try CaseworkFixture()
        let referral = try sentReferral(fixture)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .sent) }
        fixture.clock.advance(hours: 5)
        let acknowledged = try fixture.store.update(referral.id, to: .acknowledged)
        #expect(acknowledged.acknowledgedAt == fixture.clock.now())
        _ = try fixture.store.update(referral.id, to: .accepted)
        _ = try fixture.store.update(referral.id, to: .serviceStarted)
        #expect(throws: CaseworkError.self, "closing without an outcome") { _ = try fixture.store.update(referral.id, to: .closed) }
        let closed = try fixture.store.update(referral.id, to: .closed, outcome: .serviceReceived)
        #expect(closed.status == .closed && closed.outcome == .serviceReceived && closed.closedAt == fixture.clock.now())
        do {
            _ = try fixture.store.update(referral.id, to: .sent)
            Issue.record("closed → sent was allowed")
        } catch let error as CaseworkError {
            #expect(error == .transitionNotAllowed(from: .closed, to: .sent))
            #expect(error.description.contains("make a new referral"))
        }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .acknowledged) }
        #expect(try fixture.store.verifyLog().verifies)
    }

    @Test("A draft is sent only by a hand-off; a decline needs a reason")
    func draftAndDecline() throws {
        let fixture = try CaseworkFixture()
        let (_, draft) = try fixture.readyAdultReferral()
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(draft.id, to: .acknowledged) }
        let referral = try sentReferral(fixture)
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .declined) }
        let declined = try fixture.store.update(referral.id, to: .declined, reason: "no bed until March")
        #expect(declined.statusReason == "no bed until March")
        #expect(declined.declineReason == .other, "a decline given only a note is recorded as other")
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .accepted) }
    }

    @Test("Unacknowledged past the priority's deadline is overdue: 24 h, 72 h, 14 days")
    func overdue() throws {
        let fixture = try CaseworkFixture()
        let referral = try sentReferral(fixture)
        fixture.clock.advance(hours: 14 * 24 - 1)
        #expect(try fixture.store.referrals(overdueOnly: true).isEmpty)
        fixture.clock.advance(hours: 2)
        #expect(try fixture.store.referrals(overdueOnly: true).map(\.id) == [referral.id])
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        #expect(try fixture.store.referrals(overdueOnly: true).isEmpty)
        #expect(ReferralPriority.emergency.deadline == 24 * 3600)
        #expect(ReferralPriority.urgent.deadline == 72 * 3600)
    }

    @Test("Editing, deleting or reordering a log row, or deleting the last one, fails verification and names the place")
    func tampering() throws {
        let tamperings: [(String, String)] = [
            ("UPDATE handoff_log SET payload = replace(payload, 'acknowledged', 'declined') WHERE seq = 2", "entry 2"),
            ("DELETE FROM handoff_log WHERE seq = 2", "entry 2 is missing"),
            ("UPDATE handoff_log SET seq = 100 WHERE seq = 2; UPDATE handoff_log SET seq = 2 WHERE seq = 3; UPDATE handoff_log SET seq = 3 WHERE seq = 100",
             "entry 2"),
            ("DELETE FROM handoff_log WHERE seq = (SELECT MAX(seq) FROM handoff_log)", "entry 4"),
        ]
        for (sql, place) in tamperings {
            let fixture = try CaseworkFixture()
            let referral = try sentReferral(fixture)
            _ = try fixture.store.update(referral.id, to: .acknowledged)
            _ = try fixture.store.update(referral.id, to: .accepted)
            _ = try fixture.store.update(referral.id, to: .serviceStarted)
            #expect(try fixture.store.verifyLog().verifies)
            let queue = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
            try queue.write { db in try db.execute(sql: sql) }
            let result = try fixture.store.verifyLog()
            #expect(!result.verifies, "\(sql) went unnoticed")
            #expect(result.problem?.contains(place) == true, "\(result.problem ?? "") does not name \(place)")
        }
    }

    @Test("An empty log verifies")
    func emptyLog() throws {
        let fixture = try CaseworkFixture()
        let result = try fixture.store.verifyLog()
        #expect(result.verifies && result.entries == 0)
    }

    @Test("The report counts by status, sex, age band and channel, with medians, and shows small counts as <5")
    func report() throws {
        let fixture = try CaseworkFixture()
        for _ in 0..<6 {
            let referral = try sentReferral(fixture)
            fixture.clock.advance(hours: 2)
            _ = try fixture.store.update(referral.id, to: .acknowledged)
        }
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl, channel: "police")
        try fixture.store.recordNeeds(code.rawValue, unmet: ["shelter.children"], conditional: ["legal.immigration"])
        let report = try fixture.store.report()
        #expect(report.referrals.value == 6)
        #expect(report.referrals.description == "6")
        #expect(report.byStatus.first { $0.0 == "acknowledged" }?.1.description == "6")
        #expect(report.bySex.first { $0.0 == "female" }?.1.value == 6)
        #expect(report.byStatusSexAge.map(\.0) == ["acknowledged / female / 25-39"])
        #expect(report.byChannel.first { $0.0 == "self-hotline" }?.1.description == "6")
        #expect(report.unmetNeeds.first?.1.description == "<5")
        #expect(report.cases.value == 7)
        #expect(report.medianHoursHandoffToAcknowledgement == 2)
        #expect(report.medianHoursContactToHandoff != nil)
        let later = try fixture.store.report(from: fixture.clock.now().addingTimeInterval(3600))
        #expect(later.referrals.value == 0)
    }

    @Test("An anonymous notification carries no identifying field and no case code, what the duty to notify asks, once per case, and is logged")
    func notification() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "ngo")
        try fixture.store.identify(code.rawValue, identity: CaseworkFixture.fullIdentity)
        let notification = try fixture.store.notify(code.rawValue, exploitedIn: "XB01", exploitedYear: 2025)
        let json = String(decoding: try notification.json(), as: UTF8.self)
        for secret in ["Maria", "1998", "+373", "Teilor", code.rawValue] {
            #expect(!json.contains(secret) && !notification.text.contains(secret), "\(secret)")
        }
        #expect(notification.notificationId.wholeMatch(of: /N-[2-9A-Z]{8}/) != nil)
        #expect(json.contains("\"nationality\" : \"XB\"") && json.contains("\"exploited_in\" : \"XB01\"")
            && json.contains("\"exploited_year\" : 2025") && json.contains("sexual") && json.contains("\"age_band\" : \"25-39\""), "\(json)")
        #expect(try fixture.store.logEntries().last?.kind == "notification")
        do {
            _ = try fixture.store.notify(code.rawValue)
            Issue.record("a case was notified twice")
        } catch CaseworkError.invalidInput(let reason) {
            #expect(reason.contains("already notified"))
        }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.notify(code.rawValue, exploitedYear: 1800) }
        let child = try fixture.store.openCase(profile: CaseworkFixture.girl)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.notify(child.rawValue) }
    }

    @Test("Case codes look like WM-XXXX-XXXX and are read back case-insensitively")
    func caseCodes() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        #expect(code.rawValue.wholeMatch(of: /WM-[2-9A-Z]{4}-[2-9A-Z]{4}/) != nil)
        #expect(try fixture.store.summary(code.rawValue.lowercased()).file.code == code.rawValue)
        #expect(CaseCode("WM-0000-1111") == nil)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.summary("WM-2222-3333") }
    }
}
