import Casework
import Foundation
import Terminal

/// An anonymous notification as recorded, shown read-only: the text the domain printed, scrollable.
public struct NotificationView: Sendable, Equatable {
    public var notification: AnonymousNotification
    /// The notification's text, line by line, as the domain laid it out.
    public var lines: [String]
    /// The first line shown.
    public var scroll = 0

    public init(_ notification: AnonymousNotification) {
        self.notification = notification
        var lines = notification.text.components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// The lines as shown `width` columns wide: each kept as laid out when it fits, else wrapped.
    func shown(width: Int) -> [String] {
        lines.flatMap { line -> [String] in
            if DisplayText.width(line) <= width { return [line] }
            let wrapped = DisplayText.wrap(line, width: width)
            return wrapped.isEmpty ? [""] : wrapped
        }
    }
}

/// The anonymous notification screen: what was recorded for an adult who refused a referral; Esc goes back.
extension NotificationView: ScreenModel {
    /// Where the lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 3, width: size.width - 2, height: max(1, size.height - 4)) }

    enum Action: Sendable {
        case scroll, back
    }

    var screen: Screen { .notification(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding(ScrollKeys.keys, .scroll, hint: KeyHint("↑↓", s[.hintScroll]), help: KeyHint("↑↓ PgUp PgDn", s[.helpScroll])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpNotificationBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .back:
            return .pop()
        case .scroll:
            let rect = Self.body(state.size)
            scroll = ScrollKeys.offset(after: key, from: scroll, rows: rect.height, total: shown(width: rect.width - 1).count) ?? scroll
            return Reply()
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let view = self
        TitleBar.render(state, subtitle: s.format(.notificationTitle, ["case": view.notification.notificationId]), into: &grid)
        for (offset, line) in DisplayText.wrap(s[.notificationExplain], width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: 1 + offset), style: .emphasis, maxWidth: grid.width)
        }
        let rect = Self.body(state.size)
        let lines = view.shown(width: rect.width - 1)
        let top = min(view.scroll, max(0, lines.count - rect.height))
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            _ = grid.put(line, at: Point(x: rect.x, y: rect.y + offset), maxWidth: rect.width - 1)
        }
        if top > 0 { _ = grid.put("↑", at: Point(x: rect.maxX - 1, y: rect.y), style: .muted) }
        if top + rect.height < lines.count { _ = grid.put("↓", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: .muted) }
        statusBar(s[.notificationStatus], state, into: &grid)
    }
}
