import App
import Foundation
import Terminal
import TestSupport
import Testing

@Suite("Navigation: a stack of screens")
struct NavigationTests {
    @Test("Each screen opens over the one it was opened from; Esc closes the top one, down to the directory")
    func escPops() throws {
        var app = try AppFixture.sample()
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0101", sex: "female", age: 16, needs: ["shelter"])
        app.press([.character("r"), .enter, .character("?")])
        #expect(app.state.stack.map(\.name) == ["intake", "pathway", "detail", "help"])
        for expected in ["detail", "pathway", "intake", "directory"] {
            app.press([.escape])
            #expect(app.state.screen.name == expected)
        }
        #expect(app.state.stack.isEmpty)
        app.press([.escape])
        #expect(app.state.screen == .directory && !app.state.quitting, "Esc on the directory only clears")
    }

    @Test("A dialog is a screen over the one that opened it: its answer reaches that screen, Esc closes only the dialog")
    func dialogsAreOnTheStack() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        try CaseworkScript.open("consent", &app)
        CaseworkScript.consentLine(.interpreter, &app)
        app.press([.enter])
        #expect(app.state.stack.map(\.name).suffix(3) == ["checklist", "consent", "dialog"])
        app.type("ro")
        app.press([.enter])
        #expect(app.state.screen.name == "consent" && app.state.consent?.interpreterLanguage == "ro")
        app.press([.enter, .escape])
        #expect(app.state.screen.name == "consent", "Esc closed the dialog only")
        app.press([.escape])
        #expect(app.state.screen.name == "checklist")
    }
}
