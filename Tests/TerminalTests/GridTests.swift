import Testing
@testable import Terminal

/// Checks that every line of the grid fits its width and that continuation cells follow wide heads.
func expectWellFormed(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for (y, line) in grid.lines().enumerated() {
        #expect(TextWidth.of(line) <= grid.width, "line \(y) is \(TextWidth.of(line)) wide: \(line)", sourceLocation: sourceLocation)
        #expect(isInert(line), "line \(y) holds a control character", sourceLocation: sourceLocation)
    }
    for y in 0..<grid.height {
        var expectedContinuations = 0
        for x in 0..<grid.width {
            let cell = grid[x, y]
            if expectedContinuations > 0 {
                #expect(cell.isContinuation, "cell \(x),\(y) should continue a wide character", sourceLocation: sourceLocation)
                expectedContinuations -= 1
            } else {
                #expect(!cell.isContinuation, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
                expectedContinuations = max(0, cell.width - 1)
            }
        }
        #expect(expectedContinuations == 0, "row \(y) ends inside a wide character", sourceLocation: sourceLocation)
    }
}

@Suite("Grid")
struct GridTests {
    @Test("Text is written cell by cell and lines() trims trailing spaces")
    func putAndDump() {
        var grid = Grid(width: 10, height: 2)
        let used = grid.put("hi there", at: Point(x: 1, y: 0))
        #expect(used == 8)
        #expect(grid.lines() == [" hi there", ""])
        #expect(grid[1, 0].character == "h")
    }

    @Test("A wide character at the right edge is left out, not split")
    func wideAtEdge() {
        var grid = Grid(width: 5, height: 1)
        let used = grid.put("ab中文", at: .zero)
        #expect(used == 4)
        #expect(grid.lines() == ["ab中"])
        #expect(grid[2, 0].width == 2)
        #expect(grid[3, 0].isContinuation)
        #expect(grid[4, 0] == .blank)
        expectWellFormed(grid)
    }

    @Test("maxWidth clips by display width")
    func maxWidthClips() {
        var grid = Grid(width: 20, height: 1)
        #expect(grid.put("中文字", at: .zero, maxWidth: 3) == 2)
        #expect(grid.lines() == ["中"])
        #expect(grid.put("e\u{301}e\u{301}e\u{301}", at: Point(x: 10, y: 0), maxWidth: 2) == 2)
        #expect(grid.line(0).hasSuffix("e\u{301}e\u{301}"))
    }

    @Test("Writing over half of a wide character blanks the other half")
    func overwriteHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("中文", at: .zero)
        grid.put("x", at: Point(x: 1, y: 0))         // right half of 中
        #expect(grid.lines() == [" x文"])
        grid.put("y", at: Point(x: 2, y: 0))         // left half of 文
        #expect(grid.lines() == [" xy"])
        expectWellFormed(grid)
        grid.put("宽", at: Point(x: 1, y: 0))
        grid.put("字", at: Point(x: 2, y: 0))
        expectWellFormed(grid)
    }

    @Test("Negative x skips columns; a wide character cut by the left edge becomes a space")
    func negativeX() {
        var grid = Grid(width: 6, height: 1)
        grid.put("中ab", at: Point(x: -1, y: 0))
        #expect(grid.lines() == [" ab"])
        expectWellFormed(grid)
    }

    @Test("Writing outside the grid does nothing")
    func outside() {
        var grid = Grid(width: 3, height: 1)
        #expect(grid.put("x", at: Point(x: 0, y: 5)) == 0)
        #expect(grid.put("x", at: Point(x: 3, y: 0)) == 0)
        #expect(grid.lines() == [""])
    }

    @Test("put(in:) aligns and truncates inside a rectangle")
    func putInRect() {
        var grid = Grid(width: 12, height: 3)
        grid.put("right", in: Rect(x: 0, y: 0, width: 12, height: 1), alignment: .trailing)
        grid.put("mid", in: Rect(x: 0, y: 1, width: 12, height: 1), alignment: .center)
        grid.put("much too long text", in: Rect(x: 2, y: 2, width: 8, height: 1))
        #expect(grid.lines() == ["       right", "    mid", "  much to…"])
    }

    @Test("Fill and restyle paint styles without changing characters")
    func fillAndRestyle() {
        var grid = Grid(width: 4, height: 2)
        grid.put("ab", at: .zero)
        grid.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { $0.reverse = true }
        #expect(grid[0, 0].style.reverse)
        #expect(grid[0, 0].character == "a")
        grid.fill(Rect(x: 0, y: 1, width: 4, height: 1), with: "-")
        #expect(grid.lines() == ["ab", "----"])
        grid.fill(Rect(x: 0, y: 1, width: 4, height: 1), with: "中")   // not one column: spaces
        #expect(grid.lines() == ["ab", ""])
        grid.clear()
        #expect(grid.lines() == ["", ""])
    }

    @Test("A box with a title")
    func box() {
        var grid = Grid(width: 12, height: 3)
        grid.drawBox(grid.bounds, title: "Title")
        #expect(grid.lines() == ["┌─ Title ──┐", "│          │", "└──────────┘"])
        expectWellFormed(grid)
    }
}

@Suite("Rect layout")
struct RectTests {
    @Test("Fixed pieces first, then fills share the rest")
    func fixedAndFill() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).rows([.fixed(1), .fill, .fixed(1)])
        #expect(parts.map(\.height) == [1, 22, 1])
        #expect(parts.map(\.y) == [0, 1, 23])
    }

    @Test("Fractions of the whole, remainder to the first fill")
    func fractions() {
        let parts = Rect(x: 2, y: 0, width: 81, height: 1).columns([.fraction(1.0 / 3.0), .fill, .fill])
        #expect(parts.map(\.width) == [27, 27, 27])
        #expect(parts.map(\.x) == [2, 29, 56])
        let uneven = Rect(x: 0, y: 0, width: 10, height: 1).columns([.fill, .fill, .fill])
        #expect(uneven.map(\.width) == [4, 3, 3])
    }

    @Test("Not enough room: later pieces shrink to zero")
    func overflow() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).columns([.fixed(6), .fixed(6), .fill])
        #expect(parts.map(\.width) == [6, 4, 0])
    }

    @Test("Inset, centre, row and intersection")
    func helpers() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(rect.inset(top: 1, left: 2) == Rect(x: 2, y: 1, width: 78, height: 23))
        #expect(rect.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(rect.centered(width: 100, height: 100) == rect)
        #expect(rect.row(3) == Rect(x: 0, y: 3, width: 80, height: 1))
        #expect(rect.row(30).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 5).isEmpty)
        #expect(rect.intersection(Rect(x: 70, y: 20, width: 20, height: 20)) == Rect(x: 70, y: 20, width: 10, height: 4))
    }
}

@Suite("Keys")
struct KeyTests {
    @Test("Control characters map to keys", arguments: [
        (UInt32(0x03), Key.ctrl("c")),
        (0x0D, .enter),
        (0x0A, .enter),
        (0x09, .tab),
        (0x1B, .escape),
        (0x7F, .backspace),
        (0x08, .backspace),
        (0x01, .ctrl("a")),
        (0x1A, .ctrl("z")),
        (0x1C, .ctrl("\\")),
        (0x71, .character("q")),
        (0x4E2D, .character("中")),
    ])
    func controlMapping(value: UInt32, expected: Key) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(Key(scalar: scalar) == expected)
    }

    @Test("C1 codes are not keys")
    func c1() throws {
        #expect(Key(scalar: try #require(Unicode.Scalar(0x9B))) == nil)
    }

    @Test("Typing a string gives its keys; names read well in hints")
    func typingAndNames() {
        #expect(Key.typing("a中\n") == [.character("a"), .character("中"), .enter])
        #expect(Key.interrupt.description == "Ctrl-C")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.character(" ").description == "Space")
        #expect(Key.function(1).description == "F1")
    }
}
