import Foundation
import Testing
import TestSupport

/// `waymark account …` and `waymark access-log` through the built binary.
@Suite("Accounts at the command line: roles refused by name, removal, the recovery key, the access log")
struct AccountCommandTests {
    static let ion = "ion's own passphrase"
    static let sue = "sue's own passphrase"

    /// A home whose coordinator (Ana Popescu) added a responder and a supervisor, with one handed-off referral.
    func team() throws -> (CaseworkCLI, String, String) {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        for (name, role, passphrase) in [("Ion", "responder", Self.ion), ("Sue", "supervisor", Self.sue)] {
            let added = try cli.run(["account", "add", "--name", name, "--role", role, "--organization", "Linia Verde"],
                                    environment: ["WAYMARK_NEW_PASSPHRASE": passphrase, "WAYMARK_ACCOUNT": "Ana Popescu"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return (cli, code, referral)
    }

    func run(_ cli: CaseworkCLI, as account: String, _ passphrase: String, _ arguments: [String]) throws -> WaymarkProcess.Outcome {
        try cli.run(arguments, environment: ["WAYMARK_ACCOUNT": account, "WAYMARK_PASSPHRASE": passphrase])
    }

    @Test("Each role's refusal names the role it needs (exit 1); a supervisor's report and log verify work, identifying data does not")
    func roles() throws {
        let (cli, code, referral) = try team()
        let edit = try run(cli, as: "Ion", Self.ion, ["service", "edit", SampleService.counselling, "--capacity-available", "1"])
        #expect(edit.status == 1)
        #expect(edit.stderr.contains("To edit the directory you need to be a coordinator; your account is a responder"), "\(edit.stderr)")
        let erase = try run(cli, as: "Ion", Self.ion, ["case", "erase", code, "--yes"])
        #expect(erase.status == 1 && erase.stderr.contains("To erase a case you need to be a coordinator"), "\(erase.stderr)")
        let shown = try run(cli, as: "Ion", Self.ion, ["case", "show", code])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try run(cli, as: "Sue", Self.sue, ["report"]).status == 0)
        let verify = try run(cli, as: "Sue", Self.sue, ["log", "verify"])
        #expect(verify.status == 0 && verify.stdout.contains("The access log verifies"), "\(verify.stderr)")
        let form = try run(cli, as: "Sue", Self.sue, ["referral", "form", referral])
        #expect(form.status == 1)
        #expect(form.stderr.contains("your account is a supervisor"), "\(form.stderr)")
        let denied = try run(cli, as: "Ion", Self.ion, ["access-log"])
        #expect(denied.status == 1 && denied.stderr.contains("a coordinator or a supervisor"))
    }

    @Test("account remove: the removed worker's passphrase opens nothing; both logs verify; the access log names who looked at the case")
    func remove() throws {
        let (cli, code, referral) = try team()
        #expect(try run(cli, as: "Ion", Self.ion, ["referral", "form", referral]).status == 0)
        let removed = try run(cli, as: "Ana Popescu", cli.passphrase, ["account", "remove", "Ion"])
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try run(cli, as: "Ion", Self.ion, ["case", "show", code])
        #expect(after.status == 1 && after.stderr.contains("no account 'Ion'"), "\(after.stderr)")
        let verify = try run(cli, as: "Sue", Self.sue, ["log", "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let access = try run(cli, as: "Sue", Self.sue, ["access-log", "--case", code, "--json"])
        #expect(access.status == 0)
        let entries = try JSONSerialization.jsonObject(with: access.stdoutData) as? [[String: Any]] ?? []
        #expect(entries.contains { $0["kind"] as? String == "form-printed" && $0["operator_name"] as? String == "Ion" && $0["status"] as? String == referral },
                "\(access.stdout)")
        let list = try run(cli, as: "Ana Popescu", cli.passphrase, ["account", "list"])
        #expect(list.stdout.contains("Sue") && !list.stdout.contains("Ion "), "\(list.stdout)")
    }

    @Test("account recovery-key prints a key once; account recover gives a lost account a new passphrase with it")
    func recovery() throws {
        let (cli, code, _) = try team()
        let made = try run(cli, as: "Ana Popescu", cli.passphrase, ["account", "recovery-key"])
        #expect(made.status == 0)
        let key = try #require(made.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 29 && $0.split(separator: "-").count == 5 })
        let recovered = try cli.run(["account", "recover", "Ana Popescu"],
                                    environment: ["WAYMARK_RECOVERY_KEY": key, "WAYMARK_NEW_PASSPHRASE": "a passphrase found again"])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try run(cli, as: "Ana Popescu", cli.passphrase, ["case", "show", code]).status == 4)
        #expect(try run(cli, as: "Ana Popescu", "a passphrase found again", ["case", "show", code]).status == 0)
        let wrong = try cli.run(["account", "recover", "Ana Popescu"],
                                environment: ["WAYMARK_RECOVERY_KEY": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "WAYMARK_NEW_PASSPHRASE": "whatever long enough"])
        #expect(wrong.status == 4)
    }
}
