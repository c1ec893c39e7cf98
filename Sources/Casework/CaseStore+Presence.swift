import Foundation

extension CaseStore {
    /// Whether a home holds a case store, and whether a missing one was removed with its log.
    public enum Presence: Sendable, Equatable {
        /// No case store and no log head: nothing was ever logged here (an empty log verifies).
        case absent
        /// `cases.sqlite` is there.
        case present
        /// `cases.sqlite` is missing but the log's head file records entries: the log was removed.
        case logRemoved
    }

    /// What the home holds: the rule `log verify` applies before it asks for a passphrase.
    public static func presence(in home: URL) -> Presence {
        if FileManager.default.fileExists(atPath: file(in: home).path) { return .present }
        return FileManager.default.fileExists(atPath: LogHead.file(in: home).path) ? .logRemoved : .absent
    }
}
