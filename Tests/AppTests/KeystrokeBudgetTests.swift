import App
import Casework
import Foundation
import Terminal
import Testing
import TestSupport

/// The two calls of issue 13, key by key: every key pressed and every character typed counts,
/// from the first screen to the logged hand-off, except the passphrase and the operator (asked
/// once per home). The same scripts run in the real terminal in `CLITests.KeystrokeBudgetUITests`.
@Suite("Keystroke budgets: a referral at 23:00")
struct KeystrokeBudgetTests {
    /// Presses keys on the fixture and counts them.
    struct Counter {
        var app: AppFixture
        var count = 0

        mutating func press(_ keys: Key...) {
            app.press(keys)
            count += keys.count
        }

        mutating func type(_ text: String) {
            app.type(text)
            count += text.count
        }

        /// The passphrase and the operator: asked once per home, not counted.
        mutating func unlock() { CaseworkScript.unlockNewHome(&app) }

        var screen: String { app.screen().joined(separator: "\n") }
    }

    @Test("A man of 30 in Valdora-Centru, shelter and legal aid; screening declined, basic consent with every item explained, risk none known, handed off: at most 60 keys")
    func adultManWithinSixty() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var k = Counter(app: try AppFixture.casework(home: home.url, atResults: false))
        try Self.adultMan(&k)
        #expect(k.count <= 60, "\(k.count) keys")
    }

    /// The man's script; leaves the hand-off logged.
    static func adultMan(_ k: inout Counter) throws {
        k.press(.down, .character("n"))                                  // to the list, a new referral
        k.press(.enter)
        k.type("centru")
        k.press(.enter)                                                  // area: Valdora-Centru
        k.press(.character("m"))                                         // sex: male
        k.type("30")
        k.press(.enter)                                                  // age
        k.press(.enter)
        k.type("shelter, legal.aid")
        k.press(.enter)                                                  // needs on one line
        k.press(.character("r"))                                         // route
        #expect(k.app.state.screen.name == "pathway", "\(k.screen)")
        k.press(.character("r"))                                         // refer to the first step's shelter
        k.unlock()
        #expect(k.app.state.screen.name == "checklist", "\(k.screen)")
        k.press(.enter, .character("n"), .enter)                          // safety: not in danger
        k.press(.enter, .character("D"), .character("r"))                // screening: declined
        k.press(.enter, .enter)                                          // age: 30, as stated at the intake
        k.press(.enter, .character(" "), .down)                          // consent: every item explained
        k.press(.enter)
        k.type("ro")
        k.press(.enter)                                                  // explained in Romanian
        k.press(.down, .character(" "), .character("r"))                 // basic, recorded
        k.press(.enter, .character("n"), .enter)                          // risk: none known (the service: nothing listed)
        #expect(k.screen.contains("the SOP allows the hand-off"), "\(k.screen)")
        k.press(.character("p"), .enter, .enter)                          // preview, hand off, confirm
        #expect(k.screen.contains("the hand-off is logged"), "\(k.screen)")
    }

    @Test("A girl of 16 in Valdora-Centru, an emergency shelter: at most 80 keys")
    func girlWithinEighty() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var k = Counter(app: try AppFixture.casework(home: home.url, atResults: false))
        try Self.girl(&k)
        #expect(k.count <= 80, "\(k.count) keys")
    }

    /// The girl's script; leaves the hand-off logged.
    static func girl(_ k: inout Counter) throws {
        k.press(.down, .character("n"))
        k.press(.enter)
        k.type("centru")
        k.press(.enter)                                                  // area
        k.press(.character("f"))                                         // sex: female
        k.type("16")
        k.press(.enter)                                                  // age
        k.press(.enter)
        k.type("shelter.emergency:emergency")
        k.press(.enter)                                                  // the need
        k.press(.character("r"))
        #expect(k.app.state.screen.name == "pathway", "\(k.screen)")
        k.press(.character("r"))
        k.unlock()
        k.press(.enter, .character("n"), .enter)                          // safety: not in danger
        k.press(.enter, .character("D"), .character("r"))                // screening: declined
        k.press(.enter, .enter)                                          // age: 16, as stated
        k.press(.enter)                                                  // consent: the child's own assent, for a shelter
        #expect(k.screen.contains("Given by     the person themself"), "the domain says who consents: \(k.screen)")
        k.press(.character(" "), .down, .enter)
        k.type("ro")
        k.press(.enter, .down, .character(" "), .down, .down, .down, .character(" "), .character("r"))   // basic and safety
        k.press(.enter, .character("n"), .enter)                          // risk: none known
        k.press(.character("p"), .enter, .enter)
        #expect(k.screen.contains("the hand-off is logged"), "\(k.screen)")
    }
}
