import Testing
@testable import Terminal

@Suite("TextInput")
struct TextInputTests {
    @Test("Editing multi-byte text moves by grapheme")
    func graphemeEditing() {
        var input = TextInput()
        for key in Key.typing("中文café") { input.handle(key) }
        #expect(input.text == "中文café")
        #expect(input.cursor == 6)
        input.handle(.backspace)
        #expect(input.text == "中文caf")
        input.handle(.home)
        input.handle(.right)
        input.handle(.delete)
        #expect(input.text == "中caf")
        #expect(input.cursor == 1)
        input.handle(.character("😀"))
        #expect(input.text == "中😀caf")
        #expect(input.cursor == 2)
        input.handle(.left)
        input.handle(.backspace)
        #expect(input.text == "😀caf")
        #expect(input.cursor == 0)
        #expect(input.handle(.backspace) == false)
        #expect(input.handle(.left) == false)
        input.handle(.end)
        #expect(input.cursor == 4)
        #expect(input.handle(.right) == false)
    }

    @Test("A combining mark typed after its letter joins it")
    func combiningJoins() {
        var input = TextInput()
        input.handle(.character("e"))
        input.handle(.character("\u{301}"))
        #expect(input.text == "e\u{301}")
        #expect(input.text.count == 1)
        #expect(input.cursor == 1)
        input.handle(.backspace)
        #expect(input.text.isEmpty)
    }

    @Test("Decomposed text from outside is one step per letter")
    func decomposedText() {
        var input = TextInput(text: "Rene\u{301}e")
        #expect(input.cursor == 5)
        input.handle(.left)
        input.handle(.backspace)
        #expect(input.text == "Rene")
    }

    @Test("Control characters and escape sequences are not inserted")
    func controlsIgnored() {
        var input = TextInput()
        #expect(input.handle(.character("\u{1B}")) == false)
        #expect(input.handle(.character("\u{202E}")) == false)
        #expect(input.handle(.escape) == false)
        #expect(input.text.isEmpty)
        let pasted = TextInput(text: "a\u{1B}[31mb\tc")
        #expect(pasted.text == "ab c")
    }

    @Test("Ctrl-U, Ctrl-K and Ctrl-W delete by region and word")
    func killKeys() {
        var input = TextInput(text: "safe house north")
        input.handle(.ctrl("w"))
        #expect(input.text == "safe house ")
        input.handle(.ctrl("w"))
        #expect(input.text == "safe ")
        input.handle(.ctrl("a"))
        input.handle(.ctrl("k"))
        #expect(input.text.isEmpty)
        input.setText("abc def")
        input.handle(.left)
        input.handle(.ctrl("u"))
        #expect(input.text == "f")
        #expect(input.cursor == 0)
    }

    @Test("maxLength limits graphemes")
    func maxLength() {
        var input = TextInput(maxLength: 3)
        for key in Key.typing("中文字符") { input.handle(key) }
        #expect(input.text == "中文字")
    }

    @Test("A long text scrolls to keep the cursor in view")
    func horizontalScroll() {
        var input = TextInput()
        for key in Key.typing("abcdefgh") { input.handle(key, width: 5) }
        var grid = Grid(width: 5, height: 1)
        input.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["efgh"])
        #expect(grid.cursor == Point(x: 4, y: 0))
        input.handle(.home, width: 5)
        grid = Grid(width: 5, height: 1)
        input.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["abcde"])
        #expect(grid.cursor == Point(x: 0, y: 0))
        input.handle(.right, width: 5)
        input.handle(.right, width: 5)
        grid = Grid(width: 5, height: 1)
        input.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["abcde"])               // steady while the cursor is visible
        #expect(grid.cursor == Point(x: 2, y: 0))
    }

    @Test("Wide characters scroll whole, never split")
    func wideScroll() {
        var input = TextInput()
        for key in Key.typing("中文字") { input.handle(key, width: 5) }
        var grid = Grid(width: 5, height: 1)
        input.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["文字"])
        #expect(grid.cursor == Point(x: 4, y: 0))
        expectWellFormed(grid)
    }

    @Test("An empty field shows its placeholder dimmed, with the cursor at the start")
    func placeholder() {
        let input = TextInput(placeholder: "Search services")
        var grid = Grid(width: 20, height: 1)
        input.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["Search services"])
        #expect(grid[0, 0].style.dim)
        #expect(grid.cursor == Point(x: 0, y: 0))
        var unfocused = Grid(width: 20, height: 1)
        input.render(into: &unfocused, in: unfocused.bounds, focused: false)
        #expect(unfocused.cursor == nil)
    }
}
