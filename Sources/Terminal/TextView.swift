/// A block of text wrapped to its width by display width, scrolled line by line.
public struct TextView: Hashable, Sendable {
    /// How the text's lines are fitted to the view's width.
    public enum Layout: Hashable, Sendable {
        /// Reflowed: words are wrapped at spaces (runs of spaces become one).
        case wrapped
        /// As laid out: a line that fits is kept as it is, its columns and spaces too; only a wider one is wrapped.
        case laidOut
    }

    /// The text; line breaks start new lines, long lines wrap at spaces.
    public private(set) var text: String
    public private(set) var layout: Layout
    /// Index of the first visible wrapped line.
    public private(set) var offset: Int

    /// Creates a view of `text`, scrolled to the top.
    public init(text: String = "", layout: Layout = .wrapped) {
        self.text = text
        self.layout = layout
        self.offset = 0
    }

    /// Replaces the text and scrolls to the top.
    public mutating func setText(_ newText: String) {
        text = newText
        offset = 0
    }

    /// The wrapped lines for a given width.
    public func lines(width: Int) -> [String] {
        switch layout {
        case .wrapped:
            return DisplayText.wrap(text, width: width)
        case .laidOut:
            return text.components(separatedBy: "\n").flatMap { line -> [String] in
                if DisplayText.width(line) <= width { return [line] }
                let wrapped = DisplayText.wrap(line, width: width)
                return wrapped.isEmpty ? [""] : wrapped
            }
        }
    }

    /// The first line shown in `rows` rows `width` columns wide: the offset, never past the last page.
    public func visibleStart(rows: Int, width: Int) -> Int {
        min(offset, max(0, lines(width: width).count - rows))
    }

    /// Handles a scrolling key for a view of `size` (the `rect` it is rendered in); returns true if it was for the view.
    ///
    /// Up/Down (`k`/`j`) scroll one line, PgUp/PgDn (and Space) a page, Home/End to the ends.
    @discardableResult
    public mutating func handle(_ key: Key, size: Size) -> Bool {
        let total = lines(width: max(1, size.width - 1)).count
        guard let next = ScrollKeys.offset(after: key, from: offset, rows: size.height, total: total) else { return false }
        offset = next
        return true
    }

    /// Draws the visible lines in `rect`, with `↑`/`↓` in the right column when there is more above or below.
    public func render(into grid: inout Grid, in rect: Rect, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: style)
        let all = lines(width: max(1, rect.width - 1))
        let start = min(offset, max(0, all.count - rect.height))
        for (row, line) in all.dropFirst(start).prefix(rect.height).enumerated() {
            grid.put(line, in: Rect(x: rect.x, y: rect.y + row, width: rect.width - 1, height: 1), style: style)
        }
        if start > 0 { grid.put("↑", at: Point(x: rect.maxX - 1, y: rect.y), style: .muted) }
        if start + rect.height < all.count { grid.put("↓", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: .muted) }
    }
}
