import Foundation
import Testing
import TestSupport

@Suite("Safe referral, as a process: each refusal's exit status and reason code")
struct SafeReferralCommandTests {
    static let mensShelter = "ce175de3-8d02-5bcf-86c8-d79220aab526"

    func openCase(_ cli: CaseworkCLI, _ options: [String]) throws -> String {
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        return try cli.json(["case", "open", "--area", "XA0101"] + options)["case_code"] as? String ?? ""
    }

    @Test("referral create for a 15-year-old girl to an adult men's shelter exits 3 naming sex and adult-only, and writes nothing")
    func createRefused() throws {
        let cli = CaseworkCLI()
        let code = try openCase(cli, ["--sex", "female", "--age", "15"])
        let before = try Data(contentsOf: cli.casesFile)
        let refused = try cli.run(["referral", "create", code, "--service", Self.mensShelter, "--need", "shelter", "--priority", "emergency"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("- adult-only:") && refused.stderr.contains("- sex:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("waymark route --case \(code)"))
        #expect(try Data(contentsOf: cli.casesFile) == before)
    }

    @Test("referral handoff exits 3 naming adult-only when the case's age is re-recorded as 15, with or without --override")
    func handoffRefused() throws {
        let cli = CaseworkCLI()
        let code = try openCase(cli, ["--sex", "female", "--age", "27", "--channel", "self-hotline"])
        try cli.ok(["case", "record", code, "safety", "--answers", try cli.file("safety-\(UUID().uuidString).json", #"{"in_danger": "no"}"#)])
        try cli.ok(["case", "record", code, "screening", "--answers", try cli.file("s.json", #"{"set": "adult-labour", "answers": {}}"#)])
        try cli.ok(["case", "record", code, "age", "--answers", try cli.file("a.json", #"{"basis": "stated", "years": 27}"#)])
        let referral = try cli.referral(code, service: SampleService.womensShelter, need: "shelter", priority: "emergency")
        try cli.ok(["referral", "consent", referral, "--given-by", "self", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
        try cli.ok(["case", "record", code, "age", "--answers", try cli.file("b.json", #"{"basis": "stated", "years": 15}"#)])
        for extra in [[], ["--override", "Life at risk tonight"]] {
            let refused = try cli.run(["referral", "handoff", referral] + extra)
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("- adult-only:"), "\(refused.stderr)")
            #expect(refused.stderr.contains("No override lifts this"))
        }
        #expect(try cli.ok(["log", "verify"]).contains("0 entries"))
    }

    @Test("An adult's consent by a guardian or an unrecorded representative exits 1; a recorded representative may consent")
    func adultConsent() throws {
        let cli = CaseworkCLI()
        let (code, referral) = try cli.readyReferral()
        for giver in ["guardian", "representative"] {
            let refused = try cli.run(["referral", "consent", referral, "--given-by", giver, "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
            #expect(refused.status == 1, "\(giver): \(refused.stderr)")
            #expect(refused.stderr.contains("consents personally"))
        }
        try cli.ok(["case", "record", code, "legal-representative", "--answers", try cli.file("r.json",
            #"{"name": "Av. Elena Popa", "appointed_by": "district court", "basis": "court order 2026/114"}"#)])
        try cli.ok(["referral", "consent", referral, "--given-by", "representative", "--scope", "basic", "--explained", "organization,data,refuse-withdraw,retention", "--explained-in", "ro"])
    }

    @Test("A home procedure file holding only the consent step is refused with file:line: field, exit 1")
    func weakenedProcedure() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let folder = cli.home.appendingPathComponent("sop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name: local\nversion: \"1\"\nsteps:\n  - id: consent\n    scope: referral\n    instruction: Ask.\n"
            .write(to: folder.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
        let opened = try cli.run(["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27"])
        #expect(opened.status == 1)
        #expect(opened.stderr.contains("default.yaml:4: steps: the 'safety' step is missing"), "\(opened.stderr)")
    }

    @Test("Age options: an assessment needs who, when and how (exit 64); an estimate of 18 is a presumed child")
    func ageOptions() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let missing = try cli.run(["case", "open", "--area", "XA0101", "--age", "19", "--age-basis", "assessed"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("by whom, when and how"))
        let estimated = try cli.ok(["case", "open", "--area", "XA0101", "--sex", "male", "--age", "18", "--age-basis", "estimated"])
        #expect(estimated.contains("a child: the child pathway applies"))
        let assessed = try cli.ok(["case", "open", "--area", "XA0101", "--sex", "male", "--age", "19", "--age-basis", "assessed",
                                   "--assessed-by", "age-assessment board", "--assessed-on", "2025-06-05", "--assessment-method", "multidisciplinary"])
        #expect(!assessed.contains("a child"))
        #expect(try cli.run(["route", "--area", "XA0101", "--police", "maybe", "--need", "shelter"]).status == 64)
        #expect(try cli.run(["route", "--area", "XA0101", "--unaccompanied", "perhaps", "--need", "shelter"]).status == 64)
    }

    @Test("route: an undecided person is never sent to a police-conditional shelter; the JSON marks unlawful conditions")
    func policeStance() throws {
        let cli = CaseworkCLI()
        for stance in ["undecided", "will-not"] {
            let out = try cli.ok(["route", "--area", "XA0101", "--sex", "female", "--age", "27", "--need", "shelter", "--police", stance, "--json"])
            let route = (try JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] ?? [:]
            let needs = route["needs"] as? [[String: Any]] ?? []
            let candidates = needs.flatMap { $0["candidates"] as? [[String: Any]] ?? [] }
            #expect(!candidates.isEmpty)
            #expect(candidates.allSatisfy { !(($0["conditional_on"] as? [String]) ?? []).contains("requires-police-cooperation") }, "\(stance)")
        }
    }
}
