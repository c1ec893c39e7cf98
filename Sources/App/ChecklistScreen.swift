import Casework
import Foundation
import SOP
import Terminal

/// The SOP checklist screen of one referral: who it goes to, every step done or owed, and the gate's answer.
public struct ChecklistScreen: Sendable, Equatable {
    public var checklist: Checklist
    /// The selected row (the screen scrolls the rows itself: a row takes as many lines as its text).
    public var list: ListView

    public init(checklist: Checklist) {
        self.checklist = checklist
        list = ListView(itemCount: checklist.rows.count)
    }

    /// The selected row's index.
    public var selection: Int { list.selection ?? 0 }

    /// The checklist as it now is, the selection kept in range.
    mutating func show(_ checklist: Checklist) {
        self.checklist = checklist
        list.setItemCount(checklist.rows.count)
    }
}

extension ChecklistScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, record, preview, identity, notify, referrals, changeOperator, updateProfile, back
    }

    var screen: Screen { .checklist(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .character("k"), .down, .character("j"), .home, .character("g"), .end, .character("G")], .move,
                       help: KeyHint("↑↓ j k Home End", s[.helpChecklistMove])),
            KeyBinding([.enter], .record, hint: KeyHint("Enter", s[.hintRecord]), help: KeyHint("Enter", s[.helpChecklistRecord])),
            KeyBinding([.character("p")], .preview, hint: KeyHint("p", s[.hintPreview]), help: KeyHint("p", s[.helpChecklistPreview])),
            KeyBinding([.character("i")], .identity, hint: KeyHint("i", s[.hintIdentity]), help: KeyHint("i", s[.helpChecklistIdentity])),
            // The anonymous notification is for adults: its key is named for them (a child's is refused by the domain).
            KeyBinding([.character("N")], .notify, hint: checklist.isChild ? nil : KeyHint("N", s[.hintNotify]),
                       help: KeyHint("N", s[.helpChecklistNotify])),
            KeyBinding([.character("R")], .referrals, hint: KeyHint("R", s[.hintReferrals]), help: KeyHint("R", s[.helpReferrals])),
            KeyBinding([.character("O")], .changeOperator, help: KeyHint("O", s[.helpChecklistOperator])),
            KeyBinding([.character("u")], .updateProfile, help: KeyHint("u", s[.helpChecklistUpdate])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpChecklistBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        let s = state.strings
        let rows = checklist.rows
        switch action {
        case .back:
            return .pop()
        case .move:
            list.handle(key, visibleRows: rows.count)
        case .record:
            guard let row = rows[safe: selection] else { break }
            // After the hand-off only consent opens: to be withdrawn (the domain refuses a new one).
            guard checklist.referral.status == .draft || row.step.id == "consent" else {
                state.casework.problem = s.format(.checklistNotDraft, ["referral": checklist.referral.id,
                                                                       "status": s.label("status.\(checklist.referral.status)")])
                break
            }
            state.casework.problem = nil
            switch row.step.id {
            case "screening":
                guard !checklist.screeningSets.isEmpty else { break }
                // Opened again, it shows what was recorded (each set's latest answers), not blanks.
                var sheet = ScreeningSheet(sets: checklist.screeningSets)
                sheet.answers = checklist.screenings.reduce(into: [:]) { all, record in all.merge(record.answers) { _, new in new } }
                return Reply(push: .screening(ScreeningScreen(sheet: sheet, checklist: checklist)))
            case "consent":
                return Reply(push: .consent(ConsentScreen(form: ConsentForm(givenBy: checklist.consentGiver),
                                                              checklist: checklist)))
            default:
                // Opened again, it shows the answers last recorded, not blanks or defaults; opened first, what
                // the intake and the directory already say (the age as stated, a service with nothing to flag).
                var form = StepForm(step: row.step, referralId: checklist.referral.id, isChild: checklist.isChild,
                                    acknowledge: row.step.id == "risk" ? checklist.toAcknowledge : [], recorded: row.details, strings: s)
                if row.details == nil {
                    form.prefillAge(from: checklist.profile)
                    if checklist.toAcknowledge.isEmpty { form.prefillReceivingService(s[.riskServiceNothingListed]) }
                }
                return Reply(push: .dialog(.step(form)))
            }
        case .preview:
            return Reply([.casework(.loadForm(referralId: checklist.referral.id))])
        case .identity:
            // Identifying data belongs to the case, not the referral: open whatever the referral's status.
            return Reply([.casework(.loadIdentity(caseCode: checklist.caseCode))])
        case .notify:
            // Asked first; whether the person may be notified (not a child) is the domain's answer.
            let dialog = ModalDialog(title: s[.notifyConfirmTitle], message: s.format(.notifyConfirmAsk, ["case": checklist.caseCode]),
                                     buttons: [s[.notifyButton], s[.buttonCancel]], selectedButton: 1)
            return Reply(push: .dialog(.choice(ChoiceDialog(dialog, action: .notify(caseCode: checklist.caseCode)))))
        case .referrals:
            return CaseworkFlow.request(.referrals, &state)
        case .updateProfile:
            // The person as now known (a move to a shelter, residence, police stance…): the intake's facts, prefilled.
            state.casework.problem = nil
            state.casework.notice = nil
            return Reply(push: .intake(IntakeForm(updating: checklist.profile, caseCode: checklist.caseCode, referralId: checklist.referral.id)))
        case .changeOperator:
            // The box opens with the operator set now.
            state.casework.problem = nil
            state.casework.notice = nil
            return Reply([.casework(.loadOperator)])
        }
        return Reply()
    }

    /// Whether a step's summary says something to a responder (a result, a best-interests outcome,
    /// a guardian suspected, the child's agreement, codes acknowledged), not only "recorded" or answer keys.
    /// Why a step is not asked of this referral, in words (the gate's reason, the types by their labels).
    static func notNeeded(_ why: NotOwed?, referral: Referral, strings s: StringTable) -> String {
        func types(_ codes: [String]) -> String { codes.map { s.label($0).lowercased() }.joined(separator: ", ") }
        switch why {
        case nil: return s[.checklistNotNeeded]
        case .childProtection?: return s[.checklistNotNeededChildProtection]
        case .careOnAssent?: return s.format(.checklistNotNeededCare, ["types": types([referral.need.rawValue])])
        case .bestInterestsNotAsked?: return s[.checklistNotNeededBestInterests]
        case .forPerson(let person)?: return s.format(.checklistNotNeededPerson, ["person": person == .child ? "children" : "adults"])
        case .onlyForTypes(let codes)?: return s.format(.checklistNotNeededOnlyFor, ["types": types(codes)])
        case .neverWaitsFor(let codes)?: return s.format(.checklistNotNeededNeverWaits, ["types": types(codes)])
        case .neverWaitsAtPriority(let priority, let codes)?:
            return s.format(.checklistNotNeededPriority, ["types": types(codes), "priority": priority])
        }
    }

    static func tells(_ stepId: String, _ summary: String) -> Bool {
        switch stepId {
        case "screening", "age", "consent": return true
        case "guardian", "best-interests", "child-views": return summary != "recorded"
        case "risk": return summary.hasSuffix(" acknowledged")
        default: return false
        }
    }

    /// "2026-01-15 12:00", in the person's area's time zone (the steps' heading names it).
    static func time(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let referral = checklist.referral
        TitleBar.render(state, subtitle: s.format(.checklistTitle, ["referral": referral.id]), into: &grid)
        let person = checklist.isChild ? s[.checklistChild] : s[.checklistAdult]
        var header: [(String, Style)] = [
            (s.format(.checklistCase, ["case": checklist.caseCode, "person": person,
                                       "status": s.label("status.\(referral.status)")]), .emphasis),
            (s.format(.checklistTo, ["service": referral.serviceName, "organization": referral.organizationName]), .plain),
            (s.format(.checklistNeed, ["need": s.label(referral.need.rawValue), "priority": s.label("priority.\(referral.priority)")]), .plain),
        ]
        if let reason = referral.statusReason { header.append((s.format(.checklistReason, ["reason": reason]), .muted)) }
        if !checklist.procedure.isEmpty { header.append((s.format(.checklistProcedure, ["procedure": checklist.procedure]), .muted)) }
        // The recovery and reflection period: its last day, and a reminder in its last week.
        if let ends = checklist.recoveryPeriodEnds {
            header.append((s.format(checklist.recoveryPeriodReminder ? .checklistRecoveryEndsSoon : .checklistRecoveryEnds, ["date": ends]),
                           checklist.recoveryPeriodReminder ? .warning : .muted))
        }
        var y = 1
        for (text, style) in header {
            for line in DisplayText.wrap(text, width: grid.width - 2) where y < grid.height - 4 {
                _ = grid.put(" " + line, at: Point(x: 0, y: y), style: style, maxWidth: grid.width)
                y += 1
            }
        }
        _ = grid.put(" " + s.format(.checklistSteps, ["zone": checklist.timeZone.identifier]), at: Point(x: 0, y: y), style: .heading,
                     maxWidth: grid.width)
        y += 1

        // Each step: its mark and name, then what was recorded or what to do, wrapped in full.
        let labelWidth = 22
        let textWidth = grid.width - labelWidth - 10  // the last column is kept for the scroll marks
        var lines: [(row: Int, text: String, style: Style)] = []
        for (index, row) in checklist.rows.enumerated() {
            let mark: String
            let detail: String
            let style: Style
            switch row.state {
            case .done(let by, let at, let summary):
                mark = s[.checklistDone]
                let said = Self.tells(row.step.id.rawValue, summary) ? " — " + summary : ""
                detail = s.format(.checklistDoneBy, ["who": by, "when": Self.time(at, in: checklist.timeZone)]) + said
                    + (row.changedAfterHandoff.isEmpty ? ""
                        : " — " + s.format(.checklistChangedAfterHandoff, ["referrals": row.changedAfterHandoff.joined(separator: ", ")]))
                style = .plain
            case .owed(let instruction):
                mark = s[.checklistOwed]
                detail = instruction
                style = .warning
            case .notNeeded(let why):
                mark = "—"
                detail = Self.notNeeded(why, referral: checklist.referral, strings: s)
                style = .muted
            }
            for (offset, piece) in DisplayText.wrap(detail, width: textWidth).enumerated() {
                let lead = offset == 0 ? "\(DisplayText.fit(mark, toWidth: 5)) \(DisplayText.fit(s.stepLabel(row.step.id), toWidth: labelWidth))"
                    : String(repeating: " ", count: 6 + labelWidth)
                lines.append((index, "\(lead) \(piece)", style))
            }
        }
        // The footer: a rule, the gate's answer, and a refusal or notice wrapped in full below it.
        let message: (String, Style)? = state.casework.problem.map { ($0, .warning) }
            ?? state.casework.notice.map { ($0, $0 == s[.safetyDangerNotice] ? .danger : .muted) }
        let messageLines = message.map { min(3, DisplayText.wrap($0.0, width: grid.width - 2).count) } ?? 1
        let footerY = grid.height - 3 - messageLines
        let visible = max(1, footerY - y)
        // Keep the selected step's lines on screen.
        let selection = self.selection
        let first = lines.firstIndex { $0.row == selection } ?? 0
        let last = lines.lastIndex { $0.row == selection } ?? 0
        var top = 0
        if last >= top + visible { top = last - visible + 1 }
        if first < top { top = first }
        let listTop = y
        for line in lines.dropFirst(top).prefix(visible) {
            let selected = line.row == selection
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put("  " + line.text, at: Point(x: 0, y: y), style: selected ? .selected : line.style, maxWidth: grid.width - 1)
            y += 1
        }
        // More steps above or below than fit: a mark in the right column.
        if top > 0 { _ = grid.put("↑", at: Point(x: grid.width - 1, y: listTop), style: .muted) }
        if top + visible < lines.count { _ = grid.put("↓", at: Point(x: grid.width - 1, y: listTop + visible - 1), style: .muted) }

        // The gate's answer, and any refusal or notice.
        let gate: (String, Style)
        if referral.status != .draft {
            gate = (s.format(.checklistNotDraft, ["referral": referral.id, "status": s.label("status.\(referral.status)")]), .emphasis)
        } else if checklist.owed.isEmpty {
            gate = (s[.checklistCleared], .emphasis)
        } else {
            gate = (s.format(checklist.owed.count == 1 ? .checklistRefusedOne : .checklistRefusedMany, ["count": "\(checklist.owed.count)"]), .danger)
        }
        _ = grid.put(" " + String(repeating: "─", count: grid.width - 2), at: Point(x: 0, y: footerY), style: .muted)
        _ = grid.put(" " + DisplayText.truncate(gate.0, toWidth: grid.width - 2), at: Point(x: 0, y: footerY + 1), style: gate.1, maxWidth: grid.width)
        if let message { CaseworkFlow.renderMessage(message.0, style: message.1, into: &grid) }
        statusBar(s[.checklistStatus], state, into: &grid)
    }
}
