import Foundation
import Testing
import TestSupport

/// `referral update` with decline reasons and outcomes, `referral create --replaces`, `referrals --overdue` and
/// `cases [--due|--expired]`, as a process. Deadlines are reached with the debug build's `WAYMARK_TEST_HOURS_AHEAD`.
@Suite("Referral outcomes, overdue and cases, as a process")
struct CaseworkOutcomeCommandTests {
    /// A handed-off referral in a fresh home.
    func sent() throws -> (CaseworkCLI, String, String) {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        return (cli, code, referral)
    }

    /// The log's entry count: unchanged when nothing was written.
    func entries(_ cli: CaseworkCLI) throws -> String {
        try cli.json(["log", "head"])["count"] as? String ?? ""
    }

    func referralJSON(_ cli: CaseworkCLI, _ id: String, environment: [String: String?] = [:], overdue: Bool = false) throws -> [String: Any]? {
        let outcome = try cli.run(["referrals", "--json"] + (overdue ? ["--overdue"] : []), environment: environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let list = ((try JSONSerialization.jsonObject(with: outcome.stdoutData)) as? [String: Any])?["referrals"] as? [[String: Any]]
        return list?.first { $0["referral_id"] as? String == id }
    }

    @Test("declined --reason CODE from sent: said, in the JSON, with how to replace it; other takes a note from standard input, sealed")
    func decline() throws {
        let (cli, _, referral) = try sent()
        let out = try cli.ok(["referral", "update", referral, "declined", "--reason", "no-capacity"])
        #expect(out.contains("\(referral) is now declined (no-capacity).") && out.contains("--replaces \(referral)"), "\(out)")
        #expect(try referralJSON(cli, referral)?["decline_reason"] as? String == "no-capacity")
        let (other, _, second) = try sent()
        try other.ok(["referral", "update", second, "declined", "--reason", "other", "--note", "-"], stdin: Data("Doina at the office\n".utf8))
        #expect(try referralJSON(other, second)?["decline_reason"] as? String == "other")
        #expect(try Data(contentsOf: other.casesFile).range(of: Data("Doina".utf8)) == nil)
    }

    @Test("Bad update input exits 64 (a code outside the list, an option with the wrong status) or 1 (a reason missing); nothing is written")
    func updateRefused() throws {
        let (cli, _, referral) = try sent()
        let before = try entries(cli)
        let cases: [([String], Int32, String)] = [
            (["declined", "--reason", "full"], 64, "not a decline reason"),
            (["declined"], 1, "no-capacity"),
            (["declined", "--reason", "other"], 1, "--note"),
            (["acknowledged", "--note", "x"], 64, "--note goes only with declined"),
            (["acknowledged", "--outcome", "transferred"], 64, "--outcome goes only with closed"),
            (["closed"], 64, "closed needs --outcome"),
            (["closed", "--outcome", "gone"], 64, "outcome"),
        ]
        for (arguments, status, message) in cases {
            let outcome = try cli.run(["referral", "update", referral] + arguments)
            #expect(outcome.status == status, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
        #expect(try entries(cli) == before)
        #expect(try referralJSON(cli, referral)?["status"] as? String == "sent")
    }

    @Test("closed --outcome after the service started: said and in the JSON")
    func close() throws {
        let (cli, _, referral) = try sent()
        for status in ["acknowledged", "accepted", "service-started"] { try cli.ok(["referral", "update", referral, status]) }
        let out = try cli.ok(["referral", "update", referral, "closed", "--outcome", "lost-contact"])
        #expect(out.contains("is now closed (lost-contact)."), "\(out)")
        let json = try referralJSON(cli, referral)
        #expect(json?["outcome"] as? String == "lost-contact" && json?["status"] as? String == "closed")
    }

    @Test("create --replaces links a declined referral of the case; refused (exit 1, nothing written) when it is not declined or of another case")
    func replaces() throws {
        let (cli, code, referral) = try sent()
        let create = ["referral", "create", code, "--service", SampleService.legalAdvice, "--need", "legal", "--replaces", referral]
        let before = try entries(cli)
        let early = try cli.run(create)
        #expect(early.status == 1 && early.stderr.contains("not declined"), "\(early.stderr)")
        #expect(try entries(cli) == before)
        try cli.ok(["referral", "update", referral, "declined", "--reason", "not-eligible"])
        let other = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        let elsewhere = try cli.run(["referral", "create", other, "--service", SampleService.legalAdvice, "--need", "legal", "--replaces", referral])
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains("another case"), "\(elsewhere.stderr)")
        #expect(try (cli.json(["referrals"])["referrals"] as? [Any])?.count == 1, "nothing was written")
        let made = try cli.json(create)
        #expect(made["replaces"] as? String == referral)
        let id = made["referral_id"] as? String ?? ""
        #expect(try referralJSON(cli, id)?["replaces"] as? String == referral)
        #expect(try cli.ok(create.dropLast(2) + ["--replaces", referral]).contains("Draft referral \(id) is already open"))
    }

    @Test("referrals --overdue says why each is overdue, in text and as overdue_reason: a draft after a day, a hand-off after its window")
    func overdue() throws {
        let cli = CaseworkCLI()
        let (_, draft) = try cli.readyReferral()
        #expect(try cli.ok(["referrals", "--overdue"]).contains("No referral is overdue."))
        let ahead: [String: String?] = ["WAYMARK_TEST_HOURS_AHEAD": "25"]
        let text = try cli.run(["referrals", "--overdue"], environment: ahead)
        #expect(text.status == 0 && text.stdout.contains("OVERDUE"), "\(text.stderr)")
        #expect(text.stdout.contains("\(draft): Draft for 25 h, not handed off within a day: hand it off or withdraw it."), "\(text.stdout)")
        let json = try referralJSON(cli, draft, environment: ahead, overdue: true)
        #expect(json?["overdue"] as? Bool == true && json?["overdue_kind"] as? String == "draft-not-handed-off")
        #expect((json?["overdue_reason"] as? String)?.hasPrefix("Draft for 25 h") == true)
        try cli.ok(["referral", "handoff", draft])
        let fortnight: [String: String?] = ["WAYMARK_TEST_HOURS_AHEAD": "337"]
        let late = try referralJSON(cli, draft, environment: fortnight, overdue: true)
        #expect((late?["overdue_reason"] as? String)?.contains("not acknowledged within 14 days") == true, "\(String(describing: late))")
        #expect(try referralJSON(cli, draft, environment: ["WAYMARK_TEST_HOURS_AHEAD": "300"], overdue: true) == nil)
    }

    @Test("cases lists stage, open referrals and deadlines, text and JSON; --due with --expired is a usage error")
    func cases() throws {
        let (cli, code, referral) = try sent()
        let text = try cli.ok(["cases"])
        #expect(text.contains("STAGE") && text.contains(code) && text.contains("first-contact") && text.contains("1 open"), "\(text)")
        let listed = try cli.json(["cases"])["cases"] as? [[String: Any]] ?? []
        let entry = listed.first { $0["case_code"] as? String == code }
        #expect(entry?["stage"] as? String == "first-contact")
        #expect((entry?["open_referrals"] as? [[String: Any]])?.first?["referral_id"] as? String == referral)
        #expect(entry?["expired"] as? Bool == false)
        #expect(try cli.run(["cases", "--due", "--expired"]).status == 64)
        #expect(try cli.ok(["cases", "--expired"]).contains("the SOP file sets no retention_days"))
    }

    @Test("cases --expired lists a case past the home SOP's retention_days, for the coordinator to erase; nothing is erased")
    func expired() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "30"])["case_code"] as? String ?? ""
        let folder = cli.home.appendingPathComponent("sop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bundled = try String(contentsOf: HomeProcedureTests.bundledSOP.appendingPathComponent("default.yaml"), encoding: .utf8)
        try bundled.replacingOccurrences(of: "# retention_days: 1825", with: "retention_days: 2")
            .write(to: folder.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
        try cli.ok(["sop", "accept"])
        #expect(try cli.ok(["cases", "--expired"]).contains("No case is past its retention."))
        let later: [String: String?] = ["WAYMARK_TEST_HOURS_AHEAD": "49"]
        let text = try cli.run(["cases", "--expired"], environment: later)
        #expect(text.status == 0 && text.stdout.contains(code) && text.stdout.contains("nothing was erased"), "\(text.stdout)\(text.stderr)")
        let json = try cli.run(["cases", "--expired", "--json"], environment: later)
        let listed = ((try JSONSerialization.jsonObject(with: json.stdoutData)) as? [String: Any])?["cases"] as? [[String: Any]]
        #expect(listed?.map { $0["case_code"] as? String } == [code])
        #expect(listed?.first?["expired"] as? Bool == true && listed?.first?["retention_ends_on"] as? String != nil)
        #expect(try cli.ok(["case", "show", code]).contains(code), "still there")
    }
}
