import Directory
import Foundation
import Terminal

/// The field-level history of one service (`H` on its detail): every change, newest first — when, what kind,
/// which field, the value before and after, and by whom — as the HSDS `metadata` rows record them.
public struct HistoryScreen: Sendable, Equatable {
    /// The service's name, for the title.
    public var serviceName: String
    public var entries: [HistoryEntry]
    /// The changes as lines, scrolled.
    public var view: TextView

    public init(serviceName: String, entries: [HistoryEntry], strings s: StringTable) {
        self.serviceName = serviceName
        self.entries = entries
        view = TextView(text: Self.text(entries, s), layout: .wrapped)
    }

    /// The changes, newest first, one paragraph each.
    static func text(_ entries: [HistoryEntry], _ s: StringTable) -> String {
        guard !entries.isEmpty else { return s[.historyEmpty] }
        return entries.reversed().map { entry in
            // The minute it was made, in UTC (the day alone for a package's own rows).
            let when = entry.changedAt.count >= 16 ? String(entry.changedAt.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
                                                    : entry.changedAt
            let source = entry.bundleId.map { s.format(.historyFromPackage, ["package": $0]) } ?? ""
            return s.format(.historyLine, ["when": when, "action": entry.lastActionType, "field": entry.fieldName,
                                           "before": entry.previousValue, "after": entry.replacementValue, "who": entry.updatedBy])
                + source
        }.joined(separator: "\n")
    }

    /// Where the lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 2, width: size.width - 2, height: max(1, size.height - 3)) }
}

extension HistoryScreen: ScreenModel {
    /// What the screen's keys ask of it.
    typealias Action = ReadingAction

    var screen: Screen { .history(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        .reading(backHelp: state.strings[.helpHistoryBack], strings: state.strings)
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        action.perform(key: key, view: &view, size: Self.body(state.size).size)
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s.format(.historyTitle, ["service": serviceName]), into: &grid)
        _ = grid.put(" " + s.format(.historyCount, ["count": "\(entries.count)"]), at: Point(x: 0, y: 1), style: .emphasis, maxWidth: grid.width)
        view.render(into: &grid, in: Self.body(state.size))
        statusBar(s[.historyStatus], state, into: &grid)
    }
}
