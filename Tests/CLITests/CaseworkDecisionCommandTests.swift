import Foundation
import Testing
import TestSupport

/// `waymark case decision` and `waymark cases --due`, as a process (the binary's own clock: dates are counted back from today).
@Suite("Casework decisions and cases due, as a process")
struct CaseworkDecisionCommandTests {
    /// The UTC day `days` before today, `YYYY-MM-DD`.
    static func day(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = calendar.date(byAdding: .day, value: -days, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// A case whose first contact was `daysAgo` days ago.
    func openCase(_ cli: CaseworkCLI, daysAgo: Int) throws -> String {
        try cli.json(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27",
                      "--first-contact", Self.day(daysAgo) + "T09:00"])["case_code"] as? String ?? ""
    }

    @Test("A decision is recorded with its reference from standard input; case show and the form follow it")
    func recorded() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        let out = try cli.ok(["case", "decision", code, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu",
                              "--authority-type", "police", "--on", Self.day(0), "--reference", "-"], stdin: Data("NRM/2026/0412\n".utf8))
        #expect(out.contains("Presumed victim — reasonable grounds, \(Self.day(0))"), "\(out)")
        let show = try cli.ok(["case", "show", code])
        #expect(show.contains("Recovery and reflection period:") && show.contains("reasonable-grounds positive"), "\(show)")
        #expect(!show.contains("NRM/2026/0412"))
        let nrm = try cli.json(["case", "show", code])["nrm"] as? [String: Any]
        #expect(nrm?["trafficking_status"] as? String == "PossibleVictimOfTrafficking")
        #expect(nrm?["recovery_period_ends_on"] as? String != nil)
        let form = try cli.ok(["referral", "form", referral, "--format", "json"])
        let person = ((try JSONSerialization.jsonObject(with: Data(form.utf8))) as? [String: Any])?["person"] as? [String: Any]
        #expect(person?["vic_TraffickingStatusDecisionMakingOrg"] as? String == "Police", "\(form)")
        #expect(person?["vic_TraffickingStatus"] as? String == "PossibleVictimOfTrafficking")
    }

    @Test("case outcome records a durable solution; a return needs --voluntary, and during the period only the person's request; case show lists it")
    func durableSolution() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try openCase(cli, daysAgo: 10)
        try cli.ok(["case", "decision", code, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu", "--authority-type", "police",
                    "--on", Self.day(5)])
        let count = try cli.json(["log", "head"])["count"] as? String
        let missing = try cli.run(["case", "outcome", code, "return", "--on", Self.day(1)])
        #expect(missing.status == 1 && missing.stderr.contains("--voluntary yes"), "\(missing.stderr)")
        let forced = try cli.run(["case", "outcome", code, "return", "--on", Self.day(1), "--voluntary", "no"])
        #expect(forced.status == 1 && forced.stderr.contains("recovery and reflection period"), "\(forced.stderr)")
        #expect(try cli.run(["case", "outcome", code, "repatriation", "--on", Self.day(1)]).status == 64)
        #expect(try cli.json(["log", "head"])["count"] as? String == count, "nothing written")
        let unasked = try cli.run(["case", "outcome", code, "return", "--on", Self.day(1), "--voluntary", "yes"])
        #expect(unasked.status == 1 && unasked.stderr.contains("return-request"), "\(unasked.stderr)")
        let referral = try cli.json(["referral", "create", code, "--service", SampleService.returnReception, "--need", "return"])["referral_id"]
            as? String ?? ""
        try cli.ok(["referral", "record", referral, "return-request", "--answers", try cli.file("request.json", #"{"requested": "yes"}"#)])
        let done = try cli.ok(["case", "outcome", code, "return", "--on", Self.day(1), "--voluntary", "yes"])
        #expect(done.contains("return (the person's voluntary decision)"), "\(done)")
        #expect(try cli.ok(["case", "show", code]).contains("Durable solution: \(Self.day(1)) return (the person's voluntary decision)"))
        let nrm = try cli.json(["case", "show", code])["nrm"] as? [String: Any]
        let solutions = nrm?["durable_solutions"] as? [[String: Any]]
        #expect(solutions?.first?["kind"] as? String == "return" && solutions?.first?["voluntary"] as? Bool == true, "\(nrm ?? [:])")
        let listed = (try cli.json(["cases"])["cases"] as? [[String: Any]])?.first { $0["case_code"] as? String == code }
        #expect(listed?["durable_solutions"] as? [String] == ["return"], "\(listed ?? [:])")
        // A negative decision on another case: the list says so, and what follows.
        let other = try openCase(cli, daysAgo: 4)
        try cli.ok(["case", "decision", other, "reasonable-grounds", "negative", "--by", "Ms. A. Ceban", "--authority-type", "non-police-government",
                    "--on", Self.day(2)])
        #expect(try cli.ok(["cases"]).contains("negative decision"))
        let negative = (try cli.json(["cases"])["cases"] as? [[String: Any]])?.first { $0["case_code"] as? String == other }
        #expect(negative?["after_negative_decision"] as? [String] == ["review", "appeal", "exit-support"], "\(negative ?? [:])")
    }

    @Test("Bad input exits 1 naming the field, or 64 for a value outside the vocabulary; nothing is written")
    func refused() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let code = try openCase(cli, daysAgo: 3)
        let base = ["case", "decision", code]
        let cases: [([String], Int32, String)] = [
            (["reasonable-grounds", "positive", "--by", "X", "--authority-type", "police", "--on", Self.day(-2)], 1, "in the future"),
            (["reasonable-grounds", "positive", "--by", "X", "--authority-type", "police", "--on", Self.day(5)], 1, "before the first contact"),
            (["conclusive-grounds", "positive", "--by", "X", "--authority-type", "police", "--on", Self.day(1)], 1, "reasonable-grounds"),
            (["reasonable-grounds", "positive", "--by", "X", "--authority-type", "sheriff", "--on", Self.day(1)], 64, "authority-type"),
            (["reasonable-grounds", "positive", "--by", "X", "--authority-type", "police", "--on", Self.day(1), "--reference", "NRM/1"], 64, "--reference"),
        ]
        for (arguments, status, message) in cases {
            let outcome = try cli.run(base + arguments)
            #expect(outcome.status == status, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
        let nrm = try cli.json(["case", "show", code])["nrm"] as? [String: Any]
        #expect((nrm?["decisions"] as? [Any])?.isEmpty == true)
        #expect(try cli.run(["case", "open", "--area", "XA0101", "--identified", "yes"]).status == 64)
    }

    @Test("cases --due lists the cases whose period ends within 7 days, text and JSON")
    func due() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let soon = try openCase(cli, daysAgo: 25)
        let later = try openCase(cli, daysAgo: 2)
        for (code, days) in [(soon, 25), (later, 2)] {
            try cli.ok(["case", "decision", code, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu",
                        "--authority-type", "police", "--on", Self.day(days)])
        }
        let listed = try cli.json(["cases", "--due"])["cases"] as? [[String: Any]] ?? []
        #expect(listed.map { $0["case_code"] as? String } == [soon])
        #expect(listed.first?["recovery_period_ends_on"] as? String == Self.day(-4), "the last day of 30 from 25 days ago")
        let text = try cli.ok(["cases", "--due"])
        #expect(text.contains(soon) && !text.contains(later))
        #expect(try cli.ok(["case", "show", soon]).contains("REMINDER"))
    }
}
