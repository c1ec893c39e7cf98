/// Why a home's case store could not be opened before its passphrase was tried.
public enum HomeError: Error, Equatable, CustomStringConvertible {
    /// No passphrase in the environment and no terminal to ask at.
    case noPassphrase
    /// `$WAYMARK_PASSPHRASE` would create a store with a passphrase the rule refuses.
    case environmentPassphraseTooShort(String)
    /// The two typings of a new passphrase differ.
    case passphrasesDiffer
    /// A home SOP file (or a bundled one) that cannot be read, with its name, line and field.
    case sopFile(String)

    public var description: String {
        switch self {
        case .noPassphrase:
            return "the case store needs its passphrase: run this at a terminal, or set WAYMARK_PASSPHRASE for a script."
        case .environmentPassphraseTooShort(let problem):
            return "WAYMARK_PASSPHRASE is too short for a new case store. \(problem)"
        case .passphrasesDiffer:
            return "the two passphrases differ; nothing was created or changed."
        case .sopFile(let problem):
            return problem
        }
    }
}
