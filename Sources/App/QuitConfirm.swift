import Terminal

/// The question before Waymark closes with something that would be lost or left behind: a case
/// opened this session, or text typed into a form and not saved.
///
/// Enter (the selected "Quit"), `y` or a second Ctrl-C quit; `n` or Esc stay. Ctrl-C twice always
/// quits: a responder who must close the screen at once is never held by it.
public struct QuitConfirm: Sendable, Equatable {
    /// Why the question is asked.
    public enum Reason: Sendable, Equatable {
        /// `q` with a case opened this session.
        case caseOpen
        /// Ctrl-C with text typed into a form and not saved.
        case unsavedText
        /// Esc on the service edit form with changes not saved: "yes" leaves the form (not the program).
        case unsavedEdit
    }

    public var reason: Reason
    public var dialog: ModalDialog

    public init(reason: Reason, strings s: StringTable) {
        self.reason = reason
        switch reason {
        case .caseOpen, .unsavedText:
            let message = reason == .caseOpen ? s[.quitCaseOpen] : s[.quitUnsavedText]
            dialog = ModalDialog(title: s[.quitTitle], message: message, buttons: [s[.quitYes], s[.quitNo]], selectedButton: 0)
        case .unsavedEdit:
            // Staying is the default: a stray Enter never throws the changes away.
            dialog = ModalDialog(title: s[.discardTitle], message: s[.discardAsk], buttons: [s[.discardYes], s[.discardNo]], selectedButton: 1)
        }
    }
}

extension QuitConfirm: ScreenModel {
    /// The box binds no key of its own: every key goes to it.
    typealias Action = Never

    var screen: Screen { .quitConfirm(self) }

    var isOverlay: Bool { true }

    /// Every key goes to the question.
    var takesText: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> { KeyMap([]) }

    mutating func perform(_ action: Never, key: Key, _ state: inout AppState) -> Reply {}

    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? {
        switch key {
        case .interrupt:
            return Self.quit(&state)
        case .character("y"), .character("Y"):
            return leave(&state)
        case .character("n"), .character("N"):
            return .pop()
        default:
            switch dialog.handle(key) {
            case .pending: return Reply()
            case .dismissed: return .pop()
            case .pressed(let index): return index == 0 ? leave(&state) : .pop()
            }
        }
    }

    /// Yes: quit, or (for an edit form's changes) close the form under the question.
    private func leave(_ state: inout AppState) -> Reply {
        guard reason == .unsavedEdit else { return Self.quit(&state) }
        state.pop()
        return .pop()
    }

    private static func quit(_ state: inout AppState) -> Reply {
        state.quitting = true
        return Reply([.quit])
    }

    func render(_ state: AppState, into grid: inout Grid) {
        dialog.render(into: &grid, in: Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2))
    }
}

/// What quitting would lose in a dialog: a line typed, a step's answers changed, a file name (a passphrase is never kept).
extension CaseworkDialog {
    var hasUnsavedText: Bool {
        switch self {
        case .text(let box): return !box.input.text.isEmpty
        case .step(let form):
            // Choices and text, not where the highlight or the cursor is.
            func answers(_ fields: [StepForm.Field]) -> [String] { fields.map { "\($0.chosen ?? -1)|\($0.input.text)" } }
            return answers(form.fields) != answers(form.opened)
        case .operatorSetup(let box): return !box.name.text.isEmpty || !box.organization.text.isEmpty
        case .formFile(let box): return !box.path.text.isEmpty
        case .envelopeFile(let box): return !box.path.text.isEmpty
        case .passphrase, .choice, .statusMenu, .declineMenu, .outcomeMenu, .verifyMenu, .answerDeclineMenu, .answerOutcomeMenu: return false
        }
    }
}
