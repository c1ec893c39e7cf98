import Casework
import Foundation
import Terminal

/// An anonymous notification as recorded, shown read-only: the text the domain printed, scrollable.
public struct NotificationView: Sendable, Equatable {
    public var notification: AnonymousNotification
    /// The notification's text as the domain laid it out, scrolled.
    public var view: TextView

    public init(_ notification: AnonymousNotification) {
        self.notification = notification
        var text = notification.text
        while text.hasSuffix("\n") { text.removeLast() }
        view = TextView(text: text, layout: .laidOut)
    }

    /// The notification's text, line by line.
    public var lines: [String] { view.text.components(separatedBy: "\n") }
}

/// The anonymous notification screen: what was recorded for an adult who refused a referral; Esc goes back.
extension NotificationView: ScreenModel {
    /// Where the lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 3, width: size.width - 2, height: max(1, size.height - 4)) }

    /// What the screen's keys ask of it.
    typealias Action = ReadingAction

    var screen: Screen { .notification(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        .reading(backHelp: state.strings[.helpNotificationBack], strings: state.strings)
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        action.perform(key: key, view: &view, size: Self.body(state.size).size)
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s.format(.notificationTitle, ["case": notification.notificationId]), into: &grid)
        for (offset, line) in DisplayText.wrap(s[.notificationExplain], width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: 1 + offset), style: .emphasis, maxWidth: grid.width)
        }
        view.render(into: &grid, in: Self.body(state.size))
        statusBar(s[.notificationStatus], state, into: &grid)
    }
}
