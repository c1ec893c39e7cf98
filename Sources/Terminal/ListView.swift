/// A scrolling list with one selected row, kept visible as the selection moves.
///
/// The list holds only positions (the number of items, the selected index and
/// the first visible index); the items themselves are passed to `render`, so
/// a list of 100,000 results costs nothing until its visible rows are drawn.
public struct ListView: Hashable, Sendable {
    /// Number of items in the list.
    public private(set) var itemCount: Int
    /// Index of the selected item, or nil when the list is empty.
    public private(set) var selection: Int?
    /// Index of the first visible item.
    public private(set) var offset: Int
    /// Whether `j`, `k`, `g` and `G` move the selection as well as the arrow keys.
    public var vimKeys: Bool

    /// Creates a list with `itemCount` items, the first selected.
    public init(itemCount: Int = 0, selection: Int? = 0, vimKeys: Bool = true) {
        self.itemCount = max(0, itemCount)
        self.selection = nil
        self.offset = 0
        self.vimKeys = vimKeys
        select(selection)
    }

    /// Changes the number of items, keeping the selection in range (first item if there was none).
    public mutating func setItemCount(_ count: Int) {
        itemCount = max(0, count)
        select(selection ?? 0)
        offset = min(offset, max(0, itemCount - 1))
    }

    /// Selects an item (clamped to the list); nil or an empty list clears the selection.
    public mutating func select(_ index: Int?) {
        guard let index, itemCount > 0 else {
            selection = nil
            offset = 0
            return
        }
        selection = min(max(0, index), itemCount - 1)
    }

    /// Handles a movement key; returns true if the key was for the list.
    ///
    /// Up/Down (and `k`/`j`) move by one, PgUp/PgDn by a page of `visibleRows`,
    /// Home/End (and `g`/`G`) go to the ends. The offset then follows so that the
    /// selection is on screen.
    @discardableResult
    public mutating func handle(_ key: Key, visibleRows: Int) -> Bool {
        let page = max(1, visibleRows - 1)
        let current = selection ?? -1   // with nothing selected, Down selects the first item
        switch key {
        case .up: select(current - 1)
        case .down: select(current + 1)
        case .pageUp: select(current - page)
        case .pageDown: select(current + page)
        case .home: select(0)
        case .end: select(itemCount - 1)
        case .character("k") where vimKeys: select(current - 1)
        case .character("j") where vimKeys: select(current + 1)
        case .character("g") where vimKeys: select(0)
        case .character("G") where vimKeys: select(itemCount - 1)
        default: return false
        }
        scrollToSelection(visibleRows: visibleRows)
        return true
    }

    /// Moves the offset as little as possible so the selection is among `visibleRows` rows.
    public mutating func scrollToSelection(visibleRows: Int) {
        offset = visibleStart(visibleRows: visibleRows)
    }

    /// The first index to show in `visibleRows` rows: the stored offset, moved just
    /// enough to show the selection, and never leaving empty rows at the bottom
    /// when there are items above.
    public func visibleStart(visibleRows: Int) -> Int {
        let rows = max(1, visibleRows)
        var start = min(offset, max(0, itemCount - rows))
        if let selection {
            if selection < start { start = selection }
            if selection >= start + rows { start = selection - rows + 1 }
        }
        return max(0, start)
    }

    /// The indices shown in `visibleRows` rows.
    public func visibleRange(visibleRows: Int) -> Range<Int> {
        let start = visibleStart(visibleRows: visibleRows)
        return start..<min(itemCount, start + max(0, visibleRows))
    }

    /// Draws the visible items, one per row of `rect`; the selected one in reverse video when focused.
    ///
    /// `item` returns the text of an index; it is truncated with an ellipsis to the row's width.
    /// An unfocused list marks its selection in bold instead.
    public func render(into grid: inout Grid, in rect: Rect, focused: Bool = true, item: (Int) -> String) {
        render(into: &grid, in: rect) { index, row, isSelected, grid in
            let style: Style = isSelected ? (focused ? .selected : .emphasis) : .plain
            grid.put(item(index), in: row, style: style, padding: true)
        }
    }

    /// Draws the visible items with a custom row painter, one per row of `rect`.
    ///
    /// `drawRow` gets the item index, its row, whether it is selected, and the grid.
    public func render(into grid: inout Grid, in rect: Rect, drawRow: (Int, Rect, Bool, inout Grid) -> Void) {
        guard !rect.isEmpty else { return }
        grid.fill(rect)
        for (line, index) in visibleRange(visibleRows: rect.height).enumerated() {
            drawRow(index, rect.row(line), index == selection, &grid)
        }
    }
}
