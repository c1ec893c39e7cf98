import ArgumentParser
import Directory
import Foundation
import Home

/// Reverts the operator's last change to the directory.
struct UndoCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert your last change to the directory (repeat to go further back); the reversal is recorded too.",
        discussion: """
            Refuses, naming the later change, when another operator or an import has changed the same field since. \
            An import is never undone.

            Example: waymark undo
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Flag(help: "Print one JSON document.") var json = false

    func run() throws {
        let receipt = try EditorAccess.editor(try openHome()).undo()
        try EditorAccess.printReceipt(receipt, what: "Undone", json: json)
    }
}
