import Foundation
import Routing
import Terminal

/// Applies a message to the state and says what work should follow. Pure: no I/O.
///
/// Every message and effect is handled by an exhaustive switch: a new one that nothing handles
/// does not compile.
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    switch message {
    case .key(let key):
        // A key after the idle limit (a late tick, a machine woken up) locks, and does nothing else.
        let locked = state.lockIfIdle()
        state.lock.lastKey = state.now
        return locked.isEmpty ? handle(key, &state) : locked
    case .resized(let size):
        state.size = size
        return DirectoryScreen.resized(&state)
    case .tick(let date):
        let previous = state.now
        state.now = date
        return DirectoryScreen.ticked(&state, since: previous) + state.lockIfIdle()
    case .directory(let answer):
        return DirectoryScreen.update(&state, answer)
    case .referral(.routed(let route)):
        var profile: ClientProfile?
        if case .intake(var form) = state.screen {
            profile = form.profile
            // Routed, the intake has done its work: leaving now loses nothing it was for.
            form.edited = false
            state.replaceTop(.intake(form))
        }
        state.push(.pathway(PathwayScreen(route: route, profile: profile)))
        return []
    case .referral(.gapsLoaded(let report)):
        state.push(.gaps(GapsScreen(report: report)))
        return []
    case .casework(let answer):
        return CaseworkFlow.update(&state, answer)
    }
}

/// Starts the first search.
public func start(_ state: inout AppState) -> [Effect] { state.directory.refresh(state.now) }

/// A key: Ctrl-C quits from anywhere (asking first, once, when an open form holds unsaved text); a
/// terminal too small takes only `q`; `L` locks from anywhere outside text; otherwise the screen showing
/// handles it (an open dialog is the screen showing, and takes every key).
private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    if key == .interrupt, !(state.screen.model is QuitConfirm) {
        if !state.tooSmall, state.stack.contains(where: { $0.model.hasUnsavedText }) {
            state.push(.quitConfirm(QuitConfirm(reason: .unsavedText, strings: state.strings)))
            return []
        }
        state.quitting = true
        return [.quit]
    }
    if state.tooSmall {
        if key == .character("q") {
            state.quitting = true
            return [.quit]
        }
        return []
    }
    if key == ScreenLock.key, !state.screen.takesText(state) {
        return state.lockNow()
    }
    // A casework refusal stays on screen until the next key.
    if state.screen.model.showsCaseworkMessages { state.casework.problem = nil }
    return state.withTop { model, state in model.handle(key, &state) }
}
