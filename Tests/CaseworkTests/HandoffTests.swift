@testable import Casework
import GRDB
import Directory
import Foundation
import Routing
import SOP
import Testing
import TestSupport
import WaymarkData

@Suite("Hand-offs: the gate, the transaction, the re-check")
struct HandoffTests {
    @Test("A referral without consent is refused and nothing is written")
    func refusedWithoutConsent() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.completeCaseSteps(code)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                        directory: fixture.directory)
        try fixture.store.recordReferralStep(referral.id, step: "risk", details: StepDetails())
        guard case .refused(let missing) = try fixture.store.gate(referral.id) else {
            Issue.record("cleared without consent")
            return
        }
        #expect(missing.map(\.stepId) == ["consent"])
        #expect(missing[0].instruction.contains("consent"))
        #expect(try fixture.store.referral(referral.id).status == .draft)
        #expect(try fixture.store.logEntries().isEmpty)
    }

    @Test("A cleared referral is handed off: sent, form sealed, one log entry naming the steps")
    func handedOff() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        let handoff = try fixture.store.handoff(clearance, directory: fixture.directory)
        #expect(handoff.referral.status == .sent)
        #expect(handoff.sequence == 1)
        let entries = try fixture.store.logEntries()
        #expect(entries.count == 1)
        #expect(entries[0].kind == "handoff")
        #expect(entries[0].caseCode == code.rawValue)
        #expect(entries[0].steps == ["safety", "screening", "age", "consent", "risk"])
        #expect(entries[0].formHash == handoff.referral.formHash)
        #expect(entries[0].formHash?.count == 64)
        #expect(entries[0].operatorName == "Ana Responder")
        #expect(try fixture.store.verifyLog().verifies)
        // A second hand-off of the same referral is refused.
        #expect(throws: CaseworkError.self) { try fixture.store.handoff(clearance, directory: fixture.directory) }
        #expect(try fixture.store.logEntries().count == 1)
    }

    @Test("Consent to organization A does not clear a referral to organization B")
    func consentIsPerOrganization() throws {
        let fixture = try CaseworkFixture()
        let (code, first) = try fixture.readyAdultReferral()
        #expect(try fixture.clearance(first.id) != nil)
        let other = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.legalAid, need: "legal.aid",
                                                     directory: fixture.directory)
        try fixture.store.recordReferralStep(other.id, step: "risk", details: StepDetails())
        #expect(other.organizationId != first.organizationId)
        guard case .refused(let missing) = try fixture.store.gate(other.id) else {
            Issue.record("consent to one organization cleared another")
            return
        }
        #expect(missing.map(\.stepId) == ["consent"])
    }

    @Test("Withdrawn consent blocks the next hand-off")
    func withdrawnBlocks() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        try fixture.store.withdrawConsent(referral.id)
        guard case .refused(let missing) = try fixture.store.gate(referral.id) else {
            Issue.record("withdrawn consent cleared")
            return
        }
        #expect(missing.first?.instruction.contains("withdrawn") == true)
    }

    @Test("Consent withdrawn between the gate and the write: the hand-off is refused inside the transaction")
    func withdrawnBetweenGateAndWrite() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        try fixture.store.withdrawConsent(referral.id)
        let entriesBefore = try fixture.store.logEntries().count
        #expect(throws: CaseworkError.self) { try fixture.store.handoff(clearance, directory: fixture.directory) }
        #expect(try fixture.store.referral(referral.id).status == .draft)
        #expect(try fixture.store.referral(referral.id).formHash == nil)
        #expect(try fixture.store.logEntries().count == entriesBefore)
    }

    @Test("New consent after the check: the old clearance no longer matches")
    func consentChangedAfterCheck() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.anonymous], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        #expect(throws: CaseworkError.self) { try fixture.store.handoff(clearance, directory: fixture.directory) }
        #expect(try fixture.store.referral(referral.id).status == .draft)
    }

    @Test("A child, or a disputed 17–19, goes to child protection at once, and to return or family tracing only after guardian and best interests",
          arguments: [CaseworkFixture.girl, CaseworkFixture.disputedBoy])
    func childPathway(profile given: Routing.ClientProfile) throws {
        let fixture = try CaseworkFixture()
        // Return is organised from here or in the country of nationality (XB, where the reception service is).
        var profile = given
        profile.nationality = "XB"
        let code = try fixture.store.openCase(profile: profile)
        try fixture.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try fixture.store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(screening: CaseworkFixture.screening))
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(
            age: profile.ageDisputed ? try AgeRecord(basis: .disputed, from: 17, to: 19) : try AgeRecord(basis: .stated, years: 15)))
        let protection = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship,
                                                          need: "child-protection", priority: .emergency, escort: true, directory: fixture.directory)
        let cleared = try #require(try fixture.clearance(protection.id), "a child's referral to child protection waited")
        #expect(cleared.consentId == nil)
        let sent = try fixture.store.handoff(cleared, directory: fixture.directory)
        #expect(sent.entry.basis == "legal-duty")
        #expect(sent.form.legalBasis == "child-protection-duty")

        for (service, need) in [(SampleService.returnReception, "return"), (SampleService.familyTracing, "family-tracing")] {
            let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: service, need: need, escort: true, directory: fixture.directory)
            try fixture.recordRisk(referral.id)
            _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
            guard case .refused(let missing) = try fixture.store.gate(referral.id) else {
                Issue.record("a child's \(need) referral cleared without guardian and best interests")
                continue
            }
            let ids = Set(missing.map(\.stepId))
            #expect(ids.isSuperset(of: ["guardian", "child-views", "best-interests", "consent"]))
        }
        try fixture.store.recordCaseStep(code.rawValue, step: "guardian", details: CaseworkFixture.guardian)
        let back = try fixture.store.referrals(case: code.rawValue).first { $0.need.rawValue == "return" }
        let returnReferral = try #require(back)
        try fixture.store.recordReferralStep(returnReferral.id, step: "child-views", details: StepDetails(answers: ["views": "wants to go home", "agrees": "yes"]))
        #expect(try fixture.clearance(returnReferral.id) == nil)
        try fixture.store.recordReferralStep(returnReferral.id, step: "best-interests", details: CaseworkFixture.bestInterests("pending"))
        _ = try fixture.store.giveConsent(returnReferral.id, givenBy: .guardian, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        #expect(try fixture.clearance(returnReferral.id) == nil, "a pending best-interests outcome is not in the child's interest")
        try fixture.store.recordReferralStep(returnReferral.id, step: "best-interests", details: CaseworkFixture.bestInterests())
        let ready = try #require(try fixture.clearance(returnReferral.id))
        let handed = try fixture.store.handoff(ready, directory: fixture.directory)
        #expect(handed.form.bestInterests?.hasPrefix("in-the-childs-interest (determination") == true)
        #expect(handed.form.childViews == "wants to go home; agrees: yes")
    }

    @Test("A life-at-risk override needs a reason and is carried on the log entry")
    func override() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.womensShelter, need: "shelter",
                                                        priority: .emergency, directory: fixture.directory)
        #expect(try fixture.clearance(referral.id, override: "  ") == nil)
        let clearance = try #require(try fixture.clearance(referral.id, override: "Caller in immediate danger"))
        let handoff = try fixture.store.handoff(clearance, directory: fixture.directory)
        #expect(handoff.entry.overrideReason == nil, "the reason is sealed, never in clear in the log")
        #expect(try fixture.store.overrideReason(of: handoff.entry) == "Caller in immediate danger")
        #expect(handoff.entry.overridden?.contains("consent") == true)
        // Without consent the form carries the anonymous fields only.
        #expect(Set(handoff.form.person.keys).isSubset(of: Set(DataScope.anonymous.fields)))
        #expect(try fixture.store.report().overrides.value == 1)
    }

    @Test("A referral to a closed or unknown service is refused and nothing is written")
    func unavailableService() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        for service in [SampleService.closedShelter, "no-such-service"] {
            #expect(throws: CaseworkError.self) {
                _ = try fixture.store.createReferral(case: code.rawValue, serviceId: service, need: "shelter", directory: fixture.directory)
            }
        }
        #expect(try fixture.store.referrals().isEmpty)
    }

    @Test("Unknown steps and steps of the wrong scope are refused with what to do")
    func unknownSteps() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        do {
            try fixture.store.recordCaseStep(code.rawValue, step: "blood-test", details: StepDetails())
            Issue.record("an unknown step was recorded")
        } catch let error as CaseworkError {
            #expect(error.description.contains("safety, screening"))
        }
        do {
            try fixture.store.recordCaseStep(code.rawValue, step: "risk", details: StepDetails())
            Issue.record("a referral step was recorded on the case")
        } catch let error as CaseworkError {
            #expect(error.description.contains("waymark referral record"))
        }
        #expect(try fixture.store.summary(code.rawValue).steps.isEmpty)
    }
}

@Suite("Screening answers checked against the bundled questionnaire")
struct ScreeningStepTests {
    static func definitions() throws -> SOPDefinitions {
        let bundled = try WaymarkData.resourceDirectory().appendingPathComponent("sop")
        return try SOPDefinitions.load(home: TemporaryHome.url("no-home"),
                                       bundled: bundled)
    }

    @Test("The result is computed by the domain, and answers that do not fit are refused with the question named")
    func screening() throws {
        let definitions = try Self.definitions()
        let fixture = try CaseworkFixture(questionnaire: definitions.questionnaire)
        let adult = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let set = definitions.questionnaire.adultLabour
        let strong = set.indicators.filter { $0.strength == .strong }
        let yes = Dictionary(uniqueKeysWithValues: strong.map { ($0.id, ScreeningAnswer.yes) })
        // The caller's claimed result is ignored: the rule decides.
        try fixture.store.recordCaseStep(adult.rawValue, step: "screening",
                                         details: StepDetails(screening: ScreeningRecord(set: set.id, answers: yes, result: .noIndicators)))
        let expected = try ScreeningAnswers(set: set, answers: yes).result(child: false)
        #expect(expected != .noIndicators)
        #expect(try fixture.store.summary(adult.rawValue).file.screeningResult == expected.rawValue)
        do {
            try fixture.store.recordCaseStep(adult.rawValue, step: "screening",
                                             details: StepDetails(screening: ScreeningRecord(set: set.id, answers: ["no-such-question": .yes], result: .unclear)))
            Issue.record("an unknown question was accepted")
        } catch let error as CaseworkError {
            #expect(error.description.contains("no-such-question"))
        }
        let child = try fixture.store.openCase(profile: CaseworkFixture.girl)
        #expect(throws: CaseworkError.self) {
            try fixture.store.recordCaseStep(child.rawValue, step: "screening",
                                             details: StepDetails(screening: ScreeningRecord(set: set.id, answers: [:], result: .unclear)))
        }
        #expect(try fixture.store.summary(child.rawValue).steps.isEmpty)
    }
}

@Suite("What a referral is for decides what it waits for")
struct ReferralPurposeTests {
    @Test("A referral must be for a need the service offers")
    func needMustBeOffered() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        do {
            _ = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship, need: "return", escort: true,
                                                 directory: fixture.directory)
            Issue.record("a return referral to a guardianship service was created")
        } catch let error as CaseworkError {
            #expect(error.description.contains("does not offer return"))
        }
        #expect(try fixture.store.referrals().isEmpty)
    }

    @Test("A child's family-tracing referral to a service that also does child protection still waits for guardian and best interests")
    func multiTypedService() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.girl)
        try fixture.completeCaseSteps(code, child: true)
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 15)))
        let tracing = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.tracingAndProtection,
                                                       need: "family-tracing", escort: true, directory: fixture.directory)
        try fixture.store.recordReferralStep(tracing.id, step: "risk", details: StepDetails())
        _ = try fixture.store.giveConsent(tracing.id, givenBy: .person, scopes: [.basic], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        let owed = Set(try fixture.store.stepsOwed(tracing.id).map(\.stepId))
        #expect(owed.isSuperset(of: ["guardian", "child-views", "best-interests", "consent"]))
        // The gate itself refuses it, naming the same steps: not just the list of what is owed.
        do {
            _ = try fixture.store.clear(tracing.id, directory: fixture.directory)
            Issue.record("the gate cleared a child's family tracing without a guardian or best interests")
        } catch CaseworkError.refused(let missing) {
            #expect(Set(missing.map(\.stepId)).isSuperset(of: ["guardian", "best-interests"]), "\(missing.map(\.stepId))")
        }
        // The same service, asked for child protection, takes the child at once: the gate clears it.
        let protection = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.tracingAndProtection,
                                                          need: "child-protection", escort: true, directory: fixture.directory)
        try fixture.store.recordReferralStep(protection.id, step: "risk", details: StepDetails())
        #expect(try fixture.store.stepsOwed(protection.id).isEmpty)
        #expect(try fixture.clearance(protection.id) != nil)
    }

    @Test("An override clears nothing below emergency priority, nor a withdrawn consent")
    func overrideLimits() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        try fixture.store.withdrawConsent(referral.id)
        #expect(try fixture.clearance(referral.id, override: "Life at risk") == nil)
        #expect(try fixture.store.logEntries().allSatisfy { $0.kind != "handoff" })
    }
}

@Suite("The log's head guards every append")
struct LogHeadTests {
    @Test("A log cut short is refused at the next append, and log verify keeps failing")
    func truncatedThenAppend() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        let queue = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
        try queue.write { db in try db.execute(sql: "DELETE FROM handoff_log WHERE seq = 2") }
        #expect(throws: CaseworkError.self) { _ = try fixture.store.update(referral.id, to: .withdrawn, reason: "person's choice") }
        #expect(try fixture.store.referral(referral.id).status == .acknowledged)
        #expect(!(try fixture.store.verifyLog().verifies))
    }

    @Test("A deleted or edited head file fails verification, even with an empty log")
    func headFile() throws {
        let fixture = try CaseworkFixture()
        let head = fixture.home.appendingPathComponent("handoff-log.head")
        #expect(try fixture.store.verifyLog().verifies)
        let original = try Data(contentsOf: head)
        try FileManager.default.removeItem(at: head)
        #expect(try fixture.store.verifyLog().problem?.contains("missing") == true)
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"count\":0", with: "\"count\":3").utf8).write(to: head)
        #expect(try fixture.store.verifyLog().problem?.contains("changed") == true)
    }
}

@Suite("Small counts in the report")
struct SuppressionTests {
    @Test("One small cell hides the next smallest too; medians of fewer than 5 are not given")
    func secondary() {
        let rows = CaseReport.tally(Array(repeating: "draft", count: 5) + ["sent"] + Array(repeating: "closed", count: 9))
        #expect(rows.map { "\($0.0)=\($0.1)" } == ["closed=9", "draft=suppressed", "sent=<5"])
        #expect(CaseReport.median([1, 2, 3, 4]) == nil)
        #expect(CaseReport.median([1, 2, 3, 4, 5]) == 3)
    }
}

@Suite("A changed age re-reads the screening")
struct AgeChangeTests {
    @Test("When a disputed age makes the person a child, the recorded screening is evaluated by the child rule")
    func disputedAgeRereadsScreening() throws {
        let definitions = try ScreeningStepTests.definitions()
        let fixture = try CaseworkFixture(questionnaire: definitions.questionnaire)
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        let set = definitions.questionnaire.adultLabour
        // Recruitment and exploitative conditions present, no means: unclear for an adult, presumed for a child.
        func strongest(_ dimension: ScreeningDimension) -> [String] {
            let indicators = set.indicators(in: dimension)
            let strong = indicators.filter { $0.strength == .strong }
            let medium = indicators.filter { $0.strength == .medium }
            return (strong.prefix(2) + (strong.count < 2 ? medium.prefix(3) : [])).map(\.id)
        }
        let yes = strongest(.deceptiveRecruitment) + strongest(.coerciveRecruitment) + strongest(.exploitativeConditions)
        let answers = Dictionary(uniqueKeysWithValues: yes.map { ($0, ScreeningAnswer.yes) })
        try fixture.store.recordCaseStep(code.rawValue, step: "screening",
                                         details: StepDetails(screening: ScreeningRecord(set: set.id, answers: answers, result: .unclear)))
        let adult = try #require(try fixture.store.summary(code.rawValue).file.screeningResult)
        let sheet = try ScreeningAnswers(set: set, answers: answers)
        #expect(adult == sheet.result(child: false).rawValue)
        #expect(sheet.result(child: false) != sheet.result(child: true), "the sheet does not tell the two rules apart")
        try fixture.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .disputed, from: 16, to: 19)))
        let summary = try fixture.store.summary(code.rawValue)
        #expect(summary.file.isChild)
        #expect(summary.file.screeningResult == sheet.result(child: true).rawValue)
        #expect(summary.steps.last?.summary.contains("ask the child set again") == true)
    }
}

@Suite("The receiving service changes in the directory before the hand-off")
struct DirectoryChangeTests {
    static let clock = TestTime.clock

    /// A referral to the small fixture's legal aid clinic, ready to hand off, and the directory it was made in.
    static func ready() throws -> (CaseworkFixture, DirectoryStore, Referral) {
        let fixture = try CaseworkFixture()
        let directory = try DirectoryStore.inMemory()
        _ = try directory.importPackage(at: try PackageFixture.small().write(), clock: clock)
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        try fixture.completeCaseSteps(code)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: PackageFixture.id("svc-legal"), need: "legal.aid",
                                                        directory: directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: [.basic, .contact], explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        try fixture.store.recordReferralStep(referral.id, step: "risk", details: StepDetails())
        return (fixture, directory, referral)
    }

    @Test("A service removed by a later import: the hand-off is refused, naming the removal, and nothing is written")
    func removed() throws {
        let (fixture, directory, referral) = try Self.ready()
        var package = PackageFixture.small()
        let id = PackageFixture.id("svc-legal")
        package.rows["service"]?.removeAll { $0["id"] == id }
        package.rows["service_at_location"]?.removeAll { $0["service_id"] == id }
        package.rows["attribute"]?.removeAll { $0["link_id"] == id }
        _ = try directory.importPackage(at: try package.write(), clock: Self.clock)
        let clearance = try #require(try fixture.clearance(referral.id))
        do {
            _ = try fixture.store.handoff(clearance, directory: directory)
            Issue.record("a hand-off to a removed service was logged")
        } catch let error as CaseworkError {
            #expect(error.description.contains("was removed from the directory"))
        }
        #expect(try fixture.store.referral(referral.id).status == .draft)
        #expect(try fixture.store.logEntries().isEmpty)
    }

    @Test("A service now run by another organization: consent was for the first, so the hand-off is refused")
    func organizationChanged() throws {
        let (fixture, directory, referral) = try Self.ready()
        var package = PackageFixture.small()
        let id = PackageFixture.id("svc-legal")
        package.rows["service"] = package.rows["service"]?.map { row in
            var row = row
            if row["id"] == id { row["organization_id"] = PackageFixture.id("org-police") }
            return row
        }
        _ = try directory.importPackage(at: try package.write(), clock: Self.clock)
        let clearance = try #require(try fixture.clearance(referral.id))
        do {
            _ = try fixture.store.handoff(clearance, directory: directory)
            Issue.record("a hand-off went to an organization nobody consented to")
        } catch let error as CaseworkError {
            #expect(error.description.contains("Make a new referral"))
        }
        #expect(try fixture.store.logEntries().isEmpty)
    }
}
