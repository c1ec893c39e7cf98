import Testing
@testable import Terminal

@Suite("Table, status bar, dialog, text view")
struct WidgetTests {
    @Test("Table columns are sized and aligned by display width")
    func table() {
        var table = Table(columns: [
            .init("Name", width: .fill),
            .init("Area", width: .fixed(8)),
            .init("Beds", width: .fixed(4), alignment: .trailing),
        ], rowCount: 3)
        let rows = [
            ["Safe House", "Riverside", "12"],
            ["中文庇护所名称很长很长", "海岸", "3"],
            ["\u{1B}[31mRed\u{1B}[0m shelter", "Hill", "0"],
        ]
        var grid = Grid(width: 30, height: 5)
        table.handle(.down, in: grid.bounds)
        table.render(into: &grid, in: grid.bounds) { rows[$0][$1] }
        #expect(grid.lines() == [
            "Name             Area     Beds",
            "Safe House       Riversi…   12",
            "中文庇护所名称…  海岸        3",
            "Red shelter      Hill        0",
            "",
        ])
        #expect(grid[0, 0].style.bold)
        #expect(grid[0, 2].style.reverse)
        #expect(grid[29, 2].style.reverse)
        expectWellFormed(grid)
    }

    @Test("Status bar: text left, hints right; hints drop when narrow")
    func statusBar() {
        let bar = StatusBar(text: "Sample directory · 12 matches",
                            hints: [KeyHint("/", "Search"), KeyHint(.enter, "Open"), KeyHint("?", "Help"), KeyHint("q", "Quit")])
        var wide = Grid(width: 80, height: 1)
        bar.render(into: &wide, in: wide.bounds)
        #expect(wide.lines() == [" Sample directory · 12 matches             / Search  Enter Open  ? Help  q Quit"])
        #expect(wide[0, 0].style.reverse)
        #expect(wide[79, 0].style.reverse)
        var narrow = Grid(width: 40, height: 1)
        bar.render(into: &narrow, in: narrow.bounds)
        #expect(narrow.lines() == [" Sample directory · 12 match…  / Search"])
        expectWellFormed(narrow)
    }

    @Test("A modal dialog is centred, wraps its text and moves between buttons")
    func dialog() {
        var dialog = ModalDialog(title: "Quit?", message: "Unsaved notes will be lost. Quit anyway?", buttons: ["Cancel", "Quit"], maxWidth: 30)
        var grid = Grid(width: 40, height: 10)
        grid.put(String(repeating: "x", count: 40), at: Point(x: 0, y: 4))
        dialog.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == [
            "",
            "",
            "     ┌─ Quit? ────────────────────┐",
            "     │ Unsaved notes will be      │",
            "xxxxx│ lost. Quit anyway?         │xxxxx",
            "     │                            │",
            "     │    [ Cancel ]  [ Quit ]    │",
            "     └────────────────────────────┘",
            "",
            "",
        ])
        #expect(grid[11, 6].style.reverse)          // the selected button
        #expect(!grid[21, 6].style.reverse)
        let box = dialog.frame(in: grid.bounds)
        #expect(box.width == 30)
        #expect(box.x == 5)
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("Unsaved notes will be"))
        #expect(text.contains("[ Cancel ]  [ Quit ]"))
        #expect(dialog.handle(.right) == .pending)
        #expect(dialog.selectedButton == 1)
        #expect(dialog.handle(.tab) == .pending)
        #expect(dialog.selectedButton == 0)
        #expect(dialog.handle(.backTab) == .pending)
        #expect(dialog.handle(.enter) == .pressed(1))
        #expect(dialog.handle(.escape) == .dismissed)
        expectWellFormed(grid)
    }

    @Test("A text view wraps by display width and scrolls")
    func textView() {
        var view = TextView(text: "第一行文字很长需要换行。\nSecond paragraph with several words in it.\n\nEnd.")
        let size = Size(width: 11, height: 3)
        var grid = Grid(size: size)
        view.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == ["第一行文字", "很长需要换", "行。      ↓"])
        expectWellFormed(grid)
        #expect(view.handle(.end, size: size) == true)
        grid = Grid(size: size)
        view.render(into: &grid, in: grid.bounds)
        #expect(grid.lines().last == "End.")
        #expect(grid.lines().first?.hasSuffix("↑") == true)
        #expect(view.handle(.home, size: size) == true)
        #expect(view.offset == 0)
        #expect(view.handle(.character("x"), size: size) == false)
    }
}
