/// Why a home's case store could not be opened, or its passphrase changed, before a passphrase was tried.
public enum HomeError: Error, Equatable, CustomStringConvertible {
    /// No passphrase in the environment and no terminal to ask at.
    case noPassphrase
    /// `$WAYMARK_PASSPHRASE` would create a store with a passphrase the rule refuses.
    case environmentPassphraseTooShort(String)
    /// The two typings of a new passphrase differ.
    case passphrasesDiffer
    /// `passphrase change` in a home with no case store yet.
    case noCaseStore
    /// `passphrase change` with no current passphrase in the environment and no terminal.
    case noPassphraseToChange
    /// `passphrase change` with no new passphrase in the environment and no terminal.
    case noNewPassphrase
    /// `$WAYMARK_NEW_PASSPHRASE` is one the rule refuses.
    case newEnvironmentPassphraseTooShort(String)
    /// The new passphrase is the current one.
    case samePassphrase
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
        case .noCaseStore:
            return "this home has no case store yet; its passphrase is chosen when case data is first opened."
        case .noPassphraseToChange:
            return "run this at a terminal, or set WAYMARK_PASSPHRASE and WAYMARK_NEW_PASSPHRASE for a script."
        case .noNewPassphrase:
            return "the new passphrase is asked at the terminal, or given in WAYMARK_NEW_PASSPHRASE for a script."
        case .newEnvironmentPassphraseTooShort(let problem):
            return "WAYMARK_NEW_PASSPHRASE is too short. \(problem)"
        case .samePassphrase:
            return "the new passphrase is the same as the current one; nothing was changed."
        case .sopFile(let problem):
            return problem
        }
    }
}
