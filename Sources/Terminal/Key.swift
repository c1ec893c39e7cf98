/// One key press (or a resize), as the application sees it.
///
/// Ctrl-C arrives as `.ctrl("c")`: the ncurses backend reads the keyboard in
/// raw mode, so it is a key like any other and the application decides that it
/// quits. Letters in `.ctrl` are lower case.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (a letter, digit, CJK character, combining mark...).
    case character(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// Enter or Return (also Ctrl-J and Ctrl-M).
    case enter
    /// Escape, on its own (the backend does not wait a second for more).
    case escape
    /// Tab (also Ctrl-I).
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (also Ctrl-H and DEL).
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// Control and a letter or one of `@ [ \ ] ^ _` (lower-case letter), e.g. `.ctrl("c")`.
    case ctrl(Character)
    /// A function key, F1 to F12 (or more).
    case function(Int)
    /// The terminal changed size; the backend's `size` is already the new one.
    case resize

    /// Ctrl-C, the key that quits from anywhere.
    public static let interrupt = Key.ctrl("c")

    /// The key for one character read from the keyboard, handling control characters.
    ///
    /// Carriage return and line feed are Enter, 0x09 is Tab, 0x1B is Escape, DEL and
    /// 0x08 are Backspace, other C0 codes are Ctrl plus a letter or symbol; C1 codes
    /// give nil; everything else is `.character`.
    public init?(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0A, 0x0D: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x08, 0x7F: self = .backspace
        case 0x00: self = .ctrl("@")
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(scalar.value + 0x60) else { return nil }
            self = .ctrl(Character(letter))
        case 0x1C: self = .ctrl("\\")
        case 0x1D: self = .ctrl("]")
        case 0x1E: self = .ctrl("^")
        case 0x1F: self = .ctrl("_")
        case 0x80...0x9F: return nil
        default: self = .character(Character(scalar))
        }
    }

    /// The keys for a string typed character by character (handy in scripted tests).
    public static func typing(_ text: String) -> [Key] {
        text.map { character in
            if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
               let key = Key(scalar: scalar) {
                return key
            }
            return .character(character)
        }
    }

    /// The printable character, if this key is one.
    public var character: Character? {
        if case .character(let character) = self { return character }
        return nil
    }

    /// The key's name as shown in help and key hints: `Enter`, `Ctrl-C`, `Shift-Tab`, `PgUp`, `F1`, `q`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .ctrl(let character): return "Ctrl-" + String(character).uppercased()
        case .function(let number): return "F\(number)"
        case .resize: return "Resize"
        }
    }
}
