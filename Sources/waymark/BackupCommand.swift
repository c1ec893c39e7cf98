import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Terminal

/// Writes an encrypted copy of the home to one file.
struct BackupCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write an encrypted copy of the whole home (cases, directory, log heads, operator, SOP files) to one file.",
        discussion: """
            Asks for the case store's passphrase ($WAYMARK_PASSPHRASE for scripts): only someone who can open the cases \
            may copy them. Then asks for a passphrase for the backup file, twice ($WAYMARK_BACKUP_PASSPHRASE for scripts), \
            at least 8 characters. The copy is taken while no hand-off is being logged, so the log and its head agree. \
            The file is written readable by you only and never over another file. Keep it, and its passphrase, apart \
            from the laptop: `waymark restore FILE --home EMPTY-FOLDER` brings it back.

            Example: waymark backup --out /media/usb/waymark-2026-05-02.backup
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Option(help: ArgumentHelp("The backup file to write (must not exist).", valueName: "file"))
    var out: String

    func run() throws {
        let header = try openHome().backup(to: URL(fileURLWithPath: out), asking: ControllingTerminal.readSecret)
        let bytes = header.entries.reduce(Int64(0)) { $0 + $1.size }
        print("Backup written to \(Sanitized.text(out)): \(header.entries.count) files, \(bytes) bytes, sealed under the passphrase you chose.")
        print("Restore it with `waymark restore FILE --home EMPTY-FOLDER`.")
    }
}
