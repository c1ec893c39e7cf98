/// Why the terminal user interface cannot start, in words a responder can act on.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `TERM` environment variable is missing or empty.
    case termNotSet
    /// Standard output is a file or a pipe, not a terminal.
    case outputNotATerminal
    /// Standard input is a file or a pipe, not a terminal.
    case inputNotATerminal
    /// The terminal database has no entry for this `TERM`.
    case unknownTerminal(String)
    /// The terminal type cannot move the cursor (a "dumb" or hardcopy terminal).
    case terminalTooLimited(String)
    /// ncurses refused for another reason.
    case initializationFailed(String)

    /// A one-line explanation with what to do about it.
    public var description: String {
        let advice = "Run Waymark in a terminal window, or use a subcommand (see --help)."
        switch self {
        case .termNotSet:
            return "No usable terminal: TERM is not set. " + advice
        case .outputNotATerminal:
            return "No usable terminal: standard output is not a terminal. " + advice
        case .inputNotATerminal:
            return "No usable terminal: standard input is not a terminal. " + advice
        case .unknownTerminal(let name):
            return "No usable terminal: terminal type '\(DisplayText.sanitize(name))' is unknown. "
                + "Set TERM to a known type such as xterm-256color."
        case .terminalTooLimited(let name):
            return "No usable terminal: terminal type '\(DisplayText.sanitize(name))' cannot move the cursor. "
                + advice
        case .initializationFailed(let reason):
            return "No usable terminal: \(reason)"
        }
    }
}
