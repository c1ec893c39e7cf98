import App
import ArgumentParser
import Directory
import Foundation
import Home

/// Finds the services that can take a person.
struct Search: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find services by text, place, type, sex, age, language and opening time.",
        discussion: """
            One result per service at a location; only active services unless --include-inactive. \
            A service type includes its sub-types (shelter finds shelter.children).

            Examples:
              waymark search shelter --sex female --age 16
              waymark search --area XA0101 --service legal.aid --open-now --json
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Argument(help: "Words to find in names and descriptions.")
    var text: [String] = []

    @Option(help: ArgumentHelp("Only services at or below this area, or covering it.", valueName: "pcode"))
    var area: String?

    @Option(name: .customLong("service"), help: ArgumentHelp("A service type (repeatable); includes its sub-types.", valueName: "code"))
    var services: [String] = []

    @Option(help: ArgumentHelp("Only services accepting this sex: female, male or other.", valueName: "sex"))
    var sex: Sex?

    @Option(help: ArgumentHelp("Only services whose age bounds include this age.", valueName: "years"))
    var age: Int?

    @Option(help: ArgumentHelp("Only services speaking this language code (e.g. ro, ar, th).", valueName: "code"))
    var language: String?

    @Option(name: .customLong("open-at"), help: ArgumentHelp("Drop services known to be closed at this local time.", valueName: "YYYY-MM-DDTHH:MM"))
    var openAt: String?

    @Flag(name: .customLong("open-now"), help: "Drop services known to be closed now.")
    var openNow = false

    @Flag(name: .customLong("include-inactive"), help: "Include inactive, defunct and temporarily closed services.")
    var includeInactive = false

    @Option(help: "At most this many results.")
    var limit = 50

    @Flag(help: "Print one JSON document.")
    var json = false

    @Flag(help: "Under each result, its service id: what `referral create --service` takes.")
    var ids = false

    func validate() throws {
        if openAt != nil && openNow { throw ValidationError("use either --open-at or --open-now, not both") }
        if let openAt, LocalMoment(wallClock: openAt) == nil {
            throw ValidationError("--open-at '\(Sanitized.short(openAt))' is not a local time like 2026-03-02T14:30")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let age, !(0...130).contains(age) { throw ValidationError("--age \(age) is out of range (0–130)") }
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openDirectory()
        var query = SearchQuery(text: text.joined(separator: " "), area: area, serviceTypes: services, sex: sex?.rawValue, age: age,
                                language: language, includeInactive: includeInactive, limit: limit)
        if let openAt, let moment = LocalMoment(wallClock: openAt) { query.openAt = .wallClock(moment) }
        if openNow { query.openAt = .instant(Date()) }
        let results: SearchResults
        do {
            // One search in a short-lived process: answered from the stored search tables, no index built.
            results = try store.search(query, path: .stored)
        } catch let error as SearchError {
            Output.error("waymark search: \(error)")
            throw ExitCode(1)
        }
        if json {
            try Output.json(results)
        } else {
            print(SearchTable.render(results, ids: ids))
        }
    }
}

/// The human form of search results: an aligned table that fits 80 columns.
enum SearchTable {
    static func render(_ results: SearchResults, ids: Bool = false) -> String {
        guard !results.results.isEmpty else { return "No services match. Try fewer filters or a wider area." }
        let rows = results.results.map { r in
            [r.serviceName, r.organizationName, r.areaName ?? r.area ?? "—",
             ResultSummary.eligibility(sex: r.sex, minimumAge: r.minimumAge, maximumAge: r.maximumAge),
             flags(r)]
        }
        var table = Output.table(["SERVICE", "ORGANIZATION", "AREA", "ELIGIBLE", "NOTES"], rows, widths: [25, 17, 11, 9, 10])
        if ids {
            // Each row followed by its ids, so the next command can be typed.
            let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var withIds = [lines[0]]
            for (row, result) in zip(lines.dropFirst(), results.results) {
                withIds.append(row)
                withIds.append("  id \(Sanitized.text(result.serviceId))")
            }
            table = withIds.joined(separator: "\n")
        }
        let shown = results.results.count
        let footer = shown < results.total ? "\(shown) of \(results.total) matches (use --limit to see more)" : "\(results.total) match\(results.total == 1 ? "" : "es")"
        return table + "\n" + footer
    }

    /// The result's flags as words (`SearchResult.flags`), e.g. `inactive,stale,full`.
    static func flags(_ r: SearchResult) -> String {
        r.flags.map(\.word).joined(separator: ",")
    }
}
