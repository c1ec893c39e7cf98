import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Terminal

/// Brings a backup back into an empty home.
struct RestoreCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup written by `waymark backup` into an empty home.",
        discussion: """
            Asks for the backup's passphrase ($WAYMARK_BACKUP_PASSPHRASE for scripts). The home must hold no case store \
            and no directory: a restore never replaces anything. Every part of the file is checked before anything is \
            put in the home; a wrong passphrase (exit 4) or a file that was changed or cut off (exit 1) leaves the home as \
            it was. The case store then opens with the passphrase it had when the backup was taken; \
            run `waymark log verify` and compare `waymark log head` with the figures you wrote down.

            Example: waymark restore /media/usb/waymark-2026-05-02.backup --home ~/waymark-restored
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Argument(help: ArgumentHelp("The backup file `waymark backup` wrote.", valueName: "file"))
    var file: String

    func run() throws {
        let home = try openHome()
        let header = try home.restore(from: URL(fileURLWithPath: file), asking: ControllingTerminal.readSecret)
        print("Restored \(header.entries.count) files into \(Sanitized.text(home.url.path)), from the backup taken \(ISO8601DateFormatter().string(from: header.createdAt)).")
        print("Every file verified. The case store opens with the passphrase it had then; run `waymark log verify`.")
    }
}
