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

/// Drives the casework screens through `update` and the runner, over a temporary home.
enum CaseworkScript {
    static let passphrase = "lantern-river-42"

    /// An adult woman in Valdora-Centru, labour exploitation, who needs a shelter (emergency) and legal help: routed, on the pathway screen.
    static func adultPathway(_ app: inout AppFixture) {
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0101", sex: "female", age: 30, needs: ["shelter", "legal"])
        app.state.intake.priorities = [.emergency, .normal]
        app.state.intake.exploitation = ["labour"]
        app.press([.character("r")])
    }

    /// A 15-year-old boy in Valdora-Centru who needs child protection and family tracing: on the pathway screen.
    static func childPathway(_ app: inout AppFixture) {
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0101", sex: "male", age: 15, needs: ["child-protection", "return"])
        app.state.intake.exploitation = ["labour"]
        app.press([.character("r")])
    }

    /// The child's return referred from in a new home, unlocked: on the checklist.
    static func childReturnChecklist(_ home: TemporaryHome) throws -> AppFixture {
        var app = try AppFixture.casework(home: home.url)
        childPathway(&app)
        let steps = try #require(app.state.route?.pathways.first?.steps)
        let tracing = try #require(steps.firstIndex { $0.need.code == "return" })
        app.press(Array(repeating: .down, count: tracing) + [.character("r")])
        unlockNewHome(&app)
        return app
    }

    /// The adult's pathway referred from in a new home, unlocked: on the checklist.
    static func adultChecklist(_ home: TemporaryHome) throws -> AppFixture {
        var app = try AppFixture.casework(home: home.url)
        adultPathway(&app)
        app.press([.character("r")])
        unlockNewHome(&app)
        return app
    }

    /// Types a new passphrase twice, then the operator's name and organization.
    static func unlockNewHome(_ app: inout AppFixture) {
        app.type(passphrase)
        app.press([.enter])
        app.type(passphrase)
        app.press([.enter])
        app.type("Ana Popescu")
        app.press([.enter])
        app.type("Valdora Hotline")
        app.press([.enter])
    }

    /// Selects a checklist step by id and presses Enter on it.
    static func open(_ step: String, _ app: inout AppFixture) throws {
        let rows = try #require(app.state.checklist?.rows)
        let index = try #require(rows.firstIndex { $0.step.id.rawValue == step }, "no \(step) row")
        app.press(Array(repeating: .up, count: rows.count))
        app.press(Array(repeating: .down, count: index))
        app.press([.enter])
    }

    static func safety(_ app: inout AppFixture) throws {
        try open("safety", &app)
        app.press([.character("n"), .enter])                     // in danger now: no (a letter chooses)
    }

    static func screening(_ app: inout AppFixture) throws {
        try open("screening", &app)
        app.press([.character("y"), .character("n"), .character("d"), .character("n"), .character("r")])
    }

    static func age(_ app: inout AppFixture, _ years: String = "30") throws {
        try open("age", &app)
        app.press([.character("s"), .tab, .ctrl("u")])              // stated; the years the intake gave, cleared
        app.type(years)
        app.press([.enter])
    }

    /// Moves the consent screen's cursor to a line (from wherever it is).
    static func consentLine(_ line: ConsentForm.Line, _ app: inout AppFixture) {
        app.press(Array(repeating: .up, count: ConsentForm.Line.allCases.count))
        app.press(Array(repeating: .down, count: line.rawValue))
    }

    /// On the consent screen: every item explained (Space ticks all four), and the language it was explained in.
    static func explain(_ app: inout AppFixture, in language: String = "ro") {
        consentLine(.explained, &app)
        app.press([.character(" ")])
        consentLine(.explainedIn, &app)
        app.press([.enter])
        app.type(language)
        app.press([.enter])
    }

    /// Consent as it stands (self for an adult, the guardian for a child), informed (every item explained, in Romanian), basic scope.
    static func consent(_ app: inout AppFixture) throws {
        try open("consent", &app)
        explain(&app)
        consentLine(.basic, &app)
        app.press([.character(" "), .character("r")])
    }

    /// The risk form: both risks, and, when the receiving service has codes to explain, "explained: yes"
    /// (which records every code shown as acknowledged).
    static func risk(_ app: inout AppFixture) throws {
        try open("risk", &app)
        app.press([.character("n"), .tab, .tab, .ctrl("u")])        // traffickers: none known; the service's risk typed over
        app.type("open shelter, no police condition")
        if case .step(let form)? = app.state.dialog, !form.acknowledge.isEmpty {
            app.press([.tab, .character(" ")])
        }
        app.press([.enter])
    }

    /// The guardian form: relationship, who appointed them, suspected of involvement (yes or no), a name.
    static func guardian(_ app: inout AppFixture, suspected: Bool = false) throws {
        try open("guardian", &app)
        app.type("appointed guardian")
        app.press([.tab])
        app.type("Valdora child-protection authority")
        app.press([.tab, .character(suspected ? "y" : "n"), .tab])
        app.type("M. Ionescu")
        app.press([.enter])
    }

    /// The best-interests form: the outcome (1 in the child's interest, 2 not, 3 pending), who decided, when; a determination.
    static func bestInterests(_ app: inout AppFixture, outcome: Int = 1) throws {
        try open("best-interests", &app)
        app.press(Array(repeating: .right, count: outcome - 1) + [.character(" "), .tab])
        app.type("Valdora best-interests panel")
        app.press([.tab])
        app.type("2026-01-10")
        app.press([.enter])
    }

    /// From the checklist: the form preview, Enter, and the confirmation's first button.
    static func handOff(_ app: inout AppFixture) {
        app.press([.character("p"), .enter, .enter])
    }

    static func text(_ app: AppFixture) -> String { app.screen().joined(separator: "\n") }

    /// Fictional identifying data, as typed into the identity form.
    static let identity = Identity(name: "Elena Vrabie", dateOfBirth: "1994-03-12", phone: "+999 21 555 0147",
                                   address: "Str. Teilor 4, Valdora", narrative: "Recruited for farm work abroad; passport taken on arrival.",
                                   safetyConcerns: "The recruiter knows where her mother lives.",
                                   safeContact: "Do not call; text only, after 18:00.", disability: "Hard of hearing")

    /// From the checklist: opens the identity form and types every field of `identity` (the form empty), without saving.
    static func typeIdentity(_ app: inout AppFixture, _ identity: Identity = identity) {
        app.press([.character("i")])
        for value in [identity.name, identity.dateOfBirth, identity.phone, identity.address, identity.narrative,
                      identity.safetyConcerns, identity.safeContact, identity.disability] {
            app.type(value ?? "")
            app.press([.tab])
        }
    }

    /// Opens the case store as the UI left it.
    static func store(_ home: TemporaryHome) throws -> CaseStore {
        try CaseStore.open(home: home.url, passphrase: passphrase, options: CaseStore.Options(newKeyParameters: .cheapForTests))
    }
}

@Suite("Casework screens: passphrase, checklist, screening, consent, form, referrals")
struct CaseworkScreenTests {
    @Test("Refer opens the passphrase box (asked twice for a new home), then the operator once, then the checklist")
    func referUnlocksOnce() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        CaseworkScript.adultPathway(&app)
        #expect(app.state.screen.name == "pathway")
        app.press([.character("r")])
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("no passphrase box: \(CaseworkScript.text(app))")
            return
        }
        #expect(box.newStore)
        app.type(CaseworkScript.passphrase)
        #expect(!CaseworkScript.text(app).contains(CaseworkScript.passphrase), "the passphrase is never drawn")
        #expect(CaseworkScript.text(app).contains("••••"), "dots stand for it")
        app.press([.enter])
        guard case .passphrase(let again)? = app.state.dialog else {
            Issue.record("a new passphrase is asked twice")
            return
        }
        #expect(again.confirming)
        app.type(CaseworkScript.passphrase)
        app.press([.enter])
        guard case .operatorSetup? = app.state.dialog else {
            Issue.record("no operator box: \(CaseworkScript.text(app))")
            return
        }
        app.type("Ana Popescu")
        app.press([.enter])
        app.type("Valdora Hotline")
        app.press([.enter])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        // The home's first account (its coordinator) now carries the name and organization, under the integrity key.
        #expect(try CaseworkScript.store(home).account.asOperator() == Operator(name: "Ana Popescu", organization: "Valdora Hotline"))
        let first = try #require(app.state.checklist)
        #expect(first.referral.status == .draft)

        // Back to the pathway and refer from the next step: no passphrase, no operator box; the same case.
        app.press([.escape])
        #expect(app.state.screen.name == "pathway")
        app.press([.down, .character("r")])
        #expect(app.state.dialog == nil)
        #expect(app.state.screen.name == "checklist")
        let second = try #require(app.state.checklist)
        #expect(second.caseCode == first.caseCode, "one case per intake")
        #expect(second.referral.id != first.referral.id)
        // The first step again: its draft's checklist opens, no second draft is made.
        app.press([.escape, .up, .character("r")])
        #expect(app.state.screen.name == "checklist")
        #expect(app.state.checklist?.referral.id == first.referral.id, "the open draft is continued")
        app.press([.character("R")])
        #expect(app.state.screen.name == "referrals")
        #expect(app.state.referrals.count == 2)
        #expect(app.state.dialog == nil)
    }

    @Test("Referring from a route records the needs nobody could meet on the new case, for the report")
    func unmetNeedsRecorded() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0401", sex: "male", age: 35, needs: ["shelter", "legal"])
        app.press([.character("r")])
        let unmet = try #require(app.state.route).needs.filter { $0.status == .unmet }.map(\.need.code)
        #expect(unmet.contains("shelter"), "the sample has no men's shelter reachable from XA0401")
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        let store = try CaseStore.open(home: home.url, passphrase: CaseworkScript.passphrase)
        #expect(try store.report().unmetNeeds.map(\.0) == unmet.sorted())
    }

    @Test("Two different typings of a new passphrase are refused, and nothing is created")
    func mismatch() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("R")])
        app.type("first-try")
        app.press([.enter])
        app.type("second-try")
        app.press([.enter])
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("the box stays")
            return
        }
        #expect(box.problem?.contains("differ") == true)
        #expect(home.caseStoreBytes == nil, "no store was created")
    }

    @Test("A new passphrase under 8 characters is refused at the first typing, and nothing is created")
    func shortNewPassphrase() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("R")])
        app.type("x")
        app.press([.enter])
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("the box stays")
            return
        }
        #expect(!box.confirming, "not asked again")
        #expect(box.problem?.contains("at least 8 characters") == true, "\(box.problem ?? "")")
        #expect(home.caseStoreBytes == nil, "no store was created")
    }

    @Test("A short WAYMARK_PASSPHRASE does not create a store; it says why")
    func shortEnvironmentPassphrase() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        try Operator(name: "Ana Popescu", organization: "Valdora Hotline").save(home: home.url)
        var app = try AppFixture.casework(home: home.url, environmentPassphrase: "x")
        app.press([.character("R")])
        #expect(!app.state.casework.unlocked)
        guard case .choice(let refusal)? = app.state.dialog else {
            Issue.record("no message: \(CaseworkScript.text(app))")
            return
        }
        #expect(refusal.dialog.message.contains("at least 8 characters"), "\(refusal.dialog.message)")
        #expect(home.caseStoreBytes == nil, "no store was created")
    }

    @Test("A wrong passphrase shows the domain's sentence, asks again, and writes nothing")
    func wrongPassphrase() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        try Operator(name: "Ana Popescu", organization: "Valdora Hotline").save(home: home.url)
        _ = try CaseStore.open(home: home.url, passphrase: "the-right-one", options: CaseStore.Options(newKeyParameters: .cheapForTests))
        let before = try #require(home.caseStoreBytes)
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("R")])
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("no passphrase box")
            return
        }
        #expect(!box.newStore)
        app.type("the-wrong-one")
        app.press([.enter])
        guard case .passphrase(let again)? = app.state.dialog else {
            Issue.record("asked again")
            return
        }
        #expect(again.problem == CaseworkError.wrongPassphrase.description)
        #expect(CaseworkScript.text(app).contains("does not open this case store"))
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(!app.state.casework.unlocked)
        app.type("the-right-one")
        app.press([.enter])
        #expect(app.state.screen.name == "referrals")
        #expect(app.state.dialog == nil, "the operator was already set")
    }

    @Test("WAYMARK_PASSPHRASE opens the store without asking")
    func environmentPassphrase() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        try Operator(name: "Ana Popescu", organization: "Valdora Hotline").save(home: home.url)
        var app = try AppFixture.casework(home: home.url, environmentPassphrase: "from-the-environment")
        app.press([.character("R")])
        #expect(app.state.dialog == nil)
        #expect(app.state.screen.name == "referrals")
        #expect(CaseStore.hasPassphrase(home: home.url))
    }

    @Test("The hand-off refused without consent shows the consent step's sentence and writes nothing")
    func refusedWithoutConsent() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.safety(&app)
        try CaseworkScript.screening(&app)
        try CaseworkScript.age(&app)
        try CaseworkScript.risk(&app)
        let checklist = try #require(app.state.checklist)
        #expect(checklist.owed.map(\.stepId) == ["consent"], "\(checklist.owed)")
        let before = try #require(home.caseStoreBytes)
        CaseworkScript.handOff(&app)
        guard case .choice(let refusal)? = app.state.dialog else {
            Issue.record("no refusal: \(CaseworkScript.text(app))")
            return
        }
        #expect(refusal.dialog.message.contains("Record informed consent for this organization and the data to share."),
                "\(refusal.dialog.message)")
        let screen = CaseworkScript.text(app)
        #expect(screen.contains("Hand-off refused") && screen.contains("Informed consent"), "\(screen)")
        #expect(home.caseStoreBytes == before, "nothing was written")
        let store = try CaseStore.open(home: home.url, passphrase: CaseworkScript.passphrase,
                                       options: CaseStore.Options(newKeyParameters: .cheapForTests))
        #expect(try store.referral(checklist.referral.id).status == .draft)
        #expect(try store.verifyLog().entries == 0)
    }

    @Test("Mixed exploitation: a second screening set is recorded beside the first, and the checklist names both")
    func secondScreeningSet() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0101", sex: "female", age: 30, needs: ["shelter", "legal"])
        app.state.intake.priorities = [.emergency, .normal]
        app.state.intake.exploitation = ["labour", "sexual"]
        app.press([.character("r")])
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        try CaseworkScript.safety(&app)
        try CaseworkScript.screening(&app)
        try CaseworkScript.open("screening", &app)
        #expect(app.state.screening?.sets.map(\.id) == ["adult-labour", "adult-sexual"])
        app.press([.character("s"), .character("d"), .character("d"), .character("r")])
        let row = try #require(app.state.checklist?.rows.first { $0.step.id == "screening" })
        guard case .done(_, _, let summary) = row.state else {
            Issue.record("screening not done: \(row)")
            return
        }
        #expect(summary.hasPrefix("adult-labour: ") && summary.contains("; adult-sexual: declined"), "\(summary)")
    }

    @Test("A whole referral for an adult: steps, consent, preview, hand-off, and the referral sent on the referrals screen")
    func adultReferral() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.safety(&app)
        try CaseworkScript.screening(&app)
        let screening = try #require(app.state.checklist?.rows.first { $0.step.id == "screening" })
        guard case .done(_, _, let summary) = screening.state else {
            Issue.record("screening not done: \(screening)")
            return
        }
        #expect(summary.hasPrefix("adult-labour: "), "the result is Casework's: \(summary)")
        try CaseworkScript.age(&app)
        try CaseworkScript.consent(&app)
        try CaseworkScript.risk(&app)
        let checklist = try #require(app.state.checklist)
        #expect(checklist.owed.isEmpty, "\(checklist.owed)")
        #expect(CaseworkScript.text(app).contains("the SOP allows the hand-off"))

        app.press([.character("p")])
        #expect(app.state.screen.name == "formPreview")
        let preview = CaseworkScript.text(app)
        #expect(preview.contains("REFERRAL FORM — \(checklist.referral.id)"), "\(preview)")
        #expect(app.state.preview?.sent == false)
        app.press([.enter, .enter])
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
        #expect(CaseworkScript.text(app).contains("waymark referral form \(checklist.referral.id) --format text"))
        app.press([.character("R")])
        #expect(app.state.screen.name == "referrals")
        let listed = try #require(app.state.referrals.first)
        #expect(listed.id == checklist.referral.id && listed.status == .sent)
        #expect(CaseworkScript.text(app).contains(" handed off "))

        // Through its lifecycle: acknowledged, then declined needs a reason; a refused move shows the domain's sentence.
        app.press([.enter, .enter])
        #expect(app.state.referrals.first?.status == .acknowledged)
        app.press([.enter, .down, .down, .down, .down, .enter])       // closed: how it ended is asked first…
        #expect(CaseworkScript.text(app).contains("the person received the service"), "\(CaseworkScript.text(app))")
        app.press([.enter])                                           // …then the domain refuses: not from acknowledged
        #expect(app.state.casework.problem?.contains("cannot become closed") == true, "\(String(describing: app.state.casework.problem))")
        app.press([.enter, .down, .down, .enter])                     // declined: why, from the codes
        #expect(CaseworkScript.text(app).contains("no capacity (no place free)"), "\(CaseworkScript.text(app))")
        app.press([.down, .down, .down, .down, .enter])               // another reason: a note is asked
        app.press([.enter])
        guard case .text(let box)? = app.state.dialog else {
            Issue.record("a reason is asked")
            return
        }
        #expect(box.error != nil, "an empty reason is refused")
        app.type("no place until next month")
        app.press([.enter])
        #expect(app.state.referrals.first?.status == .declined)
        #expect(app.state.referrals.first?.statusReason == "no place until next month")
        #expect(app.state.referrals.first?.declineReason == .other)
    }

    @Test("A child: child protection owes only the safety question; return waits for the guardian, the child's views on it and best interests in the child's interest")
    func childReferrals() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        CaseworkScript.childPathway(&app)
        let steps = try #require(app.state.route?.pathways.first?.steps)
        let protection = try #require(steps.firstIndex { $0.need.code == "child-protection" })
        let tracing = try #require(steps.firstIndex { $0.need.code == "return" }, "\(steps.map(\.need.code))")

        app.press(Array(repeating: .down, count: protection))
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        #expect(app.state.checklist?.isChild == true)
        #expect(app.state.checklist?.owed.map(\.stepId) == ["safety"], "\(String(describing: app.state.checklist?.owed))")
        try CaseworkScript.safety(&app)
        let first = try #require(app.state.checklist)
        #expect(first.owed.isEmpty, "child protection waits for nothing but the safety question: \(first.owed)")
        for row in first.rows where row.step.id != "safety" {
            #expect(row.state == .notNeeded(.childProtection), "\(row.step.id) is not owed for a child's child-protection referral: \(row.state)")
        }
        // The checklist says why, not only that.
        #expect(CaseworkScript.text(app).contains("not needed for child protection (the law)"), "\(CaseworkScript.text(app))")
        CaseworkScript.handOff(&app)
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
        #expect(try CaseworkScript.store(home).logEntries().last?.basis == "legal-duty", "shared by legal duty, not consent")

        // Return for the same child: refused until the case steps, the guardian, the child's views on it and best interests.
        app.press([.escape, .escape])
        #expect(app.state.screen.name == "pathway")
        app.press(Array(repeating: .up, count: steps.count))
        app.press(Array(repeating: .down, count: tracing))
        app.press([.character("r")])
        let second = try #require(app.state.checklist)
        #expect(second.caseCode == first.caseCode)
        try CaseworkScript.screening(&app)
        try CaseworkScript.age(&app, "15")
        try CaseworkScript.risk(&app)
        CaseworkScript.handOff(&app)
        guard case .choice(let refusal)? = app.state.dialog else {
            Issue.record("no refusal: \(CaseworkScript.text(app))")
            return
        }
        #expect(refusal.dialog.message.contains("Record the child's guardian or representative"), "\(refusal.dialog.message)")
        #expect(refusal.dialog.message.contains("Record the child's own views on this referral"), "\(refusal.dialog.message)")
        #expect(refusal.dialog.message.contains("Record the best-interests outcome before a child's return referral"), "\(refusal.dialog.message)")
        app.press([.enter, .escape])
        #expect(app.state.screen.name == "checklist")

        try CaseworkScript.guardian(&app)
        try CaseworkScript.open("child-views", &app)
        app.type("wants to find his sister")
        app.press([.tab, .character(" "), .enter])                  // agrees: yes
        try CaseworkScript.bestInterests(&app, outcome: 3)          // pending
        try CaseworkScript.consent(&app)                            // given by the guardian (the child's default), basic
        let pending = try #require(app.state.checklist)
        #expect(pending.owed.map(\.stepId) == ["best-interests"], "\(pending.owed)")
        #expect(pending.owed.first?.instruction.contains("The best-interests outcome is pending") == true, "\(pending.owed)")
        let views = try CaseworkScript.store(home).summary(second.caseCode).steps.filter { $0.stepId == "child-views" }
        #expect(views.map(\.referralId) == [second.referral.id], "the child's views are recorded for this referral only")
        #expect(views.first?.summary == "recorded; agrees: yes")
        let guardian = try #require(pending.rows.first { $0.step.id == "guardian" })
        guard case .done(_, _, let recorded) = guardian.state else {
            Issue.record("guardian not done: \(guardian)")
            return
        }
        #expect(recorded == "recorded", "a guardian not suspected of involvement: \(recorded)")

        try CaseworkScript.bestInterests(&app, outcome: 1)          // in the child's interest
        let cleared = try #require(app.state.checklist)
        #expect(cleared.owed.isEmpty, "\(cleared.owed)")
        #expect(CaseworkScript.text(app).contains("in-the-childs-interest (determination)"), "\(CaseworkScript.text(app))")
        CaseworkScript.handOff(&app)
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
    }

    @Test("The risk form shows each code to explain with its sentence and records them acknowledged; a hand-off without them names each code")
    func acknowledgements() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        let code = try #require(app.state.checklist?.caseCode)
        // A referral to a cash allowance for formally identified victims, made through the store as the CLI would.
        let directory = try DirectoryStore.inMemory()
        _ = try directory.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true),
                                        clock: AppFixture.clock)
        let made = try CaseworkScript.store(home).createReferral(case: code, serviceId: "380c2de2-f753-5842-bbcf-6d0ddca604b5",
                                                                need: "livelihood.cash", directory: directory)
        let expected = try #require(try CaseworkScript.store(home).eligibility(of: made.id, directory: directory)?.toAcknowledge)
        #expect(expected.contains("condition:requires-formal-identification"), "\(expected)")
        app.press([.character("R")])
        let index = try #require(app.state.referrals.firstIndex { $0.id == made.id })
        app.press(Array(repeating: .down, count: index) + [.character("o")])
        let checklist = try #require(app.state.checklist)
        #expect(checklist.referral.id == made.id && checklist.toAcknowledge == expected, "\(checklist.toAcknowledge)")
        try CaseworkScript.safety(&app)
        try CaseworkScript.screening(&app)
        try CaseworkScript.age(&app)
        try CaseworkScript.consent(&app)

        // The form lists every code with its sentence; without "explained" it records nothing.
        try CaseworkScript.open("risk", &app)
        guard case .step(let form)? = app.state.dialog else {
            Issue.record("no risk form: \(CaseworkScript.text(app))")
            return
        }
        #expect(form.acknowledge == expected)
        let strings = try StringTable.bundled()
        let shown = CaseworkScript.text(app)
        for ack in expected {
            #expect(shown.contains(ack), "\(ack) is not shown: \(shown)")
            #expect(form.acknowledgeLines.contains("• \(ack): \(strings.note(ack))"), "\(form.acknowledgeLines)")
        }
        #expect(shown.contains("helps people once they are formally identified as victims"), "the sentence to read: \(shown)")
        app.press([.character("n"), .tab, .tab])                   // traffickers: none known; the service's risk typed
        app.type("allowance only after formal identification")
        app.press([.enter])
        guard case .step(let refused)? = app.state.dialog else {
            Issue.record("the form closed without the codes explained")
            return
        }
        #expect(refused.error == strings.format(.stepRequired, ["field": strings[.riskExplained]]), "\(String(describing: refused.error))")
        app.press([.escape])
        #expect(app.state.checklist?.rows.first { $0.step.id == "risk" }?.isOwed == true)

        // Recorded without the acknowledgements (as an older record would be): the hand-off names each code, nothing is logged.
        try CaseworkScript.store(home).recordReferralStep(made.id, step: "risk", details: StepDetails(answers: ["traffickers": "none known"]))
        app.press([.character("R")])
        app.press(Array(repeating: .down, count: index) + [.character("o")])
        #expect(app.state.checklist?.owed.isEmpty == true, "\(String(describing: app.state.checklist?.owed))")
        CaseworkScript.handOff(&app)
        let problem = try #require(app.state.casework.problem, "\(CaseworkScript.text(app))")
        for ack in expected { #expect(problem.contains("\(ack): not acknowledged in the risk step"), "\(problem)") }
        #expect(try CaseworkScript.store(home).logEntries().isEmpty)
        #expect(app.state.preview?.sent == false)

        // Explained and recorded through the form: the checklist says how many, and it goes.
        app.press([.escape])
        try CaseworkScript.risk(&app)
        let risk = try #require(app.state.checklist?.rows.first { $0.step.id == "risk" })
        guard case .done(_, _, let summary) = risk.state else {
            Issue.record("risk not done: \(risk)")
            return
        }
        #expect(summary == "\(expected.count) acknowledged")
        #expect(CaseworkScript.text(app).contains("— \(expected.count) acknowledged"), "\(CaseworkScript.text(app))")
        CaseworkScript.handOff(&app)
        #expect(app.state.preview?.sent == true, "\(CaseworkScript.text(app))")
        // The domain logged it: what the screen shows as sent is the hand-off the gate cleared.
        #expect(try CaseworkScript.store(home).logEntries().contains { $0.kind == "handoff" && $0.referralId == made.id })
    }

    @Test("A screening opened again shows what was recorded, so recording it again cannot replace the answers with blanks")
    func screeningReopened() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.screening(&app)                          // y n d n, recorded
        let recorded = try #require(app.state.checklist?.screenings.first)
        #expect(recorded.answers.count == 4)
        try CaseworkScript.open("screening", &app)
        let sheet = try #require(app.state.screening, "\(CaseworkScript.text(app))")
        #expect(sheet.answers == recorded.answers, "reopened blank: \(sheet.answers)")
        #expect(CaseworkScript.text(app).contains("4 of"), "\(CaseworkScript.text(app))")
    }

    @Test("A guardian suspected of involvement is recorded as such and cannot consent for the child")
    func suspectedGuardian() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.childReturnChecklist(home)
        try CaseworkScript.guardian(&app, suspected: true)
        #expect(CaseworkScript.text(app).contains("— recorded; suspected of involvement"), "\(CaseworkScript.text(app))")
        let before = try #require(home.caseStoreBytes)
        try CaseworkScript.consent(&app)                            // given by the guardian, informed, basic
        let problem = try #require(app.state.casework.problem, "\(CaseworkScript.text(app))")
        #expect(problem.contains("suspected of involvement: they cannot consent for the child"), "\(problem)")
        #expect(home.caseStoreBytes == before, "nothing was written")
    }

    @Test("An override needs a typed reason, and is on the form")
    func override() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        app.press([.character("p"), .character("o"), .enter])
        guard case .text(let box)? = app.state.dialog else {
            Issue.record("no reason box")
            return
        }
        #expect(box.error != nil)
        app.type("caller reports a knife, police on the way")
        app.press([.enter])
        let preview = try #require(app.state.preview)
        #expect(preview.sent)
        // No consent, so no safety facts on the form: it says an override was used, not why; the log keeps why, sealed.
        #expect(preview.form.overrideReason == "life at risk (the reason is not shared in this scope)")
        let entry = try #require(try CaseworkScript.store(home).logEntries().last)
        #expect(entry.overrideReason == nil)
        #expect(try CaseworkScript.store(home).overrideReason(of: entry) == "caller reports a knife, police on the way")
    }

    @Test("Consent withdrawn from the consent screen: the checklist owes consent again, with the domain's sentence")
    func withdrawConsent() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.consent(&app)
        #expect(app.state.checklist?.consent != nil)
        try CaseworkScript.open("consent", &app)
        app.press([.character("w")])
        guard case .choice(let ask)? = app.state.dialog else {
            Issue.record("no question before withdrawing")
            return
        }
        #expect(ask.dialog.selectedButton == 1, "Cancel is the default")
        app.press([.left, .enter])
        #expect(app.state.screen.name == "checklist")
        let owed = try #require(app.state.checklist?.owed.first { $0.stepId == "consent" })
        #expect(owed.instruction.hasPrefix("Consent was withdrawn"), "\(owed)")
        #expect(CaseworkScript.text(app).contains("Consent withdrawn: nothing more will be shared."))
    }

    @Test("A refused consent scope is shown in full, and cleared by the next key")
    func refusedScope() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("consent", &app)
        app.press([.character("r")])                                   // no scope chosen
        let problem = try #require(app.state.casework.problem)
        #expect(problem.contains("anonymous, or any of basic, contact, screening, safety, narrative"), "\(problem)")
        #expect(CaseworkScript.text(app).contains("narrative."), "the sentence is not cut: \(CaseworkScript.text(app))")
        app.press([.down])
        #expect(app.state.casework.problem == nil)
    }

    @Test("Consent not shown to be informed (an item unticked, or no language) is refused by the domain: its sentence in full, nothing recorded")
    func uninformedConsentRefused() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        let referral = try #require(app.state.checklist?.referral.id)
        let before = try #require(home.caseStoreBytes)
        /// The screen's text, its wrapped lines joined again.
        func shown() -> String { app.screen().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }

        // Every item ticked with Space and the language given, then the right to refuse and withdraw unticked with 3.
        try CaseworkScript.open("consent", &app)
        CaseworkScript.explain(&app)
        CaseworkScript.consentLine(.explained, &app)
        app.press([.character("3")])
        #expect(app.state.consent?.explained == [.organization, .data, .retention])
        #expect(CaseworkScript.text(app).contains("3[ ] refuse/withdraw"), "\(CaseworkScript.text(app))")
        CaseworkScript.consentLine(.basic, &app)
        app.press([.character(" "), .character("r")])
        #expect(app.state.screen.name == "consent")
        let unticked = try #require(app.state.casework.problem, "\(CaseworkScript.text(app))")
        #expect(unticked.hasPrefix("Consent is informed only when each of these was explained: refuse-withdraw."), "\(unticked)")
        #expect(shown().contains(unticked), "the sentence is shown in full: \(CaseworkScript.text(app))")
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(app.state.checklist?.consent == nil)

        // Every item ticked, the language cleared with Backspace: refused for the language.
        CaseworkScript.consentLine(.explained, &app)
        app.press([.character("3")])
        #expect(app.state.consent?.explained == Set(ConsentExplanation.allCases))
        CaseworkScript.consentLine(.explainedIn, &app)
        app.press([.backspace])
        #expect(app.state.consent?.explainedIn == nil)
        #expect(CaseworkScript.text(app).contains("Explained in — (a language code, e.g. ro)"), "\(CaseworkScript.text(app))")
        app.press([.character("r")])
        #expect(app.state.screen.name == "consent")
        let noLanguage = try #require(app.state.casework.problem, "\(CaseworkScript.text(app))")
        #expect(noLanguage.hasPrefix("Say which language the consent was explained in"), "\(noLanguage)")
        #expect(shown().contains(noLanguage), "the sentence is shown in full: \(CaseworkScript.text(app))")
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(app.state.checklist?.consent == nil)

        // The sentences are the domain's own, and the store holds no consent.
        let store = try CaseworkScript.store(home)
        for (explained, language, sentence) in [(Set<ConsentExplanation>([.organization, .data, .retention]), "ro", unticked),
                                                (Set(ConsentExplanation.allCases), "", noLanguage)] {
            do {
                _ = try store.giveConsent(referral, givenBy: .person, scopes: [.basic], explained: explained, explainedIn: language)
                Issue.record("the domain accepts \(explained.sorted()) in '\(language)'")
            } catch let error as CaseworkError {
                #expect(error.description == sentence)
            }
        }
        #expect(try store.form(referral).consent == nil, "no consent on the record")

        // Put right, it is recorded.
        CaseworkScript.consentLine(.explainedIn, &app)
        app.press([.enter])
        app.type("ro")
        app.press([.enter, .character("r")])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        #expect(app.state.checklist?.consent != nil)
    }

    @Test("The consent screen's ticks and language reach the record: the form preview's consent block names each item and the language")
    func informedConsentOnTheForm() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("consent", &app)
        #expect(CaseworkScript.text(app).contains("Explained    1[ ] organization 2[ ] data 3[ ] refuse/withdraw 4[ ] retention"),
                "\(CaseworkScript.text(app))")

        // One by one with 1–4 (offered on that line), then Space clears them all and ticks them all again.
        CaseworkScript.consentLine(.explained, &app)
        #expect(app.screen().last?.contains("1-4 tick") == true, "\(String(describing: app.screen().last))")
        #expect(app.screen().last?.contains("Esc back") == true, "\(String(describing: app.screen().last))")
        app.press([.character("1"), .character("2"), .character("4")])
        #expect(app.state.consent?.explained == [.organization, .data, .retention])
        app.press([.character("3")])
        #expect(CaseworkScript.text(app).contains("1[x] organization 2[x] data 3[x] refuse/withdraw 4[x] retention"),
                "\(CaseworkScript.text(app))")
        app.press([.character(" ")])
        #expect(app.state.consent?.explained.isEmpty == true)
        app.press([.character(" ")])
        #expect(app.state.consent?.explained == Set(ConsentExplanation.allCases))
        CaseworkScript.consentLine(.explainedIn, &app)
        app.press([.enter])
        app.type("RO")
        app.press([.enter])
        #expect(app.state.dialog == nil)
        #expect(CaseworkScript.text(app).contains("Explained in ro"), "\(CaseworkScript.text(app))")
        CaseworkScript.consentLine(.basic, &app)
        app.press([.character(" "), .character("r")])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")

        // On the record, and on the form that would be shared.
        app.press([.character("p")])
        let preview = try #require(app.state.preview)
        let consent = try #require(preview.form.consent)
        #expect(consent.explained == ["organization", "data", "refuse-withdraw", "retention"])
        #expect(consent.explainedIn == "ro")
        // Scrolled down to the consent block: the row may wrap, so the screen is read with its blanks run together.
        var seen = false
        for _ in 0..<preview.lines.count {
            let shown = app.screen().joined(separator: " ").replacing(/\s+/, with: " ")
            if shown.contains("Explained organization, data, refuse-withdraw, retention (in ro)") {
                seen = true
                break
            }
            app.press([.down])
        }
        #expect(seen, "the consent block names each item and the language: \(preview.lines.joined(separator: "\n"))")
    }

    @Test("A child's consent screen at 80x24: the warning, every line of the form, the consent recorded and the status bar all fit")
    func childConsentFits() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.childReturnChecklist(home)
        try CaseworkScript.guardian(&app)
        try CaseworkScript.consent(&app)
        #expect(app.state.checklist?.consent != nil, "\(CaseworkScript.text(app))")
        // Opened again: a blank form under what is recorded; the blank lines between the parts gave way.
        try CaseworkScript.open("consent", &app)
        let screen = app.screen()
        #expect(screen.count == 24)
        for wanted in ["Explain, with an interpreter if needed", "A child: consent is given by the guardian", "Given by", "4[ ] retention",
                       "Explained in —", "WHAT MAY BE SHARED", "[ ] Anonymous", "[ ] Basic", "[ ] Safety", "[ ] Narrative", " Interpreter  none used",
                       "Recorded now: given by guardian, scope basic"] {
            #expect(screen.contains { $0.contains(wanted) }, "\(wanted) is cut: \(screen.joined(separator: "\n"))")
        }
        #expect(screen.last?.hasSuffix("Esc back") == true, "\(String(describing: screen.last))")
    }

    @Test("A person in danger now: the checklist says to call emergency services first, and how to hand off at once")
    func inDanger() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("safety", &app)
        app.press([.character(" "), .enter])                         // in danger now: yes
        #expect(app.state.casework.notice?.hasPrefix("In danger now: call emergency services first.") == true)
        #expect(CaseworkScript.text(app).contains("If a life is at risk, p then o"), "the whole sentence is shown, wrapped")
    }

    @Test("Identifying data: typed from the checklist, saved encrypted, read back through the store, never drawn on the checklist")
    func identity() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        let code = try #require(app.state.checklist?.caseCode)
        #expect(app.screen().last?.contains("i identity") == true, "the key is on the checklist's status bar")

        CaseworkScript.typeIdentity(&app)
        #expect(app.state.screen.name == "identity", "\(CaseworkScript.text(app))")
        let form = CaseworkScript.text(app)
        #expect(form.contains("encrypted") && form.contains("Contact") && form.contains("Narrative"), "scope and storage said: \(form)")
        app.press([.enter])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        #expect(app.state.identity == nil, "what was decrypted for the form is dropped")
        #expect(try CaseworkScript.store(home).identity(code) == CaseworkScript.identity)
        let checklist = CaseworkScript.text(app)
        #expect(checklist.contains("Identifying data recorded for case \(code), encrypted."), "\(checklist)")
        for value in ["Elena", "Vrabie", "1994-03-12", "555 01", "Teilor", "passport", "recruiter", "18:00", "hearing"] {
            #expect(!checklist.contains(value), "\(value) is drawn on the checklist: \(checklist)")
        }

        // Opened again: what is recorded is shown; only a changed field is saved, the rest kept as it was.
        app.press([.character("i")])
        #expect(app.state.identity?.fields.map(\.input.text).first == "Elena Vrabie")
        #expect(CaseworkScript.text(app).contains("Elena Vrabie"))
        app.press([.tab, .tab, .ctrl("u")])
        app.type("+999 21 555 0199")
        app.press([.enter])
        #expect(app.state.screen.name == "checklist")
        var expected = CaseworkScript.identity
        expected.phone = "+999 21 555 0199"
        #expect(try CaseworkScript.store(home).identity(code) == expected)
        #expect(!CaseworkScript.text(app).contains("Elena"))

        // An emptied field is refused by the form (the store would keep it), and Esc leaves without saving.
        app.press([.character("i"), .ctrl("u"), .enter])
        #expect(app.state.identity?.error?.contains("“Name” cannot be emptied here") == true,
                "\(String(describing: app.state.identity?.error))")
        app.type("Somebody Else")
        app.press([.escape])
        #expect(app.state.screen.name == "checklist" && app.state.identity == nil)
        #expect(try CaseworkScript.store(home).identity(code) == expected)
        #expect(!CaseworkScript.text(app).contains("Somebody"))
    }

    @Test("A date of birth the domain refuses shows the domain's sentence on the form, and nothing is saved")
    func identityBadDate() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        let code = try #require(app.state.checklist?.caseCode)
        let before = try #require(home.caseStoreBytes)
        var refused = CaseworkScript.identity
        refused.dateOfBirth = "12/03/1994"
        CaseworkScript.typeIdentity(&app, refused)
        app.press([.enter])
        let sentence: CaseworkError
        do {
            _ = try Identity.parse(Data(#"{"date_of_birth": "12/03/1994"}"#.utf8))
            Issue.record("the domain accepts 12/03/1994")
            return
        } catch {
            sentence = error
        }
        #expect(app.state.screen.name == "identity")
        #expect(app.state.identity?.error == sentence.description, "\(String(describing: app.state.identity?.error))")
        #expect(CaseworkScript.text(app).contains(sentence.description), "\(CaseworkScript.text(app))")
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(try CaseworkScript.store(home).identity(code) == nil)

        // Put right, it saves.
        app.press([.tab, .ctrl("u")])
        app.type("1994-03-12")
        app.press([.enter])
        #expect(app.state.screen.name == "checklist", "\(CaseworkScript.text(app))")
        #expect(try CaseworkScript.store(home).identity(code)?.dateOfBirth == "1994-03-12")
    }

    @Test("Anonymous notification for an adult: asked first, its text shown read-only, the log's last entry a notification")
    func notification() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        let code = try #require(app.state.checklist?.caseCode)
        CaseworkScript.typeIdentity(&app)
        app.press([.enter])
        #expect(app.screen().last?.contains("N notify") == true, "the key is on an adult's checklist")

        // Cancel is the default: Enter on the question writes nothing.
        app.press([.character("N")])
        guard case .choice(let ask)? = app.state.dialog else {
            Issue.record("no question before notifying: \(CaseworkScript.text(app))")
            return
        }
        #expect(ask.dialog.selectedButton == 1, "Cancel is the default")
        #expect(ask.dialog.message.contains("No name, date of birth or contact will be in it"), "\(ask.dialog.message)")
        app.press([.enter])
        #expect(app.state.screen.name == "checklist")
        #expect(try CaseworkScript.store(home).logEntries().isEmpty)

        app.press([.character("N"), .left, .enter])
        #expect(app.state.screen.name == "notification", "\(CaseworkScript.text(app))")
        let shown = try #require(app.state.notification)
        let screen = CaseworkScript.text(app)
        // Its own id, never the case code: no later referral can be linked to it.
        let id = shown.notification.notificationId
        #expect(id.wholeMatch(of: /N-[A-Z0-9]{8}/) != nil, "\(id)")
        #expect(app.screen().first?.contains("Anonymous notification \(id)") == true, "\(screen)")
        #expect(screen.contains("ANONYMOUS NOTIFICATION — \(id)"), "\(screen)")
        #expect(!screen.contains(code), "the case code is on the notification: \(screen)")
        #expect(shown.lines.joined(separator: "\n") + "\n" == shown.notification.text, "the domain's text, as printed")
        for value in ["Elena", "Vrabie", "1994-03-12", "555 01", "Teilor"] {
            #expect(!screen.contains(value), "\(value) is in the notification: \(screen)")
        }
        let last = try #require(try CaseworkScript.store(home).logEntries().last)
        #expect(last.kind == "notification" && last.caseCode == code, "\(last)")
        #expect(last.formHash == (try shown.notification.hash()))

        // Read-only: typing changes nothing; Esc goes back to the checklist.
        app.press([.character("x"), .enter])
        #expect(app.state.screen.name == "notification")
        app.press([.escape])
        #expect(app.state.screen.name == "checklist" && app.state.notification == nil)
        #expect(try CaseworkScript.store(home).logEntries().count == 1)

        // A case is notified once: asked again, the domain's sentence on the checklist, nothing more logged.
        app.press([.character("N"), .left, .enter])
        #expect(app.state.screen.name == "checklist" && app.state.notification == nil)
        let again = try #require(app.state.casework.problem, "\(CaseworkScript.text(app))")
        #expect(again.contains("was already notified anonymously") && again.contains("a case is notified once"), "\(again)")
        let lines = app.screen().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(lines.contains(again), "the sentence is shown in full: \(CaseworkScript.text(app))")
        #expect(try CaseworkScript.store(home).logEntries().count == 1)
    }

    @Test("No anonymous notification for a child: the domain's sentence on the checklist, nothing logged")
    func notificationChild() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        CaseworkScript.childPathway(&app)
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        #expect(app.state.checklist?.isChild == true)
        #expect(app.screen().last?.contains("N notify") == false, "the key is not offered for a child")
        let before = try #require(home.caseStoreBytes)
        app.press([.character("N"), .left, .enter])
        #expect(app.state.screen.name == "checklist")
        let problem = try #require(app.state.casework.problem)
        #expect(problem.hasPrefix("A child is not notified anonymously"), "\(problem)")
        #expect(CaseworkScript.text(app).contains("A child is not notified anonymously"), "\(CaseworkScript.text(app))")
        #expect(home.caseStoreBytes == before, "nothing was written")
        #expect(try CaseworkScript.store(home).logEntries().isEmpty)
    }
}

@Suite("The cases screen")
struct CasesScreenTests {
    @Test("C from the results asks for the passphrase first, then lists the cases; typed on the search line it is only a letter")
    func opensAfterUnlock() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url, atResults: false)
        app.press([.character("C")])
        #expect(app.state.screen.name == "directory" && app.state.directory.search.text == "C", "the search line has the letters")
        app.press([.backspace, .down, .character("C")])
        CaseworkScript.unlockNewHome(&app)
        #expect(app.state.screen.name == "cases", "\(CaseworkScript.text(app))")
        #expect(CaseworkScript.text(app).contains("No case yet"))
        app.press([.enter])
        #expect(app.state.screen.name == "cases", "no case to open")
        app.press([.escape])
        #expect(app.state.screen.name == "directory")
    }

    @Test("From the cases, Enter opens the selected case and Esc comes back; R opens the referrals; the list is read again on C")
    func openAndBack() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        let code = try #require(app.state.checklist?.caseCode)
        while app.state.screen.name != "directory" { app.press([.escape]) }
        app.press([.down, .character("C")])
        #expect(app.state.screen.name == "cases")
        #expect(CaseworkScript.text(app).contains(code) && CaseworkScript.text(app).contains("1 open"))
        app.press([.enter])
        #expect(app.state.screen.name == "caseView")
        let text = CaseworkScript.text(app)
        #expect(text.contains("Case \(code)") && text.contains("none yet: assistance does not wait for one"), "\(text)")
        #expect(text.contains("starts with a positive reasonable-grounds"))
        app.press([.escape])
        #expect(app.state.screen.name == "cases")
        app.press([.character("R")])
        #expect(app.state.screen.name == "referrals" && app.state.referrals.count == 1)
    }
}
