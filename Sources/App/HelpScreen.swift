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

extension HelpScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case close
    }

    var screen: Screen { .help(self) }

    var isOverlay: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        KeyMap([KeyBinding([.escape, .enter, .character("?")], .close)])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .close: return .pop()
        }
    }

    /// Every other key edits the filter.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        filter.handle(key, width: 40)
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let entries = shown
        let width = min(grid.width - 4, 70)
        // The box keeps its size while the lines are narrowed.
        let box = Rect(x: (grid.width - width) / 2, y: 2, width: width, height: min(grid.height - 3, lines.count + 4))
        grid.fill(box)
        grid.drawBox(box, title: " \(s[.helpTitle]) ")
        let keyWidth = 20
        for (offset, entry) in entries.enumerated() where offset < box.height - 4 {
            let y = box.y + 1 + offset
            _ = grid.put(entry.key, at: Point(x: box.x + 2, y: y), style: .emphasis, maxWidth: keyWidth)
            _ = grid.put(entry.label, at: Point(x: box.x + 2 + keyWidth, y: y), maxWidth: box.width - keyWidth - 4)
        }
        let footer = filter.text.isEmpty
            ? s[.helpClose]
            : s.format(entries.isEmpty ? .helpFilteredNone : .helpFiltered, ["text": filter.text, "count": "\(entries.count)"])
        _ = grid.put(footer, at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: box.width - 4)
    }
}
