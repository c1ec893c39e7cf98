import App
import Foundation
import Terminal
import TestSupport
import Testing

@Suite("The help: the screen's own keys, narrowed by typing")
struct HelpScreenTests {
    @Test("The help lists the key map's help lines; typing narrows them, Backspace widens, Esc closes and nothing else changed")
    func filterByTyping() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("shelter")
        app.press([.enter, .character("?")])
        let help = try #require(app.state.help)
        #expect(help.lines.map(\.key).prefix(3) == ["↓ Enter (search)", "/", "Tab / Shift-Tab"])
        #expect(help.lines.count == 19, "every line of the directory's key map, Ctrl-C and the NOTES legend")

        app.type("quit")
        #expect(app.state.help?.shown.map(\.key) == ["q", "Ctrl-C"], "\(String(describing: app.state.help?.shown))")
        let narrowed = app.screen()
        #expect(narrowed.contains { $0.contains("quit Waymark") })
        #expect(!narrowed.contains { $0.contains("move the selection") })
        #expect(narrowed.contains { $0.contains("2 with “quit”") })

        app.type("x")
        #expect(app.state.help?.shown.isEmpty == true)
        #expect(app.screen().contains { $0.contains("No key mentions “quitx”") })
        app.press([.backspace, .backspace, .backspace, .backspace, .backspace])
        #expect(app.state.help?.shown.count == help.lines.count)

        app.type("q")
        #expect(!app.state.quitting, "q is typed into the filter, not quit")
        app.press([.escape])
        #expect(app.state.help == nil && app.state.screen == .directory)
        #expect(app.state.search.text == "shelter", "closing the help clears nothing")
    }

    @Test("help-filtered: the checklist's keys that mention the form")
    func filteredGolden() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try CaseworkScript.adultChecklist(home)
        app.press([.character("?")])
        app.type("form")
        #expect(app.state.help?.shown.map(\.key) == ["p"], "\(String(describing: app.state.help?.shown))")
        try GoldenScreenTests().compare("help-filtered", app.screen())
    }
}
