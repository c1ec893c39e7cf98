/// A centred box with a title, wrapped text and a row of buttons, drawn over the screen.
///
/// Left/Right, Tab/Shift-Tab move between buttons; Enter presses the selected
/// one; Esc dismisses the dialog.
public struct ModalDialog: Hashable, Sendable {
    /// What a key did to the dialog.
    public enum Outcome: Hashable, Sendable {
        /// The key moved the selection or was ignored; the dialog stays.
        case pending
        /// A button was pressed: its index.
        case pressed(Int)
        /// Esc: the dialog was dismissed without a choice.
        case dismissed
    }

    /// The title in the top edge of the box.
    public var title: String
    /// The message; line breaks start new lines, long lines wrap.
    public var message: String
    /// The buttons' labels, left to right.
    public var buttons: [String]
    /// Index of the selected button.
    public private(set) var selectedButton: Int
    /// The widest the box may be, in columns (the screen may make it narrower).
    public var maxWidth: Int

    /// Creates a dialog with the first button selected.
    public init(title: String, message: String, buttons: [String] = ["OK"], selectedButton: Int = 0, maxWidth: Int = 60) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = buttons.isEmpty ? 0 : min(max(0, selectedButton), buttons.count - 1)
        self.maxWidth = max(10, maxWidth)
    }

    /// Handles a key and says what happened.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .left, .backTab, .character("h"):
            if !buttons.isEmpty { selectedButton = (selectedButton + buttons.count - 1) % buttons.count }
            return .pending
        case .right, .tab, .character("l"):
            if !buttons.isEmpty { selectedButton = (selectedButton + 1) % buttons.count }
            return .pending
        case .enter:
            return buttons.isEmpty ? .dismissed : .pressed(selectedButton)
        case .escape:
            return .dismissed
        default:
            return .pending
        }
    }

    /// The box this dialog takes when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let buttonsWidth = buttonLabels.reduce(0) { $0 + TextWidth.of($1) } + max(0, buttons.count - 1) * 2
        let textWidth = DisplayText.paragraphs(message).map { DisplayText.width($0) }.max() ?? 0
        let titleWidth = DisplayText.width(title) + 6
        let width = min(area.width, maxWidth, max(textWidth + 4, buttonsWidth + 4, titleWidth, 20))
        let lines = DisplayText.wrap(message, width: max(1, width - 4))
        let height = min(area.height, lines.count + (buttons.isEmpty ? 2 : 4))
        return area.centered(width: width, height: height)
    }

    /// Draws the dialog centred in `area`, clearing what is under it.
    public func render(into grid: inout Grid, in area: Rect) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 2 else { return }
        grid.fill(box)
        grid.drawBox(box, style: .plain, title: title, titleStyle: .emphasis)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let textRows = buttons.isEmpty ? inner.height : max(0, inner.height - 2)
        for (index, line) in DisplayText.wrap(message, width: max(1, inner.width)).prefix(textRows).enumerated() {
            grid.put(line, in: inner.row(index))
        }
        guard !buttons.isEmpty, inner.height >= 1 else { return }
        let labels = buttonLabels
        let total = labels.reduce(0) { $0 + TextWidth.of($1) } + (labels.count - 1) * 2
        var x = inner.x + max(0, (inner.width - total) / 2)
        let y = inner.maxY - 1
        for (index, label) in labels.enumerated() {
            let style: Style = index == selectedButton ? .selected : .plain
            x += grid.put(label, at: Point(x: x, y: y), style: style, maxWidth: inner.maxX - x) + 2
            if x >= inner.maxX { break }
        }
    }

    /// The buttons as drawn: `[ OK ]`, each truncated to a sensible width.
    private var buttonLabels: [String] {
        buttons.map { "[ " + DisplayText.truncate($0, toWidth: 20) + " ]" }
    }
}
