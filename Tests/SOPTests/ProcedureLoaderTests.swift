import Foundation
import SOP
import Testing
import WaymarkData

@Suite("Procedure files")
struct ProcedureLoaderTests {
    @Test("The bundled default is the standard procedure; the stricter example adds a step")
    func bundled() throws {
        let folder = try WaymarkData.resourceDirectory().appendingPathComponent("sop")
        let standard = try ProcedureLoader.load(folder.appendingPathComponent("default.yaml"))
        #expect(standard == Procedure.standard)
        let stricter = try ProcedureLoader.load(folder.appendingPathComponent("stricter-example.yaml"))
        #expect(stricter.steps.map(\.id) == Procedure.standard.steps.map(\.id) + ["supervisor-review"])
    }

    func error(_ yaml: String) -> String? { procedureError(yaml, file: "national.yaml") }

    static let header = "name: national\nversion: \"2\"\nsteps:\n"
    static let consent = "  - id: consent\n    scope: referral\n    instruction: Ask.\n"

    @Test("Malformed files are refused naming the file, the line and the field")
    func malformed() {
        #expect(error(Self.header + Self.consent + "  - id: risk\n    scope: person\n    instruction: Assess.\n")
            == "national.yaml:8: scope: 'person' must be case or referral")
        #expect(error(Self.header + Self.consent + "  - id: risk\n    scope: referral\n    instructions: Assess.\n")?
            .hasPrefix("national.yaml:9: instructions: is not a step field") == true)
        #expect(error(Self.header + "  - id: risk\n    scope: referral\n    instruction: Assess.\n")?
            .contains("a procedure must have a consent step") == true)
        #expect(error(Self.header + Self.consent + Self.consent)?.contains("'consent' is used by two steps") == true)
        #expect(error(Self.header + Self.consent + "  - id: x\n    scope: case\n    applies_to: teen\n    instruction: y\n")?
            .contains("applies_to: 'teen' must be any, adult or child") == true)
        #expect(error(Self.header + Self.consent + "  - id: Legal Rep\n    scope: case\n    instruction: y\n")?
            .hasPrefix("national.yaml:7: id: 'Legal Rep' is not a step id") == true)
        #expect(StepID(rawValue: "legal-representative") != nil && StepID(rawValue: "risk; drop") == nil && StepID(rawValue: "") == nil)
        #expect(error("name: [unclosed\n")?.hasPrefix("national.yaml:") == true)
        #expect(error("")?.contains("empty") == true)
    }
}

@Suite("Procedure files cannot switch consent off or misspell a type")
struct ProcedureSafetyTests {
    static func file(consentExtra: String = "", bestInterestsTypes: String = "[return, family-tracing]") -> String {
        """
        name: local
        version: "1"
        steps:
          - id: best-interests
            scope: referral
            applies_to: child
            overridable: false
            only_for_service_types: \(bestInterestsTypes)
            instruction: Assess.
          - id: consent
            scope: referral
        \(consentExtra)    instruction: Ask.
          - id: safety
            scope: case
            instruction: Ask.
          - id: age
            scope: case
            instruction: Ask.
          - id: risk
            scope: referral
            instruction: Assess.
        """
    }

    @Test("Any condition on the consent step is refused, naming the line and field")
    func consentConditions() {
        for extra in ["    only_for_service_types: [shelter]\n", "    applies_to: adult\n", "    never_waits_for: [health]\n"] {
            do {
                _ = try ProcedureLoader.parse(Self.file(consentExtra: extra), file: "default.yaml")
                Issue.record("a condition on consent was accepted: \(extra)")
            } catch {
                #expect(error.description.contains("default.yaml:12"), "\(error)")
                #expect(error.description.contains("consent step takes no conditions"))
            }
        }
    }

    @Test("A misspelt service type is refused when the vocabulary is given")
    func typo() throws {
        let types: Set<String> = ["return", "family-tracing", "shelter"]
        _ = try ProcedureLoader.parse(Self.file(), file: "default.yaml", serviceTypes: types)
        #expect(throws: ProcedureFileError.self) {
            _ = try ProcedureLoader.parse(Self.file(bestInterestsTypes: "[retrun]"), file: "default.yaml", serviceTypes: types)
        }
    }
}

/// Why the loader refuses a procedure text, or nil when it accepts it.
func procedureError(_ yaml: String, file: String) -> String? {
    do {
        _ = try ProcedureLoader.parse(yaml, file: file)
        return nil
    } catch {
        return error.description
    }
}

@Suite("Procedure files cannot remove the child pathway or the core steps")
struct ChildLawProcedureTests {
    func refusal(_ yaml: String) -> String? { procedureError(yaml, file: "default.yaml") }

    static var bundled: String {
        get throws {
            let url = try WaymarkData.resourceDirectory().appendingPathComponent("sop/default.yaml")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test("A home file holding only the consent step is refused, naming the steps it dropped")
    func onlyConsent() {
        let problem = refusal("name: local\nversion: \"1\"\nsteps:\n  - id: consent\n    scope: referral\n    instruction: Ask.\n")
        #expect(problem?.contains("default.yaml:4: steps: the 'safety' step is missing") == true, "\(problem ?? "accepted")")
    }

    @Test("Dropping safety, age, risk or best-interests is refused", arguments: ["safety", "age", "risk", "best-interests"])
    func dropped(step: String) throws {
        var lines = try Self.bundled.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "  - id: \(step)") else { Issue.record("no \(step) in the bundled file"); return }
        var end = start + 1
        while end < lines.count && !lines[end].hasPrefix("  - id:") { end += 1 }
        lines.removeSubrange(start..<end)
        #expect(refusal(lines.joined(separator: "\n"))?.contains("the '\(step)' step is missing") == true)
    }

    @Test("Making best interests overridable, or removing the child-protection exemption, is refused naming the line")
    func weakened() throws {
        let bundled = try Self.bundled
        #expect(refusal(bundled) == nil, "the bundled file keeps the law")
        let overridable = bundled.replacingOccurrences(of: "    overridable: false", with: "    overridable: true")
        #expect(refusal(overridable)?.contains("overridable: best-interests can never be overridden") == true)
        let noExemption = bundled.replacingOccurrences(of: "never_waits_for: [child-protection, shelter, health]", with: "never_waits_for: [shelter, health]")
        let problem = refusal(noExemption)
        #expect(problem?.contains("never_waits_for: a child's referral to child protection never waits for the guardian step") == true, "\(problem ?? "accepted")")
        #expect(problem?.hasPrefix("default.yaml:") == true && problem?.hasPrefix("default.yaml:4: steps") == false)
    }

    @Test("Conditions that switch off safety, age or risk, or a risk step recorded once per case, are refused")
    func coreStepsTakeNoConditions() throws {
        let bundled = try Self.bundled
        let conditioned = bundled.replacingOccurrences(of: "  - id: safety\n    scope: case\n",
                                                       with: "  - id: safety\n    scope: case\n    never_waits_at_priority: [emergency, urgent, normal]\n    never_waits_for_at_priority: [shelter]\n")
        #expect(refusal(conditioned)?.contains("the safety step is owed for everyone and every referral: it takes no conditions") == true)
        let age = bundled.replacingOccurrences(of: "  - id: age\n    scope: case\n", with: "  - id: age\n    scope: case\n    never_waits_for: [shelter]\n")
        #expect(refusal(age)?.contains("the age step is owed for everyone") == true)
        let risk = bundled.replacingOccurrences(of: "  - id: risk\n    scope: referral\n", with: "  - id: risk\n    scope: case\n")
        #expect(refusal(risk)?.contains("scope must be referral") == true)
    }
}

@Suite("The recovery and reflection period in the SOP file")
struct RecoveryPeriodSettingTests {
    static let file = ProcedureLoaderTests.header + ProcedureLoaderTests.consent
        + "  - id: safety\n    scope: case\n    instruction: Ask.\n  - id: age\n    scope: case\n    instruction: Ask.\n"
        + "  - id: risk\n    scope: referral\n    instruction: Ask.\n"
        + "  - id: best-interests\n    scope: referral\n    applies_to: child\n    overridable: false\n    instruction: Ask.\n"

    @Test("Defaults: 30 days from a positive reasonable-grounds decision; review, appeal and exit support after a negative one")
    func defaults() throws {
        let procedure = try ProcedureLoader.parse(Self.file, file: "national.yaml")
        #expect(procedure.recoveryPeriod == RecoveryPeriodRule(days: 30, starts: .reasonableGrounds))
        #expect(procedure.afterNegativeDecision == ["review", "appeal", "exit-support"])
    }

    @Test("A country may set 45 days from first contact and its own list after a negative decision")
    func national() throws {
        let yaml = "recovery_period_days: 45\nrecovery_period_starts: first-contact\nafter_negative_decision: [appeal, exit-support]\n" + Self.file
        let procedure = try ProcedureLoader.parse(yaml, file: "national.yaml")
        #expect(procedure.recoveryPeriod == RecoveryPeriodRule(days: 45, starts: .firstContact))
        #expect(procedure.afterNegativeDecision == ["appeal", "exit-support"])
        #expect(procedure.contentHash != (try ProcedureLoader.parse(Self.file, file: "national.yaml")).contentHash)
        let start = try #require(DateComponents(calendar: RecoveryPeriodRule.calendar, year: 2026, month: 1, day: 15).date)
        let period = procedure.recoveryPeriod.period(startingOn: start)
        #expect(RecoveryPeriodRule.calendar.dateComponents([.month, .day], from: period.end) == DateComponents(month: 3, day: 1))
    }

    @Test("Fewer than 30 days is refused citing CoE Art. 13; a start other than the two is refused")
    func refused() {
        let short = procedureError("recovery_period_days: 10\n" + Self.file, file: "national.yaml")
        #expect(short?.hasPrefix("national.yaml:1: recovery_period_days: 10 is less than 30") == true, "\(short ?? "")")
        #expect(short?.contains("Art. 13") == true)
        #expect(procedureError("recovery_period_starts: screening\n" + Self.file, file: "national.yaml")?
            .contains("must be reasonable-grounds or first-contact") == true)
        #expect(procedureError("after_negative_decision: []\n" + Self.file, file: "national.yaml")?.contains("never closes assistance") == true)
    }

    @Test("service_start_days defaults to 7, retention_days to none, stale_after_days to 180; a file may set each, and the hash says so")
    func followUpSettings() throws {
        let plain = try ProcedureLoader.parse(Self.file, file: "national.yaml")
        #expect(plain.serviceStartDays == 7 && plain.retentionDays == nil && plain.staleAfterDays == 180)
        let set = try ProcedureLoader.parse("service_start_days: 3\nretention_days: 1825\n" + Self.file, file: "national.yaml")
        #expect(set.serviceStartDays == 3 && set.retentionDays == 1825)
        #expect(set.contentHash != plain.contentHash)
        let stale = try ProcedureLoader.parse("stale_after_days: 90\n" + Self.file, file: "national.yaml")
        #expect(stale.staleAfterDays == 90 && stale.contentHash != plain.contentHash)
    }

    @Test("A service_start_days, retention_days or stale_after_days that is not a whole number of days, at least 1, is refused naming the field and line",
          arguments: ["service_start_days: 0", "service_start_days: soon", "retention_days: -5", "retention_days: 2.5", "stale_after_days: 0",
                      "stale_after_days: half a year", "stale_after_days: 99999"])
    func followUpSettingsRefused(_ line: String) {
        let field = String(line.prefix { $0 != ":" })
        let problem = procedureError(line + "\n" + Self.file, file: "national.yaml")
        #expect(problem?.hasPrefix("national.yaml:1: \(field): ") == true, "\(problem ?? "")")
        #expect(problem?.contains("at least 1") == true)
    }

    @Test("During the period a return needs the person's request, and no override lifts it; outside the period, or for other services, nothing")
    func returnRule() {
        let inPeriod = CaseFacts(isChild: false, steps: [], inRecoveryPeriod: true)
        let back = ReferralFacts(referralId: "R-1", receivingOrganizationId: "o", serviceTypes: ["return"], priority: "emergency",
                                 consent: nil, steps: [])
        #expect(RecoveryPeriodRule.returnProblem(person: inPeriod, referral: back) == RecoveryPeriodRule.returnRequestInstruction)
        #expect(RecoveryPeriodRule.returnProblem(person: CaseFacts(isChild: false, steps: []), referral: back) == nil)
        var shelter = back
        shelter.serviceTypes = ["shelter"]
        #expect(RecoveryPeriodRule.returnProblem(person: inPeriod, referral: shelter) == nil)
        var asked = back
        asked.steps = [StepRecord(stepId: "return-request", recordedBy: "Ana", recordedAt: Date(timeIntervalSince1970: 0))]
        #expect(RecoveryPeriodRule.returnProblem(person: inPeriod, referral: asked) == nil)
        guard case .refused(let missing) = Gate.evaluate(.standard, case: inPeriod, referral: back, override: "life at risk") else {
            Issue.record("an override lifted the return rule")
            return
        }
        #expect(missing.contains { $0.instruction.contains("'return-request' cannot be overridden") })
    }
}
