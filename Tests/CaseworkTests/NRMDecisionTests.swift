@testable import Casework
import Directory
import Foundation
import GRDB
import Routing
import SOP
import Testing
import TestSupport

@Suite("NRM decisions: the form's trafficking status follows them; the recovery and reflection period")
struct NRMDecisionTests {
    static let day: TimeInterval = 86_400

    /// An adult case (first contact at the tests' epoch, 2026-01-15) with a referral ready to hand off.
    func ready(_ fixture: CaseworkFixture) throws -> (CaseCode, Referral) {
        try fixture.readyAdultReferral(scopes: [.basic])
    }

    /// The form as JSON's person object, and the printed form.
    func form(_ fixture: CaseworkFixture, _ referral: Referral) throws -> ([String: Any], String) {
        let form = try fixture.store.form(referral.id)
        let document = try #require(try JSONSerialization.jsonObject(with: try form.json()) as? [String: Any])
        return (try #require(document["person"] as? [String: Any]), form.text(width: 200))
    }

    func decide(_ fixture: CaseworkFixture, _ code: CaseCode, _ stage: NRMDecision.Stage, _ outcome: NRMDecision.Outcome,
                on day: String, authority: NRMDecision.Authority = .police, reviewPending: Bool = false) throws -> NRMStanding {
        try fixture.store.recordDecision(code.rawValue, stage: stage, outcome: outcome, decidedBy: "Insp. Radu Ionescu", authority: authority,
                                         on: day, reference: "NRM/2026/0412", reviewPending: reviewPending)
    }

    @Test("Without a decision the status is what screening supports, with no decision-making org")
    func screeningOnly() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try ready(fixture)
        let (person, text) = try form(fixture, referral)
        #expect(person["vic_TraffickingStatus"] as? String == "PossibleVictimOfTrafficking")
        #expect(person["vic_TraffickingStatusDecisionMakingOrg"] == nil)
        #expect(!text.contains("reasonable grounds"))
    }

    @Test("A positive reasonable-grounds decision: a possible victim; the authority type in the JSON, the date and name on the text form only")
    func reasonableGrounds() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try ready(fixture)
        fixture.clock.advance(by: 5 * Self.day)
        let standing = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-18")
        #expect(standing.traffickingStatus == "PossibleVictimOfTrafficking")
        let (person, text) = try form(fixture, referral)
        #expect(person["vic_TraffickingStatus"] as? String == "PossibleVictimOfTrafficking")
        #expect(person["vic_TraffickingStatusDecisionMakingOrg"] as? String == "Police")
        #expect(text.contains("Presumed victim — reasonable grounds, 2026-01-18"), "\(text)")
        #expect(text.contains("Insp. Radu Ionescu"))
        let json = String(decoding: try fixture.store.form(referral.id).json(), as: UTF8.self)
        #expect(!json.contains("Radu") && !json.contains("NRM/2026/0412"))
    }

    @Test("A positive conclusive decision: an actual victim, formally identified for eligibility")
    func conclusivePositive() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try ready(fixture)
        fixture.clock.advance(by: 40 * Self.day)
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-16")
        _ = try decide(fixture, code, .conclusiveGrounds, .positive, on: "2026-02-20", authority: .nonPoliceGovernment)
        let (person, text) = try form(fixture, referral)
        #expect(person["vic_TraffickingStatus"] as? String == "ActualVictimOfTrafficking")
        #expect(person["vic_TraffickingStatusDecisionMakingOrg"] as? String == "NonPoliceGovernmentalOrganization")
        #expect(text.contains("conclusive grounds, 2026-02-20"))
        #expect(try fixture.store.profile(of: code.rawValue).formallyIdentified == .yes)
        // An older negative decision recorded afterwards changes neither: the latest by its day stands.
        _ = try decide(fixture, code, .conclusiveGrounds, .negative, on: "2026-02-10")
        #expect(try form(fixture, referral).0["vic_TraffickingStatus"] as? String == "ActualVictimOfTrafficking")
        #expect(try fixture.store.profile(of: code.rawValue).formallyIdentified == .yes, "eligibility follows the same decision as the form")
    }

    @Test("A negative conclusive decision: not a victim only with no review or appeal pending; what follows is listed, assistance stays open")
    func conclusiveNegative() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try ready(fixture)
        fixture.clock.advance(by: 40 * Self.day)
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-16")
        let pending = try decide(fixture, code, .conclusiveGrounds, .negative, on: "2026-02-20", reviewPending: true)
        #expect(pending.traffickingStatus == "PossibleVictimOfTrafficking")
        #expect(pending.afterNegativeDecision == ["review", "appeal", "exit-support"])
        let final = try decide(fixture, code, .conclusiveGrounds, .negative, on: "2026-02-21")
        #expect(final.traffickingStatus == "NotAVictimOfTrafficking")
        let (person, _) = try form(fixture, referral)
        #expect(person["vic_TraffickingStatus"] as? String == "NotAVictimOfTrafficking")
        // Nothing was closed: the referral is still a draft that can be handed off.
        #expect(try fixture.store.referral(referral.id).status == .draft)
        #expect(try fixture.store.summary(code.rawValue).standing.afterNegativeDecision == ["review", "appeal", "exit-support"])
    }

    @Test("A tick at case open is set aside: identification comes only from a decision")
    func noTick() throws {
        let fixture = try CaseworkFixture()
        var profile = CaseworkFixture.adultWoman
        profile.formallyIdentified = .yes
        let code = try fixture.store.openCase(profile: profile)
        #expect(try fixture.store.profile(of: code.rawValue).formallyIdentified == .unknown)
        _ = try fixture.store.updateProfile(code.rawValue) { $0.formallyIdentified = .yes; $0.facingCharges = .yes }
        #expect(try fixture.store.profile(of: code.rawValue).formallyIdentified == .unknown)
    }

    @Test("Bad input is refused naming the field, and nothing is written",
          arguments: [
              ("2026-01-20", NRMDecision.Stage.reasonableGrounds, "in the future"),
              ("2026-01-14", .reasonableGrounds, "before the first contact"),
              ("2026-02-30", .reasonableGrounds, "--on"),
              ("2026-01-15", .conclusiveGrounds, "follows a positive reasonable-grounds decision"),
          ])
    func refused(day: String, stage: NRMDecision.Stage, message: String) throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let entries = try fixture.store.logEntries().count
        do {
            _ = try decide(fixture, code, stage, .positive, on: day)
            Issue.record("accepted \(day)")
        } catch CaseworkError.invalidInput(let reason) {
            #expect(reason.contains(message), "\(reason)")
        }
        #expect(try fixture.store.decisions(of: code.rawValue).isEmpty)
        #expect(try fixture.store.logEntries().count == entries)
    }

    @Test("A decision is logged, its reference sealed and erased with the case; a changed row does not verify")
    func sealedAndMACd() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-15")
        #expect(try fixture.store.logEntries().last?.kind == "decision")
        let decision = try #require(try fixture.store.decisions(of: code.rawValue).first)
        #expect(try fixture.store.reference(of: decision) == "NRM/2026/0412")
        let raw = try fixture.store.writer.read { db in try Data.fetchOne(db, sql: "SELECT reference_sealed FROM nrm_decision") }
        #expect(raw.map { !String(decoding: $0, as: UTF8.self).contains("NRM/2026") } == true)
        try fixture.sqlite("UPDATE nrm_decision SET outcome = 'negative'")
        #expect(throws: CaseworkError.self) { _ = try fixture.store.summary(code.rawValue) }
    }

    @Test("Erasing a case drops the decision's reference")
    func erased() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-15")
        try fixture.store.erase(code.rawValue)
        let raw = try fixture.store.writer.read { db in try Data.fetchOne(db, sql: "SELECT reference_sealed FROM nrm_decision") }
        #expect(raw == nil)
    }

    @Test("The period: 30 days from a positive reasonable-grounds decision; 45 when the SOP says so; from first contact when it says so")
    func periodDates() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        #expect(try fixture.store.standing(of: code.rawValue).recoveryPeriod == nil)
        fixture.clock.advance(by: 2 * Self.day)
        let standing = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-16")
        #expect(standing.recoveryPeriodEnds == "2026-02-14")
        #expect(standing.inRecoveryPeriod && !standing.reminderDue)

        var longer = Procedure.standard
        longer.recoveryPeriod = RecoveryPeriodRule(days: 45)
        let national = try CaseworkFixture(procedure: longer)
        let other = try national.store.openCase(profile: CaseworkFixture.adultWoman)
        #expect(try decide(national, other, .reasonableGrounds, .positive, on: "2026-01-15").recoveryPeriodEnds == "2026-02-28")
        #expect(try national.store.summary(other.rawValue).standing.recoveryPeriodEnds == "2026-02-28")

        var fromContact = Procedure.standard
        fromContact.recoveryPeriod = RecoveryPeriodRule(days: 30, starts: .firstContact)
        let early = try CaseworkFixture(procedure: fromContact)
        let third = try early.store.openCase(profile: CaseworkFixture.adultWoman)
        #expect(try early.store.standing(of: third.rawValue).recoveryPeriodEnds == "2026-02-13")
    }

    @Test("The reminder: seven days before the end, on the checklist and in the cases due; not before, not after the end")
    func reminder() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try ready(fixture)
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-15")   // its last day 2026-02-13
        fixture.clock.advance(by: 22 * Self.day)                                         // 2026-02-06
        #expect(try fixture.store.casesDue().isEmpty)
        fixture.clock.advance(by: Self.day)                                              // 2026-02-07
        #expect(try fixture.store.casesDue().map(\.file.code) == [code.rawValue])
        let checklist = try fixture.store.checklist(referral.id, questionnaire: try StepsOwedTests.questionnaire(), directory: fixture.directory)
        #expect(checklist.recoveryPeriodEnds == "2026-02-13" && checklist.recoveryPeriodReminder)
        fixture.clock.advance(by: 7 * Self.day)                                          // 2026-02-14: ended
        #expect(try fixture.store.casesDue().isEmpty)
        let ended = try fixture.store.checklist(referral.id, questionnaire: try StepsOwedTests.questionnaire(), directory: fixture.directory)
        #expect(ended.recoveryPeriodEnds == nil && !ended.recoveryPeriodReminder, "once ended, the checklist no longer speaks of it")
    }

    @Test("During the period a return referral waits for the person's recorded request, which no override lifts; outside it, it does not")
    func returnRule() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.completeCaseSteps(code)
        let back = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.returnReception, need: "return",
                                                    directory: fixture.directory)
        #expect(try !fixture.store.stepsOwed(back.id).contains { $0.stepId == RecoveryPeriodRule.returnRequestStep })
        _ = try decide(fixture, code, .reasonableGrounds, .positive, on: "2026-01-15")
        let owed = try #require(try fixture.store.stepsOwed(back.id).first { $0.stepId == "return-request" })
        #expect(owed.instruction == RecoveryPeriodRule.returnRequestInstruction)
        #expect(throws: CaseworkError.self) {
            try fixture.store.recordReferralStep(back.id, step: "return-request", details: StepDetails(answers: ["requested": "no"]))
        }
        try fixture.store.recordReferralStep(back.id, step: "return-request", details: StepDetails(answers: ["requested": "yes"]))
        #expect(try !fixture.store.stepsOwed(back.id).contains { $0.stepId == "return-request" })
    }
}
