/// A key and what it does, as shown in the status bar and on the help screen ("/ Search").
public struct KeyHint: Hashable, Sendable {
    /// The key's name as shown: `/`, `Enter`, `Esc`, `?`.
    public var key: String
    /// What it does, in a word or two.
    public var label: String

    /// Creates a hint from a key name and a label.
    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }

    /// Creates a hint from a `Key` value and a label.
    public init(_ key: Key, _ label: String) {
        self.init(key.description, label)
    }
}
