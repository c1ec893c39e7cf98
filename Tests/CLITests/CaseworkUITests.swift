import Casework
import Foundation
import Testing
import TestSupport

/// End-to-end tests of the casework screens in the real ncurses UI, in a tmux pane (see `TerminalUITests`).
///
/// Each test has a fresh home (seeded with the sample directory on first use) whose operator
/// is saved beforehand; the passphrase is typed at the UI's own prompt.
@Suite("Casework in the terminal UI", .enabled(if: Tmux.executable != nil || Tmux.required,
                                               "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct CaseworkUITests {
    static let passphrase = "lantern-river-42"

    /// Waits for the directory, then saves the home's operator.
    static func start(environment: [String: String] = [:]) async throws -> TmuxPane {
        let pane = try await TmuxPane.start(environment: environment)
        do {
            try await pane.waitFor("the directory screen") { $0.showsDirectory }
            try Operator(name: "Ana Popescu", organization: "Valdora Hotline").save(home: pane.home)
            // Typing searches at start; the list's letters (n, R, q) act once ↓ gives the list the keys.
            try pane.press("Down")
            try await pane.waitFor("focus on the results") { $0.statusBar.contains("Enter open") }
        } catch {
            pane.stop()
            throw error
        }
        return pane
    }

    /// From the directory: a new intake in Valdora-Centru (found by typing), sex (its letter), age, and one need typed.
    static func intake(_ pane: TmuxPane, sex: String, age: String, needs code: String, shown need: String) async throws {
        try pane.press("n")
        try await pane.waitFor("the intake form") { $0.contains("Where the person is now") }
        try pane.press("Enter")
        try pane.type("centru")
        try await pane.waitFor("the area found") { $0.contains("Finding “centru”") }
        try pane.press("Enter")
        try await pane.waitFor("the area set") { $0.contains("Valdora-Centru (XA0101)") }
        try pane.press("Enter", sex, "Enter")
        try pane.type(age)
        try pane.press("Enter")
        try await pane.waitFor("age set") { $0.lines.contains { $0.hasPrefix(" Age ") && $0.hasSuffix(age) } }
        try pane.press("Enter")
        try pane.type(code)
        try pane.press("Enter")
        try await pane.waitFor("the need added") { $0.lines.contains { $0.contains("Needs") && $0.contains(need) } }
        try pane.press("r")
        try await pane.waitFor("the pathway") { $0.contains("Pathway 1 of") }
    }

    /// Types a new passphrase at the prompt, twice, and waits for the checklist.
    static func unlock(_ pane: TmuxPane) async throws {
        try await pane.waitFor("the passphrase prompt") { $0.contains("Case data passphrase") && $0.contains("Choose a passphrase") }
        try pane.type(passphrase)
        try await pane.waitFor("dots, never the passphrase") { $0.contains("••••") }
        #expect(!(try pane.screen()).contains(passphrase), "the passphrase is never shown")
        try pane.press("Enter")
        try await pane.waitFor("the second typing") { $0.contains("Type the same passphrase again") }
        try pane.type(passphrase)
        try pane.press("Enter")
        try await pane.waitFor("the SOP checklist") { $0.contains("SOP checklist") && $0.contains("STEPS OF THE PROCEDURE") }
    }

    /// Records the selected step and waits for the checklist to say so.
    static func recorded(_ pane: TmuxPane, _ step: String) async throws {
        try await pane.waitFor("\(step) recorded") { $0.contains("Recorded: \(step).") && $0.contains("SOP checklist") }
    }

    static func safety(_ pane: TmuxPane) async throws {
        try pane.press("Enter")
        try await pane.waitFor("the safety form") { $0.contains("In danger now?") }
        try pane.press("n", "Enter")                                 // in danger now: no (a letter chooses)
        try await recorded(pane, "Immediate safety")
    }

    /// Answers a few questions, declines one, and records.
    static func screening(_ pane: TmuxPane) async throws {
        try pane.press("Enter")
        try await pane.waitFor("the screening questions") { $0.contains("Screening — case") && $0.contains("0 of") }
        try pane.press("y", "n", "d", "n")
        try await pane.waitFor("four answered, one declined") { $0.contains("4 of") && $0.contains("1 declined") }
        try pane.press("r")
        try await recorded(pane, "Screening")
    }

    static func age(_ pane: TmuxPane, _ years: String) async throws {
        try pane.press("Enter")
        try await pane.waitFor("the age form") { $0.contains("How the age is known") }
        try pane.press("s", "Tab", "C-u")                            // stated; the intake's years cleared, typed again
        try pane.type(years)
        try pane.press("Enter")
        try await recorded(pane, "Age")
    }

    /// The risk form: both risks, and "explained" when the service has codes to explain to the person.
    static func risk(_ pane: TmuxPane, explains: Bool) async throws {
        try pane.press("Enter")
        let form = try await pane.waitFor("the risk form") { $0.contains("Risk from traffickers") }
        try pane.press("n", "Tab", "Tab", "C-u")                     // traffickers: none known; the service's risk typed
        try pane.type("no closed facility, no police condition")
        #expect(form.contains("Explained each of these to the person?") == explains, "\(form)")
        if explains {
            #expect(form.contains("Explain each of these to the person before the hand-off:"), "\(form)")
            try pane.press("Tab", "Space")
            try await pane.waitFor("explained") { $0.contains("(•) yes") && $0.contains("Explained each") }
        }
        try pane.press("Enter")
        try await recorded(pane, "Risk assessment")
    }

    /// Runs the command line on the pane's home, as a second responder's script would.
    @discardableResult
    static func cli(_ pane: TmuxPane, _ arguments: [String]) throws -> String {
        let outcome = try WaymarkProcess.run(["--home", pane.home.path] + arguments,
                                             environment: ["WAYMARK_PASSPHRASE": passphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"])
        #expect(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome.stdout
    }

    /// The consent screen: given as it stands (self for an adult, the guardian for a child), every item explained
    /// (Space on "Explained"), in Romanian, basic scope.
    static func consent(_ pane: TmuxPane) async throws {
        try pane.press("Enter")
        try await pane.waitFor("the consent form") { $0.contains("Informed consent — referral") && $0.contains("WHAT MAY BE SHARED") }
        try pane.press("Space")                                      // the cursor starts on "Explained"
        try await pane.waitFor("every item explained") { $0.contains("1[x] organization 2[x] data 3[x] refuse/withdraw 4[x] retention") }
        try pane.press("Down", "Enter")
        try await pane.waitFor("the language box") { $0.contains("Explained in  ─") && $0.contains("Enter save · Esc cancel") }
        try pane.type("ro")
        try pane.press("Enter")
        try await pane.waitFor("the language given") { $0.contains("Explained in ro") && !$0.contains("Enter save · Esc cancel") }
        try pane.press("Down", "Space")
        try await pane.waitFor("basic chosen") { $0.contains("[x] Basic") }
        try pane.press("r")
        try await recorded(pane, "Informed consent")
    }

    /// From the checklist: the preview, Enter, then the confirmation's "Hand off" button.
    static func handOff(_ pane: TmuxPane) async throws {
        try pane.press("p")
        try await pane.waitFor("the form preview") { $0.contains("Form preview — referral") && $0.contains("REFERRAL FORM") }
        try pane.press("Enter")
        try await pane.waitFor("the confirmation") { $0.contains("[ Hand off ]") }
        try pane.press("Enter")
    }

    @Test("An adult's whole referral: intake, pathway, refer, passphrase, every step, preview, hand-off, sent")
    func adult() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        try await Self.intake(pane, sex: "f", age: "30", needs: "shelter", shown: "Shelter")
        try pane.press("r")
        try await Self.unlock(pane)
        let checklist = try pane.screen()
        #expect(checklist.contains("an adult") && checklist.contains("OWED"), "\(checklist)")
        try await Self.safety(pane)
        try await Self.screening(pane)
        let screened = try pane.screen()
        #expect(screened.contains("adult-labour: "), "the result Casework computed: \(screened)")
        try await Self.age(pane, "30")
        try await Self.consent(pane)
        try await Self.risk(pane, explains: false)
        try await pane.waitFor("the gate's clearance") { $0.contains("the SOP allows the hand-off") }
        try await Self.handOff(pane)
        let sent = try await pane.waitFor("the form as sent") { $0.contains("the hand-off is logged") }
        let id = try #require(sent.line(1).firstMatch(of: #/Referral (R-[A-Z0-9]{8}) handed off/#)?.1, "\(sent)")
        #expect(sent.contains("waymark referral form \(id) --format text"), "how to print it: \(sent)")
        try pane.press("R")
        let referrals = try await pane.waitFor("the referrals screen") { $0.contains("Waymark · Referrals") && $0.contains(String(id)) }
        let row = try #require(referrals.lines.first { $0.contains(String(id)) })
        #expect(row.contains(" handed off "), "\(referrals)")
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("A step opened again shows the answers recorded: the risk form its text, the safety form its choice")
    func reopenedStepShowsAnswers() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        try await Self.intake(pane, sex: "f", age: "30", needs: "shelter", shown: "Shelter")
        try pane.press("r")
        try await Self.unlock(pane)
        try await Self.safety(pane)                                   // in danger now: no; the cursor moves to Screening
        try pane.press("Down", "Down", "Down")                        // Risk assessment
        try await Self.risk(pane, explains: false)
        try pane.press("Down", "Down", "Down", "Enter")               // Risk assessment again
        let risk = try await pane.waitFor("the risk form with its answers") {
            $0.contains("Risk from traffickers") && $0.contains("none known") && $0.contains("no closed facility, no police condition")
        }
        #expect(risk.contains("Risk from traffickers"), "\(risk)")
        try pane.press("Escape")
        try await pane.waitFor("the checklist") { $0.contains("SOP checklist") && !$0.contains("Risk from traffickers") }
        try pane.press("Home", "Enter")                               // Immediate safety
        let safety = try await pane.waitFor("the safety form with its answer") { $0.contains("In danger now?") }
        #expect(safety.contains("(•) no") && safety.contains("( ) yes"), "\(safety)")
        try pane.press("Escape", "C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("A child of 15: child protection owes only the safety question; the return referral is refused until the guardian, the child's views and best interests")
    func child() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        try await Self.intake(pane, sex: "m", age: "15", needs: "return", shown: "Assisted return")
        let pathway = try pane.screen()
        let protection = try #require(pathway.lines.firstIndex { $0.contains("Child protection") }, "\(pathway)")
        let returning = try #require(pathway.lines.firstIndex { $0.contains("Assisted return") }, "\(pathway)")
        #expect(protection < returning, "the child-protection step comes first: \(pathway)")

        // Child protection, the first step: the safety question, and nothing else.
        try pane.press("r")
        try await Self.unlock(pane)
        let first = try pane.screen()
        #expect(first.contains("a child"), "\(first)")
        for step in ["Screening", "Age", "Guardian", "Informed consent", "Risk assessment"] {
            #expect(first.lines.contains { $0.contains(step) && $0.contains("not needed for child protection") }, "\(step): \(first)")
        }
        try await Self.safety(pane)
        try await pane.waitFor("the gate's clearance") { $0.contains("the SOP allows the hand-off") }
        try await Self.handOff(pane)
        try await pane.waitFor("the child-protection referral sent") { $0.contains("the hand-off is logged") }

        // Return, the next step: the case steps, then refused, each missing step with its sentence.
        try pane.press("Escape")
        try await pane.waitFor("the checklist again") { $0.contains("SOP checklist") && $0.contains("referral handed off") }
        try pane.press("Escape")
        try await pane.waitFor("the pathway again") { $0.contains("Pathway 1 of") }
        try pane.press("Down", "r")
        try await pane.waitFor("the return referral's checklist") { $0.contains("SOP checklist") && $0.contains("Need: Assisted return") }
        try await Self.screening(pane)
        try await Self.age(pane, "15")
        try pane.press("End")   // the risk assessment, the last step
        try await Self.risk(pane, explains: true)   // the return service has conditions to explain to a child
        try await Self.handOff(pane)
        let refused = try await pane.waitFor("the refusal") { $0.contains("Hand-off refused") }
        #expect(refused.contains("Record the child's guardian or representative"), "\(refused)")
        #expect(refused.contains("Record the child's own views on this"), "\(refused)")
        #expect(refused.contains("Record the best-interests outcome before a"), "\(refused)")
        try pane.press("Enter")
        try await pane.waitFor("the refusal closed") { !$0.contains("Hand-off refused") && $0.contains("Form preview") }
        try pane.press("Escape")
        try await pane.waitFor("the checklist") { $0.contains("SOP checklist") }

        // The guardian, the child's views on this referral, best interests, then consent by the guardian: it goes.
        try pane.press("Enter")
        try await pane.waitFor("the guardian form") { $0.contains("Who they are to the child") && $0.contains("Suspected of involvement") }
        try pane.type("appointed guardian")
        try pane.press("Tab")
        try pane.type("Valdora child-protection authority")
        try pane.press("Tab", "n")                                   // suspected of involvement: no
        try await pane.waitFor("not suspected") { $0.contains("( ) yes") && $0.contains("(•) no") }
        try pane.press("Tab")
        try pane.type("M. Ionescu")
        try pane.press("Enter")
        try await Self.recorded(pane, "Guardian")
        try pane.press("Enter")
        try await pane.waitFor("the child's views form") { $0.contains("The child's views") && $0.contains("Does the child agree") }
        try pane.type("wants to go home to his grandmother")
        try pane.press("Tab", "Space", "Enter")
        try await Self.recorded(pane, "Child's views")
        try pane.press("Enter")
        try await pane.waitFor("the best-interests form") { $0.contains("Outcome for this referral") && $0.contains("Decided on") }
        try pane.press("Space", "Tab")
        try pane.type("Valdora best-interests panel")
        try pane.press("Tab")
        try pane.type("2025-06-10")
        try pane.press("Enter")
        let decided = try await pane.waitFor("best interests recorded") { $0.contains("Recorded: Best interests.") }
        #expect(decided.contains("in-the-childs-interest (determination)"), "\(decided)")
        try await Self.consent(pane)
        try await pane.waitFor("the gate's clearance") { $0.contains("the SOP allows the hand-off") }
        try await Self.handOff(pane)
        try await pane.waitFor("the return referral sent") { $0.contains("the hand-off is logged") }
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("A shelter referral made by the CLI for an adult, whose age is then recorded as 15, is refused at the UI's hand-off: adult-only")
    func adultOnlyAfterAge() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        // The CLI: a woman of 19, referred to the state shelter for adult women in Valdora; then her age, recorded as 15.
        let shelter = SampleService.womensShelter
        let opened = try Self.cli(pane, ["case", "open", "--area", "XA0101", "--sex", "female", "--age", "19", "--json"])
        let code = try #require(opened.firstMatch(of: #/WM-[A-Z0-9]{4}-[A-Z0-9]{4}/#).map { String($0.0) }, "\(opened)")
        let created = try Self.cli(pane, ["referral", "create", code, "--service", shelter, "--need", "shelter", "--json"])
        let id = try #require(created.firstMatch(of: #/R-[A-Z0-9]{8}/#).map { String($0.0) }, "\(created)")
        let answers = pane.folder.appendingPathComponent("age.json")
        try Data(#"{"basis": "stated", "years": 15}"#.utf8).write(to: answers)
        try Self.cli(pane, ["case", "record", code, "age", "--answers", answers.path])

        // The UI: the referrals, the passphrase asked once, the referral's checklist (now a child's), the hand-off.
        try pane.press("R")
        try await pane.waitFor("the passphrase prompt") { $0.contains("Case data passphrase") }
        try pane.type(Self.passphrase)
        try pane.press("Enter")
        try await pane.waitFor("the referrals screen") { $0.contains("Waymark · Referrals") && $0.contains(id) }
        try pane.press("o")
        let checklist = try await pane.waitFor("the checklist") { $0.contains("SOP checklist — referral \(id)") }
        #expect(checklist.contains("a child"), "the age recorded by the CLI makes her a child: \(checklist)")
        try await Self.handOff(pane)
        let refused = try await pane.waitFor("the refusal") { $0.contains("adult-only") }
        // The refusal, wrapped over the bottom lines: read as one text.
        let said = refused.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(said.contains("Refused: Adăpost de stat pentru femei victime ale traficului — Valdora cannot take this person for shelter"), "\(refused)")
        #expect(said.contains("- adult-only: for adults only, and the person is, or is presumed to be, a child"), "\(refused)")
        #expect(said.contains("No override lifts this."), "\(refused)")
        #expect(!refused.contains("Hand-off refused"), "protective eligibility is checked before the steps still owed: \(refused)")
        #expect(!refused.contains("the hand-off is logged"), "\(refused)")
        let store = try CaseStore.open(home: pane.home, passphrase: Self.passphrase)
        #expect(try store.referral(id).status == .draft)
        #expect(try store.logEntries().isEmpty, "nothing was logged")
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("C lists the cases after the passphrase: a case with a reasonable-grounds decision from the CLI; Enter shows its decision and period")
    func casesScreen() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        let opened = try Self.cli(pane, ["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27", "--json"])
        let code = try #require(opened.firstMatch(of: #/WM-[A-Z0-9]{4}-[A-Z0-9]{4}/#).map { String($0.0) }, "\(opened)")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        let day = String(format: "%04d-%02d-%02d", today.year ?? 0, today.month ?? 0, today.day ?? 0)
        try Self.cli(pane, ["case", "decision", code, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu", "--authority-type", "police",
                            "--on", day])

        try pane.press("C")
        try await pane.waitFor("the passphrase prompt") { $0.contains("Case data passphrase") }
        try pane.type(Self.passphrase)
        try pane.press("Enter")
        let cases = try await pane.waitFor("the cases screen") { $0.contains("Waymark · Cases") && $0.contains(code) }
        let row = try #require(cases.lines.first { $0.contains(code) }, "\(cases)")
        #expect(row.contains("reasonable grounds") && row.contains("presumed") && row.contains("period "), "\(cases)")
        try pane.press("Enter")
        let view = try await pane.waitFor("the case view") { $0.contains("Waymark · Case \(code)") }
        #expect(view.contains("reasonable-grounds positive — Insp. Radu Ionescu (police)"), "\(view)")
        #expect(view.contains("Recovery and reflection period: \(day) to "), "\(view)")
        try pane.press("Escape")
        try await pane.waitFor("back on the cases") { $0.contains("Waymark · Cases") }
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("Auto-lock: no key for the lock time on a case, and the case leaves the screen for the lock box; the typed passphrase brings it back")
    func autoLock() async throws {
        // Six seconds: the keys below come faster, the wait for the lock is shorter than a wait's time-out.
        let pane = try await Self.start(environment: ["WAYMARK_LOCK_AFTER": "0.1"])
        defer { pane.stop() }
        let opened = try Self.cli(pane, ["case", "open", "--area", "XA0101", "--sex", "female", "--age", "27", "--json"])
        let code = try #require(opened.firstMatch(of: #/WM-[A-Z0-9]{4}-[A-Z0-9]{4}/#).map { String($0.0) }, "\(opened)")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        let day = String(format: "%04d-%02d-%02d", today.year ?? 0, today.month ?? 0, today.day ?? 0)
        try Self.cli(pane, ["case", "decision", code, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu", "--authority-type", "police",
                            "--on", day])

        try pane.press("C")
        try await pane.waitFor("the passphrase prompt") { $0.contains("Case data passphrase") }
        try pane.type(Self.passphrase)
        try pane.press("Enter")
        try await pane.waitFor("the cases screen") { $0.contains("Waymark · Cases") && $0.contains(code) }
        try pane.press("Enter")
        try await pane.waitFor("the case view") { $0.contains("Waymark · Case \(code)") && $0.contains("Insp. Radu Ionescu") }

        let locked = try await pane.waitFor("the lock box") { $0.contains("Waymark is locked") }
        #expect(!locked.contains(code), "the case code left the screen: \(locked)")
        #expect(!locked.contains("Insp. Radu Ionescu") && !locked.contains("reasonable-grounds"), "\(locked)")
        #expect(locked.statusBar.contains("LOCKED"), "\(locked)")
        #expect(locked.contains("Enter unlock · Esc directory"), "\(locked)")

        try pane.type(Self.passphrase)
        try pane.press("Enter")
        let back = try await pane.waitFor("the case again") { $0.contains("Waymark · Case \(code)") }
        #expect(back.contains("reasonable-grounds positive — Insp. Radu Ionescu (police)"), "\(back)")
        #expect(!back.statusBar.contains("LOCKED"), "\(back)")
        try pane.press("Escape")
        try await pane.waitFor("the cases below it") { $0.contains("Waymark · Cases") && $0.contains(code) }
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("An adult's identifying data typed at the checklist, saved and never drawn there; an anonymous notification shown read-only")
    func identityAndNotification() async throws {
        let pane = try await Self.start()
        defer { pane.stop() }
        try await Self.intake(pane, sex: "f", age: "30", needs: "shelter", shown: "Shelter")
        try pane.press("r")
        try await Self.unlock(pane)
        let checklist = try pane.screen()
        #expect(checklist.statusBar.contains("i identity"), "\(checklist)")

        // The form: a name and a date of birth the domain refuses, then one it accepts.
        try pane.press("i")
        try await pane.waitFor("the identity form") { $0.contains("Identifying data — case") && $0.contains("CONSENT SCOPE") }
        try pane.type("Elena Vrabie")
        try pane.press("Tab")
        try pane.type("12/03/1994")
        try pane.press("Enter")
        try await pane.waitFor("the domain's refusal") { $0.contains("is not a real date like 2009-04-02") }
        try pane.press("C-u")
        try pane.type("1994-03-12")
        try pane.press("Enter")
        let saved = try await pane.waitFor("back on the checklist") { $0.contains("Identifying data recorded for case") }
        #expect(!saved.contains("Elena") && !saved.contains("1994-03-12"), "\(saved)")
        let store = try CaseStore.open(home: pane.home, passphrase: Self.passphrase)
        let code = try #require(saved.line(2).firstMatch(of: #/Case (WM-[A-Z0-9]{4}-[A-Z0-9]{4})/#)?.1, "\(saved)")
        #expect(try store.identity(String(code)) == Identity(name: "Elena Vrabie", dateOfBirth: "1994-03-12"))

        // The notification: asked first, then shown as recorded; Esc goes back.
        try pane.press("N")
        try await pane.waitFor("the question") {
            $0.contains("No name, date of") && $0.contains("birth or contact will be in it") && $0.contains("[ Notify ]")
        }
        try pane.press("Left", "Enter")
        // Its own id (N-…), never the case code.
        let shown = try await pane.waitFor("the notification") { $0.contains("ANONYMOUS NOTIFICATION — N-") }
        #expect(shown.lines.contains { $0.contains(/ANONYMOUS NOTIFICATION — N-[A-Z0-9]{8}/) }, "\(shown)")
        #expect(!shown.contains(String(code)), "the case code is on the notification: \(shown)")
        #expect(!shown.contains("Elena"), "\(shown)")
        #expect(try store.logEntries().last?.kind == "notification")
        try pane.press("Escape")
        try await pane.waitFor("the checklist again") { $0.contains("SOP checklist") && !$0.contains("ANONYMOUS NOTIFICATION") }
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }
}
