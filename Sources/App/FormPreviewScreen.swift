import Casework
import Foundation
import Terminal

/// A referral form on screen: the preview of what would be shared now, or the form as handed off.
public struct FormPreview: Sendable, Equatable {
    public var form: ReferralForm
    /// Whether this is the form as handed off (else a draft's preview).
    public var sent: Bool
    /// The form's text, line by line, laid out by the form itself (its columns are kept, never reflowed).
    public var lines: [String]
    /// The first line shown.
    public var scroll = 0

    public init(form: ReferralForm, sent: Bool) {
        self.form = form
        self.sent = sent
        var lines = form.text(width: FormPreviewScreen.formWidth).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// Scrolls by a key for a view `rows` lines high; returns whether the key was for scrolling.
    mutating func handle(_ key: Key, rows: Int) -> Bool {
        guard let next = ScrollKeys.offset(after: key, from: scroll, rows: rows, total: lines.count) else { return false }
        scroll = next
        return true
    }
}

/// The form preview screen: exactly what will be shared, scrollable; Enter asks the gate and hands off.
enum FormPreviewScreen {
    /// The form's text width: the screen's 80 columns less the margins and the scroll marks.
    static let formWidth = 76

    static func body(_ state: AppState) -> Rect { Rect(x: 1, y: 3, width: state.size.width - 2, height: max(1, state.size.height - 5)) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var preview = state.casework.preview else {
            state.screen = .checklist
            return []
        }
        let s = state.strings
        let id = preview.form.referralId
        switch key {
        case .escape:
            state.screen = state.casework.previewReturn
            // Coming back to the checklist after a hand-off: show the referral as it now is.
            if preview.sent && state.casework.previewReturn == .checklist { return [.loadChecklist(referralId: id)] }
            if preview.sent && state.casework.previewReturn == .referrals { return [.loadReferrals] }
        case .enter where !preview.sent:
            let dialog = ModalDialog(title: s[.handoffConfirmTitle],
                                     message: s.format(.handoffConfirmAsk, ["referral": id, "organization": preview.form.receivingOrganization]),
                                     buttons: [s[.handoffButton], s[.buttonCancel]], selectedButton: 1)
            state.casework.dialog = .choice(ChoiceDialog(dialog, action: .handoff(referralId: id)))
        case .character("o") where !preview.sent:
            state.casework.dialog = .text(TextDialog(purpose: .overrideReason(referralId: id), title: s[.overrideTitle],
                                                     prompt: s[.overridePrompt]))
        case .character("R"):
            return CaseworkFlow.request(.referrals, &state)
        case .character("?"):
            state.showHelp = true
        default:
            _ = preview.handle(key, rows: body(state).height)
            state.casework.preview = preview
        }
        return []
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let preview = state.casework.preview else { return }
        let id = preview.form.referralId
        TitleBar.render(state, subtitle: s.format(preview.sent ? .formSentTitle : .formPreviewTitle, ["referral": id]), into: &grid)
        let intro = preview.sent ? s.format(.formSentExplain, ["referral": id]) : s[.formPreviewExplain]
        for (offset, line) in DisplayText.wrap(intro, width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: 1 + offset), style: preview.sent ? .emphasis : .muted, maxWidth: grid.width)
        }
        let rect = body(state)
        let top = min(preview.scroll, max(0, preview.lines.count - rect.height))
        for (offset, line) in preview.lines.dropFirst(top).prefix(rect.height).enumerated() {
            _ = grid.put(line, at: Point(x: rect.x, y: rect.y + offset), maxWidth: rect.width - 1)
        }
        // Where the form continues: a mark in the right column, and the lines shown on the status bar.
        if top > 0 { _ = grid.put("↑", at: Point(x: rect.maxX - 1, y: rect.y), style: .muted) }
        if top + rect.height < preview.lines.count { _ = grid.put("↓", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: .muted) }
        // The title says whether it was sent; the status bar says where the form continues.
        let status = preview.lines.count > rect.height
            ? s.format(.scrollPosition, ["from": "\(top + 1)", "to": "\(min(preview.lines.count, top + rect.height))",
                                         "count": "\(preview.lines.count)"])
            : (preview.sent ? s[.formSentStatus] : s[.formPreviewStatus])
        // A refused hand-off says every reason and what to do instead: room for more than a sentence.
        if let problem = state.casework.problem { CaseworkFlow.renderMessage(problem, style: .warning, maxLines: 6, into: &grid) }
        let hints = preview.sent
            ? [KeyHint("↑↓", s[.hintScroll]), KeyHint("R", s[.hintReferrals]), KeyHint("Esc", s[.hintBack])]
            : [KeyHint("↑↓", s[.hintScroll]), KeyHint("Enter", s[.hintHandoff]), KeyHint("o", s[.hintOverride]), KeyHint("Esc", s[.hintBack])]
        StatusBar(text: status, hints: hints)
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}
