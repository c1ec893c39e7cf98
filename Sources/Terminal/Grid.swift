/// A screen's worth of cells that widgets paint into and backends show.
///
/// All text goes through `DisplayText` on its way in: it is sanitised and
/// measured, clipped by display width, and a wide character is never split —
/// if it does not fit it is left out. Writing over half of an existing wide
/// character blanks its other half, so the grid is always well-formed.
public struct Grid: Hashable, Sendable {
    /// Number of columns and rows.
    public let size: Size
    /// Where the terminal cursor should be shown (a text input's caret), or nil to hide it.
    public var cursor: Point?
    private var storage: [Cell]

    /// Creates a grid of blank cells.
    public init(size: Size) {
        self.size = size
        self.cursor = nil
        self.storage = Array(repeating: .blank, count: size.width * size.height)
    }

    /// Creates a grid of blank cells, `width` columns by `height` rows.
    public init(width: Int, height: Int) {
        self.init(size: Size(width: width, height: height))
    }

    /// Number of columns.
    public var width: Int { size.width }
    /// Number of rows.
    public var height: Int { size.height }
    /// The whole grid as a rectangle at the origin.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at a column and row; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return storage[y * width + x]
    }

    /// The cells of one row, left to right (empty outside the grid).
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return storage[(y * width)..<((y + 1) * width)]
    }

    /// Writes text on one row starting at `point`, and returns the columns used.
    ///
    /// The text is sanitised, then clipped at the right edge of the grid and at
    /// `maxWidth` columns. Only whole graphemes are written. Columns left of the
    /// grid (negative `x`) are skipped, and a wide character cut by the left edge
    /// shows as a space.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < height, point.x < width else { return 0 }
        let limit = min(width, maxWidth.map { point.x + max(0, $0) } ?? width)
        let start = max(point.x, 0)
        guard limit > start else { return 0 }
        var column = point.x
        for (grapheme, columns) in DisplayText.graphemes(text) {
            if column + columns > limit { break }
            if column < 0 {
                if column + columns > 0 {
                    for x in 0..<(column + columns) { place(.blank(style), x: x, y: point.y) }
                }
                column += columns
                continue
            }
            place(Cell(character: grapheme, width: columns, style: style), x: column, y: point.y)
            column += columns
        }
        return max(0, column - start)
    }

    /// Writes text into the first row of `rect`, aligned, with an ellipsis if it is too wide.
    ///
    /// When `padding` is true the rest of the row is painted with spaces in
    /// `style` (so a selected row is reversed across its whole width).
    @discardableResult
    public mutating func put(
        _ text: String, in rect: Rect, style: Style = .plain,
        alignment: TextAlignment = .leading, padding: Bool = false
    ) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        if padding { fill(rect.row(0), style: style) }
        let fitted = DisplayText.truncate(text, toWidth: rect.width)
        let gap = rect.width - TextWidth.of(fitted)
        let offset: Int
        switch alignment {
        case .leading: offset = 0
        case .center: offset = gap / 2
        case .trailing: offset = gap
        }
        return put(fitted, at: Point(x: rect.x + offset, y: rect.y), style: style, maxWidth: rect.width - offset)
    }

    /// Paints every cell of `rect` (clipped to the grid) as a space in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { place(.blank(style), x: x, y: y) }
        }
    }

    /// Paints every cell of `rect` with one narrow character in `style`.
    ///
    /// A character that is not exactly one column wide is replaced by a space.
    public mutating func fill(_ rect: Rect, with character: Character, style: Style = .plain) {
        let clean = DisplayText.graphemes(String(character))
        let cell: Cell
        if clean.count == 1, let only = clean.first, only.width == 1 {
            cell = Cell(character: only.grapheme, width: 1, style: style)
        } else {
            cell = .blank(style)
        }
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { place(cell, x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { change(&storage[y * width + x].style) }
        }
    }

    /// Blanks the whole grid and hides the cursor.
    public mutating func clear() {
        for index in storage.indices { storage[index] = .blank }
        cursor = nil
    }

    /// Draws a single-line box on the edge of `rect`, with an optional title in the top edge.
    public mutating func drawBox(_ rect: Rect, style: Style = .plain, title: String? = nil, titleStyle: Style? = nil) {
        let area = rect
        guard area.width >= 2, area.height >= 2 else { return }
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        if area.width > 2 {
            fill(Rect(x: left + 1, y: top, width: area.width - 2, height: 1), with: "─", style: style)
            fill(Rect(x: left + 1, y: bottom, width: area.width - 2, height: 1), with: "─", style: style)
        }
        if area.height > 2 {
            fill(Rect(x: left, y: top + 1, width: 1, height: area.height - 2), with: "│", style: style)
            fill(Rect(x: right, y: top + 1, width: 1, height: area.height - 2), with: "│", style: style)
        }
        put("┌", at: Point(x: left, y: top), style: style)
        put("┐", at: Point(x: right, y: top), style: style)
        put("└", at: Point(x: left, y: bottom), style: style)
        put("┘", at: Point(x: right, y: bottom), style: style)
        if let title, area.width > 6 {
            let text = " " + DisplayText.truncate(title, toWidth: area.width - 6) + " "
            put(text, at: Point(x: left + 2, y: top), style: titleStyle ?? style)
        }
    }

    /// The grid as plain text, one string per row, trailing spaces trimmed.
    ///
    /// This is what golden-screen tests compare; every line is at most `width` columns.
    public func lines() -> [String] {
        (0..<height).map { line($0) }
    }

    /// One row as plain text, trailing spaces trimmed.
    public func line(_ y: Int) -> String {
        var text = ""
        for cell in row(y) where !cell.isContinuation { text += cell.character }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The grid as one string: `lines()` joined with newlines.
    public var text: String { lines().joined(separator: "\n") }

    /// Stores a head cell at (x, y), with continuation cells for its extra columns.
    ///
    /// Any wide character whose other half this overwrites is replaced by spaces.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        let columns = max(1, cell.width)
        guard y >= 0, y < height, x >= 0, x + columns <= width else { return }
        let base = y * width
        if storage[base + x].isContinuation {
            var head = x - 1
            while head >= 0, storage[base + head].isContinuation { head -= 1 }
            if head >= 0 {
                let headStyle = storage[base + head].style
                for column in head..<x { storage[base + column] = .blank(headStyle) }
            }
        }
        var after = x + columns
        while after < width, storage[base + after].isContinuation {
            storage[base + after] = .blank(storage[base + after].style)
            after += 1
        }
        storage[base + x] = cell
        for column in (x + 1)..<(x + columns) { storage[base + column] = .continuation(cell.style) }
    }
}
