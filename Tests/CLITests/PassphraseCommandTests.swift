import Foundation
import Testing

@Suite("Passphrases at the command line: the rule, passphrase change, the delay after wrong guesses")
struct PassphraseCommandTests {
    @Test("A short WAYMARK_PASSPHRASE does not create a case store: exit 1 with the rule")
    func shortEnvironmentPassphrase() throws {
        var cli = CaseworkCLI()
        cli.passphrase = "short"
        // Naming yourself makes the first account, so it needs the passphrase too.
        for arguments in [["operator", "set", "--name", "A", "--organization", "B"], ["case", "open", "--area", "XA0101"]] {
            let refused = try cli.run(arguments)
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("at least 8 characters"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.casesFile.path))
        }
    }

    @Test("passphrase change: exit 4 for a wrong current one, a short new one refused; then the old one stops opening, the cases still open")
    func change() throws {
        var cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        let wrong = try cli.run(["passphrase", "change"], environment: ["WAYMARK_PASSPHRASE": "not the passphrase",
                                                                         "WAYMARK_NEW_PASSPHRASE": "another long passphrase"])
        #expect(wrong.status == 4, "\(wrong.stderr)")
        let short = try cli.run(["passphrase", "change"], environment: ["WAYMARK_NEW_PASSPHRASE": "short"])
        #expect(short.status == 1 && short.stderr.contains("at least 8 characters"), "\(short.stderr)")
        let changed = try cli.run(["passphrase", "change"], environment: ["WAYMARK_NEW_PASSPHRASE": "another long passphrase"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("Passphrase changed"))
        let old = try cli.run(["referrals"])
        #expect(old.status == 4, "the old passphrase no longer opens the store: \(old.stderr)")
        cli.passphrase = "another long passphrase"
        #expect(try cli.ok(["referral", "form", referral]).contains("Zbârcea"))
        #expect(try cli.ok(["log", "verify"]).contains("verifies"))
    }

    @Test("Wrong passphrases are counted across processes in unlock-failures (0600); the next success waits, reports them and resets")
    func failuresAcrossProcesses() throws {
        var cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        try cli.ok(["case", "open", "--area", "XA0101"])
        let right = cli.passphrase
        cli.passphrase = "not the passphrase"
        var last = try cli.run(["referrals"])
        for _ in 0..<3 { last = try cli.run(["referrals"]) }
        #expect(last.status == 4)
        #expect(last.stderr.contains("next try will wait 2 s"), "\(last.stderr)")
        let file = cli.home.appendingPathComponent("unlock-failures")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("\"failures\":4"))
        cli.passphrase = right
        let started = Date()
        let opened = try cli.run(["referrals"])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(Date().timeIntervalSince(started) >= 2, "the 5th try waited")
        #expect(opened.stderr.contains("4 failed attempts to unlock the case store since"), "\(opened.stderr)")
        let next = try cli.run(["referrals"])
        #expect(!next.stderr.contains("failed attempt"), "reset on success: \(next.stderr)")
    }
}
