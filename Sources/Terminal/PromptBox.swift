/// A centred box that asks for text: a title, a sentence, one or more fields (a masked one shows
/// a dot per character, never the characters), the reason the last answer was refused, and the keys.
///
/// It only draws: the dialog that owns the fields handles the keys.
public struct PromptBox: Sendable {
    /// One field of the box.
    public struct Field: Sendable {
        /// The label left of the field; nil for a lone field under the sentence.
        public var label: String?
        public var input: TextInput
        /// Whether the text is shown as dots.
        public var masked: Bool
        /// Whether the field has the keyboard (its label stands out and the cursor is in it).
        public var focused: Bool

        public init(label: String? = nil, _ input: TextInput, masked: Bool = false, focused: Bool = true) {
            self.label = label
            self.input = input
            self.masked = masked
            self.focused = focused
        }
    }

    public var title: String
    /// What to type, wrapped in the box.
    public var message: String
    public var fields: [Field]
    /// Why the last answer was refused; nil when it was not.
    public var problem: String?
    /// The keys, on the box's last line.
    public var keys: String
    /// The row of the box's top edge; nil to centre it.
    public var top: Int?

    public init(title: String, message: String, fields: [Field], problem: String? = nil, keys: String, top: Int? = nil) {
        self.title = title
        self.message = message
        self.fields = fields
        self.problem = problem
        self.keys = keys
        self.top = top
    }

    /// Draws the box (at most 64 columns wide), clearing what is under it.
    public func render(into grid: inout Grid) {
        let width = min(64, grid.width - 4)
        let inner = width - 4
        let lines = DisplayText.wrap(message, width: inner)
        let problemLines = problem.map { DisplayText.wrap($0, width: inner) } ?? []
        let height = lines.count + fields.count + problemLines.count + 5
        let box = Rect(x: (grid.width - width) / 2, y: top ?? max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(box)
        grid.drawBox(box, title: " \(title) ", titleStyle: .emphasis)
        var y = box.y + 1
        for line in lines {
            grid.put(line, at: Point(x: box.x + 2, y: y), maxWidth: inner)
            y += 1
        }
        y += 1
        let labelWidth = fields.compactMap(\.label).map { DisplayText.width($0) + 2 }.max() ?? 0
        var cursor: Point?
        // With several fields, a mark left of the one with the keyboard says which it is (also without colour).
        let marked = fields.count > 1
        for field in fields {
            if marked && field.focused { grid.put("▸", at: Point(x: box.x + 1, y: y), style: .emphasis) }
            if let label = field.label {
                grid.put(label, at: Point(x: box.x + 2, y: y), style: field.focused ? .emphasis : .plain, maxWidth: labelWidth)
            }
            let rect = Rect(x: box.x + 2 + labelWidth, y: y, width: inner - labelWidth, height: 1)
            if field.masked {
                grid.fill(rect, style: .selected)
                let dots = String(repeating: "•", count: min(field.input.text.count, rect.width - 1))
                grid.put(dots, at: Point(x: rect.x, y: y), style: .selected, maxWidth: rect.width)
                if field.focused { cursor = Point(x: rect.x + dots.count, y: y) }
            } else {
                field.input.render(into: &grid, in: rect, style: field.focused || !marked ? .selected : Style(underline: true), focused: field.focused)
                if field.focused { cursor = grid.cursor }
            }
            y += 1
        }
        grid.cursor = cursor
        for line in problemLines {
            grid.put(line, at: Point(x: box.x + 2, y: y), style: .warning, maxWidth: inner)
            y += 1
        }
        grid.put(keys, at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: inner)
    }
}
