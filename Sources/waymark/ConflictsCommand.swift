import ArgumentParser
import Directory
import Foundation
import Home

/// Lists and resolves the conflicts bundle merges left in the directory.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the conflicts merged bundles left open, or resolve one.",
        discussion: """
            A conflict is a field changed both here and by the bundle's publisher since the last bundle from them \
            (or a row removed on one side and edited on the other). This home's value stays in force until the \
            conflict is resolved.

            Example: waymark conflicts
            """,
        subcommands: [List.self, Resolve.self],
        defaultSubcommand: List.self)

    /// Prints the open conflicts.
    struct List: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the open conflicts: number, table, field, both values, who changed each and when.",
            discussion: """
                --json prints an array of objects with id, entity, entity_id, field, base, local, incoming, local_by, \
                local_at, incoming_by, incoming_at, bundle_id, publisher, status and resolution.

                Example: waymark conflicts --json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Flag(help: "Also list resolved conflicts.") var all = false
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let conflicts = try openHome().openDirectory().conflicts(includeResolved: all)
            if json { return try Output.json(conflicts) }
            if conflicts.isEmpty { return print(all ? "No conflicts recorded." : "No open conflicts.") }
            print(Self.text(conflicts))
        }

        /// The conflicts as a table.
        static func text(_ conflicts: [MergeConflict]) -> String {
            func side(_ by: String?, _ at: String?) -> String {
                [by, at.map { String($0.prefix(10)) }].compactMap { $0 }.joined(separator: " ")
            }
            let rows = conflicts.map { c in
                [String(c.id) + (c.status == .resolved ? "*" : ""), "\(c.entity) \(c.entityID.prefix(8))", c.field,
                 c.local, c.incoming, "here: \(side(c.localBy, c.localAt)); them: \(side(c.incomingBy, c.incomingAt))"]
                    .map { Sanitized.text($0) }
            }
            return Output.table(["ID", "ENTITY", "FIELD", "LOCAL", "INCOMING", "WHO/WHEN"], rows, widths: [5, 18, 16, 22, 22, 60])
        }
    }

    /// Resolves one conflict.
    struct Resolve: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Resolve a conflict: keep this home's value, take the publisher's, or set your own.",
            discussion: """
                --keep incoming and --value change the directory like any edit (recorded in the history, undone by \
                waymark undo) and need the home's operator. The publisher's value stays the base of the next merge \
                either way, so the same difference is not reported again.

                Example: waymark conflicts resolve 3 --keep incoming
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The conflict's number, as waymark conflicts lists it.") var id: Int64
        @Option(help: "Which value to keep: local or incoming.") var keep: String?
        @Option(help: "A value of your own, as a package would write it.") var value: String?

        func validate() throws {
            guard (keep == nil) != (value == nil) else { throw ValidationError("give either --keep local|incoming or --value TEXT") }
            if let keep, !["local", "incoming"].contains(keep) {
                throw ValidationError("--keep takes local or incoming, not '\(Sanitized.short(keep))'")
            }
        }

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            let resolution: ConflictResolution = value.map { .value($0) } ?? (keep == "incoming" ? .keepIncoming : .keepLocal)
            try editor.store.resolveConflict(id, resolution, author: editor.author)
            print("Conflict \(id) resolved: \(keep.map { "kept \($0)" } ?? "value set").")
        }
    }
}
