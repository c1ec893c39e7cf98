import Casework
import Foundation
import Testing
import TestSupport

@Suite("One draft per case, service and need")
struct OpenDraftTests {
    @Test("Referring again to the same service for the same need continues the open draft; nothing new is written")
    func sameDraftAgain() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        #expect(try fixture.store.openDraft(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial") == nil)
        let first = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                     directory: fixture.directory)
        fixture.clock.advance(hours: 1)
        let again = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                     priority: .urgent, directory: fixture.directory)
        #expect(again.id == first.id && again.createdAt == first.createdAt, "the open draft is continued")
        #expect(first.priority == .normal && again.priority == .urgent, "asked again more urgently, it becomes as urgent")
        let calmer = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                      priority: .normal, directory: fixture.directory)
        #expect(calmer.priority == .urgent, "never lowered by asking again")
        #expect(try fixture.store.referrals(case: code.rawValue).map(\.id) == [first.id])
        #expect(try fixture.store.openDraft(case: code.rawValue.lowercased(), serviceId: SampleService.counselling, need: "psychosocial")?.id == first.id)
    }

    @Test("Another service, another need or another case makes a new draft")
    func otherDraftsAreNew() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let other = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let first = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                     directory: fixture.directory)
        let broader = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal",
                                                       directory: fixture.directory)
        let elsewhere = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAdvice, need: "legal.aid",
                                                         directory: fixture.directory)
        let otherCase = try fixture.store.createReferral(case: other.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                         directory: fixture.directory)
        #expect(Set([first.id, broader.id, elsewhere.id, otherCase.id]).count == 4)
        #expect(try fixture.store.referrals().count == 4)
    }

    @Test("Once the draft is handed off, referring again makes a new draft")
    func sentIsNotContinued() throws {
        let fixture = try CaseworkFixture()
        let (code, draft) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(draft.id))
        let sent = try fixture.store.handoff(clearance, directory: fixture.directory).referral
        #expect(sent.status == .sent)
        #expect(try fixture.store.openDraft(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial") == nil)
        let next = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                    directory: fixture.directory)
        #expect(next.id != sent.id && next.status == .draft)
    }

    @Test("The eligibility rules apply before an open draft is continued: a draft the person no longer fits is refused")
    func eligibilityStillApplies() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                             directory: fixture.directory)
        _ = try fixture.store.updateProfile(code.rawValue) { $0.sex = "male" }
        #expect(throws: CaseworkError.self) {
            _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                                 directory: fixture.directory)
        }
    }
}

@Suite("The form as a file")
struct FormFileDomainTests {
    @Test("A draft's form is not written to a file, whatever asks: only the form handed off leaves the store")
    func draftRefused() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        let url = fixture.home.appendingPathComponent("draft.txt")
        #expect(throws: CaseworkError.self) {
            try fixture.store.writeForm(referral.id, format: .text, labels: .codes, to: url, replace: false)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        try fixture.store.writeForm(referral.id, format: .json, labels: .codes, to: url, replace: false)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // Replaced whole: the new document, still 0600, and no temporary file left beside it.
        try fixture.store.writeForm(referral.id, format: .text, labels: .codes, to: url, replace: true)
        #expect(try String(contentsOf: url, encoding: .utf8).contains(referral.id))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home.path).filter { $0.contains(".waymark-") }.isEmpty)
    }

    @Test("The risk step takes what is known of the traffickers beside the choice")
    func riskDetails() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        try fixture.store.recordReferralStep(referral.id, step: "risk", details: StepDetails(answers: [
            "traffickers": "known", "traffickers_details": "the recruiter knows her village", "receiving_service": "none listed"]))
        let checklist = try fixture.store.checklist(referral.id, questionnaire: try StepsOwedTests.questionnaire(), directory: fixture.directory)
        #expect(checklist.rows.first { $0.step.id == "risk" }?.details?.answers["traffickers_details"] == "the recruiter knows her village")
    }
}

@Suite("An update re-runs the eligibility of open referrals")
struct RefusedOpenReferralTests {
    @Test("A profile update that the women's shelter no longer fits names the open draft, with the reason; ended referrals are not listed")
    func updateNamesTheDraft() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                                     directory: fixture.directory)
        #expect(try fixture.store.refusedOpenReferrals(code.rawValue, directory: fixture.directory).isEmpty)
        _ = try fixture.store.updateProfile(code.rawValue) { $0.sex = "male" }
        let refused = try fixture.store.refusedOpenReferrals(code.rawValue, directory: fixture.directory)
        #expect(refused.map(\.referral.id) == [draft.id])
        #expect(refused.first?.reasons.map(\.code).contains("sex") == true && refused.first?.isProtective == true)
        #expect(refused.first?.sentence.contains("hand-off will be refused") == true, "\(refused.first?.sentence ?? "")")
        _ = try fixture.store.update(draft.id, to: .withdrawn, reason: "moved")
        #expect(try fixture.store.refusedOpenReferrals(code.rawValue, directory: fixture.directory).isEmpty)
    }

    @Test("A date of birth that shows a child makes an open referral to an adult-only service refused, named with adult-only")
    func dateOfBirthShowsAChild() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let draft = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                                     directory: fixture.directory)
        let born = Calendar(identifier: .gregorian).date(byAdding: .year, value: -15, to: Date()) ?? Date()
        try fixture.store.identify(code.rawValue, identity: Identity(dateOfBirth: DecisionDay.text(born)))
        let refused = try fixture.store.refusedOpenReferrals(code.rawValue, directory: fixture.directory)
        #expect(refused.map(\.referral.id) == [draft.id])
        #expect(refused.first?.reasons.map(\.code).contains("adult-only") == true, "\(refused.first?.reasons ?? [])")
    }
}
