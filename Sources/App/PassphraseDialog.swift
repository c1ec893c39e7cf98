import Casework
import Terminal

/// The masked box that asks for the case store's passphrase: never echoed, asked twice for a new
/// store, and a new one must meet the domain's `PassphraseRule`. After the UI locked, it says so, and
/// that the passphrase goes back where the responder was.
public struct PassphraseDialog: Sendable, Equatable {
    /// What a key did to the dialog.
    public enum Outcome: Sendable, Equatable {
        case pending
        /// The passphrase to try (typed, and for a new store typed twice alike).
        case submit(String)
        case cancel
    }

    /// Whether this home has no case store yet: the passphrase is new and is asked twice.
    public var newStore: Bool
    /// The passphrase as typed (never drawn).
    public var input = TextInput(maxLength: 200)
    /// The first typing of a new passphrase, kept while it is typed again.
    public var first: String?
    /// Why the last attempt failed: a wrong passphrase, two typings that differ.
    public var problem: String?
    /// Whether the UI is locked: the box unlocks it and resumes.
    public var resuming: Bool

    public init(newStore: Bool, problem: String? = nil, resuming: Bool = false) {
        self.newStore = newStore
        self.problem = problem
        self.resuming = resuming
    }

    /// Whether the box asks for the second typing of a new passphrase.
    public var confirming: Bool { first != nil }

    /// Handles a key: typing and editing go into the hidden field; Enter submits; Esc cancels.
    public mutating func handle(_ key: Key, strings s: StringTable) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .enter:
            let typed = input.text
            guard !typed.isEmpty else {
                problem = s[.passphraseEmpty]
                return .pending
            }
            input.setText("")
            if newStore {
                guard let first else {
                    guard PassphraseRule.problem(typed) == nil else {
                        problem = s.format(.passphraseShort, ["minimum": String(PassphraseRule.minimumLength)])
                        return .pending
                    }
                    self.first = typed
                    problem = nil
                    return .pending
                }
                self.first = nil
                guard first == typed else {
                    problem = s[.passphraseMismatch]
                    return .pending
                }
            }
            return .submit(typed)
        case .left, .right, .home, .end, .ctrl("a"), .ctrl("e"), .ctrl("b"), .ctrl("f"):
            // The cursor is not shown among the dots; moving it would only confuse.
            return .pending
        default:
            input.handle(key)
            return .pending
        }
    }

    /// Draws the box in the middle of the screen: a sentence, a dot per character typed, the problem, the keys.
    public func render(into grid: inout Grid, strings s: StringTable) {
        if resuming {
            PromptBox(title: s[.lockTitle], message: s[.lockExplain], fields: [PromptBox.Field(input, masked: true)], problem: problem,
                      keys: s[.lockKeys]).render(into: &grid)
            return
        }
        let explain = newStore ? (confirming ? s[.passphraseConfirm] : s[.passphraseNew]) : s[.passphraseExplain]
        PromptBox(title: s[.passphraseTitle], message: explain, fields: [PromptBox.Field(input, masked: true)], problem: problem,
                  keys: s[.passphraseKeys]).render(into: &grid)
    }
}
