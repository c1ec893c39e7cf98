import Foundation
import Testing
import TestSupport

/// The inbox end to end: a referral sent by one home's CLI, imported by another's, answered in that home's ncurses UI
/// under tmux (see `TerminalUITests`), and the answer imported back at the sender.
@Suite("The inbox in the terminal UI", .enabled(if: Tmux.executable != nil || Tmux.required,
                                               "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct InboxUITests {
    @Test("Sent by the CLI, imported, acknowledged with k in the UI; the sender's import of the answer moves its referral")
    func acknowledgeInTheUI() async throws {
        let (sender, receiver, referral, _) = try ExchangeCommandTests().homes()
        let folder = TemporaryHome(), answer = TemporaryHome()
        defer {
            folder.remove()
            answer.remove()
            try? FileManager.default.removeItem(at: sender.cli.home)
        }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: answer.url, withIntermediateDirectories: true)
        let sent = folder.url.appendingPathComponent("referral.envelope").path
        _ = try sender.run(["referral", "send", referral, "--out", sent])
        _ = try receiver.run(["inbox", "import", sent])
        // The receiver names the sender as its directory names the sender's organization.
        let senderName = try #require(try sender.cli.json(["service", "show", SampleService.legalAdvice])["organization_name"] as? String)

        // The receiver's UI, its case store opened with the environment's passphrase (the pane removes the home when stopped).
        let pane = try await TmuxPane.start(environment: ["WAYMARK_PASSPHRASE": receiver.cli.passphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"],
                                            home: receiver.cli.home)
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        try pane.press("Down")
        try await pane.waitFor("focus on the results") { $0.statusBar.contains("Enter open") }
        try pane.press("I")
        try await pane.waitFor("the inbox with the referral and the sender's steps") {
            $0.contains("Inbox") && $0.contains(referral) && $0.contains("new, unanswered") && $0.contains("Done by \(senderName)")
        }

        try pane.press("k")
        try await pane.waitFor("the path box") { $0.contains("Answer \(referral): acknowledged") && $0.contains("Enter write · Esc cancel") }
        let path = answer.url.appendingPathComponent("acknowledged.envelope").path
        try pane.type(path)
        try pane.press("Enter")
        let after = try await pane.waitFor("the answer written and the status changed") {
            $0.lines.contains { $0.contains(referral) && $0.contains("acknowledged") } && !$0.contains("new, unanswered")
        }
        #expect(after.contains("sealed to the sender"), "\(after.lines.joined(separator: "\n"))")
        let bytes = try String(contentsOfFile: path, encoding: .utf8)
        #expect(bytes.hasPrefix("waymark-envelope-v1\n"))

        // Back at the sender, the answer moves the referral it sent.
        let imported = try sender.run(["inbox", "import", path])
        #expect(imported.stdout.contains("Referral \(referral) is now acknowledged"), "\(imported.stdout)")
        let listed = try #require(try JSONSerialization.jsonObject(with: try sender.run(["referrals", "--json"]).stdoutData) as? [String: Any])
        #expect((listed["referrals"] as? [[String: Any]])?.first?["status"] as? String == "acknowledged")
    }
}
