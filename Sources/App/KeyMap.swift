import Terminal

/// What a bound key does: open the help of the screen, or one of the screen's own actions.
public enum KeyCommand<Action: Sendable>: Sendable {
    /// Show the keys of the screen (`?`).
    case help
    /// The screen's own action.
    case action(Action)
}

/// One binding of a screen's key map: the keys, what they do, and what the status bar and the help say of them.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// The keys that do it.
    public var keys: [Key]
    public var command: KeyCommand<Action>
    /// The key and word on the status bar; nil when the bar does not show it.
    public var hint: KeyHint?
    /// The keys and sentence in the help; nil when another binding's line covers it.
    public var help: KeyHint?
    /// Whether the keys work now (e.g. in the pane with the keyboard); an inactive binding is still listed in the help.
    public var active: Bool

    /// A binding to one of the screen's actions.
    public init(_ keys: [Key], _ action: Action, hint: KeyHint? = nil, help: KeyHint? = nil, when active: Bool = true) {
        self.init(keys, command: .action(action), hint: hint, help: help, when: active)
    }

    /// A binding to a command.
    public init(_ keys: [Key], command: KeyCommand<Action>, hint: KeyHint? = nil, help: KeyHint? = nil, when active: Bool = true) {
        self.keys = keys
        self.command = command
        self.hint = hint
        self.help = help
        self.active = active
    }
}

/// The keys of one screen in one state: the only source of what the screen handles, what its
/// status bar hints and what its `?` help lists, so the three cannot disagree.
public struct KeyMap<Action: Sendable>: Sendable {
    /// The bindings, in the order the status bar and the help show them.
    public var bindings: [KeyBinding<Action>]
    /// Lines the help adds after the keys (what the screen's marks and codes mean).
    public var legend: [KeyHint]

    public init(_ bindings: [KeyBinding<Action>], legend: [KeyHint] = []) {
        self.bindings = bindings
        self.legend = legend
    }

    /// What a key does now; nil when no active binding has it.
    public func command(for key: Key) -> KeyCommand<Action>? {
        bindings.first { $0.active && $0.keys.contains(key) }?.command
    }

    /// The status bar's hints: the active bindings that have one.
    public var hints: [KeyHint] { bindings.filter(\.active).compactMap(\.hint) }

    /// The help's lines: every binding that has one, the keys of every screen (Ctrl-C quits, `L` locks), then the legend.
    public func helpLines(strings s: StringTable) -> [KeyHint] {
        bindings.compactMap(\.help) + [KeyHint("Ctrl-C", s[.helpInterrupt]), KeyHint("L", s[.helpLock])] + legend
    }

    /// The key map without its actions: what tests and the help read.
    public var summary: KeyMapSummary {
        KeyMapSummary(bindings: bindings.map { KeyMapSummary.Binding(keys: $0.keys, active: $0.active, hint: $0.hint, help: $0.help) })
    }
}

/// What a key asks of a screen of text to read (the history, a notification, a case).
enum ReadingAction: Sendable {
    case scroll, back

    /// Scrolls `view` within a body of `size`, or closes the screen.
    func perform(key: Key, view: inout TextView, size: Size) -> Reply {
        switch self {
        case .back:
            return .pop()
        case .scroll:
            view.handle(key, size: size)
            return Reply()
        }
    }
}

extension KeyMap where Action == ReadingAction {
    /// The keys of a screen of text to read: ↑↓ PgUp PgDn scroll, Esc goes back (`backHelp` says where), `?` helps.
    static func reading(backHelp: String, strings s: StringTable) -> KeyMap {
        KeyMap([
            KeyBinding(ScrollKeys.keys, .scroll, hint: KeyHint("↑↓", s[.hintScroll]), help: KeyHint("↑↓ PgUp PgDn", s[.helpScroll])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", backHelp)),
            KeyBinding([.character("?")], command: .help),
        ])
    }
}

/// A key map with its actions left out: which keys are bound, hinted and listed in the help.
public struct KeyMapSummary: Sendable, Equatable {
    /// One binding's keys and texts.
    public struct Binding: Sendable, Equatable {
        public var keys: [Key]
        public var active: Bool
        public var hint: KeyHint?
        public var help: KeyHint?
    }

    public var bindings: [Binding]

    /// Every key an active binding has.
    public var activeKeys: Set<Key> { Set(bindings.filter(\.active).flatMap(\.keys)) }

    /// Keys that two active bindings (or one binding twice) claim: a key map with any is wrong.
    public var collisions: [Key] {
        var seen: Set<Key> = []
        var twice: [Key] = []
        for key in bindings.filter(\.active).flatMap(\.keys) where !seen.insert(key).inserted { twice.append(key) }
        return twice
    }
}

/// What a key asks of a directory form (the service edit form, the add form).
enum DirectoryFormAction: Sendable {
    case next, previous, edit, choose, clear, save, cancel
}

extension KeyMap where Action == DirectoryFormAction {
    /// The keys of a directory form: Tab and ↓ (Enter on a typed row) to the next fact, Shift-Tab and ↑ back; on a typed row
    /// ← → Home End move in the text (every other key is text), on a chosen row Enter or Space chooses and Del clears;
    /// F2 or Ctrl-S saves (`saveHelp` says what), Esc leaves, F1 (or `?` on a chosen row) helps.
    static func directoryForm(onText: Bool, saveHelp: String, strings s: StringTable) -> KeyMap {
        KeyMap([
            KeyBinding([.tab, .down], .next, hint: KeyHint("Tab", s[.hintNext]), help: KeyHint("Tab ↓ / Shift-Tab ↑", s[.helpEditMove])),
            KeyBinding([.backTab, .up], .previous),
            KeyBinding([.left, .right, .home, .end], .edit, help: KeyHint("← → Home End", s[.helpEditText]), when: onText),
            KeyBinding([.enter, .character(" ")], .choose, hint: KeyHint("Enter", s[.hintChoose]), help: KeyHint("Enter", s[.helpEditChoose]),
                       when: !onText),
            KeyBinding([.enter], .next, when: onText),
            KeyBinding([.backspace, .delete, .character("x")], .clear, help: KeyHint("Del", s[.helpEditClear]), when: !onText),
            KeyBinding([.function(2), .ctrl("s")], .save, hint: KeyHint("F2", s[.hintSave]), help: KeyHint("F2 Ctrl-S", saveHelp)),
            KeyBinding([.escape], .cancel, hint: KeyHint("Esc", s[.hintCancel]), help: KeyHint("Esc", s[.helpEditCancel])),
            KeyBinding([.function(1)], command: .help, help: KeyHint("F1 ?", s[.helpEditHelp])),
            KeyBinding([.character("?")], command: .help, when: !onText),
        ])
    }
}
