import Casework
import Foundation
import Terminal

/// The cases screen (`C` from the results): the home's cases, newest first, each with its NRM stage,
/// trafficking status, open referrals (how many late) and its next deadline — the coordinator's list.
///
/// The same listing as `waymark cases` (`CaseStore.caseListings`); erased cases are left out.
public struct CasesScreen: Sendable, Equatable {
    public var cases: [CaseListing]
    public var list: ListView

    public init(cases: [CaseListing]) {
        self.cases = cases
        list = ListView(itemCount: cases.count, selection: cases.isEmpty ? nil : 0)
    }

    /// Where the table goes on a terminal of `size`: its header, then the cases.
    static func tableRect(_ size: Size) -> Rect { Rect(x: 1, y: 2, width: size.width - 1, height: max(1, size.height - 6) + 1) }

    /// The table's columns over a selection.
    static func table(_ s: StringTable, list: ListView, width: Int) -> Table {
        let fixed = 12 + 18 + 12 + 15
        var table = Table.fixed([s[.columnCase], s[.columnStage], s[.columnStatus], s[.columnReferrals], s[.columnDeadline]],
                                widths: [12, 18, 12, 15, max(10, width - 1 - fixed - 5)], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }

    /// The case under the selection.
    var selected: CaseListing? { list.selection.flatMap { cases[safe: $0] } }

    /// The cases as they now are, the selected one kept selected.
    mutating func show(_ cases: [CaseListing], size: Size) {
        let previous = selected?.file.code
        self.cases = cases
        let kept = previous.flatMap { code in cases.firstIndex { $0.file.code == code } }
        list = ListView(itemCount: cases.count, selection: cases.isEmpty ? nil : (kept ?? 0))
        list.scrollToSelection(visibleRows: Self.tableRect(size).height - 1)
    }

    /// The open referrals in a cell: "none open", "2 open", "2 open, 1 late".
    static func referrals(_ listing: CaseListing, _ s: StringTable) -> String {
        let open = listing.openReferrals.count
        if open == 0 { return s[.casesReferralsNone] }
        return listing.overdue.isEmpty ? s.format(.casesReferralsOpen, ["open": "\(open)"])
                                       : s.format(.casesReferralsOverdue, ["open": "\(open)", "overdue": "\(listing.overdue.count)"])
    }

    /// The next deadline in a cell: the period's end (in capitals within its last 7 days), else the retention.
    static func deadline(_ listing: CaseListing, _ s: StringTable) -> String {
        if listing.standing.inRecoveryPeriod, let ends = listing.standing.recoveryPeriodEnds {
            return s.format(listing.standing.reminderDue ? .casesDeadlineReminder : .casesDeadlinePeriod, ["day": ends])
        }
        if let kept = listing.retentionEnds {
            return s.format(listing.expired ? .casesDeadlineErase : .casesDeadlineKept, ["day": DecisionDay.text(kept)])
        }
        return ""
    }

    /// The trafficking status in a word or two; after a negative decision, that it was negative (the case view says what follows).
    static func status(_ listing: CaseListing, _ s: StringTable) -> String {
        if listing.standing.standsOnNegativeDecision {
            return s[.casesStatusNegative]
        }
        return listing.standing.traffickingStatus.map { s.shortLabel("trafficking.\($0)") } ?? s[.casesTraffickingNone]
    }

    /// Whether the case asks for attention now: its period ends within 7 days, or a referral is late.
    static func needsAttention(_ listing: CaseListing) -> Bool { listing.standing.reminderDue || !listing.overdue.isEmpty }
}

extension CasesScreen: ScreenModel, TableScreen {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, open, referrals, back
    }

    var screen: Screen { .cases(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       hint: KeyHint("↑↓", s[.hintChoose]), help: KeyHint("↑↓ j k", s[.helpMove])),
            KeyBinding([.enter, .right, .character("l")], .open, hint: KeyHint("Enter", s[.hintCase]), help: KeyHint("Enter", s[.helpCasesOpen])),
            KeyBinding([.character("R")], .referrals, hint: KeyHint("R", s[.hintReferrals]), help: KeyHint("R", s[.helpCasesReferrals])),
            KeyBinding([.escape, .left, .character("h")], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpCasesBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .back:
            return .pop()
        case .move:
            moveSelection(key, state)
        case .open:
            guard let listing = selected else { break }
            return Reply(push: .caseView(CaseView(listing: listing, now: state.now, strings: state.strings)))
        case .referrals:
            return CaseworkFlow.request(.referrals, &state)
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.casesTitle], into: &grid)
        let due = cases.filter(\.standing.reminderDue).count
        let late = cases.filter { !$0.overdue.isEmpty }.count
        _ = grid.put(" " + s.format(cases.count == 1 ? .casesSummaryOne : .casesSummary,
                                    ["count": "\(cases.count)", "due": "\(due)", "overdue": "\(late)"]),
                     at: Point(x: 0, y: 1), style: due + late > 0 ? .warning : .emphasis, maxWidth: grid.width)
        Self.table(s, list: list, width: grid.width).render(into: &grid, in: Self.tableRect(grid.size),
                                                            rowStyle: { Self.needsAttention(cases[$0]) ? .danger : .plain }) { row, column in
            let listing = cases[row]
            switch column {
            case 0: return listing.file.code
            case 1: return s.label("nrm.\(listing.stage.rawValue)")
            case 2: return Self.status(listing, s)
            case 3: return Self.referrals(listing, s)
            default: return Self.deadline(listing, s)
            }
        }
        if cases.isEmpty {
            _ = grid.put(s[.casesNone], in: Rect(x: 0, y: 5, width: grid.width, height: 1), style: .plain, alignment: .center)
        }
        // The selected case's most pressing fact: its first late referral and why.
        if let problem = state.casework.problem {
            CaseworkFlow.renderMessage(problem, style: .warning, into: &grid)
        } else if let listing = selected, let first = listing.overdue.first {
            let text = s.format(.casesSelectedOverdue, ["referral": first.referral.id, "reason": first.reason.sentence(at: state.now)])
            _ = grid.put(" " + DisplayText.truncate(text, toWidth: grid.width - 2), at: Point(x: 0, y: grid.height - 2), style: .muted,
                         maxWidth: grid.width)
        }
        statusBar(s[.casesStatus], state, into: &grid)
    }
}
