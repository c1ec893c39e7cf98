@testable import Casework
import Foundation
import GRDB
import SOP
import TestSupport
import Testing

@Suite("A step recorded again supersedes its earlier answers, which are kept; a change after a hand-off is named")
struct StepRevisionTests {
    @Test("Recording a step again appends a record: both are kept, the latest is the step's answer and the checklist's")
    func supersedes() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        fixture.clock.advance(by: 60)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "yes", "action": "112 called"]))
        let kept = try fixture.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM step_record WHERE case_code = ? AND step_id = 'safety'", arguments: [code.rawValue])
        }
        #expect(kept == 2, "the earlier record is kept")
        let checklist = try fixture.store.checklist(referral.id, questionnaire: try StepsOwedTests.questionnaire(), directory: fixture.directory)
        let row = try #require(checklist.rows.first { $0.step.id == "safety" })
        #expect(row.details?.answers == ["in_danger": "yes", "action": "112 called"])
        guard case .done(_, _, let summary) = row.state else {
            Issue.record("safety is not done: \(row.state)")
            return
        }
        #expect(summary.hasPrefix("in danger now: yes"), "\(summary)")
        #expect(row.changedAfterHandoff.isEmpty, "nothing was handed off")
        // The gate reads the latest too: the draft became an emergency.
        #expect(try fixture.store.referral(referral.id).priority == .emergency)
        #expect(try fixture.store.summary(code.rawValue).steps.filter { $0.stepId == "safety" }.count == 2)
    }

    @Test("A case step changed after a hand-off is marked, naming the referral that carried the earlier answers; only the later record")
    func changedAfterHandoff() throws {
        let fixture = try CaseworkFixture()
        let (code, sent) = try fixture.readyAdultReferral()
        fixture.clock.advance(by: 60)
        _ = try fixture.store.handoff(try #require(try fixture.clearance(sent.id)), directory: fixture.directory)
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                     directory: fixture.directory)
        let questionnaire = try StepsOwedTests.questionnaire()
        // Before any change: nothing is marked.
        let before = try fixture.store.checklist(draft.id, questionnaire: questionnaire, directory: fixture.directory)
        #expect(before.rows.allSatisfy { $0.changedAfterHandoff.isEmpty }, "\(before.rows.map(\.changedAfterHandoff))")

        fixture.clock.advance(by: 60)
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 28)))
        let after = try fixture.store.checklist(draft.id, questionnaire: questionnaire, directory: fixture.directory)
        #expect(after.rows.first { $0.step.id == "age" }?.changedAfterHandoff == [sent.id])
        #expect(after.rows.first { $0.step.id == "safety" }?.changedAfterHandoff == [], "safety was not changed")
        // The sent referral's own checklist says it too: it holds the earlier answers.
        let sentChecklist = try fixture.store.checklist(sent.id, questionnaire: questionnaire, directory: fixture.directory)
        #expect(sentChecklist.rows.first { $0.step.id == "age" }?.changedAfterHandoff == [sent.id])

        // case show: the later age record names the hand-off, the earlier one does not.
        let ages = try fixture.store.summary(code.rawValue).steps.filter { $0.stepId == "age" }
        #expect(ages.map(\.changedAfterHandoff) == [[], [sent.id]])
    }

    @Test("A step first recorded after a hand-off is not a change; a referral's own step counts only that referral's hand-off")
    func firstRecordIsNoChange() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let record = { (id: Int64, step: StepID, referral: String?, at: Double) in
            StepRow(id: id, caseCode: code.rawValue, referralId: referral, stepId: step, summary: "recorded", sealedDetails: nil,
                    recordedBy: "A", recordedByOrganization: "B", recordedAt: TestTime.epoch.addingTimeInterval(at))
        }
        var sent = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                    directory: fixture.directory)
        sent.sentAt = TestTime.epoch.addingTimeInterval(100)
        let first = record(2, "guardian", nil, 200)
        #expect(StepRevision.changedAfterHandoff(first, records: [first], referrals: [sent]) == [], "first answered after the hand-off")
        let earlier = record(1, "risk", "R-OTHER", 50)
        let later = record(3, "risk", "R-OTHER", 200)
        #expect(StepRevision.changedAfterHandoff(later, records: [earlier, later], referrals: [sent]) == [], "another referral's own step")
        let caseEarlier = record(4, "age", nil, 50)
        let caseLater = record(5, "age", nil, 200)
        #expect(StepRevision.changedAfterHandoff(caseLater, records: [caseEarlier, caseLater], referrals: [sent]) == [sent.id])
        #expect(StepRevision.changedAfterHandoff(caseEarlier, records: [caseEarlier, caseLater], referrals: [sent]) == [])
    }

    @Test("A referral made for a person in danger now is an emergency, so the override for a life at risk is possible on it")
    func inDangerReferralIsEmergency() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "yes"]))
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                     priority: .normal, directory: fixture.directory)
        #expect(draft.priority == .emergency)
        // The gate takes the override on this draft (no "it needs an emergency referral").
        guard case .cleared(let clearance) = try fixture.store.gate(draft.id, override: "caller reports a knife") else {
            Issue.record("the override was refused: \(try fixture.store.gate(draft.id, override: "caller reports a knife"))")
            return
        }
        #expect(clearance.overridden.contains("consent"))
        // Safe now (recorded again): the next referral keeps the priority asked.
        fixture.clock.advance(by: 60)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        let calm = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                    priority: .normal, directory: fixture.directory)
        #expect(calm.priority == .normal)
    }
}
