import Casework
import Foundation
import Terminal

/// The inbox (`I` from the results): the referrals other organizations sent here as envelopes, newest
/// first, each with its sender, when it came, its status here and the case it opened; answered from here.
///
/// The same listing as `waymark inbox` (`CaseStore.incomingReferrals`). Each answer is the CLI's
/// `inbox respond`: the sender's referral key checked first, then the file asked, then the answer
/// recorded and sealed to the sender.
public struct InboxScreen: Sendable, Equatable {
    public var incoming: [IncomingReferral]
    /// The receiving services' names by id, as the directory has them.
    public var serviceNames: [String: String]
    public var list: ListView

    public init(incoming: [IncomingReferral], serviceNames: [String: String] = [:]) {
        self.incoming = incoming
        self.serviceNames = serviceNames
        list = ListView(itemCount: incoming.count, selection: incoming.isEmpty ? nil : 0)
    }

    /// The answers the keys give, in lifecycle order (as `inbox respond` takes them).
    static let answers: [(key: Character, status: ReferralStatus)] = [("k", .acknowledged), ("a", .accepted), ("d", .declined),
                                                                     ("t", .serviceStarted), ("c", .closed)]

    /// How many rows the selected referral's details take below the table.
    static let detailRows = 9

    /// Where the table goes on a terminal of `size`: its header, then the referrals; the details below it.
    static func tableRect(_ size: Size) -> Rect {
        Rect(x: 1, y: 2, width: size.width - 1, height: max(2, size.height - 5 - detailRows))
    }

    /// The table's columns over a selection.
    static func table(_ s: StringTable, list: ListView, width: Int) -> Table {
        let fixed = 12 + 18 + 16 + 15
        var table = Table.fixed([s[.columnReferral], s[.inboxColumnFrom], s[.inboxColumnReceived], s[.columnStatus], s[.columnCase]],
                                widths: [12, 18, 16, 15, max(12, width - 1 - fixed - 4)], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }

    /// The incoming referral under the selection.
    var selected: IncomingReferral? { list.selection.flatMap { incoming[safe: $0] } }

    /// The incoming referrals as they now are, the selected one kept selected.
    mutating func show(_ incoming: [IncomingReferral], serviceNames: [String: String], size: Size) {
        let previous = selected?.referralId
        self.incoming = incoming
        self.serviceNames = serviceNames
        let kept = previous.flatMap { id in incoming.firstIndex { $0.referralId == id } }
        list = ListView(itemCount: incoming.count, selection: incoming.isEmpty ? nil : (kept ?? 0))
        list.scrollToSelection(visibleRows: Self.tableRect(size).height - 1)
    }

    /// "2026-03-02 14:05", in UTC (the column says so), as `waymark inbox` prints it.
    static func time(_ date: Date) -> String {
        ChecklistScreen.time(date, in: TimeZone(identifier: "UTC") ?? .current)
    }

    /// The selected referral in full: the receiving service, when it was accepted here, and the steps the sender did.
    static func details(_ referral: IncomingReferral, serviceName: String?, _ s: StringTable) -> [String] {
        let first = s.format(.inboxDetailService, ["service": serviceName ?? referral.serviceId])
        var second = s.format(.inboxDetailFrom, ["from": referral.from, "day": DecisionDay.text(referral.sentAt)])
        if let accepted = referral.acceptedAt {
            second += " · " + s.format(.inboxDetailAccepted, ["day": DecisionDay.text(accepted)])
        }
        if let reason = referral.declineReason { second += " · " + s.label("decline.\(reason.rawValue)") }
        if let outcome = referral.outcome { second += " · " + s.label("outcome.\(outcome.rawValue)") }
        guard !referral.stepsDone.isEmpty else { return [first, second, s[.inboxStepsNone]] }
        return [first, second, s.format(.inboxStepsTitle, ["organization": referral.from])] + referral.stepsDone.map {
            s.format(.inboxStep, ["step": s.stepLabel($0.step), "organization": $0.organization, "day": DecisionDay.text($0.recordedAt)])
        }
    }
}

extension InboxScreen: ScreenModel, TableScreen {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, open, answer(ReferralStatus), back
    }

    var screen: Screen { .inbox(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        // Offered on the bar only with a referral to act on.
        let any = selected != nil
        // `k` answers here (acknowledged), so the selection moves with the arrows only.
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], .move, hint: any ? KeyHint("↑↓", s[.hintChoose]) : nil,
                       help: KeyHint("↑↓", s[.helpMove])),
            KeyBinding([.enter, .right], .open, hint: any ? KeyHint("Enter", s[.hintCase]) : nil, help: KeyHint("Enter", s[.helpInboxOpen])),
            KeyBinding([.character("k")], .answer(.acknowledged), hint: any ? KeyHint("k a d t c", s[.hintAnswer]) : nil,
                       help: KeyHint("k", s[.helpInboxAcknowledged])),
            KeyBinding([.character("a")], .answer(.accepted), help: KeyHint("a", s[.helpInboxAccepted])),
            KeyBinding([.character("d")], .answer(.declined), help: KeyHint("d", s[.helpInboxDeclined])),
            KeyBinding([.character("t")], .answer(.serviceStarted), help: KeyHint("t", s[.helpInboxServiceStarted])),
            KeyBinding([.character("c")], .answer(.closed), help: KeyHint("c", s[.helpInboxClosed])),
            KeyBinding([.escape, .left], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpInboxBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        // What was just written stays on the message line until the next key.
        state.casework.notice = nil
        switch action {
        case .back:
            return .pop()
        case .move:
            moveSelection(key, state)
        case .open:
            guard let referral = selected else { break }
            return Reply([.casework(.loadCase(caseCode: referral.caseCode))])
        case .answer(let status):
            guard let referral = selected else { break }
            // A decline says why, a closing how it ended: each from the domain's own codes, as `--reason` and `--outcome`.
            if status == .declined {
                return Reply(push: .dialog(.answerDeclineMenu(ListView(itemCount: DeclineReason.allCases.count, selection: 0),
                                                              referralId: referral.referralId)))
            }
            if status == .closed {
                return Reply(push: .dialog(.answerOutcomeMenu(ListView(itemCount: ReferralOutcome.allCases.count, selection: 0),
                                                              referralId: referral.referralId)))
            }
            return Reply([.casework(.checkAnswer(InboxAnswer(referralId: referral.referralId, status: status)))])
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.inboxTitle], into: &grid)
        let waiting = incoming.filter { $0.status == .sent }.count
        let summary = incoming.isEmpty ? s[.inboxSummaryNone]
            : s.format(incoming.count == 1 ? .inboxSummaryOne : .inboxSummary, ["count": "\(incoming.count)", "waiting": "\(waiting)"])
        _ = grid.put(" " + summary,
                     at: Point(x: 0, y: 1), style: waiting > 0 ? .warning : .emphasis, maxWidth: grid.width)
        let rect = Self.tableRect(grid.size)
        Self.table(s, list: list, width: grid.width).render(into: &grid, in: rect, rowStyle: { incoming[$0].status == .sent ? .emphasis : .plain }) { row, column in
            let referral = incoming[row]
            switch column {
            case 0: return referral.referralId
            case 1: return referral.from
            case 2: return Self.time(referral.receivedAt)
            case 3: return referral.status == .sent ? s[.inboxStatusNew] : s.label("status.\(referral.status.rawValue)")
            default: return referral.caseCode
            }
        }
        if incoming.isEmpty {
            let lines = DisplayText.wrap(s[.inboxNone], width: min(grid.width - 4, 70))
            for (offset, line) in lines.enumerated() {
                _ = grid.put(line, in: Rect(x: 0, y: 5 + offset, width: grid.width, height: 1), style: .plain, alignment: .center)
            }
        }
        // The selected referral in full, below the table: what was asked, and what the sender already did.
        let messageY = grid.height - 2
        if let referral = selected {
            let top = rect.maxY + 1
            let lines = Self.details(referral, serviceName: serviceNames[referral.serviceId], s)
            for (offset, line) in lines.prefix(max(0, messageY - top)).enumerated() {
                _ = grid.put(" " + DisplayText.truncate(line, toWidth: grid.width - 2), at: Point(x: 0, y: top + offset),
                             style: offset == 0 ? .emphasis : .plain, maxWidth: grid.width)
            }
        }
        // A refusal in full (the envelope's sentences are long), over the details.
        if let problem = state.casework.problem {
            CaseworkFlow.renderMessage(problem, style: .warning, maxLines: 6, into: &grid)
        } else if let notice = state.casework.notice {
            CaseworkFlow.renderMessage(notice, style: .muted, into: &grid)
        }
        statusBar(s[.inboxStatus], state, into: &grid)
    }
}
