import Foundation
import Testing
import TestSupport

/// Referral envelopes between two homes, as processes: send, import, answer, feedback, withdrawal, and every refusal.
@Suite("Sending a referral, as processes")
struct ExchangeCommandTests {
    /// The counselling service's organization receives; the legal advice service's organization refers.
    static let counselling = SampleService.counselling

    struct Home {
        let cli: CaseworkCLI
        let organization: String

        func run(_ arguments: [String], expect status: Int32? = 0) throws -> WaymarkProcess.Outcome {
            let outcome = try cli.run(arguments)
            if let status { #expect(outcome.status == status, "\(arguments): \(outcome.stdout) \(outcome.stderr)") }
            return outcome
        }

        func keys() throws -> (publisher: String, referral: String) {
            let shown = try cli.json(["key", "show"])
            return (((shown["publisher"] as? [String: Any])?["public_key"] as? String) ?? "",
                    ((shown["referral"] as? [String: Any])?["public_key"] as? String) ?? "")
        }

        /// Records another home's organization keys in this home's directory, as its coordinator would.
        func record(_ other: Home) throws {
            let (publisher, referral) = try other.keys()
            _ = try run(["organization", "key", "add", other.organization, "--publisher-key", publisher, "--referral-key", referral])
        }
    }

    func organization(of service: String, in cli: CaseworkCLI) throws -> String {
        try cli.json(["service", "show", service])["organization_id"] as? String ?? ""
    }

    /// A referring home with a handed-off referral to the counselling service, and the receiving home; each knows the other's keys.
    func homes() throws -> (sender: Home, receiver: Home, referral: String, code: String) {
        let senderCLI = CaseworkCLI()
        let (code, referral) = try senderCLI.readyReferral()
        try senderCLI.ok(["case", "identify", code],
                         stdin: Data(#"{"name": "Maria Zbârcea", "date_of_birth": "1998-03-14", "phone": "+373 555 0199"}"#.utf8))
        try senderCLI.ok(["referral", "handoff", referral])
        let senderOrg = try organization(of: SampleService.legalAdvice, in: senderCLI)
        let receiverOrg = try organization(of: Self.counselling, in: senderCLI)
        #expect(senderOrg != receiverOrg)
        try senderCLI.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde", "--organization-id", senderOrg])
        let receiverCLI = CaseworkCLI()
        try receiverCLI.ok(["operator", "set", "--name", "Ion Rusu", "--organization", "Counselling centre", "--organization-id", receiverOrg])
        let sender = Home(cli: senderCLI, organization: senderOrg), receiver = Home(cli: receiverCLI, organization: receiverOrg)
        _ = try sender.run(["key", "generate"])
        _ = try receiver.run(["key", "generate"])
        try sender.record(receiver)
        try receiver.record(sender)
        return (sender, receiver, referral, code)
    }

    func envelope() -> String { TemporaryHome.url("waymark-envelope").path + ".envelope" }

    @Test("Round trip: refer, send, import, acknowledge and accept, the answers imported at the sender; both logs verify")
    func roundTrip() throws {
        let (sender, receiver, referral, code) = try homes()
        let sent = envelope()
        _ = try sender.run(["referral", "send", referral, "--out", sent])
        // Nothing identifying can be read from the file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sent))
        for secret in ["Maria", "Zbârcea", "1998-03-14", "555 0199", "0199", referral] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is readable in the envelope")
        }
        let imported = try receiver.run(["inbox", "import", sent])
        #expect(imported.stdout.contains("Incoming referral \(referral)") && imported.stdout.contains("screening"))
        let again = try receiver.run(["inbox", "import", sent])
        #expect(again.stdout.contains("Already imported"))
        let inbox = try #require(try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [[String: Any]])
        #expect(inbox.count == 1)
        // The sender is named as the receiver's directory names its organization, not as its operator typed it.
        let senderName = try #require(try sender.cli.json(["service", "show", SampleService.legalAdvice])["organization_name"] as? String)
        #expect(inbox.first?["referral_id"] as? String == referral && inbox.first?["from"] as? String == senderName)
        #expect(inbox.first?["status"] as? String == "sent" && inbox.first?["received_at"] is String)
        let received = try #require(inbox.first?["case_code"] as? String)
        // The phone was consented (contact scope), so it arrived, sealed with the case.
        #expect(try receiver.run(["case", "show", received, "--json"]).stdout.contains("0199") == false)
        let shown = try receiver.run(["case", "show", received])
        #expect(shown.stdout.contains("Received from \(senderName)") && shown.stdout.contains("done by \(senderName)"))
        // Consent never carries over: the sender's consent is not a step done here.
        #expect(!shown.stdout.contains("consent — done by"))
        let steps = (inbox.first?["steps_done"] as? [[String: Any]])?.compactMap { $0["step"] as? String } ?? []
        #expect(steps.contains("screening") && !steps.contains("consent"))
        // The answers, in order; an answer the lifecycle refuses.
        let acknowledged = envelope(), accepted = envelope()
        _ = try receiver.run(["inbox", "respond", referral, "acknowledged", "--out", acknowledged])
        _ = try receiver.run(["inbox", "respond", referral, "accepted", "--out", accepted])
        let answered = try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [[String: Any]]
        #expect(answered?.first?["status"] as? String == "accepted" && answered?.first?["cas_IncomingReferralDate"] is String)
        let early = try sender.run(["inbox", "import", accepted], expect: 1)
        #expect(early.stderr.contains("sent") && early.stderr.contains("accepted"))
        _ = try sender.run(["inbox", "import", acknowledged])
        let done = try sender.run(["inbox", "import", accepted])
        #expect(done.stdout.contains("accepted"))
        let listed = try #require(try JSONSerialization.jsonObject(with: try sender.run(["referrals", "--json"]).stdoutData) as? [String: Any])
        #expect((listed["referrals"] as? [[String: Any]])?.first?["status"] as? String == "accepted")
        _ = code
        for home in [sender, receiver] {
            let verified = try home.run(["log", "verify"])
            #expect(verified.stdout.contains("verifies"))
        }
    }

    @Test("Refusals: the envelope is for another organization, a changed byte, an unknown sender, a receiver with no referral key")
    func refusals() throws {
        let (sender, receiver, referral, code) = try homes()
        let sent = envelope()
        _ = try sender.run(["referral", "send", referral, "--out", sent])
        // The sender's own home is not the recipient.
        let wrong = try sender.run(["inbox", "import", sent], expect: 1)
        #expect(wrong.stderr.contains("recipient.organization_id"))
        // A changed byte of the ciphertext.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: sent))
        let changed = envelope()
        bytes[bytes.count - 10] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: changed))
        let tampered = try receiver.run(["inbox", "import", changed], expect: 1)
        #expect(tampered.stderr.contains("ciphertext") || tampered.stderr.contains("envelope field"))
        // A third home the receiver does not know sends to it.
        let stranger = CaseworkCLI()
        let (_, other) = try stranger.readyReferral()
        _ = code
        try stranger.ok(["referral", "handoff", other])
        try stranger.ok(["operator", "set", "--name", "Eve", "--organization", "Unknown", "--organization-id", sender.organization])
        let strangerHome = Home(cli: stranger, organization: sender.organization)
        _ = try strangerHome.run(["key", "generate"])
        try strangerHome.record(receiver)
        let forged = envelope()
        _ = try strangerHome.run(["referral", "send", other, "--out", forged])
        let unknown = try receiver.run(["inbox", "import", forged], expect: 1)
        #expect(unknown.stderr.contains("signature"))
        #expect(try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [Any] == nil
                || (try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [Any])?.isEmpty == true)
        // A receiving organization with no referral key: a clear error, and the printed form works as before.
        let lone = CaseworkCLI()
        let (_, unsent) = try lone.readyReferral()
        try lone.ok(["referral", "handoff", unsent])
        try lone.ok(["operator", "set", "--name", "Ana", "--organization", "Linia Verde", "--organization-id", sender.organization])
        try lone.ok(["key", "generate"])
        let noKey = try lone.run(["referral", "send", unsent, "--out", envelope()])
        #expect(noKey.status == 1 && noKey.stderr.contains("--referral-key"))
        try lone.ok(["referral", "form", unsent, "--format", "text"])
    }

    @Test("An answer whose file cannot be written is not recorded; --again writes the latest answer; declined other takes a note")
    func answersNeverStandWithoutTheirFile() throws {
        let (sender, receiver, referral, _) = try homes()
        let sent = envelope()
        _ = try sender.run(["referral", "send", referral, "--out", sent])
        _ = try receiver.run(["inbox", "import", sent])
        let nowhere = TemporaryHome.url("waymark-missing").appendingPathComponent("answer.envelope").path
        let failed = try receiver.run(["inbox", "respond", referral, "acknowledged", "--out", nowhere], expect: nil)
        #expect(failed.status != 0)
        let inbox = try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [[String: Any]]
        #expect(inbox?.first?["status"] as? String == "sent")
        let acknowledged = envelope()
        _ = try receiver.run(["inbox", "respond", referral, "acknowledged", "--out", acknowledged])
        let lost = envelope()
        _ = try receiver.run(["inbox", "respond", referral, "--again", "--out", lost])
        _ = try sender.run(["inbox", "import", lost])
        let declined = envelope()
        let noNote = try receiver.run(["inbox", "respond", referral, "declined", "--reason", "other", "--out", declined], expect: 1)
        #expect(noNote.stderr.contains("--note"))
        _ = try receiver.run(["inbox", "respond", referral, "declined", "--reason", "other", "--note", "the service moved", "--out", declined])
        let applied = try sender.run(["inbox", "import", declined])
        #expect(applied.stdout.contains("declined"))
        // Ended: nothing of it is sent any more, and a withdrawn consent stops a resend too.
        let late = try sender.run(["referral", "send", referral, "--out", envelope()], expect: 1)
        #expect(late.stderr.contains("ended"))
    }

    @Test("A withdrawal after sending erases what the receiver got; the receiver's form can no longer be read")
    func withdrawal() throws {
        let (sender, receiver, referral, code) = try homes()
        let sent = envelope()
        _ = try sender.run(["referral", "send", referral, "--out", sent])
        _ = try receiver.run(["inbox", "import", sent])
        let early = try sender.run(["referral", "send", referral, "--withdrawal", "--out", envelope()], expect: 1)
        #expect(early.stderr.contains("consent"))
        _ = try sender.run(["case", "withdraw-consent", code])
        let notice = envelope()
        _ = try sender.run(["referral", "send", referral, "--withdrawal", "--out", notice])
        let applied = try receiver.run(["inbox", "import", notice])
        #expect(applied.stdout.contains("erased"))
        let inbox = try JSONSerialization.jsonObject(with: try receiver.run(["inbox", "--json"]).stdoutData) as? [[String: Any]]
        let caseCode = try #require(inbox?.first?["case_code"] as? String)
        let show = try receiver.run(["case", "show", caseCode])
        #expect(show.stdout.contains("ERASED"))
        let form = try receiver.run(["case", "show", caseCode, "--json"])
        #expect(!form.stdout.contains("Maria"))
        let again = try receiver.run(["inbox", "import", notice])
        #expect(again.stdout.contains("already"))
    }
}
