import Foundation
import Testing
import TestSupport

@Suite("What is shared, as a process: informed consent, withdrawal, the notification, escort, charges, sealed reasons")
struct SharingCommandTests {
    @Test("referral consent without every explained item or the language exits 1 and records nothing")
    func consentMustBeInformed() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()   // consent recorded with every item
        let fresh = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        let other = try cli.referral(fresh, service: SampleService.counselling, need: "psychosocial")
        let before = try Data(contentsOf: cli.casesFile)
        let missing = try cli.run(["referral", "consent", other, "--given-by", "self", "--scope", "basic",
                                   "--explained", "organization,data,retention", "--explained-in", "ro"])
        #expect(missing.status == 1 && missing.stderr.contains("refuse-withdraw"), "\(missing.stderr)")
        let noLanguage = try cli.run(["referral", "consent", other, "--given-by", "self", "--scope", "basic",
                                      "--explained", "organization,data,refuse-withdraw,retention"])
        #expect(noLanguage.status == 1 && noLanguage.stderr.contains("which language"))
        #expect(try Data(contentsOf: cli.casesFile) == before)
        let form = try cli.ok(["referral", "form", referral, "--format", "json"])
        #expect(form.contains("\"explained_in\" : \"ro\"") && form.contains("\"refuse-withdraw\""))
    }

    @Test("case withdraw-consent stops sharing with everyone; the anonymous notification is once per case and names no case code")
    func withdrawAndNotify() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        #expect(try cli.ok(["case", "withdraw-consent", code]).contains("Withdrew 1 consent"))
        #expect(try cli.ok(["referrals"]).contains("withdrawn"))
        #expect(try cli.run(["case", "withdraw-consent", code]).status == 1)
        let notice = try cli.ok(["case", "notify", code, "--exploited-in", "XB01", "--exploited-year", "2025", "--json"])
        #expect(!notice.contains(code) && notice.contains("\"notification_id\" : \"N-") && notice.contains("XB01"))
        let again = try cli.run(["case", "notify", code])
        #expect(again.status == 1 && again.stderr.contains("already notified"))
    }

    @Test("An unaccompanied child's referral needs --escort (exit 1 without); charges or detention add a legal-aid need by rule")
    func escortAndCharges() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B", "--phone", "+373 22 000 000"])
        let child = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "15", "--unaccompanied", "yes"])["case_code"] as? String ?? ""
        let refused = try cli.run(["referral", "create", child, "--service", SampleService.legalAdvice, "--need", "legal.aid"])
        #expect(refused.status == 1 && refused.stderr.contains("--escort yes"))
        try cli.ok(["referral", "create", child, "--service", SampleService.legalAdvice, "--need", "legal.aid", "--escort", "yes"])
        let adult = try cli.json(["case", "open", "--area", "XA0101", "--sex", "male", "--age", "35"])["case_code"] as? String ?? ""
        #expect(try cli.ok(["case", "update", adult, "--facing-charges", "yes"]).contains("legal-aid need by rule"))
        let route = try cli.ok(["route", "--case", adult, "--need", "shelter"])
        #expect(route.contains("added by rule: the person faces charges or detention"), "\(route)")
        #expect(try cli.run(["case", "update", adult]).status == 1, "nothing to change")
    }

    @Test("case update names each open referral the rules now refuse, the ones this change refused marked, with what to do")
    func updateNamesRefusedReferrals() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        let shelter = try cli.referral(code, service: SampleService.womensShelter, need: "shelter")
        #expect(!(try cli.ok(["case", "update", code, "--facing-charges", "no"])).contains("refuse now"))
        let moved = try cli.ok(["case", "update", code, "--sex", "male"])
        #expect(moved.contains("Open referrals the eligibility rules refuse now:") && moved.contains("[since this change] \(shelter)"), "\(moved)")
        #expect(moved.contains("sex") && moved.contains("hand-off will be refused"), "\(moved)")
        let again = try cli.ok(["case", "update", code, "--facing-charges", "yes"])
        #expect(again.contains(shelter) && !again.contains("[since this change]"), "\(again)")
        #expect(try cli.run(["referral", "handoff", shelter]).status == 3, "the gate refuses it too")
    }

    @Test("--override - reads the reason from standard input; the log keeps it sealed, never in clear")
    func overrideFromStandardInput() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        let referral = try cli.referral(code, service: SampleService.counselling, need: "psychosocial", priority: "emergency")
        let handed = try cli.run(["referral", "handoff", referral, "--override", "-"], stdin: Data("Uncle Bogdan at the door\n".utf8))
        #expect(handed.status == 0, "\(handed.stderr)")
        #expect(handed.stdout.contains("Override recorded"))
        let raw = try Data(contentsOf: cli.casesFile)
        #expect(raw.range(of: Data("Bogdan".utf8)) == nil)
        #expect(try cli.run(["referral", "update", referral, "withdrawn", "--reason", "-"], stdin: Data()).status == 1, "an empty reason")
    }
}

@Suite("The hand-off log, as a process")
struct LogCommandTests {
    @Test("log head prints the count and MAC; an edited entry makes the next update exit 5; log repair reports a chain it cannot repair")
    func headAndBrokenChain() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        let head = try cli.ok(["log", "head"])
        #expect(head.contains("1 entry, last MAC "), "\(head)")
        try cli.sqlite("UPDATE handoff_log SET payload = replace(payload, 'Linia Verde', 'Linia Rosie') WHERE seq = 1")
        let update = try cli.run(["referral", "update", referral, "acknowledged"])
        #expect(update.status == 5, "\(update.stderr)")
        #expect(try cli.run(["log", "repair"]).status == 5)
    }
}

@Suite("The home folder's permissions")
struct HomePermissionTests {
    func mode(_ url: URL) -> Int { ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1 }

    @Test("A home readable by others that holds only Waymark's files is tightened with a message; its files are 0600 whatever the umask")
    func tightened() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.home.path)
        for name in ["directory.sqlite", "handoff-log.head", "access.sqlite"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.home.appendingPathComponent(name).path)
        }
        let search = try cli.run(["search", "shelter"])
        #expect(search.status == 0)
        #expect(search.stderr.contains("now readable by its owner only"), "\(search.stderr)")
        #expect(mode(cli.home) == 0o700)
        #expect(mode(cli.home.appendingPathComponent("directory.sqlite")) == 0o600)
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        try cli.ok(["referral", "update", referral, "acknowledged"])
        #expect(mode(cli.home.appendingPathComponent("access.sqlite")) == 0o600)
        #expect(mode(cli.home.appendingPathComponent("access-log.head")) == 0o600)
        #expect(mode(cli.home.appendingPathComponent("handoff-log.head")) == 0o600)
    }

    @Test("A folder readable by others that holds other files is refused with a hint to use a subfolder, and left as it was")
    func sharedFolderRefused() throws {
        let folder = TemporaryHome.url("waymark-shared")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("my-notes.txt"))
        let outcome = try WaymarkProcess.run(["--home", folder.path, "search", "shelter"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("use a folder of its own"), "\(outcome.stderr)")
        #expect(mode(folder) == 0o755)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("directory.sqlite").path))
    }
}

@Suite("Export permissions")
struct ExportPermissionTests {
    func mode(_ url: URL) -> Int { ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? NSNumber)?.intValue ?? -1 }

    @Test("An export is readable by the people it is passed to (0644), unless it carries confidential addresses (0600, folder 0700)")
    func modes() throws {
        let home = WaymarkProcess.newHome()
        for (confidential, file, folderMode) in [(false, 0o644, 0o755), (true, 0o600, 0o700)] {
            let folder = TemporaryHome.url("waymark-export")
            let outcome = try WaymarkProcess.run(["--home", home.path, "export", folder.path] + (confidential ? ["--include-confidential"] : []))
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(mode(folder) == folderMode)
            #expect(mode(folder.appendingPathComponent("locations.csv")) == file)
            #expect(mode(folder.appendingPathComponent("datapackage.json")) == file)
        }
    }
}
