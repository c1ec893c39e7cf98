/// A one-line text field with a cursor, edited grapheme by grapheme.
///
/// The cursor counts graphemes (Swift `Character`s), so a CJK character, an
/// emoji or an accented letter made of several code points is one step for
/// the arrows and one deletion for Backspace. Typed control characters never
/// enter the text. When the text is wider than the field it scrolls sideways
/// to keep the cursor visible.
public struct TextInput: Hashable, Sendable {
    /// The text typed so far (sanitised: no control characters).
    public private(set) var text: String
    /// The cursor position, in graphemes from the start (0 is before the first).
    public private(set) var cursor: Int
    /// Index of the first visible grapheme when the text is wider than the field.
    public private(set) var scroll: Int
    /// Shown dimmed when the text is empty.
    public var placeholder: String
    /// The most graphemes the field accepts, or nil for no limit.
    public var maxLength: Int?

    /// Creates a field holding `text`, with the cursor at its end.
    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil) {
        let clean = DisplayText.sanitize(text)
        self.text = clean
        self.cursor = clean.count
        self.scroll = 0
        self.placeholder = placeholder
        self.maxLength = maxLength
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        text = DisplayText.sanitize(newText)
        cursor = text.count
        scroll = 0
    }

    /// Moves the cursor to a grapheme position (clamped).
    public mutating func moveCursor(to position: Int) {
        cursor = min(max(0, position), text.count)
    }

    /// Handles an editing key; returns true if the key changed the text or the cursor.
    ///
    /// Characters are inserted at the cursor; Backspace and Delete remove one
    /// grapheme; Left/Right move by one; Home/End (and Ctrl-A/Ctrl-E) jump to the
    /// ends; Ctrl-U deletes to the start, Ctrl-K to the end, Ctrl-W the word
    /// before the cursor. Pass the field's `width` to keep the scroll position
    /// steady; without it, rendering still keeps the cursor visible.
    @discardableResult
    public mutating func handle(_ key: Key, width: Int? = nil) -> Bool {
        var characters = Array(text)
        switch key {
        case .character(let character):
            let clean = DisplayText.sanitize(String(character))
            guard !clean.isEmpty else { return false }
            if let maxLength, characters.count >= maxLength { return false }
            let before = String(characters[..<cursor]) + clean
            text = before + String(characters[cursor...])
            cursor = before.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return false }
            characters.remove(at: cursor - 1)
            text = String(characters)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return false }
            characters.remove(at: cursor)
            text = String(characters)
        case .left, .ctrl("b"):
            guard cursor > 0 else { return false }
            cursor -= 1
        case .right, .ctrl("f"):
            guard cursor < characters.count else { return false }
            cursor += 1
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = characters.count
        case .ctrl("u"):
            guard cursor > 0 else { return false }
            text = String(characters[cursor...])
            cursor = 0
        case .ctrl("k"):
            guard cursor < characters.count else { return false }
            text = String(characters[..<cursor])
        case .ctrl("w"):
            guard cursor > 0 else { return false }
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            text = String(characters)
            cursor = start
        default:
            return false
        }
        cursor = min(cursor, text.count)
        if let width { scroll = visibleStart(width: width) }
        return true
    }

    /// The first grapheme to show in a field `width` columns wide: the stored
    /// scroll, moved just enough that the cursor (and one column after it) shows.
    public func visibleStart(width: Int) -> Int {
        guard width > 1 else { return cursor }
        let characters = Array(text)
        var start = min(scroll, cursor)
        var used = 0
        for index in start..<cursor { used += TextWidth.of(characters[index]) }
        while used + 1 > width, start < cursor {
            used -= TextWidth.of(characters[start])
            start += 1
        }
        return start
    }

    /// Draws the field in the first row of `rect`; when focused, sets the grid's cursor.
    public func render(into grid: inout Grid, in rect: Rect, style: Style = .plain, focused: Bool = true) {
        guard rect.width > 0, rect.height > 0 else { return }
        let row = rect.row(0)
        grid.fill(row, style: style)
        if text.isEmpty {
            var hint = style
            hint.dim = true
            grid.put(placeholder, in: row, style: hint)
            if focused { grid.cursor = Point(x: row.x, y: row.y) }
            return
        }
        guard focused else {
            // Without the keyboard it reads from its start, cut with an ellipsis: the tail alone (where the
            // cursor would be) reads as a different text.
            grid.put(DisplayText.truncate(text, toWidth: row.width), in: row, style: style)
            return
        }
        let characters = Array(text)
        let start = visibleStart(width: row.width)
        var column = row.x
        var cursorColumn = row.x
        for index in start..<characters.count {
            if index == cursor { cursorColumn = column }
            let columns = TextWidth.of(characters[index])
            if column + columns > row.maxX { break }
            grid.put(String(characters[index]), at: Point(x: column, y: row.y), style: style, maxWidth: row.maxX - column)
            column += columns
        }
        if cursor == characters.count { cursorColumn = column }
        if focused { grid.cursor = Point(x: min(cursorColumn, row.maxX - 1), y: row.y) }
    }
}
