import Foundation
import Testing

@Suite("Rows changed outside Waymark, as a process")
struct IntegrityCommandTests {
    @Test("A consent widened with sqlite3: form, hand-off and log verify exit 5 naming the consent; nothing is written")
    func widenedConsent() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        try cli.sqlite("UPDATE consent SET scopes = 'basic,contact,identity,narrative' WHERE referral_id = '\(referral)'")
        let before = try Data(contentsOf: cli.casesFile)
        for arguments in [["referral", "form", referral], ["referral", "handoff", referral], ["log", "verify"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 5, "\(arguments): \(outcome.stderr)")
            #expect((outcome.stderr + outcome.stdout).contains("consent C-"), "\(arguments): \(outcome.stderr)")
            #expect(!outcome.stdout.contains("Maria"))
        }
        #expect(try Data(contentsOf: cli.casesFile) == before, "a refused command wrote to the store")
    }

    @Test("A referral's status forged with sqlite3: referrals and report exit 5 instead of showing it")
    func forgedStatus() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        try cli.sqlite("UPDATE referral SET status = 'accepted' WHERE id = '\(referral)'")
        for arguments in [["referrals"], ["report"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 5, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("referral \(referral) was changed outside Waymark"), "\(outcome.stderr)")
            #expect(!outcome.stdout.contains("accepted"))
        }
    }
}
