import ArgumentParser
import Casework
import Foundation
import Home

/// The home's own SOP files.
struct SOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop",
        abstract: "The home's own SOP files: a changed one is in force only once a coordinator accepts it.",
        subcommands: [Accept.self])

    /// Accepts the home's SOP files as they are now.
    struct Accept: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "Accept the home's sop/default.yaml and sop/screening.yaml as they are now; their hashes go to the log.",
            discussion: """
                Until then, and again after any change to them, the bundled files are in force and the checklist and \
                `case show` say why. A malformed file is refused with its file, line and field.

                Example: waymark sop accept
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let home = try openHome()
            let definitions = try home.definitions()
            let store = try home.openCases()
            let files = try store.acceptSOP(definitions)
            print("Accepted the home's \(files.map { "sop/\($0)" }.joined(separator: " and ")): in force from now on.")
        }
    }
}
