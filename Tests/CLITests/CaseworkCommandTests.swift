import Directory
import Foundation
import Testing
import TestSupport

/// Runs casework commands in one home with a passphrase and a cheap key derivation.
struct CaseworkCLI {
    let home = WaymarkProcess.newHome()
    var passphrase = "a long test passphrase"


    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:]) throws -> WaymarkProcess.Outcome {
        var env: [String: String?] = ["WAYMARK_PASSPHRASE": passphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"]
        for (key, value) in environment { env[key] = value }
        return try WaymarkProcess.run(["--home", home.path] + arguments, stdin: stdin, environment: env)
    }

    /// Runs and requires exit 0, returning standard output.
    @discardableResult
    func ok(_ arguments: [String], stdin: Data? = nil) throws -> String {
        let outcome = try run(arguments, stdin: stdin)
        #expect(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome.stdout
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let out = try ok(arguments + ["--json"])
        return (try JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] ?? [:]
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent("..").appendingPathComponent("answers-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    var casesFile: URL { home.appendingPathComponent("cases.sqlite") }

    /// An adult case with every case step and a referral with consent and risk: ready to hand off.
    func readyReferral(service: String = SampleService.counselling, need: String = "psychosocial") throws -> (String, String) {
        try ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27", "--channel", "self-hotline"])["case_code"] as? String ?? ""
        try ok(["case", "identify", code], stdin: Data(#"{"name": "Maria Zbârcea", "date_of_birth": "1998-03-14"}"#.utf8))
        try ok(["case", "record", code, "safety", "--answers", try file("safety.json", #"{"in_danger": "no"}"#)])
        try ok(["case", "record", code, "screening", "--answers",
                try file("screening.json", #"{"set": "adult-labour", "answers": {"al-dr-nature-of-job": "yes"}}"#)])
        try ok(["case", "record", code, "age", "--answers", try file("age.json", #"{"basis": "stated", "years": 27}"#)])
        let referral = try referral(code, service: service, need: need)
        try ok(["referral", "consent", referral, "--given-by", "self", "--scope", "basic,contact", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        return (code, referral)
    }

    /// Creates a referral and records its risk step, acknowledging every note and condition `referral create` listed.
    func referral(_ code: String, service: String, need: String, priority: String = "normal") throws -> String {
        let created = try json(["referral", "create", code, "--service", service, "--need", need, "--priority", priority])
        let id = created["referral_id"] as? String ?? ""
        let codes = created["to_acknowledge"] as? [String] ?? []
        let answers = try JSONSerialization.data(withJSONObject: ["traffickers": "low", "acknowledged": codes])
        try ok(["referral", "record", id, "risk", "--answers", try file("risk.json", String(decoding: answers, as: UTF8.self))])
        return id
    }

    /// Runs the sqlite3 tool on the case store.
    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", casesFile.path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on: \(sql)")
    }
}

@Suite("Casework commands, as a process")
struct CaseworkCommandTests {
    @Test("One adult referral end to end: refused without consent (exit 3, nothing written), then handed off, form, lifecycle, report")
    func fullReferral() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27"])["case_code"] as? String ?? ""
        #expect(code.wholeMatch(of: /WM-[2-9A-Z]{4}-[2-9A-Z]{4}/) != nil)
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety-\(UUID().uuidString).json", #"{"in_danger": "no"}"#)])
        try cli.ok(["case", "record", code, "screening", "--answers",
                    try cli.file("s.json", #"{"set": "adult-labour", "answers": {"al-dr-nature-of-job": "declined"}}"#)])
        try cli.ok(["case", "record", code, "age", "--answers", try cli.file("a.json", #"{"basis": "estimated", "from": 25, "to": 30}"#)])
        let referral = try cli.referral(code, service: SampleService.counselling, need: "psychosocial")
        let before = try Data(contentsOf: cli.casesFile)
        let refused = try cli.run(["referral", "handoff", referral])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("consent: Record informed consent"))
        #expect(try Data(contentsOf: cli.casesFile) == before, "a refused hand-off wrote to the store")
        try cli.ok(["referral", "consent", referral, "--given-by", "self", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        let handed = try cli.ok(["referral", "handoff", referral])
        #expect(try cli.ok(["referrals"]).contains("handed off"))
        #expect(((try cli.json(["referrals"])["referrals"] as? [[String: Any]])?.first?["status"] as? String) == "sent")
        #expect(handed.contains("log entry 1"))
        let form = try cli.ok(["referral", "form", referral, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(form.utf8)) as? [String: Any])
        #expect(document["form_version"] as? String == "waymark-referral-form/1")
        #expect((document["referral"] as? [String: Any])?["cas_ReferringOrganisation"] as? String == "Linia Verde")
        #expect((document["person"] as? [String: Any])?["prs_Birthdate"] == nil)
        #expect(try cli.ok(["referral", "form", referral]).contains("REFERRAL FORM — \(referral)"))
        // The person's own copy: with whom, what, on what basis, how to withdraw; named only by the code.
        let copy = try cli.ok(["referral", "form", referral, "--client-copy"])
        #expect(copy.contains("YOUR COPY — referral \(referral)") && copy.contains(code), "\(copy)")
        #expect(copy.contains("What they were given: client code"), "\(copy)")
        #expect(copy.contains("You can change your mind at any time: tell Ana Popescu at Linia Verde"), "\(copy)")
        #expect(copy.split(separator: "\n").allSatisfy { $0.count <= 72 })
        try cli.ok(["referral", "update", referral, "acknowledged"])
        let showText = try cli.ok(["case", "show", code])
        #expect(showText.contains("safety: not in danger"), "\(showText)")
        let show = try cli.json(["case", "show", code])
        #expect((show["referrals"] as? [[String: Any]])?.first?["status"] as? String == "acknowledged")
        #expect(show["steps_owed"] as? [Any] != nil)
        // Text says what happened, "handed off" (Waymark sends nothing itself); the JSON keeps the code.
        #expect(try cli.ok(["referrals"]).contains("acknowledged"))
        let list = try cli.json(["referrals"])
        #expect((list["referrals"] as? [[String: Any]])?.count == 1)
        let report = try cli.json(["report"])
        #expect(report["referrals"] as? String == "<5")
        #expect(try cli.ok(["log", "verify"]).contains("2 entries"))
    }

    @Test("A wrong passphrase exits 4 and writes nothing")
    func wrongPassphrase() throws {
        var cli = CaseworkCLI()
        _ = try cli.readyReferral()
        let before = try Data(contentsOf: cli.casesFile)
        cli.passphrase = "not the passphrase"
        for arguments in [["case", "open", "--area", "XA0101"], ["log", "verify"], ["referrals"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 4, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("passphrase does not open"))
        }
        #expect(try Data(contentsOf: cli.casesFile) == before)
    }

    @Test("Editing, deleting or reordering a log row with sqlite3, or deleting the last one, makes log verify exit 5 naming the place")
    func tamperedLog() throws {
        let cases: [(String, String)] = [
            ("UPDATE handoff_log SET payload = replace(payload, 'acknowledged', 'closed') WHERE seq = 2;", "entry 2"),
            ("DELETE FROM handoff_log WHERE seq = 2;", "entry 2 is missing"),
            ("UPDATE handoff_log SET seq = 100 WHERE seq = 1; UPDATE handoff_log SET seq = 1 WHERE seq = 2; UPDATE handoff_log SET seq = 2 WHERE seq = 100;",
             "entry 1"),
            ("DELETE FROM handoff_log WHERE seq = (SELECT MAX(seq) FROM handoff_log);", "entry 3"),
        ]
        for (sql, place) in cases {
            let cli = CaseworkCLI()
            let (_, referral) = try cli.readyReferral()
            try cli.ok(["referral", "handoff", referral])
            try cli.ok(["referral", "update", referral, "acknowledged"])
            try cli.ok(["referral", "update", referral, "accepted"])
            try cli.ok(["log", "verify"])
            try cli.sqlite(sql)
            let outcome = try cli.run(["log", "verify"])
            #expect(outcome.status == 5, "\(sql) went unnoticed: \(outcome.stdout)")
            #expect(outcome.stderr.contains(place), "\(outcome.stderr) does not name \(place)")
        }
    }

    @Test("Processes writing at the same time queue: every update lands and the log still verifies")
    func concurrentWriters() throws {
        let cli = CaseworkCLI()
        var referrals: [String] = []
        let (code, first) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", first])
        referrals.append(first)
        for _ in 0..<5 {
            let referral = try cli.referral(code, service: SampleService.legalAdvice, need: "legal.aid")
            try cli.ok(["referral", "consent", referral, "--given-by", "self", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
            try cli.ok(["referral", "handoff", referral])
            referrals.append(referral)
        }
        let statuses = LockBox<[Int32]>([])
        let ids = referrals
        DispatchQueue.concurrentPerform(iterations: ids.count) { index in
            let status = (try? cli.run(["referral", "update", ids[index], "acknowledged"]).status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.value == Array(repeating: 0, count: referrals.count))
        #expect(try cli.ok(["log", "verify"]).contains("\(referrals.count * 2) entries"))
    }

    @Test("An empty log verifies, in a new home and in one with cases but no hand-off")
    func emptyLog() throws {
        let cli = CaseworkCLI()
        #expect(try cli.ok(["log", "verify"]).contains("empty"))
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        try cli.ok(["case", "open", "--area", "XA0101"])
        #expect(try cli.ok(["log", "verify"]).contains("0 entries"))
    }

    @Test("A process killed during a hand-off leaves the whole hand-off or none of it", arguments: [
        "handoff-before-write", "handoff-before-commit", "handoff-after-commit",
    ])
    func killedDuringHandoff(checkpoint: String) throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        let killed = try cli.run(["referral", "handoff", referral], environment: ["WAYMARK_TEST_KILL_AT": checkpoint])
        #expect(killed.status != 0, "the process was not killed at \(checkpoint)")
        let verify = try cli.run(["log", "verify"])
        #expect(verify.status == 0, "after a kill at \(checkpoint): \(verify.stderr)")
        let listed = try cli.json(["referrals"])
        let status = (listed["referrals"] as? [[String: Any]])?.first?["status"] as? String
        if checkpoint == "handoff-after-commit" {
            #expect(status == "sent")
            #expect(verify.stdout.contains("1 entry"))
            #expect(try cli.ok(["referral", "form", referral]).contains("REFERRAL FORM"))
        } else {
            #expect(status == "draft")
            #expect(verify.stdout.contains("0 entries"))
            // And the hand-off can then be made.
            #expect(try cli.ok(["referral", "handoff", referral]).contains("log entry 1"))
        }
    }

    @Test("Identifying data given as an argument is refused and nothing is written")
    func identifyingArguments() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let unopened = try Data(contentsOf: cli.casesFile)
        let refused = try cli.run(["case", "open", "--area", "XA0101", "--name", "Maria Zbârcea"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("never taken from the command line"))
        #expect(try Data(contentsOf: cli.casesFile) == unopened)
        let code = try cli.json(["case", "open", "--area", "XA0101"])["case_code"] as? String ?? ""
        let before = try Data(contentsOf: cli.casesFile)
        let again = try cli.run(["case", "identify", code, "--dob", "1998-03-14"])
        #expect(again.status == 1)
        #expect(try Data(contentsOf: cli.casesFile) == before)
    }

    @Test("case show --json: a declined screening says declined, and a second set adds to the first with the strongest result")
    func screeningDeclinedAndSets() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27", "--exploitation", "labour", "--exploitation", "sexual"])["case_code"] as? String ?? ""
        try cli.ok(["case", "record", code, "screening", "--answers", try cli.file("d.json", #"{"set": "adult-sexual", "answers": {"as-dr-wages": "declined"}}"#)])
        let declined = try cli.json(["case", "show", code, "--json"])
        #expect(declined["screening"] as? String == "declined")
        #expect(declined["screening_result"] as? String == "declined")
        try cli.ok(["case", "record", code, "screening", "--answers",
                    try cli.file("l.json", #"{"set": "adult-labour", "answers": {"al-ec-excessive-hours": "yes", "al-ec-low-or-no-pay": "yes"}}"#)])
        let answered = try cli.json(["case", "show", code, "--json"])
        #expect(answered["screening"] as? String == "answered")
        #expect(answered["screening_result"] as? String == "unclear")
        let summaries = (answered["steps"] as? [[String: Any]] ?? []).filter { $0["step"] as? String == "screening" }.compactMap { $0["summary"] as? String }
        #expect(summaries == ["adult-sexual: declined", "adult-labour: unclear"])
        let fresh = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        #expect(try cli.json(["case", "show", fresh, "--json"])["screening"] as? String == "not-yet")
    }

    @Test("Bad input is refused with a message to act on, and the store is unchanged")
    func badInput() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        let before = try Data(contentsOf: cli.casesFile)
        let attempts: [([String], Int32, String)] = [
            (["case", "record", code, "blood-test"], 1, "no step 'blood-test'"),
            (["case", "record", code, "screening", "--answers", try cli.file("x.json", #"{"set": "adult-labour", "answers": {"zz-nope": "yes"}}"#)],
             1, "zz-nope"),
            (["case", "record", code, "screening", "--answers", try cli.file("y.json", #"{"set": "adult-labour", "answers": {"al-dr-nature-of-job": "maybe"}}"#)],
             1, "maybe"),
            (["referral", "create", code, "--service", SampleService.closedShelter, "--need", "shelter"], 1, "takes no referrals"),
            (["referral", "create", code, "--service", "no-such-service", "--need", "shelter"], 1, "no service"),
            (["referral", "update", referral, "accepted"], 1, "handoff"),
            (["referral", "update", referral, "sent"], 64, "handoff"),
            (["referral", "consent", referral, "--given-by", "self", "--scope", "anonymous,basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"], 1, "anonymous stands alone"),
            (["case", "show", "WM-2222-3333"], 1, "no case"),
        ]
        for (arguments, status, message) in attempts {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == status, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
        #expect(try Data(contentsOf: cli.casesFile) == before)
        // closed → sent: the lifecycle only moves forward.
        try cli.ok(["referral", "handoff", referral])
        for status in ["acknowledged", "accepted", "service-started"] { try cli.ok(["referral", "update", referral, status]) }
        try cli.ok(["referral", "update", referral, "closed", "--outcome", "service-received"])
        let backwards = try cli.run(["referral", "update", referral, "acknowledged"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr.contains("cannot become acknowledged"))
    }

    @Test("The JSON form carries HTCDS children, exploitation types, 639-2/T languages and --purpose; a bad --purpose exits 64")
    func htcdsForm() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27", "--language", "ro", "--language", "fa",
                                 "--exploitation", "labour", "--exploitation", "begging", "--exploitation", "forced-criminality",
                                 "--dependents", "2"])["case_code"] as? String ?? ""
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety.json", #"{"in_danger": "no"}"#)])
        try cli.ok(["case", "record", code, "screening", "--answers",
                    try cli.file("screening.json", #"{"set": "adult-labour", "answers": {"al-dr-nature-of-job": "yes"}}"#)])
        try cli.ok(["case", "record", code, "age", "--answers", try cli.file("age.json", #"{"basis": "stated", "years": 27}"#)])
        let bad = try cli.run(["referral", "create", code, "--service", SampleService.counselling, "--need", "psychosocial", "--purpose", "holiday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'additional-services', 'change-of-location' or 'other'"), "\(bad.stderr)")
        let created = try cli.json(["referral", "create", code, "--service", SampleService.counselling, "--need", "psychosocial",
                                    "--purpose", "change-of-location"])
        let referral = created["referral_id"] as? String ?? ""
        let answers = try JSONSerialization.data(withJSONObject: ["traffickers": "low", "acknowledged": created["to_acknowledge"] as? [String] ?? []])
        try cli.ok(["referral", "record", referral, "risk", "--answers", try cli.file("risk.json", String(decoding: answers, as: UTF8.self))])
        try cli.ok(["referral", "consent", referral, "--given-by", "self", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        try cli.ok(["referral", "handoff", referral])
        let form = try cli.ok(["referral", "form", referral, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(form.utf8)) as? [String: Any])
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["prs_PrimaryLanguage"] as? String == "ron")
        #expect(person["prs_SecondaryLanguage"] as? String == "fas")
        #expect(person["prs_NumberOfChildren"] as? Int == 2)
        #expect(person["vic_TypeOfExploitation"] as? [String] == ["ForcedLabour", "ForcedBegging", "Other"])
        #expect((document["referral"] as? [String: Any])?["cas_ReasonForOutgoingReferral"] as? String == "MigrationOrChangeOfLocation")
    }

    @Test("A child goes to child protection at once; the same child's return referral exits 3 until guardian and best interests")
    func childPathway() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "male", "--age-range", "17-19", "--age-disputed", "--nationality", "XB"])["case_code"] as? String ?? ""
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety-\(UUID().uuidString).json", #"{"in_danger": "no"}"#)])
        try cli.ok(["case", "record", code, "screening", "--answers", try cli.file("c.json", #"{"set": "child-labour", "answers": {}}"#)])
        try cli.ok(["case", "record", code, "age", "--answers", try cli.file("d.json", #"{"basis": "disputed", "from": 17, "to": 19}"#)])
        // Normal priority: the hand-off then does not depend on the service being open at the hour the test runs.
        let protection = try cli.json(["referral", "create", code, "--service", SampleService.guardianship, "--need", "child-protection"])["referral_id"] as? String ?? ""
        try cli.ok(["referral", "record", protection, "risk"])
        try cli.ok(["referral", "handoff", protection])
        let back = try cli.referral(code, service: SampleService.returnReception, need: "return")
        // No guardian yet: nobody may consent for the child.
        #expect(try cli.run(["referral", "consent", back, "--given-by", "guardian", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"]).status == 1)
        try cli.ok(["referral", "consent", back, "--given-by", "self", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        let refused = try cli.run(["referral", "handoff", back])
        #expect(refused.status == 3)
        for step in ["guardian", "child-views", "best-interests", "consent"] { #expect(refused.stderr.contains("- \(step):")) }
        // The guardian's record is structured: relationship, who appointed them, suspected of involvement.
        #expect(try cli.run(["case", "record", code, "guardian", "--answers", try cli.file("g0.json", #"{"guardian": "an uncle"}"#)]).status == 1)
        try cli.ok(["case", "record", code, "guardian", "--answers", try cli.file("g.json",
            #"{"relationship": "appointed guardian", "appointed_by": "county child-protection authority", "suspected_of_involvement": "no"}"#)])
        try cli.ok(["referral", "consent", back, "--given-by", "guardian", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        try cli.ok(["referral", "record", back, "child-views", "--answers", try cli.file("v.json", #"{"views": "wants to go home", "agrees": "yes"}"#)])
        try cli.ok(["referral", "record", back, "best-interests", "--answers", try cli.file("b0.json",
            #"{"outcome": "pending", "decided_by": "county best-interests panel", "decided_on": "2025-06-10"}"#)])
        let pending = try cli.run(["referral", "handoff", back])
        #expect(pending.status == 3 && pending.stderr.contains("- best-interests:"))
        try cli.ok(["referral", "record", back, "best-interests", "--answers", try cli.file("b.json",
            #"{"outcome": "in-the-childs-interest", "decided_by": "county best-interests panel", "decided_on": "2025-06-10", "procedure": "determination"}"#)])
        try cli.ok(["referral", "handoff", back])
        let form = try cli.ok(["referral", "form", back, "--format", "json"])
        #expect(form.contains("\"best_interests\"") && form.contains("in-the-childs-interest"))
        let protectionForm = try cli.ok(["referral", "form", protection, "--format", "json"])
        #expect(protectionForm.contains("\"legal_basis\" : \"child-protection-duty\""))
    }

    @Test("route --case uses the case's profile and records the needs nobody could meet for the report")
    func routeForCase() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0401", "--sex", "male", "--age", "35"])["case_code"] as? String ?? ""
        try cli.ok(["route", "--case", code, "--need", "shelter"])
        let report = try cli.json(["report"])
        #expect((report["unmet_needs"] as? [String: Any])?["shelter"] as? String == "<5")
        let usage = try cli.run(["route", "--case", code, "--area", "XA0101", "--need", "shelter"])
        #expect(usage.status == 64)
    }

    @Test("An erased case's name is gone while the log verifies; an anonymous notification carries nothing identifying")
    func eraseAndNotify() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        let notice = try cli.ok(["case", "notify", code])
        #expect(notice.contains("ANONYMOUS NOTIFICATION") && !notice.contains("Maria"))
        // Without a terminal to confirm on, nothing is erased unless --yes says so.
        let unconfirmed = try cli.run(["case", "erase", code])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("add --yes"), "\(unconfirmed.stderr)")
        #expect(try cli.json(["case", "show", code])["erased"] as? Bool == false)
        try cli.ok(["case", "erase", code, "--yes"])
        let form = try cli.run(["referral", "form", referral])
        #expect(form.status == 1 && form.stderr.contains("erased"))
        #expect(try cli.ok(["log", "verify"]).contains("3 entries"))
        let raw = try Data(contentsOf: cli.casesFile)
        #expect(raw.range(of: Data("Maria".utf8)) == nil)
    }

    @Test("In danger now: a referral made after it is an emergency, its override accepted; a step changed after the hand-off is named by case show")
    func inDangerThenChanged() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety.json", #"{"in_danger": "yes"}"#)])
        let created = try cli.json(["referral", "create", code, "--service", SampleService.counselling, "--need", "psychosocial",
                                    "--priority", "normal"])
        #expect(created["priority"] as? String == "emergency", "\(created)")
        let referral = created["referral_id"] as? String ?? ""
        let handed = try cli.run(["referral", "handoff", referral, "--override", "-"], stdin: Data("caller reports a knife\n".utf8))
        #expect(handed.status == 0, "no 'it needs an emergency referral': \(handed.stdout) \(handed.stderr)")
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety.json", #"{"in_danger": "no"}"#)])
        let shown = try cli.json(["case", "show", code])
        let safety = (shown["steps"] as? [[String: Any]] ?? []).filter { $0["step"] as? String == "safety" }
        #expect(safety.count == 2, "both records kept: \(safety)")
        #expect(safety.first?["changed_after_handoff"] == nil)
        #expect(safety.last?["changed_after_handoff"] as? [String] == [referral], "\(safety)")
        #expect(try cli.ok(["case", "show", code]).contains("changed after hand-off of \(referral)"))
    }
}

@Suite("The home's own SOP definitions")
struct HomeProcedureTests {
    static var bundledSOP: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/sop")
    }

    @Test("A stricter procedure in the home is in force only once accepted (logged); changed again, the bundled one is back until accepted")
    func stricterProcedure() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        let folder = cli.home.appendingPathComponent("sop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let own = folder.appendingPathComponent("default.yaml")
        try FileManager.default.copyItem(at: Self.bundledSOP.appendingPathComponent("stricter-example.yaml"), to: own)
        let notYet = try cli.run(["case", "show", code])
        #expect(notYet.stdout.contains("not accepted yet") && notYet.stderr.contains("not accepted yet"), "\(notYet.stdout)")
        #expect(try cli.ok(["sop", "accept"]).contains("Accepted the home's sop/default.yaml"))
        #expect(try cli.ok(["case", "show", code]).contains("stricter-example v2 (home sop/default.yaml)"))
        let refused = try cli.run(["referral", "handoff", referral])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("supervisor-review"))
        // Changed after it was accepted: not in force until accepted again.
        try (try String(contentsOf: own, encoding: .utf8) + "\n# edited\n").write(to: own, atomically: true, encoding: .utf8)
        try cli.ok(["referral", "handoff", referral])
        #expect(try cli.ok(["log", "verify"]).contains("verifies"))
    }

    @Test("A malformed procedure file in the home is refused naming the file, line and field, and nothing is written")
    func malformedProcedure() throws {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        let folder = cli.home.appendingPathComponent("sop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            name: broken
            version: "1"
            steps:
              - id: safety
                scope: sometimes
                instruction: Ask.
            """.write(to: folder.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: cli.casesFile)
        let outcome = try cli.run(["referral", "handoff", referral])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("default.yaml:5"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("scope"))
        #expect(try Data(contentsOf: cli.casesFile) == before)
    }
}
