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
            abstract: "Change the case store's passphrase: the old one stops opening it; every case still opens.",
            discussion: """
                Asks for the current passphrase, then the new one twice, at the terminal. A script gives the current
                one in $WAYMARK_PASSPHRASE and the new one in $WAYMARK_NEW_PASSPHRASE. The new one needs at least \
                \(PassphraseRule.minimumLength) characters. Exit 4 when the current passphrase is wrong.

                Example: waymark passphrase change
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let home = try openHome()
            guard home.hasCaseStore else {
                Output.error("waymark: this home has no case store yet; its passphrase is chosen when case data is first opened.")
                throw ExitCode(1)
            }
            let definitions = try home.definitions()
            let environment = ProcessInfo.processInfo.environment
            let current: String
            if let given = home.environmentPassphrase {
                current = given
            } else if let typed = ControllingTerminal.readSecret(prompt: "Current passphrase: ") {
                current = typed
            } else {
                Output.error("waymark: run this at a terminal, or set WAYMARK_PASSPHRASE and WAYMARK_NEW_PASSPHRASE for a script.")
                throw ExitCode(1)
            }
            let store = try home.openCases(passphrase: current, definitions: definitions).store
            let new: String
            if let given = environment["WAYMARK_NEW_PASSPHRASE"], !given.isEmpty {
                if let problem = PassphraseRule.problem(given) {
                    Output.error("waymark: WAYMARK_NEW_PASSPHRASE is too short. \(problem)")
                    throw ExitCode(1)
                }
                new = given
            } else if let typed = ControllingTerminal.readSecret(prompt: "New passphrase: ") {
                new = try Home.confirmed(typed, asking: ControllingTerminal.readSecret)
            } else {
                Output.error("waymark: the new passphrase is asked at the terminal, or given in WAYMARK_NEW_PASSPHRASE for a script.")
                throw ExitCode(1)
            }
            guard new != current else {
                Output.error("waymark: the new passphrase is the same as the current one; nothing was changed.")
                throw ExitCode(1)
            }
            try store.changePassphrase(to: new)
            print("Passphrase changed: the old one no longer opens this case store. Nobody can recover the new one if it is lost.")
        }
    }
}
