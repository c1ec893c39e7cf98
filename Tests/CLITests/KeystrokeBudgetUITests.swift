import Casework
import Foundation
import Testing
import TestSupport

/// The two calls of issue 13 in the real terminal, every key counted: each key sent and each
/// character typed, from the first screen to the logged hand-off. The passphrase (typed at the
/// UI's own prompt) and the operator (saved beforehand) are asked once per home and not counted.
@Suite("Keystroke budgets in the terminal UI", .enabled(if: Tmux.executable != nil || Tmux.required,
                                                         "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct KeystrokeBudgetUITests {
    /// A pane whose keys are counted.
    final class Keys {
        let pane: TmuxPane
        private(set) var count = 0

        init(_ pane: TmuxPane) { self.pane = pane }

        func press(_ keys: String...) throws {
            try pane.press(keys)
            count += keys.count
        }

        func type(_ text: String) throws {
            try pane.type(text)
            count += text.count
        }

        @discardableResult
        func wait(_ what: String, _ condition: (Screen) -> Bool) async throws -> Screen { try await pane.waitFor(what, condition) }
    }

    /// The directory, with the home's operator saved (the operator is asked once per home: not counted).
    static func start() async throws -> Keys {
        let pane = try await TmuxPane.start()
        do {
            try await pane.waitFor("the directory screen") { $0.showsDirectory }
            try Operator(name: "Ana Popescu", organization: "Valdora Hotline").save(home: pane.home)
        } catch {
            pane.stop()
            throw error
        }
        return Keys(pane)
    }

    /// The passphrase, chosen at the UI's prompt (asked once per home: not counted).
    static func unlock(_ keys: Keys) async throws {
        try await CaseworkUITests.unlock(keys.pane)
    }

    /// Safety "no", screening declined, the age as the intake stated it: the same keys for both calls.
    static func firstSteps(_ k: Keys) async throws {
        try k.press("Enter")
        try await k.wait("the safety form") { $0.contains("In danger now?") }
        try k.press("n", "Enter")
        try await k.wait("safety recorded") { $0.contains("Recorded: Immediate safety.") }
        try k.press("Enter")
        try await k.wait("the screening") { $0.contains("Screening — case") }
        try k.press("D", "r")
        try await k.wait("screening recorded") { $0.contains("Recorded: Screening.") }
        try k.press("Enter")
        try await k.wait("the age form, as the intake said") { $0.contains("How the age is known") }
        try k.press("Enter")
        try await k.wait("age recorded") { $0.contains("Recorded: Age.") }
    }

    /// From the directory to the checklist: the list, a new intake (the area found by typing "centru", the sex by its
    /// letter, the age, the needs on one line), the pathway, `r` on its first step, the passphrase, then safety, screening, age.
    static func intake(_ k: Keys, sex: String, age: String, needs: String, shown: String) async throws {
        try k.press("Down", "n")
        try await k.wait("the intake") { $0.contains("Where the person is now") }
        try k.press("Enter")
        try k.type("centru")
        try await k.wait("the area found") { $0.contains("Finding “centru”") }
        try k.press("Enter", sex)
        try k.type(age)
        try k.press("Enter", "Enter")
        try k.type(needs)
        try k.press("Enter")
        try await k.wait("the intake filled") { $0.contains("Valdora-Centru (XA0101)") && $0.contains(shown) }
        try k.press("r")
        try await k.wait("the pathway") { $0.contains("Pathway 1 of") }
        try k.press("r")
        try await Self.unlock(k)
        try await Self.firstSteps(k)
    }

    /// Consent: opened on "Explained" (Space ticks every item), explained in Romanian, the scopes' keys, recorded.
    static func consent(_ k: Keys, scopeKeys: [String], shows scope: String) async throws {
        try k.press("Enter")
        // Given by the person: the man, and the girl on her own assent to a shelter (the SOP names who consents).
        try await k.wait("the consent form, given by the person") { $0.contains("WHAT MAY BE SHARED") && $0.contains("the person themself") }
        try k.press("Space", "Down", "Enter")
        try await k.wait("the language box") { $0.contains("Enter save · Esc cancel") }
        try k.type("ro")
        try k.press("Enter")
        for key in scopeKeys { try k.press(key) }
        try await k.wait("explained in Romanian, the scopes") { $0.contains("Explained in ro") && $0.contains(scope) }
        try k.press("r")
        try await k.wait("consent recorded") { $0.contains("Recorded: Informed consent.") }
    }

    /// Risk "none known" (the service has nothing listed), then the preview, Enter and the confirmation on "Hand off".
    static func riskAndHandOff(_ k: Keys) async throws {
        try k.press("Enter")
        try await k.wait("the risk form") { $0.contains("Risk from traffickers") && $0.contains("Nothing listed: no closed facility") }
        try k.press("n", "Enter")
        try await k.wait("the gate's clearance") { $0.contains("the SOP allows the hand-off") }
        try k.press("p")
        try await k.wait("the form preview") { $0.contains("REFERRAL FORM") }
        try k.press("Enter")
        try await k.wait("the confirmation") { $0.contains("[ Hand off ]") }
        try k.press("Enter")
        try await k.wait("the hand-off logged") { $0.contains("the hand-off is logged") }
    }

    @Test("A man of 30 in Valdora-Centru, shelter and legal aid; screening declined, basic consent, risk none known, handed off: at most 60 keys")
    func adultMan() async throws {
        let k = try await Self.start()
        defer { k.pane.stop() }
        try await Self.intake(k, sex: "m", age: "30", needs: "shelter, legal.aid", shown: "Shelter, Legal aid")
        try await Self.consent(k, scopeKeys: ["Down", "Space"], shows: "[x] Basic")
        try await Self.riskAndHandOff(k)
        #expect(k.count <= 60, "\(k.count) keys")
        print("Keystroke budget, the man of 30: \(k.count) keys (at most 60)")
        // A case is open: q asks before quitting.
        try k.pane.press("R")
        try await k.wait("the referrals") { $0.contains("Waymark · Referrals") }
        try k.pane.press("Escape", "Escape", "Escape", "Escape", "Escape", "Escape", "Escape")   // back through every screen; at the list Esc has nothing to undo
        try await k.wait("the directory") { $0.line(2).hasPrefix(" Search:") && $0.contains("Nothing to undo.") }
        try k.pane.press("q")
        try await k.wait("the question") { $0.contains("Quit Waymark?") && $0.contains("A case was opened in this session") }
        try k.pane.press("y")
        #expect(try await k.pane.waitForExit().status == 0)
    }

    @Test("A girl of 16 in Valdora-Centru, an emergency shelter on her own assent, handed off: at most 80 keys")
    func girl() async throws {
        let k = try await Self.start()
        defer { k.pane.stop() }
        try await Self.intake(k, sex: "f", age: "16", needs: "shelter.emergency:emergency", shown: "Emergency shelter (emergency)")
        try await Self.consent(k, scopeKeys: ["Down", "Space", "Down", "Down", "Down", "Space"], shows: "[x] Safety")
        try await Self.riskAndHandOff(k)
        #expect(k.count <= 80, "\(k.count) keys")
        print("Keystroke budget, the girl of 16: \(k.count) keys (at most 80)")
        try k.pane.press("C-c")
        #expect(try await k.pane.waitForExit().status == 0)
    }
}
