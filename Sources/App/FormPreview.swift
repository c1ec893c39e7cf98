import Casework
import Foundation
import Terminal

/// A referral form on screen: the preview of what would be shared now, or the form as handed off.
public struct FormPreview: Sendable, Equatable {
    public var form: ReferralForm
    /// Whether this is the form as handed off (else a draft's preview).
    public var sent: Bool
    /// The form's text as the form laid it out (its columns are kept, never reflowed), scrolled.
    public var view: TextView

    public init(form: ReferralForm, sent: Bool, labels: FormLabels = .codes) {
        self.form = form
        self.sent = sent
        var text = form.text(width: FormPreview.formWidth, labels: labels)
        if text.hasSuffix("\n") { text.removeLast() }
        view = TextView(text: text, layout: .laidOut)
    }

    /// The form's text, line by line.
    public var lines: [String] { view.text.components(separatedBy: "\n") }
}

extension FormPreview: ScreenModel {
    /// The form's text width: the screen's 80 columns less the margins and the scroll marks.
    static let formWidth = 76

    /// Where the form's lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 3, width: size.width - 2, height: max(1, size.height - 5)) }

    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case scroll, handoff, override, write, referrals, back
    }

    var screen: Screen { .formPreview(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding(ScrollKeys.keys, .scroll, hint: KeyHint("↑↓", s[.hintScroll]), help: KeyHint("↑↓ PgUp PgDn", s[.helpScroll])),
            KeyBinding([.enter], .handoff, hint: KeyHint("Enter", s[.hintHandoff]), help: KeyHint("Enter", s[.helpFormHandoff]), when: !sent),
            KeyBinding([.character("o")], .override, hint: KeyHint("o", s[.hintOverride]), help: KeyHint("o", s[.helpFormOverride]),
                       when: !sent),
            KeyBinding([.character("w")], .write, hint: sent ? KeyHint("w", s[.hintWrite]) : nil, help: KeyHint("w", s[.helpFormWrite]), when: sent),
            KeyBinding([.character("R")], .referrals, hint: sent ? KeyHint("R", s[.hintReferrals]) : nil, help: KeyHint("R", s[.helpReferrals])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpFormBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        let s = state.strings
        let id = form.referralId
        switch action {
        case .back:
            // Coming back after a hand-off: the screen below shows the referral as it now is.
            guard sent else { return .pop() }
            switch state.screen {
            case .checklist: return .pop([.casework(.loadChecklist(referralId: id))])
            case .referrals: return .pop([.casework(.loadReferrals)])
            default: return .pop()
            }
        case .handoff:
            // The highlight starts on what the box asks about: Enter, Enter hands off; Esc or Cancel does not.
            let dialog = ModalDialog(title: s[.handoffConfirmTitle],
                                     message: s.format(.handoffConfirmAsk, ["referral": id, "organization": form.receivingOrganization]),
                                     buttons: [s[.handoffButton], s[.buttonCancel]], selectedButton: 0)
            return Reply(push: .dialog(.choice(ChoiceDialog(dialog, action: .handoff(referralId: id)))))
        case .override:
            return Reply(push: .dialog(.text(TextDialog(purpose: .overrideReason(referralId: id), title: s[.overrideTitle],
                                                        prompt: s[.overridePrompt]))))
        case .write:
            state.casework.problem = nil
            state.casework.notice = nil
            return Reply(push: .dialog(.formFile(FormFileDialog(referralId: id))))
        case .referrals:
            return CaseworkFlow.request(.referrals, &state)
        case .scroll:
            view.handle(key, size: Self.body(state.size).size)
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let preview = self
        let id = preview.form.referralId
        TitleBar.render(state, subtitle: s.format(preview.sent ? .formSentTitle : .formPreviewTitle, ["referral": id]), into: &grid)
        let intro = preview.sent ? s.format(.formSentExplain, ["referral": id]) : s[.formPreviewExplain]
        for (offset, line) in DisplayText.wrap(intro, width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: 1 + offset), style: preview.sent ? .emphasis : .muted, maxWidth: grid.width)
        }
        // Where the form continues: a mark in the right column, and the lines shown on the status bar.
        let rect = Self.body(state.size)
        view.render(into: &grid, in: rect)
        let total = view.lines(width: rect.width - 1).count
        let top = view.visibleStart(rows: rect.height, width: rect.width - 1)
        // The title says whether it was sent; the status bar says where the form continues.
        let status = total > rect.height
            ? s.format(.scrollPosition, ["from": "\(top + 1)", "to": "\(min(total, top + rect.height))", "count": "\(total)"])
            : (preview.sent ? s[.formSentStatus] : s[.formPreviewStatus])
        // A refused hand-off says every reason and what to do instead: room for more than a sentence.
        if let problem = state.casework.problem {
            CaseworkFlow.renderMessage(problem, style: .warning, maxLines: 6, into: &grid)
        } else if let notice = state.casework.notice {
            CaseworkFlow.renderMessage(notice, style: .muted, into: &grid)
        }
        statusBar(status, state, into: &grid)
    }
}
