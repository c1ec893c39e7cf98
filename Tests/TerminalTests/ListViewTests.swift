import Testing
@testable import Terminal

@Suite("ListView")
struct ListViewTests {
    @Test("Moving down keeps the selection visible")
    func scrollingFollowsSelection() {
        var list = ListView(itemCount: 100)
        for _ in 0..<15 { list.handle(.down, visibleRows: 10) }
        #expect(list.selection == 15)
        #expect(list.visibleRange(visibleRows: 10) == 6..<16)
        for _ in 0..<3 { list.handle(.up, visibleRows: 10) }
        #expect(list.selection == 12)
        #expect(list.visibleRange(visibleRows: 10) == 6..<16)   // no jump while still visible
        for _ in 0..<10 { list.handle(.character("k"), visibleRows: 10) }
        #expect(list.selection == 2)
        #expect(list.visibleRange(visibleRows: 10) == 2..<12)
    }

    @Test("Page, Home and End")
    func pagingAndEnds() {
        var list = ListView(itemCount: 100)
        list.handle(.pageDown, visibleRows: 10)
        #expect(list.selection == 9)
        list.handle(.pageDown, visibleRows: 10)
        #expect(list.selection == 18)
        #expect(list.visibleRange(visibleRows: 10).contains(18))
        list.handle(.end, visibleRows: 10)
        #expect(list.selection == 99)
        #expect(list.visibleRange(visibleRows: 10) == 90..<100)
        list.handle(.pageDown, visibleRows: 10)
        #expect(list.selection == 99)
        list.handle(.home, visibleRows: 10)
        #expect(list.selection == 0)
        #expect(list.visibleRange(visibleRows: 10) == 0..<10)
        list.handle(.character("G"), visibleRows: 10)
        #expect(list.selection == 99)
        list.handle(.pageUp, visibleRows: 10)
        #expect(list.selection == 90)
        #expect(list.visibleRange(visibleRows: 10).contains(90))
    }

    @Test("A shrinking list keeps the selection in range; an empty list has none")
    func itemCountChanges() {
        var list = ListView(itemCount: 50)
        list.handle(.end, visibleRows: 10)
        list.setItemCount(20)
        #expect(list.selection == 19)
        #expect(list.visibleRange(visibleRows: 10).contains(19))
        list.setItemCount(0)
        #expect(list.selection == nil)
        #expect(list.visibleRange(visibleRows: 10).isEmpty)
        #expect(list.handle(.down, visibleRows: 10) == true)
        #expect(list.selection == nil)
        list.setItemCount(3)
        #expect(list.selection == 0)
    }

    @Test("With nothing selected, Down selects the first item")
    func downFromNothing() {
        var list = ListView(itemCount: 3, selection: nil)
        #expect(list.selection == nil)
        list.handle(.down, visibleRows: 3)
        #expect(list.selection == 0)
    }

    @Test("Vim keys can be turned off (a search box needs j and k)")
    func vimKeysOff() {
        var list = ListView(itemCount: 5, vimKeys: false)
        #expect(list.handle(.character("j"), visibleRows: 3) == false)
        #expect(list.selection == 0)
        #expect(list.handle(.character("x"), visibleRows: 3) == false)
    }

    @Test("The selected row is reverse video when focused, bold when not")
    func rendering() {
        var list = ListView(itemCount: 30)
        for _ in 0..<7 { list.handle(.down, visibleRows: 5) }
        var grid = Grid(width: 20, height: 5)
        list.render(into: &grid, in: grid.bounds) { "Item \($0)" }
        #expect(grid.lines() == ["Item 3", "Item 4", "Item 5", "Item 6", "Item 7"])
        #expect(grid[0, 4].style.reverse)
        #expect(grid[19, 4].style.reverse)        // across the whole row
        #expect(!grid[0, 3].style.reverse)
        var unfocused = Grid(width: 20, height: 5)
        list.render(into: &unfocused, in: unfocused.bounds, focused: false) { "Item \($0)" }
        #expect(!unfocused[0, 4].style.reverse)
        #expect(unfocused[0, 4].style.bold)
    }
}
