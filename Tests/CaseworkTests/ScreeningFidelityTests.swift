import Casework
import Foundation
import SOP
import Testing
import TestSupport

@Suite("Screening fidelity: several sets, declined, versions, unconfirmed strengths")
struct ScreeningFidelityTests {
    /// A store with the bundled questionnaire, and an adult case (sexual exploitation) with safety and age recorded.
    static func adultCase() throws -> (CaseworkFixture, Questionnaire, CaseCode) {
        let definitions = try ScreeningStepTests.definitions()
        let fixture = try CaseworkFixture(questionnaire: definitions.questionnaire)
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman, channel: "self-hotline")
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 27)))
        return (fixture, definitions.questionnaire, code)
    }

    static func record(_ fixture: CaseworkFixture, _ code: CaseCode, _ set: String, _ answers: [String: ScreeningAnswer]) throws {
        try fixture.store.recordCaseStep(code.rawValue, step: "screening",
                                         details: StepDetails(screening: ScreeningRecord(set: set, answers: answers, result: .unclear)))
    }

    /// Answers yes to the two strongest questions of each dimension given.
    static func yes(_ set: QuestionnaireSet, _ dimensions: [ScreeningDimension]) -> [String: ScreeningAnswer] {
        var answers: [String: ScreeningAnswer] = [:]
        for dimension in dimensions {
            let ordered = set.indicators(in: dimension).sorted { ($0.strength == .strong ? 0 : 1) < ($1.strength == .strong ? 0 : 1) }
            for indicator in ordered.prefix(ordered.first?.strength == .strong ? 2 : 3) { answers[indicator.id] = .yes }
        }
        return answers
    }

    /// A referral with consent (the given scopes) and risk recorded.
    static func referral(_ fixture: CaseworkFixture, _ code: CaseCode, scopes: Set<DataScope>) throws -> Referral {
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                        directory: fixture.directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: scopes, explained: Set(ConsentExplanation.allCases), explainedIn: "ro", interpreterLanguage: "ro")
        try fixture.recordRisk(referral.id)
        return referral
    }

    @Test("A second set adds to the first; the strongest result stands; each record keeps its questionnaire version")
    func severalSets() throws {
        let (fixture, questionnaire, code) = try Self.adultCase()
        let labour = questionnaire.adultLabour
        let sexual = questionnaire.adultSexual
        let presumed = Self.yes(sexual, [.deceptiveRecruitment, .exploitativeConditions, .coercionAtDestination])
        try Self.record(fixture, code, sexual.id, presumed)
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "presumed-victim")
        // A weaker second set does not lower the case's result.
        try Self.record(fixture, code, labour.id, Self.yes(labour, [.exploitativeConditions]))
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "presumed-victim")
        let steps = try fixture.store.summary(code.rawValue).steps.filter { $0.stepId == "screening" }.map(\.summary)
        #expect(steps == ["adult-sexual: presumed-victim", "adult-labour: unclear"])
        // Asking a set again replaces that set's answers only.
        try Self.record(fixture, code, sexual.id, ["as-dr-wages": .no])
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "unclear", "the labour set's unclear is now the strongest")

        // Both sets travel on the form, each with its questionnaire version.
        let referral = try Self.referral(fixture, code, scopes: [.basic, .screening])
        let form = try fixture.store.form(referral.id)
        #expect(form.screeningAnswers?["as-dr-wages"] == "no")
        #expect(form.screeningAnswers?.keys.contains { $0.hasPrefix("al-") } == true)
        let sets = try #require(form.person[.screeningAnswers])
        #expect(sets.contains("adult-sexual: no-indicators, questionnaire version 2"), "\(sets)")
        #expect(sets.contains("adult-labour: unclear, questionnaire version 2"), "\(sets)")
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        let sent = try fixture.store.form(referral.id)
        #expect(sent.screeningAnswers == form.screeningAnswers)
    }

    @Test("An empty or wholly declined questionnaire is declined, never no-indicators, and gives no trafficking status")
    func declined() throws {
        let (fixture, questionnaire, code) = try Self.adultCase()
        try Self.record(fixture, code, "adult-labour", [:])
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "declined")
        let all = Dictionary(uniqueKeysWithValues: questionnaire.adultSexual.indicators.map { ($0.id, ScreeningAnswer.declined) })
        try Self.record(fixture, code, "adult-sexual", all)
        let summary = try fixture.store.summary(code.rawValue)
        #expect(summary.file.screeningResult == "declined")
        #expect(summary.steps.last?.summary == "adult-sexual: declined")
        let referral = try Self.referral(fixture, code, scopes: [.basic, .screening])
        let form = try fixture.store.form(referral.id)
        #expect(form.person[.traffickingStatus] == nil)
        #expect(form.person[.screeningResult] == "declined")
        let json = String(decoding: try form.json(), as: UTF8.self)
        #expect(!json.contains("vic_TraffickingStatus"))
        // One answer other than declined makes it no-indicators.
        try Self.record(fixture, code, "adult-labour", ["al-dr-wages": .no, "al-dr-contract": .declined])
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "no-indicators")
    }

    @Test("A sexual-exploitation set's unconfirmed strengths are marked on the record and on the form, text and JSON")
    func unconfirmedStrengths() throws {
        let (fixture, questionnaire, code) = try Self.adultCase()
        try Self.record(fixture, code, "adult-labour", Self.yes(questionnaire.adultLabour, [.exploitativeConditions]))
        let labourOnly = try Self.referral(fixture, code, scopes: [.basic, .screening])
        #expect(try fixture.store.form(labourOnly.id).screeningStrengthsUnconfirmed == nil, "the labour sets are not marked")
        try Self.record(fixture, code, "adult-sexual", Self.yes(questionnaire.adultSexual, [.exploitativeConditions]))
        let form = try fixture.store.form(labourOnly.id)
        #expect(form.screeningStrengthsUnconfirmed == ["adult-sexual"])
        let json = String(decoding: try form.json(), as: UTF8.self)
        #expect(json.contains("\"screening_strengths_unconfirmed\" : true"))
        #expect(form.text().contains("UNCONFIRMED for adult-sexual"))
        // Not shared where the screening is not: a basic-only form says nothing of it.
        let basic = try Self.referral(fixture, code, scopes: [.basic])
        #expect(try fixture.store.form(basic.id).screeningStrengthsUnconfirmed == nil)
        // The record itself carries the mark and the version.
        let record = try #require(try fixture.store.screenings(of: code.rawValue).first { $0.set == "adult-sexual" })
        #expect(record.strengthsUnconfirmed == true)
        #expect(record.questionnaireVersion == questionnaire.version)
        let labour = try #require(try fixture.store.screenings(of: code.rawValue).first { $0.set == "adult-labour" })
        #expect(labour.strengthsUnconfirmed == nil)
    }

    @Test("A screening record stored before versions and marks reads, as does an old result")
    func oldRecordsRead() throws {
        let old = #"{"answers":{"al-dr-wages":"yes"},"screening":{"set":"adult-labour","answers":{"al-dr-wages":"yes"},"result":"no-indicators"}}"#
        let details = try JSONDecoder().decode(StepDetails.self, from: Data(old.utf8))
        #expect(details.screening == ScreeningRecord(set: "adult-labour", answers: ["al-dr-wages": .yes], result: .noIndicators))
        #expect(details.screening?.questionnaireVersion == nil && details.screening?.strengthsUnconfirmed == nil)
        let declined = ScreeningRecord(set: "child-sexual", answers: [:], result: .declined, questionnaireVersion: "2", strengthsUnconfirmed: true)
        #expect(try JSONDecoder().decode(ScreeningRecord.self, from: JSONEncoder().encode(declined)) == declined)
    }

    @Test("A child's set needs the act answered yes: the act and exploitation suffice in the store too")
    func childAct() throws {
        let definitions = try ScreeningStepTests.definitions()
        let fixture = try CaseworkFixture(questionnaire: definitions.questionnaire)
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        let set = definitions.questionnaire.childLabour
        let exploited = Self.yes(set, [.exploitativeConditions])
        try Self.record(fixture, code, set.id, exploited.merging(["cl-act-moved-or-kept": .declined]) { $1 })
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "unclear")
        try Self.record(fixture, code, set.id, exploited.merging(["cl-act-moved-or-kept": .yes]) { $1 })
        #expect(try fixture.store.summary(code.rawValue).file.screeningResult == "presumed-victim")
    }
}
