import Testing
@testable import Terminal

/// Provider names as they might arrive in an imported directory.
let hostileNames: [String] = [
    "\u{1B}[31mRED ALERT\u{1B}[0m Shelter",
    "\u{1B}]0;pwned title\u{07}Title Changer",
    "Carriage\rReturn House",
    "Tab\tSeparated\tName",
    "Zero\u{200B}Width\u{200D}Joiner\u{FEFF}",
    "Evil \u{202E}reversed\u{202C} text",
    "مأوى النساء الآمن",
    "中文庇护所" + String(repeating: "很长", count: 100),
    String(repeating: "Very Long Provider Name ", count: 84),   // over 2,000 characters
    "Line one\nLine two\u{2028}Line three",
    "\u{9B}2J\u{1B}[HCleared?",
    "e\u{301}\u{301}\u{301} stacked marks",
    "👩‍⚕️ Clinic 🇫🇷",
    "",
]

@Suite("Bad input stays on its row")
struct BadInputTests {
    @Test("A list of hostile names renders aligned at 80x24")
    func hostileList() {
        #expect(hostileNames[8].count >= 2000)
        var list = ListView(itemCount: hostileNames.count)
        var grid = Grid(size: .standard)
        let rows = grid.bounds.rows([.fixed(1), .fill, .fixed(1)])
        grid.put("Results", in: rows[0], style: .heading)
        list.handle(.character("G"), visibleRows: rows[1].height)
        list.render(into: &grid, in: rows[1].inset(left: 2, right: 2)) { hostileNames[$0] }
        StatusBar(text: hostileNames[8], hints: [KeyHint("q", "Quit")]).render(into: &grid, in: rows[2])
        expectWellFormed(grid)
        let lines = grid.lines()
        #expect(lines[1] == "  RED ALERT Shelter")
        #expect(lines[2] == "  Title Changer")
        #expect(lines[3] == "  Carriage Return House")
        #expect(lines[4] == "  Tab Separated Name")
        #expect(lines[5] == "  ZeroWidthJoiner")
        #expect(lines[6] == "  Evil reversed text")
        #expect(TextWidth.of(lines[8]) == 77)        // wide characters: one column short, never split
        #expect(lines[8].hasSuffix("…"))
        #expect(TextWidth.of(lines[9]) == 78)        // the 2,000-character name
        #expect(lines[9].hasSuffix("…"))
        #expect(lines[11] == "  Cleared?")
        #expect(lines[23].hasSuffix("q Quit"))
        // Every cell holds at most one grapheme and nothing a terminal acts on.
        for y in 0..<grid.height {
            for cell in grid.row(y) where !cell.isContinuation {
                #expect(cell.character.count == 1)
                #expect(isInert(cell.character))
            }
        }
    }

    @Test("Hostile names in a table keep every column in place")
    func hostileTable() {
        let table = Table(columns: [.init("Name", width: .fraction(0.5)), .init("Area", width: .fill), .init("#", width: .fixed(3), alignment: .trailing)],
                          rowCount: hostileNames.count)
        var grid = Grid(size: .standard)
        table.render(into: &grid, in: grid.bounds) { row, column in
            column == 2 ? "\(row)" : hostileNames[(row + column * 3) % hostileNames.count]
        }
        expectWellFormed(grid)
        for line in grid.lines().dropFirst().prefix(hostileNames.count) {
            // The row number always ends in the last column, whatever the names did.
            #expect(TextWidth.of(line) == 80, "\(line)")
        }
    }

    @Test("Wrapped hostile descriptions stay within the width")
    func hostileTextView() {
        let view = TextView(text: hostileNames.joined(separator: "\n"))
        var grid = Grid(width: 40, height: 24)
        view.render(into: &grid, in: grid.bounds)
        expectWellFormed(grid)
    }

    @Test("An empty list renders blank and still takes keys")
    func emptyList() {
        var list = ListView(itemCount: 0)
        var grid = Grid(size: .standard)
        list.render(into: &grid, in: grid.bounds) { _ in "never" }
        #expect(grid.lines().allSatisfy { $0.isEmpty } == true)
        for key in [Key.down, .up, .pageDown, .pageUp, .home, .end] { list.handle(key, visibleRows: 24) }
        #expect(list.selection == nil)
        var table = Table(columns: [.init("Name")])
        table.handle(.down, in: grid.bounds)
        table.render(into: &grid, in: grid.bounds) { _, _ in "never" }
        #expect(grid.lines().first == "Name")
        var picker = TreePicker(roots: [])
        #expect(picker.handle(.enter, visibleRows: 10) == false)
        picker.render(into: &grid, in: grid.bounds)
    }
}
