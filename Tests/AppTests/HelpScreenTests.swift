@testable import App
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
        #expect(help.lines.count == 21, "every line of the directory's key map, Ctrl-C, L and the NOTES legend")

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

@Suite("The help box sizes to its text")
struct HelpBoxTests {
    @Test("A sentence wider than the box wraps under its key; one that fits keeps its spacing")
    func rowsWrap() {
        let rows = HelpScreen.rows([KeyHint("r", "refer to the selected step's service (its open draft, if there is one)"),
                                    KeyHint("NOTES", "S stale   C closed")], width: 40)
        #expect(rows.map(\.key) == ["r", "", "NOTES"])
        #expect(rows.map(\.text) == ["refer to the selected step's service", "(its open draft, if there is one)", "S stale   C closed"])
    }

    @Test("The box grows with its longest line up to the terminal, and is never narrower than before")
    func boxWidth() throws {
        let strings = try StringTable.bundled()
        let short = HelpScreen(lines: [KeyHint("q", "quit")])
        #expect(short.box(in: Size(width: 120, height: 30), strings: strings).width == HelpScreen.minimumWidth)
        let long = HelpScreen(lines: [KeyHint("r", String(repeating: "word ", count: 20))])
        #expect(long.box(in: Size(width: 80, height: 24), strings: strings).width == 76)
        #expect(long.box(in: Size(width: 160, height: 30), strings: strings).width == 124)
    }

    @Test("Lines that overflow the box scroll with ↑↓ and PgUp/PgDn; the last line can be reached")
    func scrolls() throws {
        var app = try AppFixture.sample()
        let lines = (1...40).map { KeyHint("k\($0)", "line number \($0)") }
        app.state.push(.help(HelpScreen(lines: lines)))
        #expect(!app.screen().contains { $0.contains("line number 40") })
        app.press([.down])
        #expect(app.state.help?.scroll == 1)
        app.press(Array(repeating: .pageDown, count: 5))
        let screen = app.screen()
        #expect(screen.contains { $0.contains("line number 40") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("↑") })
        app.type("7")
        #expect(app.state.help?.scroll == 0, "typing narrows the lines and shows them from the top")
        #expect(app.screen().contains { $0.contains("line number 17") })
    }
}
