import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

/// Two homes through the real domain: a referral handed off at Linia Verde and received at the counselling centre.
enum InboxScript {
    static let senderName = "Linia Verde"

    /// A referral handed off at the sending home, its keys made, and what its envelope carries to the receiver.
    struct Sent {
        let home: URL
        let referralId: String
        let received: ReceivedReferral
        let senderOrganization: String
        let receiverOrganization: String
        /// The sending home's referral key (base64), as its coordinator hands it to the receiver's.
        let senderReferralKey: String
    }

    /// The organization of a sample service.
    static func organization(of service: String) throws -> String {
        let directory = try #require(CaseworkFixture.sharedDirectory)
        return try #require(try directory.serviceRecord(service, changes: 0)?.organizationId)
    }

    /// An adult's referral to the counselling service, handed off at Linia Verde (the legal advice service's organization);
    /// with `draft`, a second referral left a draft.
    static func send(draft: Bool = false) throws -> (Sent, draftId: String?) {
        let sender = try CaseworkFixture()
        let (_, ready) = try sender.readyAdultReferral()
        let clearance = try #require(try sender.clearance(ready.id))
        let handoff = try sender.store.handoff(clearance, directory: sender.directory)
        let left = draft ? try sender.readyAdultReferral().1.id : nil
        let senderOrg = try organization(of: SampleService.legalAdvice)
        _ = try sender.store.editAccount(name: "Ana Responder", organization: senderName, organizationId: senderOrg)
        try sender.store.generatePublisherKey()
        let key = try #require(try sender.store.referralKey()).publicKey.base64EncodedString()
        let sentAt = try #require(handoff.referral.sentAt)
        let steps = (handoff.entry.steps ?? []).map { SenderStep(step: $0, recordedAt: sentAt, organization: senderName) }
        let received = ReceivedReferral(envelopeID: "E-INBOX-1", referralID: handoff.referral.id, senderOrganizationID: senderOrg,
                                        senderOrganizationName: senderName, sentAt: sentAt, serviceID: handoff.referral.serviceId,
                                        locationID: handoff.referral.locationId, formJSON: try sender.store.form(ready.id).json(),
                                        stepsDone: steps, receivingOrganizationID: handoff.referral.organizationId)
        return (Sent(home: sender.home, referralId: handoff.referral.id, received: received, senderOrganization: senderOrg,
                     receiverOrganization: handoff.referral.organizationId, senderReferralKey: key), left)
    }

    /// The receiving home (the counselling centre, its keys made) with the referral imported when given; the UI over it,
    /// opened with the environment's passphrase, at the results. With `senderKeyRecorded`, its directory has the sender's referral key.
    static func receiver(_ home: TemporaryHome, _ sent: Sent?, senderKeyRecorded: Bool = true, atResults: Bool = true) throws -> AppFixture {
        try FileManager.default.createDirectory(at: home.url, withIntermediateDirectories: true)
        var who = try Operator(name: "Ion Rusu", organization: "Counselling centre")
        who.organizationId = try sent?.receiverOrganization ?? organization(of: SampleService.counselling)
        try who.save(home: home.url)
        do {
            let store = try CaseStore.open(home: home.url, passphrase: CaseworkScript.passphrase,
                                           options: CaseStore.Options(clock: AppFixture.clock, random: SeededRandomSource(seed: 11),
                                                                      newKeyParameters: .cheapForTests))
            if let sent { _ = try store.receiveReferral(sent.received, area: "XA0101") }
            try store.generatePublisherKey()
        }
        let app = try AppFixture.casework(home: home.url, environmentPassphrase: CaseworkScript.passphrase, atResults: atResults)
        if let sent, senderKeyRecorded {
            let editor = DirectoryEditor(store: app.runner.store, author: ChangeAuthor(name: "Coordinator"), clock: AppFixture.clock)
            _ = try editor.addOrganizationKey(sent.senderOrganization, kind: .referral, base64: sent.senderReferralKey)
        }
        return app
    }

    /// A new envelope path in a new folder.
    static func envelopePath(_ home: TemporaryHome, _ name: String) throws -> String {
        try FileManager.default.createDirectory(at: home.url, withIntermediateDirectories: true)
        return home.url.appendingPathComponent(name).path
    }

    /// The screen's text, its wrapped lines joined again.
    static func shown(_ app: AppFixture) -> String { app.screen().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }

    static func incoming(_ home: TemporaryHome, _ id: String) throws -> IncomingReferral {
        try CaseworkScript.store(home).incomingReferral(id)
    }
}

@Suite("The inbox screen and sending envelopes")
struct InboxScreenTests {
    @Test("I from the results opens the inbox with the referral and what the sender did; on the search line it is only a letter")
    func opensFromResults() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let (sent, _) = try InboxScript.send()
        defer { try? FileManager.default.removeItem(at: sent.home) }
        var app = try InboxScript.receiver(home, sent, atResults: false)
        app.press([.character("I")])
        #expect(app.state.screen.name == "directory" && app.state.directory.search.text == "I", "the search line has the letter")
        app.press([.backspace, .down, .character("I")])
        #expect(app.state.screen.name == "inbox", "\(CaseworkScript.text(app))")
        let text = CaseworkScript.text(app)
        #expect(text.contains(sent.referralId) && text.contains("Linia Verde") && text.contains("new, unanswered"), "\(text)")
        #expect(text.contains("done by Linia Verde"), "\(text)")
        // Enter opens the incoming case as the cases screen opens a case; Esc comes back, and again to the results.
        app.press([.enter])
        #expect(app.state.screen.name == "caseView", "\(CaseworkScript.text(app))")
        let code = try InboxScript.incoming(home, sent.referralId).caseCode
        #expect(CaseworkScript.text(app).contains("Case \(code)"))
        app.press([.escape])
        #expect(app.state.screen.name == "inbox")
        app.press([.escape])
        #expect(app.state.screen.name == "directory")
    }

    @Test("k then a: each answer recorded through the domain and sealed to the sender in a new file, 0600")
    func acknowledgeThenAccept() throws {
        let home = TemporaryHome(), files = TemporaryHome()
        defer { home.remove(); files.remove() }
        let (sent, _) = try InboxScript.send()
        defer { try? FileManager.default.removeItem(at: sent.home) }
        var app = try InboxScript.receiver(home, sent)
        app.press([.character("I"), .character("k")])
        guard case .envelopeFile(let box)? = app.state.dialog else {
            Issue.record("no path box: \(CaseworkScript.text(app))")
            return
        }
        #expect(box.purpose == .answer(InboxAnswer(referralId: sent.referralId, status: .acknowledged), to: "Linia Verde"))
        let acknowledged = try InboxScript.envelopePath(files, "ack.envelope")
        app.type(acknowledged)
        app.press([.enter])
        #expect(app.state.screen.name == "inbox", "\(CaseworkScript.text(app))")
        #expect(try InboxScript.incoming(home, sent.referralId).status == .acknowledged)
        #expect(CaseworkScript.text(app).contains("acknowledged"))

        app.press([.character("a")])
        let accepted = try InboxScript.envelopePath(files, "accepted.envelope")
        app.type(accepted)
        app.press([.enter])
        let incoming = try InboxScript.incoming(home, sent.referralId)
        #expect(incoming.status == .accepted && incoming.acceptedAt != nil)
        let bytes = try String(contentsOfFile: accepted, encoding: .utf8)
        #expect(bytes.split(separator: "\n").first == "waymark-envelope-v1")
        let mode = try FileManager.default.attributesOfItem(atPath: accepted)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = InboxScript.shown(app)
        #expect(text.contains("is accepted here") && text.contains("accepted 2026-01-15"), "\(text)")

        // The same path again is refused in the box: nothing is overwritten, nothing recorded.
        app.press([.character("t")])
        app.type(accepted)
        app.press([.enter])
        guard case .envelopeFile(let again)? = app.state.dialog else {
            Issue.record("the box closed: \(CaseworkScript.text(app))")
            return
        }
        #expect(again.error?.contains("exists already") == true, "\(again.error ?? "")")
        #expect(try InboxScript.incoming(home, sent.referralId).status == .accepted)
        #expect(try String(contentsOfFile: accepted, encoding: .utf8) == bytes)
    }

    @Test("A sender with no referral key: the domain's sentence on the inbox before any path is asked; nothing recorded or written")
    func refusedWithoutSenderKey() throws {
        let home = TemporaryHome(), files = TemporaryHome()
        defer { home.remove(); files.remove() }
        let (sent, _) = try InboxScript.send()
        defer { try? FileManager.default.removeItem(at: sent.home) }
        var app = try InboxScript.receiver(home, sent, senderKeyRecorded: false)
        app.press([.character("I")])
        let before = try #require(home.caseStoreBytes)
        app.press([.character("k")])
        #expect(app.state.screen.name == "inbox", "no path box: \(CaseworkScript.text(app))")
        let problem = try #require(app.state.casework.problem)
        #expect(problem.hasPrefix("Linia Verde") && problem.contains("has no referral key in the directory"), "\(problem)")
        #expect(InboxScript.shown(app).contains("so nothing can be sealed to it"), "\(CaseworkScript.text(app))")
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(try InboxScript.incoming(home, sent.referralId).status == .sent)
        #expect(!FileManager.default.fileExists(atPath: files.url.path))
        // A decline asks its reason first, then the same refusal.
        app.press([.character("d"), .enter])
        #expect(app.state.casework.problem?.contains("has no referral key") == true)
        #expect(home.caseStoreBytes == before)
    }

    @Test("s sends a handed-off referral as an envelope, recorded as sent; on a draft s is not offered")
    func sendFromReferrals() throws {
        let files = TemporaryHome()
        defer { files.remove() }
        let (sent, draft) = try InboxScript.send(draft: true)
        let draftId = try #require(draft)
        defer { try? FileManager.default.removeItem(at: sent.home) }
        // The receiver's referral key, recorded in the sending home's directory.
        let receiver = try CaseworkFixture()
        try receiver.store.generatePublisherKey()
        let receiverKey = try #require(try receiver.store.referralKey()).publicKey.base64EncodedString()
        var app = try AppFixture.casework(home: sent.home, environmentPassphrase: CaseworkFixture.passphrase)
        _ = try DirectoryEditor(store: app.runner.store, author: ChangeAuthor(name: "Coordinator"), clock: AppFixture.clock)
            .addOrganizationKey(sent.receiverOrganization, kind: .referral, base64: receiverKey)
        app.press([.character("R")])
        #expect(app.state.screen.name == "referrals", "\(CaseworkScript.text(app))")

        // The draft: no `s` on the bar, and the key does nothing.
        let ids = app.state.referrals.map(\.id)
        let draftIndex = try #require(ids.firstIndex(of: draftId)), sentIndex = try #require(ids.firstIndex(of: sent.referralId))
        app.press(Array(repeating: .down, count: draftIndex))
        #expect(app.screen().last?.contains("s send") == false, "\(app.screen().last ?? "")")
        app.press([.character("s")])
        #expect(app.state.screen.name == "referrals" && app.state.dialog == nil)

        // The handed-off one: the path, then the envelope written and its sending logged.
        app.press(Array(repeating: .up, count: draftIndex) + Array(repeating: .down, count: sentIndex))
        #expect(app.screen().last?.contains("s send") == true, "\(app.screen().last ?? "")")
        app.press([.character("s")])
        guard case .envelopeFile(let box)? = app.state.dialog else {
            Issue.record("no path box: \(CaseworkScript.text(app))")
            return
        }
        #expect(box.purpose == .referral(referralId: sent.referralId))
        let path = try InboxScript.envelopePath(files, "referral.envelope")
        app.type(path)
        app.press([.enter])
        #expect(app.state.screen.name == "referrals", "\(CaseworkScript.text(app))")
        #expect(InboxScript.shown(app).contains("sealed to the receiving organization"), "\(CaseworkScript.text(app))")
        let bytes = try String(contentsOfFile: path, encoding: .utf8)
        #expect(bytes.hasPrefix("waymark-envelope-v1\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let store = try CaseStore.open(home: sent.home, passphrase: CaseworkFixture.passphrase, options: CaseStore.Options(newKeyParameters: .cheapForTests))
        #expect(try store.logEntries().contains { $0.kind == "envelope" && $0.referralId == sent.referralId && $0.envelopeId != nil }, "the sending is logged")
    }

    @Test("s with no referral key for the receiver: the domain's sentence on the referrals screen, no path asked, nothing written")
    func sendRefused() throws {
        let (sent, _) = try InboxScript.send()
        defer { try? FileManager.default.removeItem(at: sent.home) }
        var app = try AppFixture.casework(home: sent.home, environmentPassphrase: CaseworkFixture.passphrase)
        app.press([.character("R"), .character("s")])
        #expect(app.state.screen.name == "referrals" && app.state.dialog == nil, "\(CaseworkScript.text(app))")
        let problem = try #require(app.state.casework.problem)
        #expect(problem.contains("has no referral key in the directory, so nothing can be sealed to it"), "\(problem)")
    }
}
