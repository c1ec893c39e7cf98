import Directory
import Foundation
import Terminal

/// The conflicts screen: fields that merged bundles found changed both here and at another site, to resolve one by one.
///
/// This directory's value stays in force until a conflict is resolved: `l` keeps it, `i` takes the other site's,
/// `=` sets one of the operator's own. Every value shown came from another site and is drawn as text only.
public struct ConflictsScreen: Sendable, Equatable {
    public var conflicts: [MergeConflict]
    /// The names of the services the conflicts are about, by id (a service no longer in the directory has none).
    public var serviceNames: [String: String]
    /// Whether resolved conflicts are listed too (`a` switches).
    public var includeResolved: Bool
    public var list: ListView
    /// What the last resolution did, or why it was refused: shown above the status bar until the next key.
    public var message: String?
    public var messageIsProblem = false

    public init(conflicts: [MergeConflict], serviceNames: [String: String] = [:], includeResolved: Bool = false) {
        self.conflicts = conflicts
        self.serviceNames = serviceNames
        self.includeResolved = includeResolved
        list = ListView(itemCount: conflicts.count, selection: conflicts.isEmpty ? nil : 0)
    }

    /// How many lines the selected conflict takes below the table.
    static let detailHeight = 8

    /// Where the table goes on a terminal of `size`: its header, then the conflicts (the selected one in full below).
    static func tableRect(_ size: Size) -> Rect {
        Rect(x: 1, y: 2, width: size.width - 1, height: max(2, size.height - 4 - detailHeight))
    }

    /// The table's columns over a selection: the record, the field, the value here and the incoming one.
    static func table(_ s: StringTable, list: ListView, width: Int) -> Table {
        let record = 23, field = 13
        let values = max(10, width - 1 - 3 - record - field)
        var table = Table.fixed([s[.conflictsColumnRecord], s[.conflictsColumnField], s[.conflictsColumnLocal], s[.conflictsColumnIncoming]],
                                widths: [record, field, values / 2, values - values / 2], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }

    /// The conflict under the selection.
    var selected: MergeConflict? { list.selection.flatMap { conflicts[safe: $0] } }

    /// The row a conflict is about, as a responder knows it: a service by its name, anything else by its kind and id
    /// (the first six characters of it when `short`).
    func record(_ conflict: MergeConflict, short: Bool) -> String {
        if conflict.entity == "service", let name = serviceNames[conflict.entityID] { return name }
        return "\(conflict.entity) \(short ? String(conflict.entityID.prefix(6)) : conflict.entityID)"
    }

    /// The list as it now is, the selection kept at the same place (the next conflict, when the one selected left).
    mutating func show(_ conflicts: [MergeConflict], serviceNames: [String: String], includeResolved: Bool, size: Size) {
        let index = list.selection ?? 0
        self.conflicts = conflicts
        self.serviceNames = serviceNames
        self.includeResolved = includeResolved
        list = ListView(itemCount: conflicts.count, selection: conflicts.isEmpty ? nil : min(index, conflicts.count - 1))
        list.scrollToSelection(visibleRows: Self.tableRect(size).height - 1)
    }

    /// What a resolution did, in the operator's words.
    static func done(_ id: Int64, _ resolution: ConflictResolution, by who: String, _ s: StringTable) -> String {
        let key: UIString
        switch resolution {
        case .keepLocal: key = .conflictsKeptLocal
        case .keepIncoming: key = .conflictsTookIncoming
        case .value: key = .conflictsValueSet
        }
        return s.format(key, ["id": "\(id)", "who": who])
    }
}

extension ConflictsScreen: ScreenModel, TableScreen {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, keepLocal, takeIncoming, setValue, toggleResolved, back
    }

    var screen: Screen { .conflicts(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        // With nothing to resolve, the bar shows the way back (and to the resolved ones) only.
        let any = selected != nil
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       help: KeyHint("↑↓ j k", s[.helpMove])),
            KeyBinding([.character("l")], .keepLocal, hint: any ? KeyHint("l", s[.hintKeepLocal]) : nil, help: KeyHint("l", s[.helpKeepLocal])),
            KeyBinding([.character("i")], .takeIncoming, hint: any ? KeyHint("i", s[.hintTakeIncoming]) : nil, help: KeyHint("i", s[.helpTakeIncoming])),
            KeyBinding([.character("=")], .setValue, hint: any ? KeyHint("=", s[.hintSetValue]) : nil, help: KeyHint("=", s[.helpSetValue])),
            KeyBinding([.character("a")], .toggleResolved, hint: KeyHint("a", s[.hintAllConflicts]), help: KeyHint("a", s[.helpAllConflicts])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        message = nil
        switch action {
        case .back:
            return .pop()
        case .move:
            moveSelection(key, state)
        case .keepLocal:
            guard let conflict = selected else { break }
            return Reply([.directory(.resolveConflict(id: conflict.id, .keepLocal))])
        case .takeIncoming:
            guard let conflict = selected else { break }
            return Reply([.directory(.resolveConflict(id: conflict.id, .keepIncoming))])
        case .setValue:
            guard let conflict = selected else { break }
            let s = state.strings
            let prompt = s.format(.conflictsValuePrompt, ["field": conflict.field, "record": record(conflict, short: false)])
            return Reply(push: .dialog(.text(TextDialog(purpose: .conflictValue(id: conflict.id), title: s[.conflictsValueTitle],
                                                        prompt: prompt, input: TextInput(text: conflict.local, maxLength: 2000)))))
        case .toggleResolved:
            return Reply([.directory(.loadConflicts(includeResolved: !includeResolved))])
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.conflictsTitle], into: &grid)
        let open = conflicts.filter { $0.status == .open }.count
        let summary = includeResolved ? s.format(.conflictsSummaryAll, ["count": "\(conflicts.count)", "open": "\(open)"])
            : conflicts.isEmpty ? "" : s.format(open == 1 ? .conflictsSummaryOne : .conflictsSummary, ["count": "\(open)"])
        _ = grid.put(" " + summary, at: Point(x: 0, y: 1), style: open == 0 ? .emphasis : .warning, maxWidth: grid.width)
        let table = Self.table(s, list: list, width: grid.width)
        table.render(into: &grid, in: Self.tableRect(grid.size), rowStyle: { conflicts[$0].status == .open ? .plain : .muted }) { row, column in
            let conflict = conflicts[row]
            switch column {
            case 0: return (conflict.status == .open ? "" : "✓ ") + record(conflict, short: true)
            case 1: return conflict.field
            case 2: return conflict.local
            default: return conflict.incoming
            }
        }
        if conflicts.isEmpty {
            let lines = DisplayText.wrap(s[includeResolved ? .conflictsNoneRecorded : .conflictsNone], width: max(1, grid.width - 4))
            for (index, line) in lines.enumerated() {
                _ = grid.put(line, in: Rect(x: 0, y: 5 + index, width: grid.width, height: 1), style: .plain, alignment: .center)
            }
        }
        if let conflict = selected { renderDetail(conflict, s, into: &grid) }
        let messageY = grid.height - 2
        if let message {
            _ = grid.put(" " + message, at: Point(x: 0, y: messageY), style: messageIsProblem ? .warning : .emphasis, maxWidth: grid.width)
        } else if let selection = list.selection {
            _ = grid.put(" " + s.format(.position, ["index": "\(selection + 1)", "count": "\(conflicts.count)"]),
                         at: Point(x: 0, y: messageY), style: .muted, maxWidth: grid.width)
        }
        statusBar(s[.conflictsStatus], state, into: &grid)
    }

    /// The selected conflict in full below the table: what both sides started from, each side's value with who
    /// changed it and when, where the incoming value came from, and how it was resolved.
    private func renderDetail(_ conflict: MergeConflict, _ s: StringTable, into grid: inout Grid) {
        /// Who changed a side and when, when either is known.
        func change(_ by: String?, _ at: String?) -> String? {
            guard by != nil || at != nil else { return nil }
            let when = at.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "—"
            return s.format(.conflictsBy, ["who": by ?? "—", "when": when])
        }
        var items: [(label: String, text: String, style: Style)] = [(s[.conflictsLabelBase], conflict.base, .plain),
                                                                    (s[.conflictsLabelLocal], conflict.local, .plain)]
        if let by = change(conflict.localBy, conflict.localAt) { items.append(("", by, .muted)) }
        items.append((s[.conflictsLabelIncoming], conflict.incoming, .plain))
        if let by = change(conflict.incomingBy, conflict.incomingAt) { items.append(("", by, .muted)) }
        items.append((s[.conflictsLabelFrom], s.format(.conflictsFrom, ["publisher": conflict.publisher, "bundle": conflict.bundleID]), .plain))
        if conflict.status == .resolved { items.append((s[.conflictsLabelResolved], conflict.resolution ?? "—", .plain)) }
        let labelWidth = items.map { DisplayText.width($0.label) }.max() ?? 0
        let valueX = labelWidth + 4, valueWidth = max(1, grid.width - valueX - 1)
        // Each value in full when the lines allow; else one line each, cut.
        let wrapped = items.map { DisplayText.wrap($0.text, width: valueWidth) }
        let room = Self.detailHeight - 1
        let pieces = wrapped.map(\.count).reduce(0, +) <= room ? wrapped : items.map { [DisplayText.truncate($0.text, toWidth: valueWidth)] }
        var y = grid.height - 2 - Self.detailHeight
        let heading = s.format(.conflictsRecord, ["id": "\(conflict.id)", "field": conflict.field, "record": record(conflict, short: false)])
        _ = grid.put(" " + DisplayText.truncate(heading, toWidth: grid.width - 2), at: Point(x: 0, y: y), style: .emphasis, maxWidth: grid.width)
        y += 1
        for (item, lines) in zip(items, pieces) {
            for (index, line) in lines.enumerated() where y < grid.height - 2 {
                if index == 0 { _ = grid.put("  " + item.label, at: Point(x: 0, y: y), style: .muted, maxWidth: valueX) }
                _ = grid.put(line, at: Point(x: valueX, y: y), style: item.style, maxWidth: valueWidth)
                y += 1
            }
        }
    }
}
