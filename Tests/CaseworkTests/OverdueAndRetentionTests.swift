import Casework
import Directory
import Foundation
import SOP
import Testing
import TestSupport

@Suite("Overdue in every waiting state, with why; cases with stage, deadlines and retention")
struct OverdueAndRetentionTests {
    func sentReferral(_ fixture: CaseworkFixture) throws -> (CaseCode, Referral) {
        let (code, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        return (code, try fixture.store.handoff(clearance, directory: fixture.directory).referral)
    }

    func procedure(_ edit: (inout Procedure) -> Void) -> Procedure {
        var procedure = Procedure.standard
        edit(&procedure)
        return procedure
    }

    @Test("A draft is overdue after a day, saying it was not handed off")
    func draft() throws {
        let fixture = try CaseworkFixture()
        let (_, draft) = try fixture.readyAdultReferral()
        fixture.clock.advance(hours: 23.5)
        #expect(try fixture.store.referrals(overdueOnly: true).isEmpty)
        fixture.clock.advance(hours: 1)
        let late = try #require(try fixture.store.referrals(overdueOnly: true).first)
        #expect(late.id == draft.id)
        let why = try #require(fixture.store.overdue(late))
        #expect(why.kind == .draftNotHandedOff)
        #expect(why.sentence(at: fixture.clock.now()) == "Draft for 24 h, not handed off within a day: hand it off or withdraw it.")
    }

    @Test("A hand-off unacknowledged past its priority's window is overdue: 24 h, 72 h, 14 days",
          arguments: [(ReferralPriority.emergency, 24.0, "24 hours"), (.urgent, 72.0, "72 hours"), (.normal, 14.0 * 24, "14 days")])
    func unacknowledged(_ priority: ReferralPriority, _ hours: Double, _ window: String) throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "self-hotline")
        try fixture.completeCaseSteps(code)
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                    priority: priority, directory: fixture.directory)
        _ = try fixture.store.giveConsent(draft.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases),
                                          explainedIn: "ro", interpreterLanguage: nil)
        try fixture.recordRisk(draft.id)
        let clearance = try #require(try fixture.clearance(draft.id))
        let sent = try fixture.store.handoff(clearance, directory: fixture.directory).referral
        fixture.clock.advance(hours: hours - 0.5)
        #expect(fixture.store.overdue(try fixture.store.referral(sent.id)) == nil)
        fixture.clock.advance(hours: 1)
        let why = try #require(fixture.store.overdue(try fixture.store.referral(sent.id)))
        #expect(why.kind == .notAcknowledged)
        let sentence = why.sentence(at: fixture.clock.now())
        #expect(sentence.contains("at \(priority.rawValue) priority and not acknowledged within \(window)"), "\(sentence)")
        #expect(sentence.hasSuffix("call the receiving organization."))
        _ = try fixture.store.update(sent.id, to: .acknowledged)
        #expect(try fixture.store.referrals(overdueOnly: true).isEmpty, "acknowledged is not waiting for acknowledgement")
    }

    @Test("An accepted referral is overdue when its service has not started within 7 days, or the SOP's service_start_days")
    func serviceNotStarted() throws {
        for (days, procedure) in [(7, Procedure.standard), (3, procedure { $0.serviceStartDays = 3 })] {
            let fixture = try CaseworkFixture(procedure: procedure)
            let (_, referral) = try sentReferral(fixture)
            _ = try fixture.store.update(referral.id, to: .acknowledged)
            _ = try fixture.store.update(referral.id, to: .accepted)
            fixture.clock.advance(hours: Double(days) * 24 - 1)
            #expect(try fixture.store.referrals(overdueOnly: true).isEmpty, "\(days)")
            fixture.clock.advance(hours: 2)
            let late = try #require(try fixture.store.referrals(overdueOnly: true).first)
            let why = try #require(fixture.store.overdue(late))
            #expect(why.kind == .serviceNotStarted)
            #expect(why.sentence(at: fixture.clock.now()).contains("has not started within \(days) days"))
            _ = try fixture.store.update(referral.id, to: .serviceStarted)
            #expect(try fixture.store.referrals(overdueOnly: true).isEmpty)
        }
    }

    @Test("Ended and started referrals are never overdue")
    func endedNotOverdue() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try sentReferral(fixture)
        _ = try fixture.store.update(referral.id, to: .declined, declineReason: .noShow)
        fixture.clock.advance(hours: 24 * 100)
        #expect(try fixture.store.referrals(overdueOnly: true).isEmpty)
    }

    @Test("Cases list stage, open referrals and the period's end; an erased case is not listed as open")
    func listings() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try sentReferral(fixture)
        let other = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "ngo")
        _ = try fixture.store.recordDecision(other.rawValue, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Inspector Rusu",
                                             authority: .police, on: "2026-01-15")
        let listings = try fixture.store.caseListings()
        let first = try #require(listings.first { $0.file.code == code.rawValue })
        #expect(first.stage == .firstContact)
        #expect(first.openReferrals.map(\.id) == [referral.id])
        #expect(first.retentionEnds == nil && !first.expired, "no retention_days: kept")
        let second = try #require(listings.first { $0.file.code == other.rawValue })
        #expect(second.stage == .reasonableGrounds)
        #expect(second.standing.recoveryPeriodEnds != nil)
    }

    @Test("retention_days lists a case past it, counted from its last activity, never one with an open referral; nothing is erased")
    func retention() throws {
        let fixture = try CaseworkFixture(procedure: procedure { $0.retentionDays = 30 })
        let quiet = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "ngo")
        let (busy, referral) = try sentReferral(fixture)
        fixture.clock.advance(hours: 29 * 24)
        #expect(try fixture.store.caseListings().filter(\.expired).isEmpty)
        fixture.clock.advance(hours: 2 * 24)
        #expect(try fixture.store.caseListings().filter(\.expired).map(\.file.code) == [quiet.rawValue], "the open referral keeps its case")
        _ = try fixture.store.update(referral.id, to: .declined, declineReason: .noCapacity)
        fixture.clock.advance(hours: 29 * 24)
        #expect(!(try fixture.store.caseListings().first { $0.file.code == busy.rawValue }?.expired ?? true), "the decline was activity")
        fixture.clock.advance(hours: 2 * 24)
        #expect(Set(try fixture.store.caseListings().filter(\.expired).map(\.file.code)) == [quiet.rawValue, busy.rawValue])
        #expect(try fixture.store.summary(quiet.rawValue).file.erasedAt == nil, "listing erases nothing")
    }
}
