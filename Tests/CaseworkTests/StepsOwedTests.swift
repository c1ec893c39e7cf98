@testable import Casework
import Foundation
import SOP
import TestSupport
import Testing
import WaymarkData

@Suite("One notion of steps owed: the case summary and the checklist both take it from the gate")
struct StepsOwedTests {
    static func questionnaire() throws -> Questionnaire {
        try QuestionnaireLoader.load(try WaymarkData.resourceDirectory().appendingPathComponent("sop/screening.yaml"))
    }

    @Test("A child whose only referral is to child protection owes no guardian, in the summary and in the checklist alike")
    func childProtectionOnly() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship, need: "child-protection",
                                                        escort: false, directory: fixture.directory)
        let summary = try fixture.store.summary(code.rawValue)
        let checklist = try fixture.store.checklist(referral.id, questionnaire: try Self.questionnaire(), directory: fixture.directory)
        #expect(!summary.owed.map(\.stepId).contains("guardian"), "\(summary.owed.map(\.stepId))")
        let guardianRow = checklist.rows.first { $0.step.id == "guardian" }
        #expect(guardianRow?.state == .notNeeded(.childProtection))
        // Every case step the checklist owes, the summary owes, and no other.
        let checklistCaseOwed = checklist.rows.filter { $0.isOwed && $0.step.scope == .perCase }.map(\.step.id)
        #expect(summary.owed.map(\.stepId) == checklistCaseOwed)

        // Why a step is not asked is the gate's own reason: a child's shelter goes ahead on the child's assent.
        let shelter0 = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.girlsShelter, need: "shelter",
                                                        escort: false, directory: fixture.directory)
        let care = try fixture.store.checklist(shelter0.id, questionnaire: try Self.questionnaire(), directory: fixture.directory)
        #expect(care.rows.first { $0.step.id == "guardian" }?.state == .notNeeded(.careOnAssent))
        let adult = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let adults = try fixture.store.createReferral(case: adult.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                      directory: fixture.directory)
        let adultChecklist = try fixture.store.checklist(adults.id, questionnaire: try Self.questionnaire(), directory: fixture.directory)
        #expect(adultChecklist.rows.first { $0.step.id == "best-interests" } == nil, "a child's step is left out for an adult")

        // A second draft, to family tracing, does need the guardian: now both say so.
        let shelter = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.familyTracing, need: "family-tracing",
                                                       escort: false, directory: fixture.directory)
        #expect(try fixture.store.summary(code.rawValue).owed.map(\.stepId).contains("guardian"))
        let shelterChecklist = try fixture.store.checklist(shelter.id, questionnaire: try Self.questionnaire(), directory: fixture.directory)
        #expect(shelterChecklist.rows.first { $0.step.id == "guardian" }?.isOwed == true)
    }
}

@Suite("A person in danger now: the referrals being prepared become emergencies")
struct InDangerTests {
    @Test("Recording 'in danger now: yes' raises every draft of the case to emergency, not one already sent; 'no' changes nothing")
    func raisesDrafts() throws {
        let fixture = try CaseworkFixture()
        let (code, sent) = try fixture.readyAdultReferral()
        _ = try fixture.store.handoff(try #require(try fixture.clearance(sent.id)), directory: fixture.directory)
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                     directory: fixture.directory)
        #expect(draft.priority == .normal)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        #expect(try fixture.store.referral(draft.id).priority == .normal)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "yes"]))
        #expect(try fixture.store.referral(draft.id).priority == .emergency)
        #expect(try fixture.store.referral(sent.id).priority == .normal)
        let last = try #require(try fixture.store.summary(code.rawValue).steps.last)
        #expect(last.summary == "in danger now: yes; 1 referral in preparation raised to emergency")
        #expect(try fixture.store.verifyLog().verifies)
    }
}

@Suite("The printed form in plain words; the JSON keeps the codes")
struct PlainFormTests {
    @Test("Labels for codes, words for HTCDS values and questions, one 'Screening answers' row, every line within 72 columns")
    func plainWords() throws {
        let questionnaire = try StepsOwedTests.questionnaire()
        let fixture = try CaseworkFixture(questionnaire: questionnaire)
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try fixture.store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(
            screening: ScreeningRecord(set: "adult-labour", answers: ["al-dr-nature-of-job": .yes], result: .unclear)))
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 27)))
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                        directory: fixture.directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic, .screening], explained: Set(ConsentExplanation.allCases),
                                          explainedIn: "ro")
        let form = try fixture.store.form(referral.id, directory: fixture.directory)
        let text = form.text(labels: FormLabels(code: { $0 == "psychosocial" ? "Psychosocial support" : $0 }))
        #expect(text.contains("needs Psychosocial support"), "\(text)")
        #expect(text.contains("Possible victim of trafficking"), "\(text)")
        #expect(!text.contains("PossibleVictimOfTrafficking"))
        let question = try #require(questionnaire.set(id: "adult-labour")?.indicator(id: "al-dr-nature-of-job")?.question)
        #expect(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ").contains(String(question.prefix(30))), "\(text)")
        #expect(text.components(separatedBy: "Screening answers").count == 2, "one row: \(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 72 }, "\(text)")
        let json = String(decoding: try form.json(), as: UTF8.self)
        #expect(json.contains("al-dr-nature-of-job") && json.contains("PossibleVictimOfTrafficking"), "the JSON keeps the codes")
    }
}
