import Testing
@testable import Terminal

@Suite("TreePicker")
struct TreePickerTests {
    static let areas = [
        TreeNode(id: "XA01", label: "Northern Region", children: [
            TreeNode(id: "XA0101", label: "Riverside District"),
            TreeNode(id: "XA0102", label: "Hill District"),
        ]),
        TreeNode(id: "XA02", label: "Southern Region", children: [
            TreeNode(id: "XA0201", label: "海岸 Coast District"),
        ]),
        TreeNode(id: "XA03", label: "Islands"),
    ]

    @Test("Expand, move into the children, choose a district")
    func expandAndChoose() {
        var picker = TreePicker(roots: Self.areas)
        #expect(picker.rows.map(\.node.id) == ["XA01", "XA02", "XA03"])
        #expect(picker.handle(.right, visibleRows: 10) == true)
        #expect(picker.rows.map(\.node.id) == ["XA01", "XA0101", "XA0102", "XA02", "XA03"])
        picker.handle(.down, visibleRows: 10)
        picker.handle(.down, visibleRows: 10)
        #expect(picker.current?.id == "XA0102")
        picker.handle(.enter, visibleRows: 10)
        #expect(picker.chosen == "XA0102")
        #expect(picker.chosenPath.map(\.label) == ["Northern Region", "Hill District"])
        picker.handle(.enter, visibleRows: 10)          // choosing again clears
        #expect(picker.chosen == nil)
        picker.handle(.character(" "), visibleRows: 10)
        #expect(picker.chosen == "XA0102")
        picker.handle(.backspace, visibleRows: 10)
        #expect(picker.chosen == nil)
    }

    @Test("Typing finds: matches with their ancestors and children, the cursor on the first, accents and case ignored; Backspace widens")
    func typingFinds() {
        var picker = TreePicker(roots: Self.areas + [TreeNode(id: "XB01", label: "Mirești", children: [TreeNode(id: "XB0101", label: "Lunca Albă")])])
        for c in "district" { picker.handle(.character(c), visibleRows: 10) }
        #expect(picker.query == "district")
        #expect(picker.rows.map(\.node.id) == ["XA01", "XA0101", "XA0102", "XA02", "XA0201"], "each district under its region")
        #expect(picker.current?.id == "XA0101", "the cursor on the first match, not on its region")
        for c in " h" { picker.handle(.character(c), visibleRows: 10) }
        #expect(picker.rows.map(\.node.id).isEmpty, "'district h' matches nothing")
        picker.handle(.backspace, visibleRows: 10)
        picker.handle(.backspace, visibleRows: 10)
        #expect(picker.query == "district" && picker.rows.count == 5)
        for _ in 0..<8 { picker.handle(.backspace, visibleRows: 10) }
        #expect(picker.query.isEmpty && picker.rows.map(\.node.id) == ["XA01", "XA02", "XA03", "XB01"], "the whole tree again, collapsed")
        for c in "MIRESTI" { picker.handle(.character(c), visibleRows: 10) }
        #expect(picker.rows.map(\.node.id) == ["XB01", "XB0101"], "a region found shows its districts")
        picker.handle(.enter, visibleRows: 10)
        #expect(picker.chosen == "XB01")
        picker.handle(.backspace, visibleRows: 10)
        #expect(picker.chosen == "XB01" && picker.query == "MIREST", "Backspace takes typed text back before it clears the choice")
    }

    @Test("Left steps out to the parent, then collapses it")
    func collapse() {
        var picker = TreePicker(roots: Self.areas)
        picker.handle(.right, visibleRows: 10)
        picker.handle(.right, visibleRows: 10)          // into the first child
        #expect(picker.current?.id == "XA0101")
        picker.handle(.left, visibleRows: 10)
        #expect(picker.current?.id == "XA01")
        picker.handle(.left, visibleRows: 10)
        #expect(picker.rows.count == 3)
        #expect(picker.current?.id == "XA01")
        #expect(picker.handle(.left, visibleRows: 10) == false)  // nothing further out
    }

    @Test("Collapsing a node with the cursor inside moves the cursor to it")
    func collapseWithCursorInside() {
        var picker = TreePicker(roots: Self.areas)
        picker.choose("XA0201")
        #expect(picker.current?.id == "XA0201")
        picker.collapse("XA02")
        #expect(picker.current?.id == "XA02")
        #expect(picker.chosen == "XA0201")
    }

    @Test("Choosing by id expands the ancestors; rendering marks state")
    func chooseAndRender() {
        let picker = TreePicker(roots: Self.areas, chosen: "XA0201")
        #expect(picker.rows.map(\.node.id) == ["XA01", "XA02", "XA0201", "XA03"])
        var grid = Grid(width: 30, height: 5)
        picker.render(into: &grid, in: grid.bounds)
        #expect(grid.lines() == [
            "▸ Northern Region",
            "▾ Southern Region",
            "    海岸 Coast District ✓",
            "  Islands",
            "",
        ])
        #expect(grid[0, 2].style.reverse)
        expectWellFormed(grid)
    }

    @Test("A replaced tree drops a choice that no longer exists")
    func replaceRoots() {
        var picker = TreePicker(roots: Self.areas, chosen: "XA0102")
        picker.setRoots([TreeNode(id: "XA03", label: "Islands")])
        #expect(picker.chosen == nil)
        #expect(picker.rows.count == 1)
        #expect(picker.current?.id == "XA03")
    }
}
