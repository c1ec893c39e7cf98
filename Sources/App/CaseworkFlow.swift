import Casework
import Foundation
import SOP
import Terminal

/// The case-data side of `update`: the passphrase asked once, the operator asked once, the answers of
/// casework effects, and the keys of the casework dialogs. Pure, like `update`.
enum CaseworkFlow {
    /// Does a request now if the store is open and the operator known; else asks for what is missing first.
    static func request(_ request: CaseworkRequest, _ state: inout AppState) -> [Effect] {
        state.casework.problem = nil
        state.casework.notice = nil
        guard state.casework.unlocked else {
            state.casework.pending = request
            return [.casework(.unlock(passphrase: nil))]
        }
        guard state.casework.operatorKnown else {
            state.casework.pending = request
            state.casework.dialog = .operatorSetup(OperatorDialog())
            return []
        }
        return effects(request)
    }

    static func effects(_ request: CaseworkRequest) -> [Effect] {
        switch request {
        case .refer(let refer): return [.casework(.refer(refer))]
        case .referrals: return [.casework(.loadReferrals)]
        }
    }

    /// Runs what was waiting for the store to open.
    static func resume(_ state: inout AppState) -> [Effect] {
        guard let pending = state.casework.pending else { return [] }
        state.casework.pending = nil
        return effects(pending)
    }

    /// Applies the answer of a casework effect: the screen it belongs to is opened, or brought back and updated.
    static func update(_ state: inout AppState, _ message: CaseworkMessage) -> [Effect] {
        let s = state.strings
        switch message {
        case .caseStoreLocked(let newStore, let problem):
            state.casework.dialog = .passphrase(PassphraseDialog(newStore: newStore, problem: problem))
        case .caseStoreOpened(let operatorSet):
            state.casework.unlocked = true
            state.casework.operatorKnown = operatorSet
            if operatorSet {
                state.casework.dialog = nil
                return resume(&state)
            }
            state.casework.dialog = .operatorSetup(OperatorDialog())
        case .operatorSaved:
            state.casework.operatorKnown = true
            state.casework.dialog = nil
            return resume(&state)
        case .caseworkUnavailable(let reason):
            state.casework.pending = nil
            state.casework.dialog = .choice(ChoiceDialog(ModalDialog(title: s[.caseworkTitle],
                                                                     message: s.format(.caseworkUnavailable, ["reason": reason]),
                                                                     buttons: [s[.buttonOK]])))
        case .referred(let checklist):
            state.casework.intakeCase = checklist.caseCode
            show(checklist, &state) { $0.list.select(checklist.rows.firstIndex(where: \.isOwed) ?? 0) }
        case .checklistLoaded(let checklist):
            show(checklist, &state)
        case .recorded(let checklist, let stepId):
            show(checklist, &state) { screen in
                // Move on to the next step still owed, as a responder works down the list.
                screen.list.select(checklist.rows.firstIndex(where: \.isOwed) ?? screen.selection)
            }
            state.casework.notice = state.casework.noticeAfterRecord ?? s.format(.stepRecorded, ["step": s.stepLabel(stepId)])
            state.casework.noticeAfterRecord = nil
        case .consentWithdrawn(let checklist):
            show(checklist, &state)
            state.casework.notice = s[.consentWithdrawnNotice]
        case .formLoaded(let form, let sent):
            state.casework.dialog = nil
            state.casework.problem = nil
            state.push(.formPreview(FormPreview(form: form, sent: sent)))
        case .handedOff(let form):
            state.casework.dialog = nil
            state.casework.problem = nil
            // The preview it was handed off from becomes the form as sent.
            if case .formPreview = state.screen { state.pop() }
            state.push(.formPreview(FormPreview(form: form, sent: true)))
        case .handoffRefused(let missing):
            let lines = missing.map { "• \(s.stepLabel($0.stepId)): \($0.instruction)" }
            state.casework.dialog = .choice(ChoiceDialog(ModalDialog(title: s[.handoffRefusedTitle],
                                                                     message: ([s[.handoffRefusedExplain]] + lines).joined(separator: "\n"),
                                                                     buttons: [s[.buttonOK]], maxWidth: 76)))
        case .identityLoaded(let code, let identity):
            state.casework.problem = nil
            state.push(.identity(IdentityForm(caseCode: code, identity: identity, strings: s)))
        case .identitySaved(let code):
            // What was decrypted for the form goes with it; the checklist says it was saved, never what.
            _ = state.popBack { if case .checklist = $0 { return true } else { return false } }
            state.casework.problem = nil
            state.casework.notice = s.format(.identitySaved, ["case": code])
        case .notified(let notification):
            state.casework.problem = nil
            state.push(.notification(NotificationView(notification)))
        case .referralsLoaded(let referrals):
            state.casework.problem = nil
            // One referrals screen: asked again from a screen above it, it is brought back.
            if state.popBack(to: { if case .referrals = $0 { return true } else { return false } }), case .referrals(var screen) = state.screen {
                screen.show(referrals, size: state.size)
                state.replaceTop(.referrals(screen))
            } else {
                state.push(.referrals(ReferralsScreen(referrals: referrals)))
            }
        case .caseworkRefused(let reason):
            refused(reason, &state)
        }
        return []
    }

    /// A refusal goes where the responder is looking: the open form's error line, else the screen's message line.
    private static func refused(_ reason: String, _ state: inout AppState) {
        switch state.casework.dialog {
        case .step(var form)?:
            form.error = reason
            state.casework.dialog = .step(form)
        case .text(var dialog)?:
            dialog.error = reason
            state.casework.dialog = .text(dialog)
        case .operatorSetup(var dialog)?:
            dialog.problem = reason
            state.casework.dialog = .operatorSetup(dialog)
        case .passphrase?, .choice?, .statusMenu?, nil:
            state.casework.dialog = nil
            if case .identity(var form) = state.screen {
                form.error = reason
                state.replaceTop(.identity(form))
            } else {
                state.casework.problem = reason
            }
        }
    }

    /// Shows a referral's checklist: the one on the stack brought back and updated (the screens over it close), else a new one.
    static func show(_ checklist: Checklist, _ state: inout AppState, then change: (inout ChecklistScreen) -> Void = { _ in }) {
        state.casework.dialog = nil
        state.casework.problem = nil
        state.casework.notice = nil
        let found = state.popBack { screen in
            if case .checklist(let shown) = screen { return shown.checklist.referral.id == checklist.referral.id }
            return false
        }
        var screen = ChecklistScreen(checklist: checklist)
        if found, case .checklist(let shown) = state.screen {
            screen = shown
            screen.show(checklist)
            state.pop()
        }
        change(&screen)
        state.push(.checklist(screen))
    }

    // MARK: Dialog keys

    static func handleDialog(_ key: Key, _ dialog: CaseworkDialog, _ state: inout AppState) -> [Effect] {
        let s = state.strings
        switch dialog {
        case .passphrase(var box):
            switch box.handle(key, strings: s) {
            case .pending:
                state.casework.dialog = .passphrase(box)
            case .cancel:
                state.casework.dialog = nil
                state.casework.pending = nil
            case .submit(let passphrase):
                // The dialog closes; a wrong passphrase opens it again with the reason.
                state.casework.dialog = nil
                return [.casework(.unlock(passphrase: passphrase))]
            }
        case .operatorSetup(var box):
            switch box.handle(key) {
            case .pending:
                state.casework.dialog = .operatorSetup(box)
            case .cancel:
                state.casework.dialog = nil
                state.casework.pending = nil
            case .submit(let name, let organization):
                box.problem = nil
                state.casework.dialog = .operatorSetup(box)
                return [.casework(.saveOperator(name: name, organization: organization))]
            }
        case .step(var form):
            switch form.handle(key, strings: s) {
            case .pending:
                state.casework.dialog = .step(form)
            case .cancel:
                state.casework.dialog = nil
            case .submit(let details):
                state.casework.dialog = .step(form)
                state.casework.noticeAfterRecord = form.stepId == "safety" && details.answers["in_danger"] == "yes" ? s[.safetyDangerNotice] : nil
                return [.casework(.recordStep(referralId: form.referralId, stepId: form.stepId, scope: form.scope, details))]
            }
        case .choice(var choice):
            switch choice.dialog.handle(key) {
            case .pending:
                state.casework.dialog = .choice(choice)
            case .dismissed:
                state.casework.dialog = nil
            case .pressed(let index):
                state.casework.dialog = nil
                guard index == 0 else { return [] }
                switch choice.action {
                case .none: return []
                case .handoff(let id): return [.casework(.handoff(referralId: id, override: nil))]
                case .withdrawConsent(let id): return [.casework(.withdrawConsent(referralId: id))]
                case .notify(let code): return [.casework(.notify(caseCode: code))]
                }
            }
        case .text(var box):
            switch key {
            case .escape:
                state.casework.dialog = nil
            case .enter:
                let text = box.input.text.trimmingCharacters(in: .whitespaces)
                switch box.purpose {
                case .overrideReason(let id):
                    guard !text.isEmpty else {
                        box.error = s[.overrideEmpty]
                        state.casework.dialog = .text(box)
                        return []
                    }
                    return [.casework(.handoff(referralId: id, override: text))]
                case .statusReason(let id, let status):
                    guard !text.isEmpty else {
                        box.error = s[.reasonEmpty]
                        state.casework.dialog = .text(box)
                        return []
                    }
                    state.casework.dialog = nil
                    return [.casework(.updateReferral(referralId: id, status: status, reason: text))]
                case .interpreterLanguage, .explainedInLanguage:
                    state.casework.dialog = nil
                    guard case .consent(var screen) = state.screen else { return [] }
                    let language = text.isEmpty ? nil : text.lowercased()
                    if box.purpose == .interpreterLanguage { screen.form.interpreterLanguage = language } else { screen.form.explainedIn = language }
                    state.replaceTop(.consent(screen))
                }
            default:
                box.input.handle(key, width: 50)
                box.error = nil
                state.casework.dialog = .text(box)
            }
        case .statusMenu(let list, let id):
            return ReferralsScreen.handleMenu(key, list, referralId: id, &state)
        }
        return []
    }

    // MARK: Dialog drawing

    static func renderDialog(_ state: AppState, into grid: inout Grid) {
        guard let dialog = state.casework.dialog else { return }
        let s = state.strings
        switch dialog {
        case .passphrase(let box): box.render(into: &grid, strings: s)
        case .operatorSetup(let box): box.render(into: &grid, strings: s)
        case .step(let form): form.render(into: &grid, strings: s)
        case .choice(let choice): choice.dialog.render(into: &grid, in: Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2))
        case .statusMenu(let list, let id): ReferralsScreen.renderMenu(list, referralId: id, state, into: &grid)
        case .text(let box):
            PromptBox(title: box.title, message: box.prompt, fields: [PromptBox.Field(box.input)], problem: box.error,
                      keys: s[.textDialogKeys], top: 4).render(into: &grid)
        }
    }

    /// Draws a message wrapped in full (at most `maxLines` lines), its last line just above the status bar; returns the first line's row.
    @discardableResult
    static func renderMessage(_ text: String, style: Style, maxLines: Int = 3, into grid: inout Grid) -> Int {
        let lines = Array(DisplayText.wrap(text, width: grid.width - 2).prefix(maxLines))
        let top = grid.height - 1 - lines.count
        grid.fill(Rect(x: 0, y: top, width: grid.width, height: lines.count))
        for (offset, line) in lines.enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: top + offset), style: style, maxWidth: grid.width)
        }
        return top
    }
}
