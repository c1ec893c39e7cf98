import Casework
import Foundation
import SOP
import Terminal

/// The case-data side of `update`: the passphrase asked once, the operator asked once, the answers of
/// casework effects. Pure, like `update`.
enum CaseworkFlow {
    /// Does a request now if the store is open and the operator known; else asks for what is missing first.
    static func request(_ request: CaseworkRequest, _ state: inout AppState) -> Reply {
        state.casework.problem = nil
        state.casework.notice = nil
        guard state.casework.unlocked else {
            state.casework.pending = request
            return Reply([.casework(.unlock(passphrase: nil))])
        }
        guard state.casework.operatorKnown else {
            state.casework.pending = request
            return Reply(push: .dialog(.operatorSetup(OperatorDialog())))
        }
        return Reply(effects(request))
    }

    static func effects(_ request: CaseworkRequest) -> [Effect] {
        switch request {
        case .refer(let refer): return [.casework(.refer(refer))]
        case .referrals: return [.casework(.loadReferrals)]
        case .cases: return [.casework(.loadCases)]
        case .inbox: return [.casework(.loadInbox)]
        case .resume(let point): return point.effects
        }
    }

    /// Runs what was waiting for the store to open.
    static func resume(_ state: inout AppState) -> [Effect] {
        guard let pending = state.casework.pending else { return [] }
        state.casework.pending = nil
        return effects(pending)
    }

    /// The open referrals a change made the rules refuse, in one message said where it cannot be missed; nil when none.
    static func refusedText(_ refused: [RefusedReferral], caseCode: String, _ s: StringTable) -> String? {
        guard !refused.isEmpty else { return nil }
        return s.format(.updateRefuses, ["case": caseCode, "referrals": refused.map { item in
            s.format(item.referral.status == .draft ? .updateRefusesDraft : item.isProtective ? .updateRefusesProtective : .updateRefusesSent,
                     ["id": item.referral.id, "service": item.referral.serviceName, "reasons": item.reasons.map(\.code).joined(separator: ", ")])
        }.joined(separator: " ")])
    }

    /// Applies the answer of a casework effect: the screen it belongs to is opened, or brought back and updated.
    static func update(_ state: inout AppState, _ message: CaseworkMessage) -> [Effect] {
        let s = state.strings
        switch message {
        case .caseStoreLocked(let newStore, let problem):
            state.open(.passphrase(PassphraseDialog(newStore: newStore, problem: problem, resuming: state.lock.isLocked && !newStore)))
        case .caseStoreOpened(let operatorSet):
            state.casework.unlocked = true
            state.casework.operatorKnown = operatorSet
            // Unlocked after a lock: back where the responder was, unless they asked for something else since.
            if state.lock.isLocked, let point = state.lock.release(), state.casework.pending == nil {
                state.casework.pending = .resume(point)
            }
            if operatorSet {
                state.closeDialog()
                return resume(&state)
            }
            state.open(.operatorSetup(OperatorDialog()))
        case .operatorLoaded(let current):
            state.open(.operatorSetup(current.map { OperatorDialog(name: $0.name, organization: $0.organization) } ?? OperatorDialog()))
        case .operatorSaved(let saved):
            state.casework.operatorKnown = true
            state.closeDialog()
            // Changed from the checklist: it says who now works (and nothing else is waiting).
            if state.casework.pending == nil, case .checklist = state.screen {
                state.casework.notice = s.format(.operatorSaved, ["name": saved.name, "organization": saved.organization])
            }
            return resume(&state)
        case .caseworkUnavailable(let reason):
            state.casework.pending = nil
            state.open(.choice(ChoiceDialog(ModalDialog(title: s[.caseworkTitle],
                                                                     message: s.format(.caseworkUnavailable, ["reason": reason]),
                                                                     buttons: [s[.buttonOK]]))))
        case .referred(let checklist):
            state.casework.intakeCase = checklist.caseCode
            state.casework.caseWorkedOn = true
            show(checklist, &state) { $0.list.select(checklist.rows.firstIndex(where: \.isOwed) ?? 0) }
        case .checklistLoaded(let checklist):
            state.casework.caseWorkedOn = true
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
            state.closeDialog()
            state.casework.problem = nil
            state.casework.notice = nil
            state.push(.formPreview(FormPreview(form: form, sent: sent, labels: s.formLabels)))
        case .formWritten(let path, let format):
            state.closeDialog()
            state.casework.problem = nil
            state.casework.notice = s.format(.formFileWritten, ["path": path, "format": format == .text ? s[.formFileText] : s[.formFileJSON]])
        case .formFileExists(let id, let path, let format):
            // Asked, never assumed: Cancel (the default) keeps the file there and the box to type another name.
            state.open(.choice(ChoiceDialog(ModalDialog(title: s[.formFileReplace], message: s.format(.formFileExists, ["path": path]),
                                                        buttons: [s[.formFileReplace], s[.buttonCancel]], selectedButton: 1),
                                            action: .replaceFormFile(referralId: id, path: path, format: format))))
        case .handedOff(let form):
            state.closeDialog()
            state.casework.problem = nil
            state.casework.notice = nil
            // The preview it was handed off from becomes the form as sent.
            if case .formPreview = state.screen { state.pop() }
            state.push(.formPreview(FormPreview(form: form, sent: true, labels: s.formLabels)))
        case .handoffRefused(let missing):
            let lines = missing.map { "• \(s.stepLabel($0.stepId)): \($0.instruction)" }
            // An emergency draft (the person in danger now): the next action is offered, on this draft —
            // the override with a reason, which the domain still judges.
            if case .formPreview(let preview) = state.screen, !preview.sent, preview.form.priority == .emergency,
               !missing.contains(where: { $0.stepId == "override" }) {
                state.open(.choice(ChoiceDialog(ModalDialog(title: s[.handoffRefusedTitle],
                                                            message: ([s[.handoffRefusedExplain]] + lines + ["", s[.handoffRefusedOverride]])
                                                                .joined(separator: "\n"),
                                                            buttons: [s[.overrideButton], s[.buttonOK]], selectedButton: 1, maxWidth: 76),
                                                action: .override(referralId: preview.form.referralId))))
            } else {
                state.open(.choice(ChoiceDialog(ModalDialog(title: s[.handoffRefusedTitle],
                                                            message: ([s[.handoffRefusedExplain]] + lines).joined(separator: "\n"),
                                                            buttons: [s[.buttonOK]], maxWidth: 76))))
            }
        case .identityLoaded(let code, let identity):
            state.casework.problem = nil
            state.push(.identity(IdentityForm(caseCode: code, identity: identity, strings: s)))
        case .profileUpdated(let checklist, let refused):
            // Back on the checklist, read again: a fact that changed may change what is owed or who may take the person.
            show(checklist, &state)
            state.casework.notice = s.format(.updateSaved, ["case": checklist.caseCode])
            state.casework.problem = refusedText(refused, caseCode: checklist.caseCode, s)
        case .identitySaved(let code, let refused):
            // What was decrypted for the form goes with it; the checklist says it was saved, never what.
            _ = state.popBack { if case .checklist = $0 { return true } else { return false } }
            state.casework.notice = s.format(.identitySaved, ["case": code])
            state.casework.problem = refusedText(refused, caseCode: code, s)
        case .notified(let notification):
            state.casework.problem = nil
            state.push(.notification(NotificationView(notification)))
        case .referralsLoaded(let referrals, let serviceStartDays):
            state.casework.problem = nil
            // One referrals screen: asked again from a screen above it, it is brought back.
            if state.popBack(to: { if case .referrals = $0 { return true } else { return false } }), case .referrals(var screen) = state.screen {
                screen.show(referrals, size: state.size)
                screen.serviceStartDays = serviceStartDays
                state.replaceTop(.referrals(screen))
            } else {
                state.push(.referrals(ReferralsScreen(referrals: referrals, serviceStartDays: serviceStartDays)))
            }
        case .casesLoaded(let cases):
            state.casework.problem = nil
            // One cases screen: asked again from above it, it is brought back.
            if state.popBack(to: { if case .cases = $0 { return true } else { return false } }), case .cases(var screen) = state.screen {
                screen.show(cases, size: state.size)
                state.replaceTop(.cases(screen))
            } else {
                state.push(.cases(CasesScreen(cases: cases)))
            }
        case .caseworkRefused(let reason):
            refused(reason, &state)
        case .inboxLoaded(let incoming, let names):
            state.casework.problem = nil
            showInbox(incoming, serviceNames: names, &state)
        case .caseLoaded(let listing):
            state.casework.problem = nil
            state.push(.caseView(CaseView(listing: listing, now: state.now, strings: s)))
        case .sendAllowed(let id):
            state.open(.envelopeFile(EnvelopeFileDialog(purpose: .referral(referralId: id))))
        case .envelopeWritten(let id, let path):
            state.closeDialog()
            state.casework.problem = nil
            state.casework.notice = s.format(.envelopeWrittenReferral, ["referral": id, "path": path])
        case .answerAllowed(let answer, let sender):
            state.open(.envelopeFile(EnvelopeFileDialog(purpose: .answer(answer, to: sender))))
        case .answered(let answer, let path, let incoming, let names):
            state.closeDialog()
            showInbox(incoming, serviceNames: names, &state)
            state.casework.notice = s.format(.envelopeWrittenAnswer, ["referral": answer.referralId, "path": path,
                                                                      "status": s.label("status.\(answer.status.rawValue)")])
        }
        return []
    }

    /// Shows the incoming referrals: the inbox on the stack brought back and updated (the screens over it close), else a new one.
    private static func showInbox(_ incoming: [IncomingReferral], serviceNames: [String: String], _ state: inout AppState) {
        state.casework.problem = nil
        state.casework.notice = nil
        if state.popBack(to: { if case .inbox = $0 { return true } else { return false } }), case .inbox(var screen) = state.screen {
            screen.show(incoming, serviceNames: serviceNames, size: state.size)
            state.replaceTop(.inbox(screen))
        } else {
            state.push(.inbox(InboxScreen(incoming: incoming, serviceNames: serviceNames)))
        }
    }

    /// A refusal goes where the responder is looking: the open form's error line, else the screen's message line.
    private static func refused(_ reason: String, _ state: inout AppState) {
        var open: CaseworkDialog?
        if case .dialog(let dialog) = state.screen { open = dialog }
        switch open {
        case .step(var form)?:
            form.error = reason
            state.replaceTop(.dialog(.step(form)))
        case .text(var dialog)?:
            dialog.error = reason
            state.replaceTop(.dialog(.text(dialog)))
        case .operatorSetup(var dialog)?:
            dialog.problem = reason
            state.replaceTop(.dialog(.operatorSetup(dialog)))
        case .formFile(var dialog)?:
            dialog.error = reason
            state.replaceTop(.dialog(.formFile(dialog)))
        case .envelopeFile(var dialog)?:
            dialog.error = reason
            state.replaceTop(.dialog(.envelopeFile(dialog)))
        case .passphrase?, .choice?, .statusMenu?, .declineMenu?, .outcomeMenu?, .verifyMenu?, .answerDeclineMenu?, .answerOutcomeMenu?, nil:
            state.closeDialog()
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
        state.closeDialog()
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
