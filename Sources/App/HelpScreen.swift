import Foundation
import Terminal

/// The keys of the screen below, in a box over it; what is typed narrows them to the lines that mention it.
///
/// The lines come from the screen's own key map (`KeyMap.helpLines`), so the help says what the
/// screen does and nothing else.
public struct HelpScreen: Sendable, Equatable {
    /// Every line: the keys, and what they do.
    public var lines: [KeyHint]
    /// What is typed to narrow the lines.
    public var filter = TextInput(maxLength: 40)
    /// The first row shown, when the lines do not fit in the box.
    public var scroll = 0

    /// The columns the keys take in the box.
    static let keyWidth = 20
    /// The narrowest box (so that the help of a screen with few, short lines still reads as a box).
    static let minimumWidth = 70

    public init(lines: [KeyHint]) {
        self.lines = lines
    }

    /// The lines whose keys or sentence contain the typed text, in any case; all of them when nothing is typed.
    public var shown: [KeyHint] {
        let needle = filter.text.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return lines }
        return lines.filter { $0.key.localizedCaseInsensitiveContains(needle) || $0.label.localizedCaseInsensitiveContains(needle) }
    }
}

extension HelpScreen {
    /// One row of the box: a key (on the first row of its line only) and a piece of its sentence.
    struct Row: Equatable {
        var key: String
        var text: String
    }

    /// The lines as rows `width` columns wide for the sentences: a sentence that fits is kept as it is
    /// (its spacing too), a longer one is wrapped onto rows of its own under the key.
    static func rows(_ lines: [KeyHint], width: Int) -> [Row] {
        lines.flatMap { line -> [Row] in
            let pieces = DisplayText.width(line.label) <= width ? [line.label] : DisplayText.wrap(line.label, width: max(1, width))
            return pieces.enumerated().map { Row(key: $0.offset == 0 ? line.key : "", text: $0.element) }
        }
    }

    /// The box for a grid: as wide as the longest line needs (at least `minimumWidth`, at most the
    /// terminal), as tall as every line wrapped (at most the terminal). It keeps its size while the lines are narrowed.
    func box(in size: Size, strings s: StringTable) -> Rect {
        let widest = lines.map { DisplayText.width($0.label) }.max() ?? 0
        let footer = DisplayText.width(s[.helpClose])
        let natural = max(Self.keyWidth + widest, footer) + 4
        let width = max(1, min(size.width - 4, max(Self.minimumWidth, natural)))
        let rows = Self.rows(lines, width: width - Self.keyWidth - 4).count
        let height = max(5, min(size.height - 3, rows + 4))
        return Rect(x: (size.width - width) / 2, y: 2, width: width, height: height)
    }
}

extension HelpScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case close, scroll
    }

    var screen: Screen { .help(self) }

    var isOverlay: Bool { true }

    /// Typing narrows the lines.
    var takesText: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        KeyMap([KeyBinding([.escape, .enter, .character("?")], .close),
                KeyBinding([.up, .down, .pageUp, .pageDown], .scroll)])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .close:
            return .pop()
        case .scroll:
            let box = box(in: state.size, strings: state.strings)
            let total = Self.rows(shown, width: box.width - Self.keyWidth - 4).count
            scroll = ScrollKeys.offset(after: key, from: scroll, rows: box.height - 4, total: total) ?? scroll
            return Reply()
        }
    }

    /// Every other key edits the filter (and shows the lines it leaves from the top).
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        filter.handle(key, width: 40)
        scroll = 0
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let entries = shown
        let box = box(in: grid.size, strings: s)
        grid.fill(box)
        grid.drawBox(box, title: " \(s[.helpTitle]) ")
        let rows = Self.rows(entries, width: box.width - Self.keyWidth - 4)
        let visible = max(0, box.height - 4)
        let first = min(scroll, max(0, rows.count - visible))
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = box.y + 1 + offset
            _ = grid.put(row.key, at: Point(x: box.x + 2, y: y), style: .emphasis, maxWidth: Self.keyWidth)
            _ = grid.put(row.text, at: Point(x: box.x + 2 + Self.keyWidth, y: y), maxWidth: box.width - Self.keyWidth - 4)
        }
        // More above or below: an arrow on the box's right edge.
        if first > 0 { _ = grid.put("↑", at: Point(x: box.maxX - 1, y: box.y + 1), style: .muted) }
        if first + visible < rows.count { _ = grid.put("↓", at: Point(x: box.maxX - 1, y: box.y + visible), style: .muted) }
        let footer = filter.text.isEmpty
            ? s[.helpClose]
            : s.format(entries.isEmpty ? .helpFilteredNone : .helpFiltered, ["text": filter.text, "count": "\(entries.count)"])
        _ = grid.put(footer, at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: box.width - 4)
    }
}
