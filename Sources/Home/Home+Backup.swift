import Casework
import Foundation

/// Backing a home up and restoring it, under the home's passphrase policy.
extension Home {
    /// The backup passphrase given in `$WAYMARK_BACKUP_PASSPHRASE` for scripts; nil when unset or empty.
    public var environmentBackupPassphrase: String? {
        environment["WAYMARK_BACKUP_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Writes an encrypted copy of the home to `file` (which must not exist) and returns what it holds.
    ///
    /// Only someone who can open the case store may take one: its passphrase comes from
    /// `$WAYMARK_PASSPHRASE` or is asked first. The backup's own passphrase comes from
    /// `$WAYMARK_BACKUP_PASSPHRASE`, else is asked twice; either way it must meet `PassphraseRule`.
    /// Its scrypt cost is the case store's (`caseOptions`: N = 2^16 in a release build).
    public func backup(to file: URL, asking ask: (String) -> String?, now: Date = Date()) throws -> BackupHeader {
        let manager = FileManager.default
        if manager.fileExists(atPath: file.path) || (try? manager.destinationOfSymbolicLink(atPath: file.path)) != nil {
            throw BackupError.fileExists(file.path)
        }
        try prepare()
        let store = try openCases(asking: ask)
        // Only a coordinator takes the whole home away, before any file is copied; the access log records it.
        try store.permit(.backup)
        let passphrase = try backupPassphrase(new: true, asking: ask)
        try store.recordAccess(.backup, detail: "backup:\(file.lastPathComponent)")
        return try HomeBackup.create(home: url, file: file, passphrase: passphrase, parameters: caseOptions().newKeyParameters, now: now)
    }

    /// Restores the backup `file` into this home, which must be empty; returns what it held.
    ///
    /// Refused before the passphrase is asked when the home holds a store or a file the backup carries.
    /// The passphrase comes from `$WAYMARK_BACKUP_PASSPHRASE`, else is asked once.
    public func restore(from file: URL, asking ask: (String) -> String?) throws -> BackupHeader {
        try prepare()
        let found = HomeBackup.occupants(of: url)
        guard found.isEmpty else { throw BackupError.homeNotEmpty(found) }
        let passphrase = try backupPassphrase(new: false, asking: ask)
        return try HomeBackup.restore(file: file, home: url, passphrase: passphrase)
    }

    /// The backup passphrase from the environment, else asked; a new one must meet the rule and, typed, be typed twice alike.
    func backupPassphrase(new: Bool, asking ask: (String) -> String?) throws -> String {
        if let given = environmentBackupPassphrase {
            if new, let problem = PassphraseRule.problem(given) { throw BackupError.environmentPassphraseTooShort(problem) }
            return given
        }
        guard let first = ask(new ? "Choose a passphrase for the backup file: " : "The backup's passphrase: ") else {
            throw BackupError.noPassphrase
        }
        return new ? try Home.confirmed(first, asking: ask) : first
    }
}
