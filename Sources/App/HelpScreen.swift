import Foundation
import Terminal

/// The keys of the screen below, in a box over it.
///
/// The lines come from the screen's own key map (`KeyMap.helpLines`), so the help says what the
/// screen does and nothing else.
public struct HelpScreen: Sendable, Equatable {
    /// Every line: the keys, and what they do.
    public var lines: [KeyHint]

    public init(lines: [KeyHint]) {
        self.lines = lines
    }
}

extension HelpScreen: ScreenModel {
    enum Action: Sendable {
        case close
    }

    var screen: Screen { .help(self) }

    var isOverlay: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        KeyMap([KeyBinding([.escape, .enter, .character("?"), .character("q")], .close)])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .close: return .pop()
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let width = min(grid.width - 4, 70)
        let box = Rect(x: (grid.width - width) / 2, y: 2, width: width, height: min(grid.height - 3, lines.count + 4))
        grid.fill(box)
        grid.drawBox(box, title: " \(s[.helpTitle]) ")
        let keyWidth = 20
        for (offset, entry) in lines.enumerated() where offset < box.height - 4 {
            let y = box.y + 1 + offset
            _ = grid.put(entry.key, at: Point(x: box.x + 2, y: y), style: .emphasis, maxWidth: keyWidth)
            _ = grid.put(entry.label, at: Point(x: box.x + 2 + keyWidth, y: y), maxWidth: box.width - keyWidth - 4)
        }
        _ = grid.put(s[.helpClose], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: box.width - 4)
    }
}
