import Casework
import Directory
import Foundation
import SOP
import Terminal

/// A box over a casework screen: the passphrase, the operator, a step's form, a confirmation.
public enum CaseworkDialog: Sendable, Equatable {
    /// The case store's passphrase, masked.
    case passphrase(PassphraseDialog)
    /// Who the operator of this home is, asked once.
    case operatorSetup(OperatorDialog)
    /// A simple SOP step's answers.
    case step(StepForm)
    /// A message with buttons: a refusal, a notice, a question (see `ChoiceDialog`).
    case choice(ChoiceDialog)
    /// A line of text to type: an override's reason, a decline's reason, an interpreter's language.
    case text(TextDialog)
    /// The statuses a referral may be moved to.
    case statusMenu(ListView, referralId: String)
    /// Why the receiving organization declined (`other` then asks a note).
    case declineMenu(ListView, referralId: String)
    /// How a referral ended, to close it.
    case outcomeMenu(ListView, referralId: String)
    /// How a service's facts were checked, to record a verification.
    case verifyMenu(ListView, serviceId: String, locationId: String?)
    /// Where to write a referral's form, and as what.
    case formFile(FormFileDialog)
    /// Where to write an envelope: a handed-off referral, or an answer to an incoming one.
    case envelopeFile(EnvelopeFileDialog)
    /// Why this home declines an incoming referral (`other` then asks a note).
    case answerDeclineMenu(ListView, referralId: String)
    /// How an incoming referral ended here, to close it.
    case answerOutcomeMenu(ListView, referralId: String)
}

/// A message box and what its buttons do.
public struct ChoiceDialog: Sendable, Equatable {
    /// What pressing the first button does (the others cancel).
    public enum Action: Sendable, Equatable {
        /// Nothing: the box only tells.
        case none
        /// Log the hand-off of a referral.
        case handoff(referralId: String)
        /// Withdraw a referral's consent.
        case withdrawConsent(referralId: String)
        /// Record an anonymous notification for a case (an adult who refuses a referral).
        case notify(caseCode: String)
        /// Ask the reason for an override of a referral's owed steps (a life at risk), in place of the box.
        case override(referralId: String)
        /// Write a referral's form over the file already at `path`.
        case replaceFormFile(referralId: String, path: String, format: FormFile.Format)
    }

    public var dialog: ModalDialog
    public var action: Action

    public init(_ dialog: ModalDialog, action: Action = .none) {
        self.dialog = dialog
        self.action = action
    }
}

/// A one-line text box over a casework screen, and what its text is for.
public struct TextDialog: Sendable, Equatable {
    /// What the typed text is for.
    public enum Purpose: Sendable, Equatable {
        /// The reason for a hand-off made before every SOP step (life at risk).
        case overrideReason(referralId: String)
        /// The reason a referral is declined or withdrawn.
        case statusReason(referralId: String, ReferralStatus)
        /// The note of a decline for another reason (`other`).
        case declineNote(referralId: String)
        /// A service's free places now.
        case freePlaces(serviceId: String, locationId: String?)
        /// The interpreter's language on the consent form.
        case interpreterLanguage
        /// The language consent was explained in.
        case explainedInLanguage
        /// A value of the operator's own that resolves a merge conflict.
        case conflictValue(id: Int64)
        /// The note of this home's decline of an incoming referral for another reason (sealed here, never sent).
        case answerDeclineNote(referralId: String)
    }

    public var purpose: Purpose
    public var title: String
    public var prompt: String
    public var input: TextInput
    public var error: String?

    public init(purpose: Purpose, title: String, prompt: String, input: TextInput = TextInput(maxLength: 200)) {
        self.purpose = purpose
        self.title = title
        self.prompt = prompt
        self.input = input
    }
}

/// A dialog is a screen drawn over the one that opened it. It takes every key (text, buttons, Enter,
/// Esc); its keys are written in its box. Esc or an answer closes it.
extension CaseworkDialog: ScreenModel {
    /// A dialog binds no key of its own: every key goes to its box.
    typealias Action = Never

    var screen: Screen { .dialog(self) }

    var isOverlay: Bool { true }

    /// Every key goes to the box.
    var takesText: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> { KeyMap([]) }

    mutating func perform(_ action: Never, key: Key, _ state: inout AppState) -> Reply {}

    /// Every key goes to the box: its fields and buttons, Enter and Esc.
    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? {
        let s = state.strings
        switch self {
        case .passphrase(var box):
            switch box.handle(key, strings: s) {
            case .pending:
                self = .passphrase(box)
            case .cancel:
                state.casework.pending = nil
                return .pop()
            case .submit(let passphrase):
                // The dialog closes; a wrong passphrase opens it again with the reason.
                return .pop([.casework(.unlock(passphrase: passphrase))])
            }
        case .operatorSetup(var box):
            switch box.handle(key) {
            case .pending:
                self = .operatorSetup(box)
            case .cancel:
                state.casework.pending = nil
                return .pop()
            case .submit(let name, let organization):
                box.problem = nil
                self = .operatorSetup(box)
                return Reply([.casework(.saveOperator(name: name, organization: organization))])
            }
        case .step(var form):
            switch form.handle(key, strings: s) {
            case .pending:
                self = .step(form)
            case .cancel:
                return .pop()
            case .submit(let details):
                self = .step(form)
                state.casework.noticeAfterRecord = form.stepId == "safety" && details.answers["in_danger"] == "yes" ? s[.safetyDangerNotice] : nil
                return Reply([.casework(.recordStep(referralId: form.referralId, stepId: form.stepId, scope: form.scope, details))])
            }
        case .choice(var choice):
            switch choice.dialog.handle(key) {
            case .pending:
                self = .choice(choice)
            case .dismissed:
                return .pop()
            case .pressed(let index):
                guard index == 0 else { return .pop() }
                switch choice.action {
                case .none: return .pop()
                case .handoff(let id): return .pop([.casework(.handoff(referralId: id, override: nil))])
                case .withdrawConsent(let id): return .pop([.casework(.withdrawConsent(referralId: id))])
                case .notify(let code): return .pop([.casework(.notify(caseCode: code))])
                case .replaceFormFile(let id, let path, let format):
                    return .pop([.casework(.writeForm(referralId: id, path: path, format: format, replace: true))])
                case .override(let id):
                    return Reply([], .replace(.dialog(.text(TextDialog(purpose: .overrideReason(referralId: id), title: s[.overrideTitle],
                                                                       prompt: s[.overridePrompt])))))
                }
            }
        case .text(var box):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                let text = box.input.text.trimmingCharacters(in: .whitespaces)
                switch box.purpose {
                case .overrideReason(let id):
                    guard !text.isEmpty else {
                        box.error = s[.overrideEmpty]
                        self = .text(box)
                        return Reply()
                    }
                    // The box stays until the hand-off is logged, or shows why it was refused.
                    return Reply([.casework(.handoff(referralId: id, override: text))])
                case .statusReason(let id, let status):
                    guard !text.isEmpty else {
                        box.error = s[.reasonEmpty]
                        self = .text(box)
                        return Reply()
                    }
                    return .pop([.casework(.updateReferral(referralId: id, status: status, reason: text, declineReason: nil, outcome: nil))])
                case .freePlaces(let id, let location):
                    guard let places = Int(text), places >= 0 else {
                        box.error = s.format(.freePlacesInvalid, ["value": Sanitized.short(text)])
                        self = .text(box)
                        return Reply()
                    }
                    return .pop([.directory(.setFreePlaces(serviceId: id, locationId: location, available: places))])
                case .answerDeclineNote(let id):
                    guard !text.isEmpty else {
                        box.error = s[.reasonEmpty]
                        self = .text(box)
                        return Reply()
                    }
                    return .pop([.casework(.checkAnswer(InboxAnswer(referralId: id, status: .declined, declineReason: .other, note: text)))])
                case .conflictValue(let id):
                    // Whether the value fits the field is the domain's to say: a refusal shows on the conflicts screen.
                    return .pop([.directory(.resolveConflict(id: id, .value(text)))])
                case .declineNote(let id):
                    guard !text.isEmpty else {
                        box.error = s[.reasonEmpty]
                        self = .text(box)
                        return Reply()
                    }
                    return .pop([.casework(.updateReferral(referralId: id, status: .declined, reason: text, declineReason: .other, outcome: nil))])
                case .interpreterLanguage, .explainedInLanguage:
                    // The consent screen is the one below the box.
                    guard case .consent(var screen) = state.screen else { return .pop() }
                    let language = text.isEmpty ? nil : text.lowercased()
                    if box.purpose == .interpreterLanguage { screen.form.interpreterLanguage = language } else { screen.form.explainedIn = language }
                    state.replaceTop(.consent(screen))
                    return .pop()
                }
            default:
                box.input.handle(key, width: 50)
                box.error = nil
                self = .text(box)
            }
        case .formFile(var box):
            switch box.handle(key) {
            case .pending:
                self = .formFile(box)
            case .cancel:
                return .pop()
            case .submit(let path, let format):
                // The box stays until the file is written, or shows why not.
                self = .formFile(box)
                return Reply([.casework(.writeForm(referralId: box.referralId, path: path, format: format, replace: false))])
            }
        case .envelopeFile(var box):
            switch box.handle(key) {
            case .pending:
                self = .envelopeFile(box)
            case .cancel:
                return .pop()
            case .submit(let path):
                // The box stays until the envelope is written, or shows why not.
                self = .envelopeFile(box)
                switch box.purpose {
                case .referral(let id): return Reply([.casework(.sendReferral(referralId: id, path: path))])
                case .answer(let answer, _): return Reply([.casework(.answer(answer, path: path))])
                }
            }
        case .answerDeclineMenu(var list, let id):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let reason = DeclineReason.allCases[safe: index] else { break }
                guard reason == .other else {
                    return .pop([.casework(.checkAnswer(InboxAnswer(referralId: id, status: .declined, declineReason: reason)))])
                }
                return Reply([], .replace(.dialog(.text(TextDialog(purpose: .answerDeclineNote(referralId: id), title: s[.declineNoteTitle],
                                                                  prompt: s[.inboxDeclineNotePrompt])))))
            default:
                list.handle(key, visibleRows: DeclineReason.allCases.count)
                self = .answerDeclineMenu(list, referralId: id)
            }
        case .answerOutcomeMenu(var list, let id):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let outcome = ReferralOutcome.allCases[safe: index] else { break }
                return .pop([.casework(.checkAnswer(InboxAnswer(referralId: id, status: .closed, outcome: outcome)))])
            default:
                list.handle(key, visibleRows: ReferralOutcome.allCases.count)
                self = .answerOutcomeMenu(list, referralId: id)
            }
        case .statusMenu(var list, let id):
            // Enter moves the referral, asking a reason where one is needed.
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let status = ReferralsScreen.moves[safe: index] else { break }
                // A decline says why, a closing how it ended: each from the domain's own codes.
                if status == .declined {
                    return Reply([], .replace(.dialog(.declineMenu(ListView(itemCount: DeclineReason.allCases.count, selection: 0), referralId: id))))
                }
                if status == .closed {
                    return Reply([], .replace(.dialog(.outcomeMenu(ListView(itemCount: ReferralOutcome.allCases.count, selection: 0), referralId: id))))
                }
                guard status.needsReason else {
                    return .pop([.casework(.updateReferral(referralId: id, status: status, reason: nil, declineReason: nil, outcome: nil))])
                }
                let title = s.format(.reasonTitle, ["status": s.label("status.\(status.rawValue)")])
                return Reply([], .replace(.dialog(.text(TextDialog(purpose: .statusReason(referralId: id, status), title: title,
                                                                  prompt: s[.reasonPrompt])))))
            default:
                list.handle(key, visibleRows: ReferralsScreen.moves.count)
                self = .statusMenu(list, referralId: id)
            }
        case .declineMenu(var list, let id):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let reason = DeclineReason.allCases[safe: index] else { break }
                guard reason == .other else {
                    return .pop([.casework(.updateReferral(referralId: id, status: .declined, reason: nil, declineReason: reason, outcome: nil))])
                }
                return Reply([], .replace(.dialog(.text(TextDialog(purpose: .declineNote(referralId: id), title: s[.declineNoteTitle],
                                                                  prompt: s[.reasonPrompt])))))
            default:
                list.handle(key, visibleRows: DeclineReason.allCases.count)
                self = .declineMenu(list, referralId: id)
            }
        case .verifyMenu(var list, let id, let location):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let method = VerificationMethod.allCases[safe: index] else { break }
                return .pop([.directory(.verify(serviceId: id, locationId: location, method: method))])
            default:
                list.handle(key, visibleRows: VerificationMethod.allCases.count)
                self = .verifyMenu(list, serviceId: id, locationId: location)
            }
        case .outcomeMenu(var list, let id):
            switch key {
            case .escape:
                return .pop()
            case .enter:
                guard let index = list.selection, let outcome = ReferralOutcome.allCases[safe: index] else { break }
                return .pop([.casework(.updateReferral(referralId: id, status: .closed, reason: nil, declineReason: nil, outcome: outcome))])
            default:
                list.handle(key, visibleRows: ReferralOutcome.allCases.count)
                self = .outcomeMenu(list, referralId: id)
            }
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        switch self {
        case .passphrase(let box): box.render(into: &grid, strings: s)
        case .operatorSetup(let box): box.render(into: &grid, strings: s)
        case .step(let form): form.render(into: &grid, strings: s)
        case .choice(let choice): choice.dialog.render(into: &grid, in: Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2))
        case .statusMenu(let list, let id):
            ReferralsScreen.renderMenu(list, title: s.format(.moveTitle, ["referral": id]),
                                       labels: ReferralsScreen.moves.map { s.label("status.\($0.rawValue)") }, state, into: &grid)
        case .declineMenu(let list, let id):
            ReferralsScreen.renderMenu(list, title: s.format(.declineTitle, ["referral": id]),
                                       labels: DeclineReason.allCases.map { s.label("decline.\($0.rawValue)") }, state, into: &grid)
        case .verifyMenu(let list, _, _):
            ReferralsScreen.renderMenu(list, title: s[.verifyTitle],
                                       labels: VerificationMethod.allCases.map { s.label("verify.\($0.rawValue)") }, state, into: &grid)
        case .outcomeMenu(let list, let id):
            ReferralsScreen.renderMenu(list, title: s.format(.outcomeTitle, ["referral": id]),
                                       labels: ReferralOutcome.allCases.map { s.label("outcome.\($0.rawValue)") }, state, into: &grid)
        case .formFile(let box): box.render(into: &grid, strings: s)
        case .envelopeFile(let box): box.render(into: &grid, strings: s)
        case .answerDeclineMenu(let list, let id):
            ReferralsScreen.renderMenu(list, title: s.format(.declineTitle, ["referral": id]),
                                       labels: DeclineReason.allCases.map { s.label("decline.\($0.rawValue)") }, state, into: &grid)
        case .answerOutcomeMenu(let list, let id):
            ReferralsScreen.renderMenu(list, title: s.format(.outcomeTitle, ["referral": id]),
                                       labels: ReferralOutcome.allCases.map { s.label("outcome.\($0.rawValue)") }, state, into: &grid)
        case .text(let box):
            PromptBox(title: box.title, message: box.prompt, fields: [PromptBox.Field(box.input)], problem: box.error,
                      keys: s[.textDialogKeys], top: 4).render(into: &grid)
        }
    }
}
