import Casework
import Foundation
import Terminal

/// The referrals screen: every referral with its case, service, status, age and overdue mark; moved through its lifecycle from here.
public struct ReferralsScreen: Sendable, Equatable {
    public var referrals: [Referral]
    /// How many days an accepted referral may wait for its service (the SOP file's `service_start_days`).
    public var serviceStartDays: Int
    public var list: ListView

    public init(referrals: [Referral], serviceStartDays: Int = ReferralOverdue.defaultServiceStartDays) {
        self.referrals = referrals
        self.serviceStartDays = serviceStartDays
        list = ListView(itemCount: referrals.count, selection: referrals.isEmpty ? nil : 0)
    }

    /// The statuses the menu offers, in lifecycle order (never `sent`: only a hand-off sends).
    static let moves: [ReferralStatus] = [.acknowledged, .accepted, .declined, .serviceStarted, .closed, .withdrawn]

    /// Where the table goes on a terminal of `size`: its header, then the referrals.
    static func tableRect(_ size: Size) -> Rect { Rect(x: 1, y: 2, width: size.width - 1, height: max(1, size.height - 6) + 1) }

    /// The table's columns over a selection.
    static func table(_ s: StringTable, list: ListView) -> Table {
        var table = Table.fixed([s[.columnCase], s[.columnReferral], s[.columnService], s[.columnStatus], s[.columnAge], ""],
                                widths: [12, 10, 22, 15, 7, 7], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }

    /// The referral under the selection.
    var selected: Referral? { list.selection.flatMap { referrals[safe: $0] } }

    /// Whether the selected referral was handed off, so its envelope may be written (`s`).
    var canSend: Bool { selected.map { $0.status != .draft } ?? false }

    /// The referrals as they now are, the selected one kept selected.
    mutating func show(_ referrals: [Referral], size: Size) {
        let previous = selected?.id
        self.referrals = referrals
        let kept = previous.flatMap { id in referrals.firstIndex { $0.id == id } }
        list = ListView(itemCount: referrals.count, selection: referrals.isEmpty ? nil : (kept ?? 0))
        list.scrollToSelection(visibleRows: Self.tableRect(size).height - 1)
    }
}

extension ReferralsScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, status, form, send, checklist, back
    }

    var screen: Screen { .referrals(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       hint: KeyHint("↑↓", s[.hintChoose]), help: KeyHint("↑↓ j k", s[.helpMove])),
            KeyBinding([.enter], .status, hint: KeyHint("Enter", s[.hintMove]), help: KeyHint("Enter", s[.helpReferralsMove])),
            KeyBinding([.character("f")], .form, hint: KeyHint("f", s[.hintForm]), help: KeyHint("f", s[.helpReferralsForm])),
            // Only a handed-off referral travels: a draft's form is not the SOP's to share yet.
            KeyBinding([.character("s")], .send, hint: canSend ? KeyHint("s", s[.hintSend]) : nil, help: KeyHint("s", s[.helpReferralsSend]),
                       when: canSend),
            // With `s` on the bar, the checklist's hint gives way so that `Esc back` still fits 80 columns (`?` lists it).
            KeyBinding([.character("o")], .checklist, hint: canSend ? nil : KeyHint("o", s[.hintChecklist]),
                       help: KeyHint("o", s[.helpReferralsChecklist])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpReferralsBack])),
            KeyBinding([.character("?")], command: .help),
        ], legend: [KeyHint(s[.referralsOverdue], s[.helpReferralsOverdue])])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        // What was just written stays on the message line until the next key.
        state.casework.notice = nil
        switch action {
        case .back:
            return .pop()
        case .move:
            var table = Self.table(state.strings, list: list)
            table.handle(key, in: Self.tableRect(state.size))
            list = table.list
        case .status:
            guard let referral = selected else { break }
            return Reply(push: .dialog(.statusMenu(ListView(itemCount: Self.moves.count, selection: 0), referralId: referral.id)))
        case .form:
            guard let referral = selected else { break }
            return Reply([.casework(.loadForm(referralId: referral.id))])
        case .checklist:
            guard let referral = selected else { break }
            return Reply([.casework(.loadChecklist(referralId: referral.id))])
        case .send:
            guard let referral = selected else { break }
            return Reply([.casework(.checkSend(referralId: referral.id))])
        }
        return Reply()
    }

    /// How long ago: "45 min", "5 h", "3 d".
    static func age(_ interval: TimeInterval, _ s: StringTable) -> String {
        let minutes = max(0, Int(interval / 60))
        if minutes < 60 { return s.format(.ageMinutes, ["n": "\(minutes)"]) }
        let hours = minutes / 60
        if hours < 48 { return s.format(.ageHours, ["n": "\(hours)"]) }
        return s.format(.ageDays, ["n": "\(hours / 24)"])
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.referralsTitle], into: &grid)
        let overdue = referrals.filter { $0.isOverdue(at: state.now, serviceStartDays: serviceStartDays) }.count
        _ = grid.put(" " + s.format(referrals.count == 1 ? .referralsSummaryOne : .referralsSummary, ["count": "\(referrals.count)", "overdue": "\(overdue)"]), at: Point(x: 0, y: 1),
                     style: overdue > 0 ? .warning : .emphasis, maxWidth: grid.width)
        Self.table(s, list: list).render(into: &grid, in: Self.tableRect(grid.size), rowStyle: { referrals[$0].isOverdue(at: state.now, serviceStartDays: serviceStartDays) ? .danger : .plain }) { row, column in
            let r = referrals[row]
            switch column {
            case 0: return r.caseCode
            case 1: return r.id
            case 2: return r.serviceName
            case 3: return s.label("status.\(r.status)")
            case 4: return Self.age(state.now.timeIntervalSince(r.sentAt ?? r.createdAt), s)
            default: return r.isOverdue(at: state.now, serviceStartDays: serviceStartDays) ? s[.referralsOverdue] : ""
            }
        }
        if referrals.isEmpty {
            _ = grid.put(s[.referralsNone], in: Rect(x: 0, y: 5, width: grid.width, height: 1), style: .plain, alignment: .center)
        }
        // The selected referral in full: its organization, and why it ended when it did.
        let messageY = grid.height - 2
        if let problem = state.casework.problem {
            // In full: an envelope's refusal says what to ask the coordinator.
            CaseworkFlow.renderMessage(problem, style: .warning, maxLines: 6, into: &grid)
        } else if let notice = state.casework.notice {
            CaseworkFlow.renderMessage(notice, style: .muted, into: &grid)
        } else if let referral = selected {
            var text = "\(referral.serviceName) — \(referral.organizationName) · \(s.label(referral.need.rawValue))"
            if let reason = referral.statusReason { text += " · " + s.format(.checklistReason, ["reason": reason]) }
            // Why it is overdue comes first: at 80 columns it would otherwise be cut.
            if let late = referral.overdue(at: state.now, serviceStartDays: serviceStartDays) { text = late.sentence(at: state.now) + " · " + text }
            _ = grid.put(" " + DisplayText.truncate(text, toWidth: grid.width - 2), at: Point(x: 0, y: messageY), style: .muted,
                         maxWidth: grid.width)
        }
        statusBar(s[.referralsStatus], state, into: &grid)
    }

    /// A menu box of one choice among `labels`, under `title`.
    static func renderMenu(_ list: ListView, title: String, labels: [String], _ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let width = 48
        let box = Rect(x: (grid.width - width) / 2, y: 4, width: width, height: labels.count + 4)
        grid.fill(box)
        grid.drawBox(box, title: " " + title + " ", titleStyle: .emphasis)
        list.render(into: &grid, in: Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: labels.count)) { index in labels[index] }
        _ = grid.put(s[.pickerHint], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: width - 4)
    }
}
