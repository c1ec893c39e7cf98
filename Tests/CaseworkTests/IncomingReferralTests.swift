@testable import Casework
import Foundation
import Routing
import SOP
import Testing
import TestSupport

@Suite("The exchange: incoming referrals, answers, feedback and withdrawal notices")
struct IncomingReferralTests {
    /// The sending organization's id, as the shared directory would name it.
    static let senderID = "linia-verde"
    static let area = "XA0101"

    /// A referral handed off at the sending home, and what its envelope carries to the receiver.
    struct Sent {
        let sender: CaseworkFixture
        let code: CaseCode
        let referral: Referral
        let received: ReceivedReferral
    }

    /// Hands off an adult's referral (sharing `scopes`) and makes the envelope's content, as the exchange would deliver it.
    static func send(scopes: Set<DataScope> = [.basic, .contact, .screening], envelope: String = "E-REF-1") throws -> Sent {
        let sender = try CaseworkFixture()
        let (code, draft) = try sender.readyAdultReferral(scopes: scopes)
        let clearance = try #require(try sender.clearance(draft.id))
        let handoff = try sender.store.handoff(clearance, directory: sender.directory)
        let sentAt = try #require(handoff.referral.sentAt)
        let steps = (handoff.entry.steps ?? []).map { SenderStep(step: $0, recordedAt: sentAt, organization: "Linia Verde") }
        let received = ReceivedReferral(envelopeID: envelope, referralID: handoff.referral.id, senderOrganizationID: senderID,
                                        senderOrganizationName: "Linia Verde", sentAt: sentAt, serviceID: handoff.referral.serviceId,
                                        locationID: handoff.referral.locationId, formJSON: try sender.store.form(draft.id).json(),
                                        stepsDone: steps, receivingOrganizationID: handoff.referral.organizationId)
        return Sent(sender: sender, code: code, referral: handoff.referral, received: received)
    }

    /// A receiving home with the referral imported; returns it.
    static func receive(_ sent: Sent) throws -> (CaseworkFixture, IncomingReferral) {
        let receiver = try CaseworkFixture()
        receiver.clock.advance(hours: 1)
        guard case .created(let incoming) = try receiver.store.receiveReferral(sent.received, area: area) else {
            throw CaseworkError.invalidInput("the referral was not created")
        }
        return (receiver, incoming)
    }

    @Test("Round trip: the receiver's case holds exactly the shared data, screening reusable, no consent; the sender gets the answer")
    func roundTrip() throws {
        let sent = try Self.send()
        let (receiver, incoming) = try Self.receive(sent)
        #expect(incoming.referralId == sent.referral.id)
        #expect(incoming.status == .sent)
        #expect(incoming.from == "Linia Verde")
        #expect(incoming.fromOrganizationId == Self.senderID)
        #expect(incoming.receivedAt == receiver.clock.now())
        #expect(incoming.stepsDone.map(\.step) == ["safety", "screening", "age", "risk"])
        #expect(incoming.stepsDoneText.first?.contains("done by Linia Verde") == true)
        #expect(try receiver.store.incomingReferrals() == [incoming])
        #expect(try receiver.store.incomingReferral(sent.referral.id) == incoming)

        // Exactly the shared data: the basic facts, and the contact fields consented to (not the account or safety concerns).
        let profile = try receiver.store.profile(of: incoming.caseCode)
        #expect(profile.area == Self.area)
        #expect(profile.sex == "female")
        #expect(profile.nationality == "XB")
        #expect(profile.languages == ["ro"])
        #expect(profile.exploitation == ["sexual"])
        #expect(!profile.isPresumedChild)
        #expect(profile.formallyIdentified == .unknown)
        let full = CaseworkFixture.fullIdentity
        #expect(try receiver.store.identity(incoming.caseCode)
                == Identity(name: full.name, dateOfBirth: full.dateOfBirth, phone: full.phone, address: full.address, disability: full.disability))
        let summary = try receiver.store.summary(incoming.caseCode)
        #expect(summary.file.channel == CaseVocabulary.incomingReferral)
        #expect(summary.file.ageBand == "25-39")
        #expect(summary.file.screeningResult == "unclear")
        #expect(summary.steps.map(\.stepId) == ["screening"])
        #expect(summary.steps.first?.recordedBy.contains("Linia Verde") == true)
        // The form as handed off, readable here.
        #expect(try receiver.store.incomingForm(sent.referral.id) == sent.received.formJSON)

        // An onward referral: screening counts, nothing else carried over, no consent.
        let onward = try receiver.store.createReferral(case: incoming.caseCode, serviceId: SampleService.legalAid, need: "legal.aid",
                                                      directory: receiver.directory)
        let owed = try receiver.store.stepsOwed(onward.id).map(\.stepId.rawValue)
        #expect(!owed.contains("screening"))
        #expect(owed.contains("safety"))
        #expect(owed.contains("consent"))

        // The receiver answers; the sender applies each answer at the receiver's time.
        let acknowledged = try receiver.store.respond(to: sent.referral.id, status: .acknowledged)
        receiver.clock.advance(hours: 2)
        let accepted = try receiver.store.respond(to: sent.referral.id, status: .accepted)
        #expect(accepted.status == .accepted)
        #expect(accepted.organizationID == sent.referral.organizationId)
        #expect(accepted.at == receiver.clock.now())
        #expect(try receiver.store.incomingReferral(sent.referral.id).acceptedAt == accepted.at)
        sent.sender.clock.advance(hours: 5)
        for (index, notice) in [acknowledged, accepted].enumerated() {
            let applied = try sent.sender.store.applyFeedback(ReceivedFeedback(
                envelopeID: "E-FB-\(index)", referralID: notice.referralID, fromOrganizationID: notice.organizationID, status: notice.status,
                declineReason: notice.declineReason, outcome: notice.outcome, receiverTime: notice.at))
            #expect(applied.note == nil)
            #expect(!applied.alreadyApplied)
        }
        let referral = try sent.sender.store.referral(sent.referral.id)
        #expect(referral.status == .accepted)
        #expect(referral.acceptedAt == accepted.at)
        #expect(referral.acknowledgedAt == acknowledged.at)
        #expect(try sent.sender.store.logEntries().map(\.kind) == ["handoff", "feedback", "feedback"])
        #expect(try receiver.store.logEntries().map(\.kind) == ["incoming", "response", "response"])
        #expect(try sent.sender.store.verifyLog().verifies)
        #expect(try receiver.store.verifyLog().verifies)

        // The JSON keys the exchange and the CLI read.
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(try receiver.store.incomingReferral(sent.referral.id)))
                                  as? [String: Any])
        for key in ["referral_id", "from", "from_organization_id", "received_at", "status", "case_code", "envelope_id", "steps_done", "cas_IncomingReferralDate"] {
            #expect(object[key] != nil, "no \(key)")
        }
    }

    @Test("Only the consented scope arrives: an anonymous referral opens a case with no identity and no screening")
    func anonymousScope() throws {
        let sent = try Self.send(scopes: [.anonymous])
        let (receiver, incoming) = try Self.receive(sent)
        #expect(try receiver.store.identity(incoming.caseCode) == nil)
        let profile = try receiver.store.profile(of: incoming.caseCode)
        #expect(profile.nationality == nil)
        #expect(profile.languages.isEmpty)
        #expect(profile.sex == "female")
        #expect(try receiver.store.summary(incoming.caseCode).steps.isEmpty)
        #expect(try receiver.store.summary(incoming.caseCode).file.ageBand == "25-39")
    }

    @Test("The same envelope again writes nothing; the same referral in another envelope is refused")
    func importedOnce() throws {
        let sent = try Self.send()
        let (receiver, incoming) = try Self.receive(sent)
        let entries = try receiver.store.logEntries().count
        guard case .alreadyImported(let again) = try receiver.store.receiveReferral(sent.received, area: Self.area) else {
            Issue.record("imported twice")
            return
        }
        #expect(again == incoming)
        var other = sent.received
        other.envelopeID = "E-REF-2"
        #expect(throws: CaseworkError.self) { try receiver.store.receiveReferral(other, area: Self.area) }
        var mismatched = sent.received
        mismatched.envelopeID = "E-REF-3"
        mismatched.referralID = "R-AAAAAAAA"
        #expect(throws: CaseworkError.self) { try receiver.store.receiveReferral(mismatched, area: Self.area) }
        #expect(try receiver.store.logEntries().count == entries)
        #expect(try receiver.store.incomingReferrals().count == 1)
    }

    @Test("The receiver's answers follow the lifecycle: accepted only after acknowledged, a decline needs its reason, closing its outcome")
    func respondRules() throws {
        let sent = try Self.send()
        let (receiver, _) = try Self.receive(sent)
        let id = sent.referral.id
        #expect(throws: CaseworkError.transitionNotAllowed(from: .sent, to: .accepted)) { try receiver.store.respond(to: id, status: .accepted) }
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: id, status: .withdrawn) }
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: id, status: .declined) }
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: id, status: .declined, declineReason: .other) }
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: id, status: .acknowledged, outcome: .serviceReceived) }
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: "R-ZZZZZZZZ", status: .acknowledged) }
        let declined = try receiver.store.respond(to: id, status: .declined, declineReason: .noCapacity)
        #expect(declined.declineReason == .noCapacity)
        #expect(try receiver.store.incomingReferral(id).status == .declined)
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: id, status: .acknowledged) }
        #expect(try receiver.store.logEntries().map(\.kind) == ["incoming", "response"])
        #expect(try receiver.store.verifyLog().verifies)
    }

    @Test("The sender refuses an answer from another organization, for an unknown referral, or against the lifecycle; nothing is written")
    func feedbackRefusals() throws {
        let sent = try Self.send()
        let store = sent.sender.store
        let id = sent.referral.id
        let receiverID = sent.referral.organizationId
        let at = try #require(sent.referral.sentAt).addingTimeInterval(60)
        sent.sender.clock.advance(hours: 1)
        let entries = try store.logEntries().count
        #expect(throws: CaseworkError.self) {
            try store.applyFeedback(ReceivedFeedback(envelopeID: "E-1", referralID: id, fromOrganizationID: "someone-else", status: .acknowledged,
                                                     receiverTime: at))
        }
        #expect(throws: CaseworkError.unknownReferral("R-ZZZZZZZZ")) {
            try store.applyFeedback(ReceivedFeedback(envelopeID: "E-2", referralID: "R-ZZZZZZZZ", fromOrganizationID: receiverID,
                                                     status: .acknowledged, receiverTime: at))
        }
        #expect(try store.referral(id).status == .sent)
        #expect(try store.logEntries().count == entries)

        let declined = try store.applyFeedback(ReceivedFeedback(envelopeID: "E-3", referralID: id, fromOrganizationID: receiverID, status: .declined,
                                                                declineReason: .other, receiverTime: at))
        #expect(declined.referral.status == .declined)
        #expect(declined.referral.declineReason == .other)
        #expect(throws: CaseworkError.transitionNotAllowed(from: .declined, to: .accepted)) {
            try store.applyFeedback(ReceivedFeedback(envelopeID: "E-4", referralID: id, fromOrganizationID: receiverID, status: .accepted,
                                                     receiverTime: at))
        }
        // The same envelope again: a no-op that says so.
        let again = try store.applyFeedback(ReceivedFeedback(envelopeID: "E-3", referralID: id, fromOrganizationID: receiverID, status: .declined,
                                                             declineReason: .other, receiverTime: at))
        #expect(again.alreadyApplied)
        #expect(again.note?.contains("already applied") == true)
        #expect(try store.logEntries().count == entries + 1)
        #expect(try store.referral(id).declinedAt == at)
        #expect(try store.verifyLog().verifies)
    }

    @Test("A receiver's time before the hand-off is not believed: the import time is recorded, with a note")
    func receiverClockBehind() throws {
        let sent = try Self.send()
        let store = sent.sender.store
        let sentAt = try #require(sent.referral.sentAt)
        sent.sender.clock.advance(hours: 3)
        let applied = try store.applyFeedback(ReceivedFeedback(envelopeID: "E-1", referralID: sent.referral.id,
                                                               fromOrganizationID: sent.referral.organizationId, status: .acknowledged,
                                                               receiverTime: sentAt.addingTimeInterval(-3600)))
        #expect(applied.referral.acknowledgedAt == sent.sender.clock.now())
        #expect(applied.note?.contains("before the hand-off") == true)
        let row = try store.writer.read { db in try ReferralFeedbackRow.fetchOne(db, key: "E-1") }
        #expect(row?.receiverAt == sentAt.addingTimeInterval(-3600))
        #expect(row?.importedAt == sent.sender.clock.now())
        #expect(try store.verifyLog().verifies)
    }

    @Test("Consent withdrawn after the hand-off: the notice erases the receiver's case, once")
    func withdrawalErases() throws {
        let sent = try Self.send()
        let (receiver, incoming) = try Self.receive(sent)
        #expect(throws: CaseworkError.self) { try sent.sender.store.withdrawalNotice(for: sent.referral.id) }
        sent.sender.clock.advance(hours: 1)
        try sent.sender.store.withdrawConsent(sent.referral.id)
        let notice = try sent.sender.store.withdrawalNotice(for: sent.referral.id)
        #expect(notice.at == sent.sender.clock.now())
        #expect(notice.organizationID == sent.referral.organizationId)

        let received = ReceivedWithdrawal(envelopeID: "E-W-1", referralID: notice.referralID, fromOrganizationID: Self.senderID, at: notice.at)
        let stranger = ReceivedWithdrawal(envelopeID: "E-W-0", referralID: notice.referralID, fromOrganizationID: "someone-else", at: notice.at)
        #expect(throws: CaseworkError.self) { try receiver.store.applyWithdrawal(stranger, personInCareConsents: false) }
        #expect(try receiver.store.identity(incoming.caseCode) != nil)

        #expect(try receiver.store.applyWithdrawal(received, personInCareConsents: false) == .erased)
        #expect(try receiver.store.identity(incoming.caseCode) == nil)
        #expect(throws: CaseworkError.self) { try receiver.store.incomingForm(sent.referral.id) }
        let after = try receiver.store.incomingReferral(sent.referral.id)
        #expect(after.status == .withdrawn)
        #expect(after.withdrawal == .erased)
        #expect(try receiver.store.applyWithdrawal(received, personInCareConsents: false) == .alreadyHandled)
        #expect(try receiver.store.logEntries().map(\.kind) == ["incoming", "erasure", "withdrawal"])
        #expect(try receiver.store.verifyLog().verifies)
        #expect(try sent.sender.store.verifyLog().verifies)
    }

    @Test("A person in the receiver's care who consents directly: the case is kept, the referral withdrawn")
    func withdrawalInCare() throws {
        let sent = try Self.send()
        let (receiver, incoming) = try Self.receive(sent)
        let notice = ReceivedWithdrawal(envelopeID: "E-W-1", referralID: sent.referral.id, fromOrganizationID: Self.senderID,
                                        at: receiver.clock.now())
        #expect(try receiver.store.applyWithdrawal(notice, personInCareConsents: true) == .keptInCare)
        #expect(try receiver.store.identity(incoming.caseCode)?.name == CaseworkFixture.fullIdentity.name)
        #expect(try receiver.store.incomingReferral(sent.referral.id).status == .withdrawn)
        #expect(try receiver.store.verifyLog().verifies)
    }

    @Test("A child's referral to child protection, shared by legal duty: a withdrawal notice keeps the case")
    func withdrawalLegalDuty() throws {
        let sender = try CaseworkFixture()
        let code = try sender.store.openCase(profile: CaseworkFixture.girl)
        try sender.store.identify(code.rawValue, identity: Identity(name: "Ioana Rusu", dateOfBirth: "2011-05-02"))
        try sender.store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try sender.store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 15)))
        let draft = try sender.store.createReferral(case: code.rawValue, serviceId: SampleService.guardianship, need: "child-protection",
                                                   priority: .emergency, escort: true, directory: sender.directory)
        let handoff = try sender.store.handoff(try #require(try sender.clearance(draft.id)), directory: sender.directory)
        let received = ReceivedReferral(envelopeID: "E-REF-1", referralID: draft.id, senderOrganizationID: Self.senderID,
                                        senderOrganizationName: "Linia Verde", sentAt: try #require(handoff.referral.sentAt),
                                        serviceID: draft.serviceId, formJSON: try handoff.form.json(), stepsDone: [],
                                        receivingOrganizationID: draft.organizationId)
        let receiver = try CaseworkFixture()
        let incoming = try receiver.store.receiveReferral(received, area: Self.area).referral
        let profile = try receiver.store.profile(of: incoming.caseCode)
        #expect(profile.isPresumedChild)
        #expect(try receiver.store.identity(incoming.caseCode)?.name == "Ioana Rusu")
        let notice = ReceivedWithdrawal(envelopeID: "E-W-1", referralID: draft.id, fromOrganizationID: Self.senderID, at: receiver.clock.now())
        #expect(try receiver.store.applyWithdrawal(notice, personInCareConsents: false) == .keptLegalDuty)
        #expect(try receiver.store.identity(incoming.caseCode)?.name == "Ioana Rusu")
        #expect(try receiver.store.verifyLog().verifies)
    }

    @Test("A received form's age band becomes an estimated range; a disputed age stays a child")
    func ageFromBand() throws {
        #expect(ReceivedForm.range(ofBand: "25-39") == 25...39)
        #expect(ReceivedForm.range(ofBand: "60+") == 60...99)
        #expect(ReceivedForm.range(ofBand: "unknown") == nil)
        func form(_ person: [String: Any]) throws -> ReceivedForm {
            let document: [String: Any] = ["form_version": ReferralForm.version, "referral": ["referral_id": "R-AAAAAAAA"], "person": person]
            return try ReceivedForm(json: try JSONSerialization.data(withJSONObject: document))
        }
        let adult = try form(["age_band": "25-39, estimated"]).profile(area: Self.area, at: TestTime.epoch)
        #expect(adult.age == .range(25...39))
        #expect(!adult.isPresumedChild)
        let disputed = try form(["age_band": "15-17, disputed (treated as a child)"]).profile(area: Self.area, at: TestTime.epoch)
        #expect(disputed.ageDisputed)
        #expect(disputed.isPresumedChild)
        // A date of birth showing an adult does not lift a presumption of minority.
        let born = try form(["age_band": "15-17, a child", "prs_Birthdate": "2000-01-01"]).profile(area: Self.area, at: TestTime.epoch)
        #expect(born.isPresumedChild)
        #expect(throws: CaseworkError.self) { try ReceivedForm(json: Data("{\"person\": {}}".utf8)) }
    }

    @Test("An older copy of an incoming referral or an applied answer put back is caught by the log")
    func olderCopiesCaught() throws {
        let sent = try Self.send()
        let (receiver, _) = try Self.receive(sent)
        _ = try receiver.store.respond(to: sent.referral.id, status: .acknowledged)
        // Rows written through the store's writer carry valid MACs: only the log can tell them from the real ones.
        try receiver.writeAsEarlierVersion("UPDATE incoming_referral SET status = 'sent', acknowledged_at = NULL")
        #expect(try !receiver.store.verifyLog().verifies)
        #expect(throws: CaseworkError.self) { try receiver.store.respond(to: sent.referral.id, status: .accepted) }

        sent.sender.clock.advance(hours: 2)
        _ = try sent.sender.store.applyFeedback(ReceivedFeedback(envelopeID: "E-1", referralID: sent.referral.id,
                                                                 fromOrganizationID: sent.referral.organizationId, status: .acknowledged,
                                                                 receiverTime: sent.sender.clock.now()))
        try sent.sender.writeAsEarlierVersion("DELETE FROM referral_feedback")
        #expect(try !sent.sender.store.verifyLog().verifies)
    }
}
