import Foundation

/// Why a backup could not be written or restored, in words the person at the terminal can act on.
///
/// `wrongPassphrase` exits 4 at the command line; every other case exits 1. Whatever the case,
/// nothing was left behind: no partial backup file, and a home restored into is as it was.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file to write exists already.
    case fileExists(String)
    /// The backup file could not be written (the folder, the disk).
    case cannotWrite(String, reason: String)
    /// The backup file, or a file of the home, could not be read.
    case cannotRead(String, reason: String)
    /// The file does not start with `waymark-backup-v1`.
    case notABackup(String)
    /// The header names a key derivation, cost or chunk size this version does not read.
    case unsupported(String)
    /// The passphrase does not open the backup (or the salt or cost in its header was changed).
    case wrongPassphrase
    /// The file was changed, truncated or damaged: what was found.
    case damaged(String)
    /// An entry's path would land outside the home (`..`, absolute, through a link).
    case unsafePath(String)
    /// The home to restore into already holds these.
    case homeNotEmpty([String])
    /// No backup passphrase in the environment and no terminal to ask at.
    case noPassphrase
    /// `$WAYMARK_BACKUP_PASSPHRASE` is one the passphrase rule refuses.
    case environmentPassphraseTooShort(String)

    public var description: String {
        switch self {
        case .fileExists(let path):
            return "\(path) exists already; choose a new file so nothing is overwritten."
        case .cannotWrite(let path, let reason):
            return "cannot write the backup \(path) (\(reason)); check the folder exists, you may write to it and the disk has room. "
                + "No backup was written."
        case .cannotRead(let path, let reason):
            return "cannot read \(path) (\(reason)). Nothing was written."
        case .notABackup(let path):
            return "\(path) is not a backup written by `waymark backup` (its first line is not waymark-backup-v1). Nothing was restored."
        case .unsupported(let what):
            return "this backup cannot be read by this version of Waymark: \(what). Nothing was restored."
        case .wrongPassphrase:
            return "the passphrase does not open this backup (or its header was changed). Nothing was restored; try again."
        case .damaged(let what):
            return "the backup does not verify: \(what). It was changed or damaged after it was written. Nothing was restored; "
                + "use another copy."
        case .unsafePath(let path):
            return "the backup names a file outside the home (\(path)); such a file is never written by Waymark. Nothing was restored."
        case .homeNotEmpty(let found):
            return "a backup is restored only into an empty home, and this one holds \(found.joined(separator: ", ")). "
                + "Nothing was changed: restore with --home NEW-FOLDER."
        case .noPassphrase:
            return "the backup needs its passphrase: run this at a terminal, or set WAYMARK_BACKUP_PASSPHRASE for a script."
        case .environmentPassphraseTooShort(let problem):
            return "WAYMARK_BACKUP_PASSPHRASE is too short for a backup. \(problem)"
        }
    }
}
