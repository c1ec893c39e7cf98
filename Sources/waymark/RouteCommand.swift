import App
import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Routing

/// Proposes referral pathways for a person's needs.
struct RouteCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Propose referral pathways for a person's needs, with the reasons, and the needs nobody can meet.",
        discussion: """
            Nothing identifying is asked: only what eligibility depends on. Unknown facts never exclude a \
            service; the answer says what to check. Exit 0 whenever a route was computed, unmet needs included.

            Example: waymark route --area XA0101 --sex female --age 16 --need shelter:emergency --need legal.aid
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @OptionGroup var person: ProfileOptions
    @Option(help: ArgumentHelp("For a person without a case: formally identified, yes or no. A case's identification follows its recorded decisions (waymark case decision).",
                               valueName: "yes|no")) var identified: YesNo?
    @Option(name: .customLong("case"), help: ArgumentHelp("Route for an open case: its profile is used, and unmet needs are recorded on it.",
                                                          valueName: "WM-XXXX-XXXX")) var caseCode: String?
    @Option(name: .customLong("need"), help: ArgumentHelp("A service type, optionally with a priority (emergency, urgent, normal); several may be given, or separated by commas.",
                                                          valueName: "code[:priority]")) var needs: [String] = []
    @Option(help: ArgumentHelp("Local time in the person's area (default: now).", valueName: "YYYY-MM-DDTHH:MM")) var at: String?
    @Option(help: "Alternative pathways (1–3).") var alternatives = 3
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Under each step, its service id: what `referral create --service` takes.") var ids = false

    func validate() throws {
        if needs.isEmpty { throw ValidationError("give at least one --need, e.g. --need shelter:emergency") }
        for need in needs { _ = try parseNeed(need) }
        if caseCode != nil && (!person.isEmpty || identified != nil) {
            throw ValidationError("with --case the case's own profile is used: leave out --area, --sex, --age and the other person options")
        }
        if caseCode == nil && person.area == nil { throw ValidationError("give --area (the P-code of where the person is now), or --case") }
        if let at, LocalMoment(wallClock: at) == nil { throw ValidationError("--at '\(Sanitized.short(at))' is not a local time like 2026-03-02T14:30") }
        if !(1...3).contains(alternatives) { throw ValidationError("--alternatives takes 1, 2 or 3") }
    }

    /// One `--need` value: `code[:priority]`, or several separated by commas, read by the same parser as the intake form's needs line.
    func parseNeed(_ text: String) throws -> [Need] {
        do {
            return try NeedList.parse(text)
        } catch {
            throw ValidationError("--need '\(Sanitized.short(text))': \(error)")
        }
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openDirectory()
        // Naming the area needs the map alone; the route reads only the services near the person.
        let map = try store.areaMap()
        var cases: CaseStore?
        let profile: ClientProfile
        if let caseCode {
            let opened = try home.openCases()
            profile = try opened.profile(of: caseCode)
            cases = opened
        } else {
            var described = try person.profile(in: map, command: "route")
            if let identified { described.formallyIdentified = identified.knowledge }
            profile = described
        }
        let now = Date()
        // --at is the local time in the person's area; validate() checked its form.
        let instant = at.flatMap { LocalMoment.instant(wallClock: $0, in: map.timeZone(of: profile.area)) } ?? now
        let (route, snapshot) = try DirectoryRouter(staleBefore: store.staleBefore(now))
            .route(profile, needs: try needs.flatMap(parseNeed), at: instant, alternatives: alternatives, in: store)
        if let cases, let caseCode {
            let unmet = route.needs.filter { $0.status == .unmet }.map(\.need.code)
            let conditional = route.needs.filter { $0.status == .conditional }.map(\.need.code)
            try cases.recordNeeds(caseCode, unmet: unmet, conditional: conditional)
        }
        let strings = try StringTable.bundled()
        if json {
            try Output.json(RouteJSON(route, snapshot: snapshot, strings: strings))
        } else {
            print(RouteText.render(route, snapshot: snapshot, strings: strings, ids: ids))
        }
    }
}
