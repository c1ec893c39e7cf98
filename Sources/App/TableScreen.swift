import Terminal

/// A screen whose body is one table over a list: it moves the selection the way every such screen does.
protocol TableScreen {
    /// The table's columns over a selection, at a terminal width.
    static func table(_ s: StringTable, list: ListView, width: Int) -> Table
    /// Where the table goes on a terminal of `size`.
    static func tableRect(_ size: Size) -> Rect
    /// The selection.
    var list: ListView { get set }
}

extension TableScreen {
    /// Moves the selection by a key (arrows, pages, j k g G), as the table handles it on the screen.
    mutating func moveSelection(_ key: Key, _ state: AppState) {
        var table = Self.table(state.strings, list: list, width: state.size.width)
        table.handle(key, in: Self.tableRect(state.size))
        list = table.list
    }
}
