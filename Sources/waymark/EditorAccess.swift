import ArgumentParser
import Casework
import Directory
import Foundation
import Home

/// Opens the directory for changes on behalf of the home's operator.
enum EditorAccess {
    /// The operator as the history names them: `Name (Organization)`, with their e-mail for verifications.
    static func author(_ worker: Operator) -> ChangeAuthor {
        ChangeAuthor(name: "\(worker.name) (\(worker.organization))", email: worker.email)
    }

    /// The signed-in worker when the home has accounts, refused (exit 1, naming the role) unless
    /// their role may take `action`; nil for a home with no case store yet, whose directory has no
    /// accounts to tell apart (its files are as open as the folder is).
    static func coordinator(_ home: Home, for action: WorkerAction) throws -> Operator? {
        guard home.hasCaseStore else { return nil }
        return try home.openCases().authorize(action)
    }

    /// An editor for the home's directory as the signed-in coordinator; refuses (exit 1) a home
    /// without accounts, since every change names who made it, and a role that may not edit.
    static func editor(_ home: Home) throws -> DirectoryEditor {
        guard let worker = try coordinator(home, for: .editDirectory) else {
            Output.error("waymark: this home has no accounts yet, and every change to the directory names who made it; "
                         + "make yours first: waymark account edit --name NAME --organization ORG. Nothing was changed.")
            throw ExitCode(1)
        }
        var editor = DirectoryEditor(store: try home.openDirectory(), author: author(worker))
        #if DEBUG
        // The tests' hook: kill the process inside the change's transaction, before it commits.
        if home.environment["WAYMARK_TEST_KILL_AT"] == "directory-edit" {
            editor.checkpoint = { _ in kill(getpid(), SIGKILL) }
        }
        #endif
        return editor
    }

    /// A number given on the command line, refused (exit 1) naming the field when it is not one.
    static func number(_ text: String, field: String) throws -> Double {
        guard let value = FieldValue.number(text) else {
            throw DirectoryEditError.invalid(field: field, problem: "'\(Sanitized.short(text))' is not a number")
        }
        return value
    }

    /// Prints a change's receipt.
    static func printReceipt(_ receipt: ChangeReceipt, what: String, json: Bool) throws {
        if json { return try Output.json(receipt) }
        if let sequence = receipt.sequence {
            print("\(what): \(receipt.fields) field\(receipt.fields == 1 ? "" : "s") recorded as change \(sequence).")
        } else {
            print("\(what): nothing changed.")
        }
    }
}
