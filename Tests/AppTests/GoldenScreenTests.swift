import App
import Casework
import Directory
import Foundation
import Routing
import Terminal
import Testing
import TestSupport

/// Renders every screen from a fixed state over the bundled sample and compares it with
/// `Screens/<name>.txt`. `WAYMARK_RECORD_SCREENS=1` writes the renders instead (a reviewed step).
@Suite("Golden screens")
struct GoldenScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Screens")

    func compare(_ name: String, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.folder.appendingPathComponent("\(name).txt")
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["WAYMARK_RECORD_SCREENS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try #require(try? String(contentsOf: url, encoding: .utf8), "missing golden \(name).txt; record it", sourceLocation: sourceLocation)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(expected, actual).enumerated() where pair.0 != pair.1 {
            Issue.record("\(name).txt line \(index + 1):\n expected: \(pair.0)\n   actual: \(pair.1)", sourceLocation: sourceLocation)
            return
        }
        #expect(expected.count == actual.count, "\(name).txt has \(expected.count) lines, the render \(actual.count)", sourceLocation: sourceLocation)
    }

    @Test("report-summary: the coordinator's one page for a monthly report, at most 80 columns and 60 lines")
    func reportSummary() throws {
        let text = ReportSummary.text(try ReportFixture.report(), needLabel: try StringTable.bundled().label)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count <= 60)
        #expect(lines.allSatisfy { $0.count <= ReportSummary.width }, "\(lines.filter { $0.count > ReportSummary.width })")
        #expect(!lines.contains { $0.hasSuffix("…") }, "the layout fits the page without cutting a line: \(lines.filter { $0.hasSuffix("…") })")
        try compare("report-summary", lines)
    }

    @Test("directory: the first screen")
    func directory() throws {
        try compare("directory", try AppFixture.sample(atResults: false).screen())
    }

    @Test("directory-filtered: 'shelter', female, 16")
    func directoryFiltered() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("shelter")
        app.press([.enter, .character("f"), .right, .right, .enter, .down, .enter, .right, .enter])
        app.type("16")
        app.press([.enter, .escape])
        let screen = app.screen()
        #expect(screen[2].contains("Sex: Female") && screen[2].contains("Age: 16"))
        #expect(screen.contains { $0.contains("Casa Fetelor «Lumina»") })
        #expect(!screen.contains { $0.contains("M 18+") }, "no men's service for a 16-year-old girl")
        try compare("directory-filtered", screen)
    }

    @Test("stale-queue: the services to verify, oldest first, with their phones")
    func staleQueue() throws {
        var app = try AppFixture.sample()
        app.press([.character("S")])
        try compare("stale-queue", app.screen())
    }

    @Test("conflicts: three fields a publisher's bundle and this home both changed, the first in full")
    func conflicts() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.conflicts(home: home.url)
        app.press([.character("M")])
        try compare("conflicts", app.screen())
    }

    @Test("conflicts-empty: no conflict, said in a sentence")
    func conflictsEmpty() throws {
        var app = try AppFixture.sample()
        app.press([.character("M")])
        try compare("conflicts-empty", app.screen())
    }

    @Test("inbox: one incoming referral from Linia Verde, with the steps it did")
    func inbox() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let (sent, _) = try InboxScript.send()
        defer { try? FileManager.default.removeItem(at: sent.home) }
        var app = try InboxScript.receiver(home, sent)
        app.press([.character("I")])
        #expect(app.state.screen.name == "inbox")
        let screen = app.screen()
        #expect(screen.contains { $0.contains("done by Linia Verde") })
        try compare("inbox", screen)
    }

    @Test("inbox-empty: no incoming referral, and how one arrives")
    func inboxEmpty() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try InboxScript.receiver(home, nil)
        app.press([.character("I")])
        #expect(app.state.screen.name == "inbox")
        try compare("inbox-empty", app.screen())
    }

    @Test("service-detail: a girls' shelter")
    func serviceDetail() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("Casa Fetelor")
        app.press([.enter, .enter])
        try compare("service-detail", app.screen())
    }

    @Test("service-detail-confidential: the address is withheld, the phones are the front door")
    func confidentialDetail() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("Casa Speranța")
        app.press([.enter, .enter])
        let screen = app.screen()
        #expect(screen.contains { $0.contains("Confidential address") })
        #expect(!screen.contains { $0.contains("Address:") })
        try compare("service-detail-confidential", screen)
    }

    @Test("service-edit: the girls' shelter's edit form, every fact prefilled")
    func serviceEdit() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("Casa Fetelor")
        app.press([.enter, .enter, .character("e")])
        try compare("service-edit", app.screen())
    }

    @Test("service-add: a new organization's emergency shelter in Valdora-Nord, about to be added")
    func serviceAdd() throws {
        var app = try AppFixture.sample()
        app.press([.character("A")])
        ServiceAddFormTests.fill(&app)
        try compare("service-add", app.screen())
    }

    @Test("help: the keys of the directory screen")
    func help() throws {
        var app = try AppFixture.sample()
        app.press([.character("?")])
        try compare("help", app.screen())
    }

    @Test("locked: L on a checklist: the lock box over the directory, the bar says LOCKED, nothing of the case left")
    func locked() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.adultChecklist(home)
        let checklist = try #require(app.state.checklist)
        app.press([.character("L")])
        let screen = app.screen()
        #expect(!screen.contains { $0.contains(checklist.caseCode) || $0.contains(checklist.referral.id) }, "\(screen)")
        try compare("locked", screen)
    }

    @Test("too-small: 60x20")
    func tooSmall() throws {
        try compare("too-small", try AppFixture.sample(size: Size(width: 60, height: 20)).screen())
    }

    /// The intake for a 16-year-old girl in Valdora-Centru: an emergency shelter and legal help;
    /// labour exploitation, nationality XB, speaks Romanian and Russian.
    static func filledIntake(size: Size = Size(width: 80, height: 24)) throws -> AppFixture {
        var app = try AppFixture.sample(size: size)
        app.press([.character("n"), .enter])
        app.type("centru")                                                           // area: Valdora-Centru, found by typing
        app.press([.enter, .enter, .character("f"), .enter])                         // sex: female
        app.type("16")                                                               // age
        app.press([.enter, .enter])
        app.type("shelter:emergency, legal")                                         // needs, on one line
        app.press([.enter, .down, .down, .enter, .down, .enter])                     // exploitation: labour
        app.press([.down, .enter])
        app.type("xb")                                                               // nationality
        app.press([.enter, .enter])
        app.type("ro ru")                                                            // languages
        app.press([.enter])
        return app
    }

    @Test("intake: a new referral's form, filled")
    func intake() throws {
        let app = try Self.filledIntake()
        #expect(app.state.intake.needList == [Need("shelter", priority: .emergency), Need("legal")], "\(app.state.intake.needList)")
        #expect(app.state.intake.exploitation == ["labour"] && app.state.intake.nationality == "XB")
        #expect(app.state.intake.languages == ["ro", "ru"])
        try compare("intake", app.screen())
    }

    @Test("pathway: the proposed pathway, with the need added by rule")
    func pathway() throws {
        var app = try Self.filledIntake()
        app.press([.character("r")])
        #expect(app.state.screen.name == "pathway")
        try compare("pathway", app.screen())
    }

    @Test("pathway-excluded: the services left out for the selected need, with reasons")
    func pathwayExcluded() throws {
        var app = try Self.filledIntake()
        app.press([.character("r"), .character("x")])
        try compare("pathway-excluded", app.screen())
    }

    @Test("pathway-wide: the same pathway at 120x30, the extra columns given to the names")
    func pathwayWide() throws {
        var app = try Self.filledIntake(size: Size(width: 120, height: 30))
        app.press([.character("r"), .character("x")])
        let screen = app.screen()
        #expect(screen.contains { $0.contains("Child protection (urgent) +") }, "the need in full")
        #expect(screen.contains { $0.contains("Guardianship for separated and trafficked children — Autoritatea") })
        try compare("pathway-wide", screen)
    }

    @Test("pathway-unmet: a man's shelter that no service can give, selected, with the nearest and why")
    func pathwayUnmet() throws {
        var app = try AppFixture.sample()
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0401", sex: "male", age: 35, needs: ["shelter", "legal"])
        app.press([.character("r"), .down])
        let screen = app.screen()
        #expect(app.state.pathway?.selectedUnmet?.need.code == "shelter")
        #expect(screen.joined(separator: " ").contains("does not cover the area (or the country) the person is in"), "\(screen.joined(separator: "\n"))")
        try compare("pathway-unmet", screen)
    }

    @Test("help-pathway: the pathway's keys and reason codes, long lines wrapped inside the box")
    func helpPathway() throws {
        var app = try Self.filledIntake()
        app.press([.character("r"), .character("?")])
        let screen = app.screen()
        #expect(screen.contains { $0.contains("with reasons") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("a child") }, "\(screen.joined(separator: "\n"))")
        try compare("help-pathway", screen)
    }

    @Test("gaps: who is left out")
    func gaps() throws {
        var app = try AppFixture.sample()
        app.press([.character("g")])
        try compare("gaps", app.screen())
    }

    // MARK: Casework screens, over a temporary home, codes from a seeded source

    /// An adult's referral with safety and screening recorded: the checklist.
    static func adultChecklist(_ home: TemporaryHome, clock: any TimeSource = AppFixture.clock) throws -> AppFixture {
        var app = try AppFixture.casework(home: home.url, clock: clock)
        CaseworkScript.adultPathway(&app)
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        try CaseworkScript.safety(&app)
        try CaseworkScript.screening(&app)
        return app
    }

    @Test("sop-checklist: an adult's referral, safety and screening done, the rest owed")
    func sopChecklist() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let app = try Self.adultChecklist(home)
        let screen = app.screen()
        #expect(screen.contains { $0.contains("OWED") })
        #expect(screen.contains { $0.contains("Hand-off not allowed yet") })
        try compare("sop-checklist", screen)
    }

    @Test("step-risk: the risk form opened first: the choice beside its label, the service's risk as the directory has it")
    func stepRisk() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.adultChecklist(home)
        try CaseworkScript.open("risk", &app)
        app.press([.right])                                          // the highlight on "suspected", nothing chosen yet
        let screen = app.screen()
        #expect(screen.contains { $0.contains("Risk from traffickers *  ( ) none known") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("Nothing listed: no closed facility") })
        try compare("step-risk", screen)
    }

    @Test("screening: the adult labour set, three answered, one declined")
    func screening() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("screening", &app)
        app.press([.character("y"), .character("n"), .character("d"), .character("y")])
        let screen = app.screen()
        #expect(screen.contains { $0.contains("4 of") && $0.contains("1 declined") })
        try compare("screening", screen)
    }

    @Test("consent: given by the person, every item explained in Romanian, basic scope, an interpreter")
    func consent() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.adultChecklist(home)
        try CaseworkScript.open("consent", &app)
        CaseworkScript.explain(&app, in: "ro")
        CaseworkScript.consentLine(.basic, &app)
        app.press([.character(" ")])
        CaseworkScript.consentLine(.interpreter, &app)
        app.press([.enter])
        app.type("ro")
        app.press([.enter])
        #expect(app.state.dialog == nil, "the interpreter's language is taken and its box closed")
        CaseworkScript.consentLine(.contact, &app)
        let screen = app.screen()
        #expect(app.state.consent?.interpreterLanguage == "ro")
        #expect(screen.contains { $0.contains("4[x] retention") }, "every item is on the screen")
        #expect(screen.contains { $0.hasPrefix(" Interpreter") && $0.contains("ro") }, "the last line of the form is on the screen")
        #expect(screen.last?.hasSuffix("Esc back") == true, "\(String(describing: screen.last))")
        try compare("consent", screen)
    }

    @Test("form-preview: every step done, what would be shared now")
    func formPreview() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.adultChecklist(home)
        try CaseworkScript.age(&app)
        try CaseworkScript.consent(&app)
        try CaseworkScript.risk(&app)
        app.press([.character("p")])
        let screen = app.screen()
        #expect(screen.contains { $0.contains("REFERRAL FORM") })
        #expect(!screen.contains { $0.contains("Name") }, "the basic scope shares no name")
        try compare("form-preview", screen)
        // A line of the form wider than the screen is wrapped, never cut: the end shows all of it.
        app.press([.end])
        let end = app.screen()
        #expect(end.contains { $0.hasSuffix("receiving agency,") } && end.contains { $0.trimmingCharacters(in: .whitespaces) == "client." },
                "\(end.joined(separator: "\n"))")
    }

    @Test("identity: an adult's identifying data as recorded, read back into its form, the account in full")
    func identity() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.adultChecklist(home)
        CaseworkScript.typeIdentity(&app)
        app.press([.enter, .character("i")])
        app.press(Array(repeating: .tab, count: 4))                  // the account
        let screen = app.screen()
        #expect(app.state.screen.name == "identity")
        #expect(screen.contains { $0.contains("Elena Vrabie") }, "what is recorded is shown")
        #expect(screen.contains { $0.contains("encrypted") })
        try compare("identity", screen)
    }

    @Test("referrals: one sent two days ago at emergency priority (overdue), one acknowledged, one draft")
    func referrals() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.adultChecklist(home, clock: clock)
        try CaseworkScript.age(&app)
        try CaseworkScript.consent(&app)
        try CaseworkScript.risk(&app)
        CaseworkScript.handOff(&app)
        // A second referral an hour later, sent and acknowledged.
        clock.advance(by: 3600)
        app.press([.escape, .escape, .down, .character("r")])
        try CaseworkScript.consent(&app)
        try CaseworkScript.risk(&app)
        CaseworkScript.handOff(&app)
        app.press([.character("R"), .enter, .enter])
        // A third, left a draft; then two days pass.
        app.press([.escape, .escape, .escape, .character("r")])
        clock.advance(by: 2 * 24 * 3600)
        app.press([.character("R")])
        let screen = app.screen()
        #expect(app.state.referrals.count == 3)
        try compare("referrals", screen)
    }

    /// Three cases three weeks after the first call (the clock at 2026-02-09): the UI's own, handed off at emergency priority and
    /// never acknowledged, in the last week of its recovery and reflection period; a man formally identified, integrated; a
    /// woman whose reasonable-grounds decision was negative. Returns the app on the cases screen.
    static func threeCases(_ home: TemporaryHome) throws -> AppFixture {
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.adultChecklist(home, clock: clock)
        try CaseworkScript.age(&app)
        try CaseworkScript.consent(&app)
        try CaseworkScript.risk(&app)
        let first = try #require(app.state.checklist?.caseCode)
        CaseworkScript.handOff(&app)
        let store = try CaseStore.open(home: home.url, passphrase: CaseworkScript.passphrase,
                                       options: CaseStore.Options(clock: clock, random: SeededRandomSource(seed: 11), newKeyParameters: .cheapForTests))
        clock.advance(by: 24 * 3600)
        try store.recordDecision(first, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Inspector M. Rusu", authority: .police,
                                 on: "2026-01-16")
        let man = try store.openCase(profile: ClientProfile(area: "XA0102", sex: "male", age: .exact(41), languages: ["ro"]))
        try store.recordDecision(man.rawValue, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Inspector M. Rusu", authority: .police,
                                 on: "2026-01-16")
        clock.advance(by: 4 * 24 * 3600)
        let woman = try store.openCase(profile: ClientProfile(area: "XA0101", sex: "female", age: .exact(23), languages: ["ru"]))
        try store.recordDecision(woman.rawValue, stage: .reasonableGrounds, outcome: .negative, decidedBy: "Ms. A. Ceban",
                                 authority: .nonPoliceGovernment, on: "2026-01-20")
        clock.advance(by: 20 * 24 * 3600)
        try store.recordDecision(man.rawValue, stage: .conclusiveGrounds, outcome: .positive, decidedBy: "Judge V. Lungu",
                                 authority: .courtOrProsecution, on: "2026-02-06")
        try store.recordSolution(man.rawValue, kind: .integration, on: "2026-02-08")
        while app.state.screen.name != "directory" { app.press([.escape]) }
        app.press([.down, .character("C")])
        return app
    }

    @Test("cases: three cases, one in its period's last week with a late referral, one identified and integrated, one after a negative decision")
    func cases() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let app = try Self.threeCases(home)
        #expect(app.state.screen.name == "cases")
        let screen = app.screen()
        #expect(screen.contains { $0.contains("PERIOD 2026-02-14") }, "the reminder, in capitals")
        #expect(screen.contains { $0.contains("identified") && $0.contains("conclusive grounds") })
        try compare("cases", screen)
    }

    @Test("case-view: the case in its period's last week: the decision, the period and its rule, the late referral and why")
    func caseView() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.threeCases(home)
        // The UI's own case is the oldest: the last row.
        app.press([.end, .enter])
        #expect(app.state.screen.name == "caseView")
        let screen = app.screen()
        #expect(screen.contains { $0.contains("REMINDER: the recovery and reflection period ends on 2026-02-14") })
        #expect(screen.contains { $0.contains("LATE:") })
        try compare("case-view", screen)
    }
}
