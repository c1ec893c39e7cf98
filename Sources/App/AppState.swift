import Directory
import Foundation
import Routing
import Terminal

/// The whole state of the terminal application: a value, changed only by `update`.
///
/// The directory screen is the root and is never popped (search answers reach it whatever is
/// showing); every other screen is a model on `stack`, which owns that screen's state. `Esc`
/// pops the top one.
public struct AppState: Sendable, Equatable {
    /// The sentences to show.
    public var strings: StringTable
    /// The terminal's size.
    public var size: Size
    /// The current time (from an injected clock).
    public var now: Date
    /// The directory's name.
    public var title: String
    /// Areas and languages for the pickers.
    public var options: FacetOptions
    /// Set when the program should end.
    public var quitting = false
    /// The root screen: search, filters, results.
    public var directory = DirectoryScreen()
    /// The screens opened over the directory, the one showing last.
    public private(set) var stack: [Screen] = []
    /// The case data of the session: the unlock, the operator, the intake's case, the dialog, the message line.
    public var casework = CaseworkState()
    /// The lock: when the UI locks itself, whether it is locked, and where to resume.
    public var lock: ScreenLock

    /// A fresh state on the directory screen.
    public init(strings: StringTable, size: Size, now: Date, title: String, options: FacetOptions) {
        self.strings = strings
        self.size = size
        self.now = now
        self.title = title
        self.options = options
        lock = ScreenLock(lastKey: now)
        directory.search.placeholder = strings[.searchPlaceholder]
    }

    /// The screen showing.
    public var screen: Screen { stack.last ?? .directory }

    /// The directory's results (the first page and those loaded since).
    public var results: SearchResults { directory.results }

    /// The smallest terminal the UI draws into.
    public static let minimumSize = Size(width: 80, height: 24)

    /// Whether the terminal is too small to draw the UI.
    public var tooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// The key map of the screen showing, without its actions.
    public var keys: KeyMapSummary { screen.keySummary(self) }

    /// Opens a screen over the one showing.
    mutating func push(_ screen: Screen) { stack.append(screen) }

    /// Closes the screen showing (the directory stays).
    mutating func pop() { if !stack.isEmpty { stack.removeLast() } }

    /// Closes every screen over the directory.
    mutating func popToDirectory() { stack.removeAll() }

    /// Closes screens until one that `matches` shows; false (and nothing closed) when there is none.
    mutating func popBack(to matches: (Screen) -> Bool) -> Bool {
        guard let index = stack.lastIndex(where: matches) else { return false }
        stack.removeSubrange((index + 1)...)
        return true
    }

    /// Replaces the screen showing (the directory cannot be replaced): how an answer updates the model it belongs to.
    public mutating func replaceTop(_ screen: Screen) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1] = screen
    }

    /// Opens a dialog, closing the one open (there is at most one, and it is on top).
    mutating func open(_ dialog: CaseworkDialog) {
        closeDialog()
        stack.append(.dialog(dialog))
    }

    /// Closes the dialog on top, if one is open.
    mutating func closeDialog() {
        if case .dialog = stack.last { stack.removeLast() }
    }

    /// Takes the screen showing off the stack, lets `body` change it, and applies what it asks (the
    /// body moves the stack only through its `Reply`).
    mutating func withTop(_ body: (inout any ScreenModel, inout AppState) -> Reply) -> [Effect] {
        guard let top = stack.popLast() else {
            var root: any ScreenModel = directory
            let reply = body(&root, &self)
            if let model = root as? DirectoryScreen { directory = model }
            switch reply.navigation {
            case .push(let next), .replace(let next): stack.append(next)
            case .stay, .pop: break
            }
            return reply.effects
        }
        var model = top.model
        let reply = body(&model, &self)
        switch reply.navigation {
        case .stay: stack.append(model.screen)
        case .pop: break
        case .push(let next): stack += [model.screen, next]
        case .replace(let next): stack.append(next)
        }
        return reply.effects
    }
}
