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
        #expect(again == first, "the open draft is returned as it is")
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
