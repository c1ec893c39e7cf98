import Terminal

/// One screen on the navigation stack, carrying the model that owns its state.
///
/// A screen that is not showing does not exist: there is no consent form without the consent
/// screen, no route without the pathway screen. Adding a screen is one new file with its model
/// (a `ScreenModel`), one case here and in `model`, and its strings.
public enum Screen: Sendable, Equatable {
    /// The directory: search, filters, results (its model is `AppState.directory`, the root).
    case directory
    /// One service's detail.
    case detail(DetailScreen)
    /// A new referral: the person and their needs.
    case intake(IntakeForm)
    /// The proposed pathways for the intake.
    case pathway(PathwayScreen)
    /// Who is left out, district by district.
    case gaps(GapsScreen)
    /// The SOP checklist of one referral.
    case checklist(ChecklistScreen)
    /// The screening questionnaire of the checklist's case.
    case screening(ScreeningScreen)
    /// The consent form of the checklist's referral.
    case consent(ConsentScreen)
    /// A referral form: what would be shared now, or what was handed off.
    case formPreview(FormPreview)
    /// Every referral and where it is in its lifecycle.
    case referrals(ReferralsScreen)
    /// The identifying data of the checklist's case: name, date of birth, contact, account.
    case identity(IdentityForm)
    /// An anonymous notification just recorded, read-only.
    case notification(NotificationView)
    /// The keys of the screen below, filtered by what is typed.
    case help(HelpScreen)
    /// A box over a casework screen: the passphrase, the operator, a step's form, a question, a line to type.
    case dialog(CaseworkDialog)
    /// The question before quitting with a case open or a form's text unsaved.
    case quitConfirm(QuitConfirm)
    /// One service's field-level history.
    case history(HistoryScreen)
    /// The services whose facts are oldest, with the phones to call.
    case staleQueue(StaleQueueScreen)
    /// The home's cases, with stage, open referrals and deadlines.
    case cases(CasesScreen)
    /// One case after the first call: decisions, the period, solutions, open referrals.
    case caseView(CaseView)
    /// The coordinator's edit form of one service.
    case serviceEdit(ServiceEditForm)
    /// The form that adds a service (or an organization).
    case serviceAdd(ServiceAddForm)
    /// The conflicts bundle merges left, to resolve one by one.
    case conflicts(ConflictsScreen)
    /// The referrals other organizations sent here, to answer.
    case inbox(InboxScreen)

    /// The screen's model (the directory's is a blank one: the root's lives in `AppState`).
    var model: any ScreenModel {
        switch self {
        case .directory: return DirectoryScreen()
        case .detail(let model): return model
        case .intake(let model): return model
        case .pathway(let model): return model
        case .gaps(let model): return model
        case .checklist(let model): return model
        case .screening(let model): return model
        case .consent(let model): return model
        case .formPreview(let model): return model
        case .referrals(let model): return model
        case .identity(let model): return model
        case .notification(let model): return model
        case .help(let model): return model
        case .dialog(let model): return model
        case .quitConfirm(let model): return model
        case .history(let model): return model
        case .staleQueue(let model): return model
        case .cases(let model): return model
        case .caseView(let model): return model
        case .serviceEdit(let model): return model
        case .serviceAdd(let model): return model
        case .conflicts(let model): return model
        case .inbox(let model): return model
        }
    }

    /// The screen's key map now, without its actions.
    func keySummary(_ state: AppState) -> KeyMapSummary {
        if case .directory = self { return state.directory.keySummary(state) }
        return model.keySummary(state)
    }

    /// Whether the keys typed on the screen now are text (so `L` is a letter, not the lock).
    func takesText(_ state: AppState) -> Bool {
        if case .directory = self { return state.directory.takesText }
        return model.takesText
    }

    /// Draws the screen.
    func render(_ state: AppState, into grid: inout Grid) {
        if case .directory = self { return state.directory.render(state, into: &grid) }
        model.render(state, into: &grid)
    }
}

/// A screen's model: the state it owns, its key map, what it does with a key and how it draws itself.
protocol ScreenModel: Sendable {
    /// What the screen's keys ask it to do.
    associatedtype Action: Sendable

    /// The screen as a case of the stack.
    var screen: Screen { get }

    /// Whether the screen is drawn over the one below it (a box) rather than instead of it.
    var isOverlay: Bool { get }

    /// Whether the casework message line (a refusal, a notice) is this screen's: its next key clears it.
    var showsCaseworkMessages: Bool { get }

    /// The keys of the screen in its state now.
    func keyMap(_ state: AppState) -> KeyMap<Action>

    /// Does what a bound key asks (`key` is the key pressed, for bindings of several keys).
    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply

    /// A key before the key map sees it: an open picker takes every key. Nil: the key map decides.
    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply?

    /// A key no binding has: text for a field. Ignored unless the screen says otherwise.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply

    /// Draws the screen into the whole grid.
    func render(_ state: AppState, into grid: inout Grid)

    /// Whether the screen holds text typed and not saved, which quitting would lose (Ctrl-C asks first).
    var hasUnsavedText: Bool { get }

    /// Whether the keys typed now are text: a field, a search line, a list being narrowed. `L` is then a letter, not the lock.
    var takesText: Bool { get }
}

extension ScreenModel {
    var isOverlay: Bool { false }

    var showsCaseworkMessages: Bool { false }

    var hasUnsavedText: Bool { false }

    var takesText: Bool { false }

    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? { nil }

    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply { Reply() }

    /// The key map without its actions.
    func keySummary(_ state: AppState) -> KeyMapSummary { keyMap(state).summary }

    /// Handles a key: an interception first, then the key map (`?` opens the help drawn from it), then `unbound`.
    mutating func handle(_ key: Key, _ state: inout AppState) -> Reply {
        if let reply = intercept(key, &state) { return reply }
        let map = keyMap(state)
        switch map.command(for: key) {
        case .help?:
            return Reply(push: .help(HelpScreen(lines: map.helpLines(strings: state.strings))))
        case .action(let action)?:
            return perform(action, key: key, &state)
        case nil:
            return unbound(key, &state)
        }
    }

    /// The status bar of the screen: `text` on the left, the key map's hints on the right.
    /// While the UI is locked, the bar says so first.
    func statusBar(_ text: String, _ state: AppState, into grid: inout Grid) {
        let shown = state.lock.isLocked ? "\(state.strings[.lockStatus]) · \(text)" : text
        StatusBar(text: shown, hints: keyMap(state).hints)
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}

/// What a screen's answer to a key asks of the application: work to do, and a move on the stack.
struct Reply {
    var effects: [Effect] = []
    var navigation: Navigation = .stay

    init(_ effects: [Effect] = [], _ navigation: Navigation = .stay) {
        self.effects = effects
        self.navigation = navigation
    }

    /// Opens a screen over this one.
    init(push screen: Screen) { self.init([], .push(screen)) }

    /// Closes this screen, then does `effects`.
    static func pop(_ effects: [Effect] = []) -> Reply { Reply(effects, .pop) }
}

/// What happens to the screen that handled a key.
enum Navigation {
    /// It stays, as it now is.
    case stay
    /// It closes: the screen below shows.
    case pop
    /// It stays, and another opens over it.
    case push(Screen)
    /// It closes, and another opens in its place.
    case replace(Screen)
}
