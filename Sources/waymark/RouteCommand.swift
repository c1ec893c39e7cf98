import App
import ArgumentParser
import Directory
import Foundation
import Routing

/// Proposes referral pathways for a person's needs.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Propose referral pathways for a person's needs, with the reasons, and the needs nobody can meet.",
        discussion: """
            Nothing identifying is asked: only what eligibility depends on. Unknown facts never exclude a
            service; the answer says what to check. Exit 0 whenever a route was computed, unmet needs included.

            Example: waymark route --area XA0101 --sex female --age 16 --need shelter:emergency --need legal.aid
            """)

    @OptionGroup var home: HomeOptions

    @Option(help: ArgumentHelp("Where the person is now.", valueName: "pcode")) var area: String
    @Option(help: "female, male or other.") var sex: String?
    @Option(help: "Age in years.") var age: Int?
    @Option(name: .customLong("age-range"), help: ArgumentHelp("An estimated age range.", valueName: "A-B")) var ageRange: String?
    @Flag(name: .customLong("age-disputed"), help: "The age is disputed: the person is treated as a child.") var ageDisputed = false
    @Option(name: .customLong("need"), help: ArgumentHelp("A service type, optionally with a priority (emergency, urgent, normal).",
                                                          valueName: "code[:priority]")) var needs: [String] = []
    @Option(name: .customLong("language"), help: "A language the person speaks (repeatable).") var languages: [String] = []
    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 (X-codes accepted).", valueName: "CC")) var nationality: String?
    @Option(name: .customLong("exploitation"), help: "An exploitation type (repeatable).") var exploitation: [String] = []
    @Option(help: "Legal residence: yes or no.") var residence: String?
    @Option(help: "Formally identified: yes or no.") var identified: String?
    @Option(help: "Dependents with them.") var dependents = 0
    @Flag(help: "An unaccompanied child.") var unaccompanied = false
    @Flag(name: .customLong("no-police"), help: "The person will not cooperate with the police.") var noPolice = false
    @Flag(name: .customLong("allow-closed-facility"), help: "The person accepts a closed facility.") var allowClosedFacility = false
    @Option(help: ArgumentHelp("Local time in the person's area (default: now).", valueName: "YYYY-MM-DDTHH:MM")) var at: String?
    @Option(help: "Alternative pathways (1–3).") var alternatives = 3
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
        if needs.isEmpty { throw ValidationError("give at least one --need, e.g. --need shelter:emergency") }
        for need in needs { _ = try parseNeed(need) }
        if let sex, !Vocabulary.sexes.contains(sex) { throw ValidationError("--sex '\(Sanitized.short(sex))': use female, male or other") }
        if let age, !(0...130).contains(age) { throw ValidationError("--age \(age) is out of range (0–130)") }
        if age != nil && ageRange != nil { throw ValidationError("give --age or --age-range, not both") }
        if let ageRange { _ = try parseRange(ageRange) }
        for code in exploitation where !Vocabulary.exploitationTypes.contains(code) {
            throw ValidationError("--exploitation '\(Sanitized.short(code))' is not one of: \(Vocabulary.exploitationTypes.joined(separator: ", "))")
        }
        for (name, value) in [("--residence", residence), ("--identified", identified)] {
            if let value, value != "yes" && value != "no" { throw ValidationError("\(name) takes yes or no, not '\(Sanitized.short(value))'") }
        }
        if let nationality, !(nationality.count == 2 && nationality.allSatisfy { $0.isUppercase && $0.isASCII }) {
            throw ValidationError("--nationality '\(Sanitized.short(nationality))' is not an ISO 3166-1 alpha-2 code like XB")
        }
        if let at, LocalMoment(wallClock: at) == nil { throw ValidationError("--at '\(Sanitized.short(at))' is not a local time like 2026-03-02T14:30") }
        if dependents < 0 { throw ValidationError("--dependents cannot be negative") }
        if !(1...3).contains(alternatives) { throw ValidationError("--alternatives takes 1, 2 or 3") }
    }

    func parseNeed(_ text: String) throws -> Need {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let code = parts.first, Vocabulary.serviceTypes.contains(code) else {
            throw ValidationError("--need '\(Sanitized.short(text))': '\(Sanitized.short(parts.first ?? ""))' is not a service type")
        }
        guard parts.count == 2 else { return Need(code) }
        guard let priority = Priority(rawValue: parts[1]) else {
            throw ValidationError("--need '\(Sanitized.short(text))': the priority must be emergency, urgent or normal")
        }
        return Need(code, priority: priority)
    }

    func parseRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], (0...130).contains(low), (0...130).contains(high) else {
            throw ValidationError("--age-range '\(Sanitized.short(text))' is not a range like 17-19")
        }
        guard low <= high else { throw ValidationError("--age-range \(text) is upside down: write \(high)-\(low)") }
        return low...high
    }

    func run() throws {
        let store = try home.openDirectory()
        let snapshot = try store.snapshot()
        guard snapshot.areas[area] != nil else {
            Output.error("waymark route: unknown area '\(Sanitized.short(area))': use a P-code from the directory")
            throw ExitCode(1)
        }
        let ageStatement: AgeStatement = try age.map { .exact($0) } ?? ageRange.map { .range(try parseRange($0)) } ?? .unknown
        let profile = ClientProfile(
            area: area, sex: sex, age: ageStatement, ageDisputed: ageDisputed, languages: languages.map { $0.lowercased() },
            nationality: nationality, exploitation: exploitation,
            legalResidence: residence.map { $0 == "yes" ? .yes : .no } ?? .unknown,
            formallyIdentified: identified.map { $0 == "yes" ? .yes : .no } ?? .unknown,
            dependents: dependents, unaccompanied: unaccompanied, willNotCooperateWithPolice: noPolice,
            acceptsClosedFacility: allowClosedFacility)
        let now = Date()
        let zone = TimeZone(identifier: try store.timezone(of: area)) ?? TimeZone(identifier: "UTC") ?? .current
        let moment = at.flatMap(LocalMoment.init(wallClock:)) ?? LocalMoment(now, in: zone)
        let staleBefore = DirectoryStore.staleBefore(now)
        let route = Router(snapshot, staleBefore: staleBefore)
            .route(profile, needs: try needs.map(parseNeed), moment: moment, alternatives: alternatives)
        let strings = try StringTable.bundled()
        if json {
            try Output.json(RouteJSON(route, snapshot: snapshot, strings: strings))
        } else {
            print(RouteText.render(route, snapshot: snapshot, strings: strings))
        }
    }
}
