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

    /// Scrolls by a key for a view `rows` lines high of `total` wrapped lines; returns whether the key was for scrolling.
    mutating func handle(_ key: Key, rows: Int, total: Int) -> Bool {
        guard let next = ScrollKeys.offset(after: key, from: scroll, rows: rows, total: total) else { return false }
        scroll = next
        return true
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
enum NotificationScreen {
    static func body(_ state: AppState) -> Rect { Rect(x: 1, y: 3, width: state.size.width - 2, height: max(1, state.size.height - 4)) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var view = state.casework.notification else {
            state.screen = .checklist
            return []
        }
        switch key {
        case .escape:
            state.casework.notification = nil
            state.screen = .checklist
        case .character("?"):
            state.showHelp = true
        default:
            let rect = body(state)
            _ = view.handle(key, rows: rect.height, total: view.shown(width: rect.width - 1).count)
            state.casework.notification = view
        }
        return []
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let view = state.casework.notification else { return }
        TitleBar.render(state, subtitle: s.format(.notificationTitle, ["case": view.notification.notificationId]), into: &grid)
        for (offset, line) in DisplayText.wrap(s[.notificationExplain], width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: 1 + offset), style: .emphasis, maxWidth: grid.width)
        }
        let rect = body(state)
        let lines = view.shown(width: rect.width - 1)
        let top = min(view.scroll, max(0, lines.count - rect.height))
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            _ = grid.put(line, at: Point(x: rect.x, y: rect.y + offset), maxWidth: rect.width - 1)
        }
        if top > 0 { _ = grid.put("↑", at: Point(x: rect.maxX - 1, y: rect.y), style: .muted) }
        if top + rect.height < lines.count { _ = grid.put("↓", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: .muted) }
        StatusBar(text: s[.notificationStatus], hints: [KeyHint("↑↓", s[.hintScroll]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}
