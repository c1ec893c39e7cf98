import ArgumentParser
import Casework
import Foundation
import Home
import Terminal

/// The case store's passphrase.
struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Change the passphrase that protects this home's case data.",
        subcommands: [Change.self])

    /// Wraps the data key under a new passphrase.
    struct Change: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Change the case store's passphrase: the old one stops opening it; every case still opens.",
            discussion: """
                Asks for the current passphrase, then the new one twice, at the terminal. A script gives the current \
                one in $WAYMARK_PASSPHRASE and the new one in $WAYMARK_NEW_PASSPHRASE. The new one needs at least \
                \(PassphraseRule.minimumLength) characters. Exit 4 when the current passphrase is wrong.

                Example: waymark passphrase change
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            try openHome().changePassphrase(asking: ControllingTerminal.readSecret)
            print("Passphrase changed: the old one no longer opens your account. If the new one is lost, a coordinator (or the printed recovery key) can give the account another.")
        }
    }
}
