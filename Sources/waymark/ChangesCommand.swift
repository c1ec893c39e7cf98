import ArgumentParser
import Directory
import Foundation
import Home

/// Prints the directory's field-level history.
struct ChangesCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List the directory's field-level history (HSDS metadata), oldest first.",
        discussion: """
            Each change names the table, the field, the value before and after, what was done \
            (create, update, delete, verify, undo, import), by whom and when. --json prints an array of objects keyed \
            by the HSDS metadata field names plus changed_at (and sequence, bundle_id).

            Example: waymark changes --service 726cda93-bbf3-5c15-93c4-0162359256d6 --since 2026-01-01
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Option(help: "Only this service's changes (its own and those of its types, phones, hours, places...).") var service: String?
    @Option(help: "Only changes on or after this day (YYYY-MM-DD).") var since: String?
    @Flag(help: "Print one JSON document.") var json = false

    func run() throws {
        if let since, FieldValue.date(since) == nil {
            throw DirectoryEditError.invalid(field: "since", problem: "'\(Sanitized.short(since))' is not a date (YYYY-MM-DD)")
        }
        let entries = try openHome().openDirectory().changes(service: service, since: since)
        if json { return try Output.json(entries) }
        if entries.isEmpty { return print("No changes recorded.") }
        entries.forEach { print(Sanitized.text($0.summary)) }
    }
}
