import ArgumentParser
import Directory
import Foundation
import Home

/// Lists the services whose verification is out of date: the coordinator's call list.
struct StaleCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "stale",
        abstract: "List services not verified for longer than the limit, oldest first, with the phones to call.",
        discussion: """
            The limit is the one routing flags stale: the SOP file's stale_after_days (\(DirectoryStore.defaultStaleAfterDays) days unless \
            it says otherwise), unless --older-than is given. \
            Never-verified services come first; defunct ones are left out. Each entry lists what changed since its last \
            verification. --json prints an array of {service_id, name, assured_date, days_since, phones, changes_since}.

            Example: waymark stale --older-than 90 --area XA01
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Option(name: .customLong("older-than"), help: "Days since the last verification.") var olderThan: String?
    @Option(help: "Only services in or covering this area (a P-code).") var area: String?
    @Flag(help: "Print one JSON document.") var json = false

    func run() throws {
        var asked: Int?
        if let olderThan {
            guard let value = Int(olderThan), value >= 0 else {
                throw DirectoryEditError.invalid(field: "older-than", problem: "'\(Sanitized.short(olderThan))' is not a whole number of days")
            }
            asked = value
        }
        let store = try openHome().openDirectory()
        let queue = try store.staleQueue(olderThan: asked, area: area)
        let days = asked ?? store.staleAfterDays
        if json { return Self.printJSON(queue) }
        if queue.isEmpty { return print("No service waits for verification (older than \(days) days).") }
        print(Output.table(["DAYS", "VERIFIED", "SERVICE", "PHONES"], queue.map { entry in
            [entry.daysSince.map(String.init) ?? "never", entry.assuredDate ?? "-", Sanitized.text(entry.name) + " " + entry.serviceId.prefix(8),
             Sanitized.text(entry.phones.joined(separator: ", "))]
        }, widths: [5, 10, 44, 30]))
        let changed = queue.filter { !$0.changesSince.isEmpty }
        for entry in changed.prefix(50) {
            print("\nchanged since verified — \(Sanitized.text(entry.name)):")
            entry.changesSince.forEach { print("  \(Sanitized.text($0))") }
        }
        print("\n\(queue.count) service\(queue.count == 1 ? "" : "s") to verify (older than \(days) days).")
    }

    /// The queue as one JSON document, written by hand: a national queue is tens of thousands of entries.
    static func printJSON(_ queue: [StaleEntry]) {
        var out = JSONLines(capacity: queue.count * 260 + 8)
        out.raw("[")
        for (index, entry) in queue.enumerated() {
            out.raw(index == 0 ? "\n  {\n    \"assured_date\" : " : ",\n  {\n    \"assured_date\" : ")
            out.string(entry.assuredDate)
            out.raw(",\n    \"changes_since\" : ")
            out.strings(entry.changesSince, indent: 4)
            out.raw(",\n    \"days_since\" : ")
            if let days = entry.daysSince { out.number(days) } else { out.raw("null") }
            out.raw(",\n    \"name\" : ")
            out.string(entry.name)
            out.raw(",\n    \"phones\" : ")
            out.strings(entry.phones, indent: 4)
            out.raw(",\n    \"service_id\" : ")
            out.string(entry.serviceId)
            out.raw("\n  }")
        }
        out.raw(queue.isEmpty ? "\n\n]\n" : "\n]\n")
        out.print()
    }
}
