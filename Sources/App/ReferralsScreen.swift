import Casework
import Foundation
import Terminal

/// The referrals screen: every referral with its case, service, status, age and overdue mark; moved through its lifecycle from here.
enum ReferralsScreen {
    /// The statuses the menu offers, in lifecycle order (never `sent`: only a hand-off sends).
    static let moves: [ReferralStatus] = [.acknowledged, .accepted, .declined, .serviceStarted, .closed, .withdrawn]

    static func rows(_ state: AppState) -> Int { max(1, state.size.height - 6) }

    static func selected(_ state: AppState) -> Referral? {
        state.casework.referralsList.selection.flatMap { state.casework.referrals[safe: $0] }
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            state.screen = state.casework.referralsReturn
        case .enter:
            guard let referral = selected(state) else { return [] }
            state.casework.dialog = .statusMenu(ListView(itemCount: moves.count, selection: 0), referralId: referral.id)
        case .character("f"):
            guard let referral = selected(state) else { return [] }
            state.casework.previewReturn = .referrals
            return [.loadForm(referralId: referral.id)]
        case .character("o"):
            guard let referral = selected(state) else { return [] }
            state.casework.checklistReturn = .referrals
            return [.loadChecklist(referralId: referral.id)]
        case .character("?"):
            state.showHelp = true
        default:
            _ = state.casework.referralsList.handle(key, visibleRows: rows(state))
        }
        return []
    }

    /// Handles a key in the status menu: Enter moves the referral (asking a reason where one is needed).
    static func handleMenu(_ key: Key, _ list: ListView, referralId: String, _ state: inout AppState) -> [Effect] {
        var list = list
        let s = state.strings
        switch key {
        case .escape:
            state.casework.dialog = nil
        case .enter:
            guard let index = list.selection, let status = moves[safe: index] else { return [] }
            if status.needsReason {
                state.casework.dialog = .text(TextDialog(purpose: .statusReason(referralId: referralId, status),
                                                         title: s.format(.reasonTitle, ["status": s.label("status.\(status.rawValue)")]),
                                                         prompt: s[.reasonPrompt]))
                return []
            }
            state.casework.dialog = nil
            return [.updateReferral(referralId: referralId, status: status, reason: nil)]
        default:
            _ = list.handle(key, visibleRows: moves.count)
            state.casework.dialog = .statusMenu(list, referralId: referralId)
        }
        return []
    }

    /// How long ago: "45 min", "5 h", "3 d".
    static func age(_ interval: TimeInterval, _ s: StringTable) -> String {
        let minutes = max(0, Int(interval / 60))
        if minutes < 60 { return s.format(.ageMinutes, ["n": "\(minutes)"]) }
        let hours = minutes / 60
        if hours < 48 { return s.format(.ageHours, ["n": "\(hours)"]) }
        return s.format(.ageDays, ["n": "\(hours / 24)"])
    }

    static let widths = [12, 10, 22, 15, 7, 7]

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let referrals = state.casework.referrals
        TitleBar.render(state, subtitle: s[.referralsTitle], into: &grid)
        let overdue = referrals.filter { $0.isOverdue(at: state.now) }.count
        _ = grid.put(" " + s.format(referrals.count == 1 ? .referralsSummaryOne : .referralsSummary, ["count": "\(referrals.count)", "overdue": "\(overdue)"]), at: Point(x: 0, y: 1),
                     style: overdue > 0 ? .warning : .emphasis, maxWidth: grid.width)
        DirectoryScreen.putRow([s[.columnCase], s[.columnReferral], s[.columnService], s[.columnStatus], s[.columnAge], ""],
                               widths: widths, y: 2, style: .muted.bolded(), into: &grid)
        state.casework.referralsList.render(into: &grid, in: Rect(x: 0, y: 3, width: grid.width, height: rows(state))) { index, rect, selected, grid in
            let r = referrals[index]
            let late = r.isOverdue(at: state.now)
            let since = state.now.timeIntervalSince(r.sentAt ?? r.createdAt)
            if selected { grid.fill(rect, style: .selected) }
            DirectoryScreen.putRow([r.caseCode, r.id, r.serviceName, s.label("status.\(r.status)"), age(since, s), late ? s[.referralsOverdue] : ""],
                                   widths: widths, y: rect.y, style: selected ? .selected : (late ? .danger : .plain), into: &grid)
        }
        if referrals.isEmpty {
            _ = grid.put(s[.referralsNone], in: Rect(x: 0, y: 5, width: grid.width, height: 1), style: .plain, alignment: .center)
        }
        // The selected referral in full: its organization, and why it ended when it did.
        let messageY = grid.height - 2
        if let problem = state.casework.problem {
            CaseworkFlow.renderMessage(problem, style: .warning, into: &grid)
        } else if let referral = selected(state) {
            var text = "\(referral.serviceName) — \(referral.organizationName) · \(s.label(referral.need))"
            if let reason = referral.statusReason { text += " · " + s.format(.checklistReason, ["reason": reason]) }
            _ = grid.put(" " + DisplayText.truncate(text, toWidth: grid.width - 2), at: Point(x: 0, y: messageY), style: .muted,
                         maxWidth: grid.width)
        }
        StatusBar(text: s[.referralsStatus], hints: [KeyHint("↑↓", s[.hintChoose]), KeyHint("Enter", s[.hintMove]), KeyHint("f", s[.hintForm]),
                                                     KeyHint("o", s[.hintChecklist]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }

    static func renderMenu(_ list: ListView, referralId: String, _ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let width = 44
        let box = Rect(x: (grid.width - width) / 2, y: 4, width: width, height: moves.count + 4)
        grid.fill(box)
        grid.drawBox(box, title: " " + s.format(.moveTitle, ["referral": referralId]) + " ", titleStyle: .emphasis)
        list.render(into: &grid, in: Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: moves.count)) { index in
            s.label("status.\(moves[index].rawValue)")
        }
        _ = grid.put(s[.pickerHint], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: width - 4)
    }
}
