/// A table with a header row, columns sized by display width, and a selectable, scrolling body.
public struct Table: Hashable, Sendable {
    /// One column: its heading, how wide it is, and how its cells are aligned.
    public struct Column: Hashable, Sendable {
        /// The heading shown in the header row.
        public var title: String
        /// The column's width (fixed cells, a fraction of the table, or a share of the rest).
        public var width: Length
        /// How cell text sits in the column.
        public var alignment: TextAlignment

        /// Creates a column.
        public init(_ title: String, width: Length = .fill, alignment: TextAlignment = .leading) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// Selection and scrolling over the body rows.
    public var list: ListView
    /// Blank columns between two columns.
    public var spacing: Int
    /// How the header row is drawn.
    public var headerStyle = Style(bold: true, underline: true)

    /// Creates a table with `rowCount` body rows, the first selected.
    public init(columns: [Column], rowCount: Int = 0, spacing: Int = 1) {
        self.columns = columns
        self.list = ListView(itemCount: rowCount)
        self.spacing = max(0, spacing)
    }

    /// Rows of the body that fit in `rect` under the header.
    public func bodyRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// The column rectangles across `rect` (the gaps between them left out).
    public func columnRects(in rect: Rect) -> [Rect] {
        guard !columns.isEmpty else { return [] }
        var lengths: [Length] = []
        for (index, column) in columns.enumerated() {
            if index > 0 && spacing > 0 { lengths.append(.fixed(spacing)) }
            lengths.append(column.width)
        }
        let pieces = rect.columns(lengths)
        let stride = spacing > 0 ? 2 : 1
        return Swift.stride(from: 0, to: pieces.count, by: stride).map { pieces[$0] }
    }

    /// Handles a movement key for the body; returns true if it was for the table.
    @discardableResult
    public mutating func handle(_ key: Key, in rect: Rect) -> Bool {
        list.handle(key, visibleRows: bodyRows(in: rect))
    }

    /// Draws the header (in `headerStyle`) and the visible body rows; `cell(row, column)` gives each cell's text.
    ///
    /// The selected row is reverse video across the whole width when focused (bold when not);
    /// `rowStyle` gives the style of each other row.
    public func render(into grid: inout Grid, in rect: Rect, focused: Bool = true, rowStyle: (Int) -> Style = { _ in .plain },
                       cell: (Int, Int) -> String) {
        guard !rect.isEmpty else { return }
        let header = rect.row(0)
        grid.fill(header)
        for (index, columnRect) in columnRects(in: header).enumerated() {
            grid.put(columns[index].title, in: columnRect, style: headerStyle, alignment: columns[index].alignment)
        }
        let body = rect.inset(top: 1)
        list.render(into: &grid, in: body) { row, line, isSelected, grid in
            let style: Style = isSelected ? (focused ? .selected : .emphasis) : rowStyle(row)
            if isSelected { grid.fill(line, style: style) }
            for (column, columnRect) in columnRects(in: line).enumerated() {
                grid.put(cell(row, column), in: columnRect, style: style, alignment: columns[column].alignment)
            }
        }
    }
}

extension Table {
    /// A table of fixed-width columns over an existing selection (the list a screen keeps in its state).
    public static func fixed(_ titles: [String], widths: [Int], list: ListView) -> Table {
        var table = Table(columns: zip(titles, widths).map { Column($0, width: .fixed($1)) })
        table.list = list
        return table
    }
}
