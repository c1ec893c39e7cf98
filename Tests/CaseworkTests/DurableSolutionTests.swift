@testable import Casework
import Directory
import Foundation
import GRDB
import Routing
import SOP
import Testing
import TestSupport

@Suite("Durable solutions: return, integration, resettlement")
struct DurableSolutionTests {
    static let day: TimeInterval = 86_400

    @Test("Integration and resettlement are recorded with their day, listed on the standing and logged; --voluntary is for a return only")
    func integration() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        fixture.clock.advance(by: 40 * Self.day)
        let standing = try fixture.store.recordSolution(code.rawValue, kind: .integration, on: "2026-02-20")
        #expect(standing.solutions.map(\.kind) == [.integration] && standing.solutions.first?.reachedOn == "2026-02-20")
        #expect(standing.solutions.first?.voluntary == nil && standing.solutions.first?.line == "2026-02-20 integration")
        #expect(try fixture.store.logEntries().contains { $0.kind == "solution" && $0.status == "integration" && $0.caseCode == code.rawValue })
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .resettlement, on: "2026-02-21", voluntary: true) }
        #expect(try fixture.store.standing(of: code.rawValue).solutions.count == 1, "a refused one writes nothing")
    }

    @Test("A return is refused without the person's decision, in the future, or before the first contact; nothing is written")
    func returnNeedsTheDecision() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        fixture.clock.advance(by: 10 * Self.day)
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-01-20") }
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2027-01-20", voluntary: true) }
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2025-12-31", voluntary: true) }
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "20 Jan", voluntary: true) }
        #expect(try fixture.store.standing(of: code.rawValue).solutions.isEmpty)
        #expect(!(try fixture.store.logEntries().contains { $0.kind == "solution" }))
    }

    @Test("On a day within the recovery and reflection period a return is only the person's own request, recorded; after it, a return not voluntary is recorded as such")
    func returnDuringThePeriod() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        fixture.clock.advance(by: 3 * Self.day)
        try fixture.store.recordDecision(code.rawValue, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Insp. Radu Ionescu",
                                         authority: .police, on: "2026-01-16")
        #expect(try fixture.store.standing(of: code.rawValue).inRecoveryPeriod)
        do {
            try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-01-17", voluntary: false)
            Issue.record("a return not voluntary was recorded during the recovery and reflection period")
        } catch CaseworkError.invalidInput(let text) {
            #expect(text.contains("recovery and reflection period") && text.contains("--voluntary yes"), "\(text)")
        }
        do {
            try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-01-17", voluntary: true)
            Issue.record("a return was recorded during the period without the person's recorded request")
        } catch CaseworkError.invalidInput(let text) {
            #expect(text.contains("return-request"), "\(text)")
        }
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.returnReception, need: "return",
                                                        directory: fixture.directory)
        try fixture.store.recordReferralStep(referral.id, step: "return-request", details: StepDetails(answers: ["requested": "yes"]))
        let asked = try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-01-17", voluntary: true)
        #expect(asked.solutions.first?.line == "2026-01-17 return (the person's voluntary decision)")
        fixture.clock.advance(by: 60 * Self.day)
        // Recorded late, a return on a day within the period is judged on that day.
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-02-01", voluntary: false) }
        let after = try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-03-10", voluntary: false)
        #expect(after.solutions.last?.voluntary == false)
    }

    @Test("A child's return needs the latest best-interests determination to be in the child's interest; a pending one, or none, refuses it")
    func childsReturn() throws {
        let fixture = try CaseworkFixture()
        var profile = CaseworkFixture.girl
        profile.nationality = "XB"
        let code = try fixture.store.openCase(profile: profile)
        fixture.clock.advance(by: 40 * Self.day)
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-02-20", voluntary: true) }
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.returnReception, need: "return",
                                                        escort: true, directory: fixture.directory)
        try fixture.store.recordReferralStep(referral.id, step: "best-interests", details: CaseworkFixture.bestInterests("pending"))
        do {
            try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-02-20", voluntary: true)
            Issue.record("a child's return was recorded on a pending best-interests outcome")
        } catch CaseworkError.invalidInput(let text) {
            #expect(text.contains("best-interests determination") && text.contains("pending"), "\(text)")
        }
        try fixture.store.recordReferralStep(referral.id, step: "best-interests", details: CaseworkFixture.bestInterests())
        let standing = try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-02-20", voluntary: true)
        #expect(standing.solutions.first?.bestInterests == "in-the-childs-interest (determination, 2026-01-10)")
    }

    @Test("A durable solution's row is MAC'd: changed outside Waymark, the case no longer reads")
    func rowIsProtected() throws {
        let fixture = try CaseworkFixture()
        let code = try fixture.store.openCase(profile: CaseworkFixture.adultWoman)
        fixture.clock.advance(by: 40 * Self.day)
        try fixture.store.recordSolution(code.rawValue, kind: .return, on: "2026-02-20", voluntary: false)
        try fixture.store.writer.queue.write { db in try db.execute(sql: "UPDATE durable_solution SET voluntary = 1") }
        #expect(throws: CaseworkError.self) { try fixture.store.recordSolution(code.rawValue, kind: .integration, on: "2026-02-21") }
    }
}
