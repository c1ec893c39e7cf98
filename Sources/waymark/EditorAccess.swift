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

    /// An editor for the home's directory; refuses (exit 1) when no operator is set, since every change names one.
    static func editor(_ home: Home) throws -> DirectoryEditor {
        guard let worker = try home.loadOperator() else {
            Output.error("waymark: no operator is set for this home, and every change to the directory names who made it; "
                         + "set one first: waymark operator set --name NAME --organization ORG [--email ADDRESS]. Nothing was changed.")
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
