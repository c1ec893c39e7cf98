import App
import Casework
import Directory
import Foundation
import Routing
import SOP
import Terminal
import TestSupport
import Testing
import WaymarkData

/// The call at 23:00: a step opened again, a person in danger now, the hand-off's question, who is working.
@Suite("The call at 23:00: steps reopened with their answers, the override offered, the operator changed")
struct NightCallScreenTests {
    /// The step form open on top.
    static func stepForm(_ app: AppFixture) -> StepForm? {
        if case .step(let form)? = app.state.dialog { return form }
        return nil
    }

    /// A field's value as the form shows it: the chosen code, or the typed text.
    static func value(_ form: StepForm, _ key: String) -> String? {
        guard let field = form.fields.first(where: { $0.key == key }) else { return nil }
        if case .choice(let codes) = field.kind { return field.chosen.map { codes[$0] } }
        return field.input.text
    }

    @Test("A step opened again shows its recorded answers; saving it untouched records the same answers, not blanks or defaults")
    func reopenedStepShowsAnswers() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("safety", &app)
        app.press([.character(" "), .tab])                       // in danger now: yes
        app.type("112 called")
        app.press([.enter])
        try CaseworkScript.risk(&app)
        try CaseworkScript.age(&app, "31")

        try CaseworkScript.open("safety", &app)
        let safety = try #require(Self.stepForm(app), "\(CaseworkScript.text(app))")
        #expect(Self.value(safety, "in_danger") == "yes")
        #expect(Self.value(safety, "action") == "112 called")
        #expect(CaseworkScript.text(app).contains("(•) yes   ( ) no"), "\(CaseworkScript.text(app))")
        app.press([.escape])

        try CaseworkScript.open("risk", &app)
        let risk = try #require(Self.stepForm(app))
        #expect(Self.value(risk, "traffickers") == "none known")
        #expect(Self.value(risk, "receiving_service") == "open shelter, no police condition")
        if !risk.acknowledge.isEmpty { #expect(Self.value(risk, "explained") == "yes", "the codes shown were all explained") }
        app.press([.enter])                                      // saved again, untouched
        let store = try CaseworkScript.store(home)
        let referral = try #require(app.state.checklist?.referral.id)
        let risks = try store.summary(try #require(app.state.checklist?.caseCode)).steps.filter { $0.stepId == "risk" && $0.referralId == referral }
        #expect(risks.count == 2, "a new record supersedes the first; both kept")
        #expect(Set(risks.map(\.summary)).count == 1, "the same answers: \(risks.map(\.summary))")
        #expect(app.state.checklist?.rows.first { $0.step.id == "risk" }?.details?.answers["traffickers"] == "none known")

        try CaseworkScript.open("age", &app)
        let age = try #require(Self.stepForm(app))
        #expect(Self.value(age, "basis") == "stated" && Self.value(age, "years") == "31")
    }

    @Test("A step changed after the case's hand-off is marked on the checklist, naming the referral")
    func changedAfterHandoff() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock()
        var app = try AppFixture.casework(home: home.url, clock: clock)
        CaseworkScript.adultPathway(&app)
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        let sent = try #require(app.state.checklist?.referral.id)
        try CaseworkScript.safety(&app)
        clock.advance(by: 60)
        app.press([.character("p"), .character("o")])
        app.type("caller reports a knife")
        app.press([.enter])
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
        // The legal referral of the same case: safety answered again there (in danger now: yes).
        app.press([.escape, .escape, .down, .character("r")])
        #expect(app.state.checklist?.referral.id != sent, "\(CaseworkScript.text(app))")
        clock.advance(by: 60)
        try CaseworkScript.open("safety", &app)
        #expect(Self.value(try #require(Self.stepForm(app)), "in_danger") == "no", "opened with the answer recorded")
        app.press([.character("y"), .enter])                     // no → yes (a letter chooses)
        let row = try #require(app.state.checklist?.rows.first { $0.step.id == "safety" })
        #expect(row.changedAfterHandoff == [sent])
        #expect(CaseworkScript.text(app).contains("changed after hand-off of \(sent)"), "\(CaseworkScript.text(app))")
    }

    @Test("A referral made after 'in danger now: yes' is an emergency: the refused hand-off offers the override on the same draft")
    func inDangerOffersOverride() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0101", sex: "female", age: 30, needs: ["shelter", "legal"])  // normal priorities
        app.state.intake.exploitation = ["labour"]
        app.press([.character("r"), .character("r")])
        CaseworkScript.unlockNewHome(&app)
        try CaseworkScript.open("safety", &app)
        app.press([.character(" "), .enter])                     // in danger now: yes
        app.press([.escape, .down, .character("r")])             // the legal referral, made after
        let draft = try #require(app.state.checklist?.referral)
        #expect(draft.priority == .emergency, "made for a person in danger now")
        try CaseworkScript.risk(&app)                             // the service's conditions explained
        app.press([.character("p"), .enter, .enter])            // the preview, Hand off, and the question's Hand off
        guard case .choice(let refused)? = app.state.dialog else {
            Issue.record("no refusal: \(CaseworkScript.text(app))")
            return
        }
        #expect(refused.dialog.buttons == ["Override", "OK"], "\(refused.dialog.buttons)")
        #expect(!refused.dialog.message.contains("needs an emergency referral"), "\(refused.dialog.message)")
        #expect(CaseworkScript.text(app).contains("[ Override ]"))
        app.press([.left, .enter])
        guard case .text(let box)? = app.state.dialog, case .overrideReason(let id) = box.purpose else {
            Issue.record("no reason box: \(CaseworkScript.text(app))")
            return
        }
        #expect(id == draft.id, "the same draft")
        app.type("caller reports a knife")
        app.press([.enter])
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
        #expect(app.state.preview?.form.referralId == draft.id)
        let referrals = try CaseworkScript.store(home).referrals()
        #expect(referrals.count == 2, "no other draft was made: \(referrals.map(\.id))")
    }

    @Test("The hand-off's question starts on Hand off: Enter, Enter hands off")
    func confirmStartsOnHandOff() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        app.press([.character("p"), .enter])
        guard case .choice(let ask)? = app.state.dialog else {
            Issue.record("no question: \(CaseworkScript.text(app))")
            return
        }
        #expect(ask.dialog.buttons[ask.dialog.selectedButton] == "Hand off")
        #expect(ask.action == .handoff(referralId: try #require(app.state.preview?.form.referralId)))
    }

    @Test("O on the checklist opens the operator box with the operator set, its field marked; saving changes who is working")
    func changeOperator() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        app.press([.character("O")])
        guard case .operatorSetup(let box)? = app.state.dialog else {
            Issue.record("no operator box: \(CaseworkScript.text(app))")
            return
        }
        #expect(box.name.text == "Ana Popescu" && box.organization.text == "Valdora Hotline")
        var screen = app.screen()
        #expect(screen.contains { $0.contains("▸Your name") }, "\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("▸Organization") })
        app.press([.tab])
        screen = app.screen()
        #expect(screen.contains { $0.contains("▸Organization") }, "\(screen.joined(separator: "\n"))")
        #expect(!screen.contains { $0.contains("▸Your name") })
        app.press(Array(repeating: .backspace, count: 20))
        app.type("Valdora Night Line")
        app.press([.enter])
        #expect(app.state.dialog == nil, "\(CaseworkScript.text(app))")
        #expect(app.state.screen.name == "checklist")
        #expect(try CaseworkScript.store(home).account.asOperator() == Operator(name: "Ana Popescu", organization: "Valdora Night Line"))
        #expect(CaseworkScript.text(app).contains("Working now: Ana Popescu (Valdora Night Line)"), "\(CaseworkScript.text(app))")
    }
}

@Suite("A choice in a step's form")
struct StepChoiceTests {
    @Test("←→ move the highlight without choosing; Space chooses the highlighted option and, again, un-chooses it; a letter chooses its option")
    func spaceTogglesTheHighlighted() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        try CaseworkScript.open("risk", &app)
        func field() throws -> StepForm.Field {
            guard case .step(let form)? = app.state.dialog else { throw StepFormMissing() }
            return try #require(form.fields.first { $0.key == "traffickers" })
        }
        #expect(try field().chosen == nil && field().highlight == 0)
        app.press([.right, .right])
        #expect(try field().chosen == nil && field().highlight == 2, "moving chooses nothing")
        app.press([.character(" ")])
        #expect(try field().chosen == 2)
        app.press([.character(" ")])
        #expect(try field().chosen == nil, "Space again un-chooses the highlighted option")
        app.press([.character("s")])
        #expect(try field().chosen == 1 && field().highlight == 1, "s: suspected")
        app.press([.enter])
        #expect(app.state.checklist?.rows.first { $0.step.id == "risk" }?.details?.answers["traffickers"] == "suspected")
    }

    struct StepFormMissing: Error {}
}

@Suite("The checklist after the first call")
struct ChecklistNRMTests {
    @Test("After a positive reasonable-grounds decision the checklist names the recovery and reflection period's last day")
    func recoveryPeriodShown() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        #expect(!CaseworkScript.text(app).contains("Recovery and reflection period"), "no period before a decision")
        let code = try #require(app.state.checklist?.caseCode)
        try CaseworkScript.store(home).recordDecision(code, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Inspector M. Rusu",
                                                      authority: .police, on: "2026-01-15")
        app.press([.escape, .character("r")])                      // the same draft's checklist, read again
        let text = CaseworkScript.text(app)
        #expect(text.contains("Recovery and reflection period until 2026-02-13"), "the last of 30 days from the decision: \(text)")
        #expect(text.contains("no step asks the person to"), "\(text)")
    }
}

@Suite("Updating the person from the checklist")
struct ProfileUpdateScreenTests {
    @Test("u opens the person's facts as recorded; a new age makes her a child: the checklist is read again, the hand-off to an adults' shelter refused")
    func updateFromTheChecklist() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        #expect(app.state.checklist?.isChild == false)
        app.press([.character("u")])
        #expect(app.state.screen.name == "intake")
        let opened = CaseworkScript.text(app)
        #expect(opened.contains("Update case WM-") && opened.contains("Valdora-Centru (XA0101)") && !opened.contains("Needs"), "\(opened)")
        app.press([.character("r")])
        #expect(CaseworkScript.text(app).contains("Nothing was changed"), "saving nothing writes nothing")
        app.state.intake.cursor = .age
        app.press([.character("1"), .character("6"), .enter, .character("r")])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        #expect(app.state.checklist?.isChild == true)
        // The update names the open referral it made the rules refuse, before the hand-off is tried.
        let told = app.state.casework.problem ?? ""
        #expect(told.contains(": the rules now refuse R-") && told.contains("(adult-only): its hand-off will be refused"), "\(told)")
        #expect(CaseworkScript.text(app).contains(": the rules now refuse R-"))
        // What was not on the form is as it was: the sex, the area.
        let profile = try CaseworkScript.store(home).profile(of: try #require(app.state.checklist?.caseCode))
        #expect(profile.sex?.rawValue == "female" && profile.area == "XA0101")
        // The adults' shelter is refused now, by the same check as the command line's.
        CaseworkScript.handOff(&app)
        #expect(app.state.preview?.sent != true)
        #expect(try CaseworkScript.store(home).logEntries().filter { $0.kind == "handoff" }.isEmpty)
    }
}

@Suite("Identifying data that shows a child")
struct IdentityRefusalScreenTests {
    @Test("A date of birth typed in the identity form that makes her a child names the open referral to the adults' shelter the rules now refuse")
    func dateOfBirthShowsAChild() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        var girl = CaseworkScript.identity
        girl.dateOfBirth = "2011-03-12"
        CaseworkScript.typeIdentity(&app, girl)
        app.press([.enter])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        let told = app.state.casework.problem ?? ""
        #expect(told.contains("the rules now refuse R-") && told.contains("adult-only"), "\(told)")
    }
}
