import Directory
import Foundation
import Terminal

/// The stale queue screen: services whose facts were last checked long ago, oldest first, with the phones to call.
///
/// The coordinator works down it: `v` records a verification, `c` sets the free places, and a verified
/// service leaves the list.
public struct StaleQueueScreen: Sendable, Equatable {
    public var entries: [StaleEntry]
    /// How many days a verification holds (the SOP file's `stale_after_days`).
    public var days: Int
    public var list: ListView
    /// What the last change did, or why it was refused: shown above the status bar until the next key.
    public var message: String?
    public var messageIsProblem = false

    public init(entries: [StaleEntry], days: Int = DirectoryStore.defaultStaleAfterDays) {
        self.entries = entries
        self.days = days
        list = ListView(itemCount: entries.count, selection: entries.isEmpty ? nil : 0)
    }

    /// Where the table goes on a terminal of `size`: its header, then the entries (two footer lines below).
    static func tableRect(_ size: Size) -> Rect { Rect(x: 1, y: 2, width: size.width - 1, height: max(1, size.height - 6) + 1) }

    /// The table's columns over a selection: days since verified, the service, its first phone.
    static func table(_ s: StringTable, list: ListView, width: Int) -> Table {
        let phone = 20, days = 6
        var table = Table.fixed([s[.staleColumnDays], s[.columnService], s[.staleColumnPhone]],
                                widths: [days, max(10, width - 1 - days - phone - 2), phone], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }

    /// The entry under the selection.
    var selected: StaleEntry? { list.selection.flatMap { entries[safe: $0] } }

    /// The queue as it now is, the selection kept at the same place (the next entry, when the one selected left).
    mutating func show(_ entries: [StaleEntry], size: Size) {
        let index = list.selection ?? 0
        self.entries = entries
        list = ListView(itemCount: entries.count, selection: entries.isEmpty ? nil : min(index, entries.count - 1))
        list.scrollToSelection(visibleRows: Self.tableRect(size).height - 1)
    }
}

extension StaleQueueScreen: ScreenModel, TableScreen {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, open, verify, edit, freePlaces, back
    }

    var screen: Screen { .staleQueue(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       hint: KeyHint("↑↓", s[.hintChoose]), help: KeyHint("↑↓ j k", s[.helpMove])),
            KeyBinding([.character("v")], .verify, hint: KeyHint("v", s[.hintVerify]), help: KeyHint("v", s[.helpVerify])),
            KeyBinding([.character("e")], .edit, hint: KeyHint("e", s[.hintEdit]), help: KeyHint("e", s[.helpEdit])),
            KeyBinding([.character("c")], .freePlaces, hint: KeyHint("c", s[.hintFreePlaces]), help: KeyHint("c", s[.helpFreePlaces])),
            // Enter opens, as everywhere: the bar keeps room for the coordinator's keys and the way back.
            KeyBinding([.enter], .open, help: KeyHint("Enter", s[.helpOpen])),
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
        case .open:
            guard let entry = selected else { break }
            return Reply([.directory(.loadDetail(serviceId: entry.serviceId, locationId: nil))])
        case .verify:
            guard let entry = selected else { break }
            return Reply(push: .dialog(.verifyMenu(ListView(itemCount: VerificationMethod.allCases.count, selection: 0),
                                                   serviceId: entry.serviceId, locationId: nil)))
        case .edit:
            guard let entry = selected else { break }
            return Reply([.directory(.loadServiceEdit(serviceId: entry.serviceId, locationId: nil, origin: .staleQueue))])
        case .freePlaces:
            guard let entry = selected else { break }
            return Reply(push: .dialog(.text(TextDialog(purpose: .freePlaces(serviceId: entry.serviceId, locationId: nil),
                                                        title: state.strings[.freePlacesTitle],
                                                        prompt: state.strings[.staleFreePlacesPrompt],
                                                        input: TextInput(maxLength: 5)))))
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.staleTitle], into: &grid)
        let summary = s.format(entries.count == 1 ? .staleSummaryOne : .staleSummary,
                               ["count": "\(entries.count)", "days": "\(days)"])
        _ = grid.put(" " + summary, at: Point(x: 0, y: 1), style: entries.isEmpty ? .emphasis : .warning, maxWidth: grid.width)
        Self.table(s, list: list, width: grid.width).render(into: &grid, in: Self.tableRect(grid.size)) { row, column in
            let entry = entries[row]
            switch column {
            case 0: return entry.daysSince.map { "\($0)" } ?? s[.staleNever]
            case 1: return entry.name
            default: return entry.phones.first ?? "—"
            }
        }
        if entries.isEmpty {
            _ = grid.put(s[.staleNone], in: Rect(x: 0, y: 5, width: grid.width, height: 1), style: .plain, alignment: .center)
        }
        // The selected entry in full: every phone, and what changed since it was last checked.
        if let entry = selected {
            let phones = entry.phones.isEmpty ? s[.detailNone] : entry.phones.joined(separator: ", ")
            _ = grid.put(" " + DisplayText.truncate("\(s[.detailPhones]): \(phones)", toWidth: grid.width - 2),
                         at: Point(x: 0, y: grid.height - 3), style: .plain, maxWidth: grid.width)
        }
        let messageY = grid.height - 2
        if let message {
            _ = grid.put(" " + message, at: Point(x: 0, y: messageY), style: messageIsProblem ? .warning : .emphasis, maxWidth: grid.width)
        } else if let entry = selected {
            let changes = entry.changesSince.isEmpty ? s[entry.daysSince == nil ? .staleNeverChecked : .staleNoChanges]
                : s.format(.staleChanges, ["changes": entry.changesSince.joined(separator: "; ")])
            _ = grid.put(" " + DisplayText.truncate(changes, toWidth: grid.width - 2), at: Point(x: 0, y: messageY), style: .muted,
                         maxWidth: grid.width)
        }
        statusBar(s[.staleStatus], state, into: &grid)
    }
}
