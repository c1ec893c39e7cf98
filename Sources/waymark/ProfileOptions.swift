import ArgumentParser
import Directory
import Foundation
import Routing

/// What eligibility depends on, as options: shared by `route` and `case open`. Nothing identifying.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where the person is now.", valueName: "pcode")) var area: String?
    @Option(help: "female, male or other.") var sex: String?
    @Option(help: "Age in years.") var age: Int?
    @Option(name: .customLong("age-range"), help: ArgumentHelp("An estimated age range.", valueName: "A-B")) var ageRange: String?
    @Flag(name: .customLong("age-disputed"), help: "The age is disputed: the person is treated as a child.") var ageDisputed = false
    @Option(name: .customLong("language"), help: "A language the person speaks (repeatable).") var languages: [String] = []
    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 (X-codes accepted).", valueName: "CC")) var nationality: String?
    @Option(name: .customLong("exploitation"), help: "An exploitation type (repeatable).") var exploitation: [String] = []
    @Option(help: "Legal residence: yes or no.") var residence: String?
    @Option(help: "Formally identified: yes or no.") var identified: String?
    @Option(help: "Dependents with them.") var dependents = 0
    @Flag(help: "An unaccompanied child.") var unaccompanied = false
    @Flag(name: .customLong("no-police"), help: "The person will not cooperate with the police.") var noPolice = false
    @Flag(name: .customLong("allow-closed-facility"), help: "The person accepts a closed facility.") var allowClosedFacility = false

    /// Whether any option describing the person was given.
    var isEmpty: Bool {
        area == nil && sex == nil && age == nil && ageRange == nil && !ageDisputed && languages.isEmpty && nationality == nil
            && exploitation.isEmpty && residence == nil && identified == nil && dependents == 0 && !unaccompanied && !noPolice
            && !allowClosedFacility
    }

    func validate() throws {
        if let sex, !Vocabulary.sexes.contains(sex) { throw ValidationError("--sex '\(Sanitized.short(sex))': use female, male or other") }
        if let age, !(0...130).contains(age) { throw ValidationError("--age \(age) is out of range (0–130)") }
        if age != nil && ageRange != nil { throw ValidationError("give --age or --age-range, not both") }
        if let ageRange { _ = try Self.parseRange(ageRange) }
        for code in exploitation where !Vocabulary.exploitationTypes.contains(code) {
            throw ValidationError("--exploitation '\(Sanitized.short(code))' is not one of: \(Vocabulary.exploitationTypes.joined(separator: ", "))")
        }
        for (name, value) in [("--residence", residence), ("--identified", identified)] {
            if let value, value != "yes" && value != "no" { throw ValidationError("\(name) takes yes or no, not '\(Sanitized.short(value))'") }
        }
        if let nationality, !(nationality.count == 2 && nationality.allSatisfy { $0.isUppercase && $0.isASCII }) {
            throw ValidationError("--nationality '\(Sanitized.short(nationality))' is not an ISO 3166-1 alpha-2 code like XB")
        }
        if dependents < 0 { throw ValidationError("--dependents cannot be negative") }
    }

    static func parseRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], (0...130).contains(low), (0...130).contains(high) else {
            throw ValidationError("--age-range '\(Sanitized.short(text))' is not a range like 17-19")
        }
        guard low <= high else { throw ValidationError("--age-range \(text) is upside down: write \(high)-\(low)") }
        return low...high
    }

    /// The profile, checking the area against the directory.
    func profile(in snapshot: DirectorySnapshot, command: String) throws -> ClientProfile {
        guard let area else {
            Output.error("waymark \(command): give --area, the P-code of where the person is now")
            throw ExitCode(64)
        }
        guard snapshot.areas[area] != nil else {
            Output.error("waymark \(command): unknown area '\(Sanitized.short(area))': use a P-code from the directory")
            throw ExitCode(1)
        }
        let ageStatement: AgeStatement = try age.map { .exact($0) } ?? ageRange.map { .range(try Self.parseRange($0)) } ?? .unknown
        return ClientProfile(
            area: area, sex: sex, age: ageStatement, ageDisputed: ageDisputed, languages: languages.map { $0.lowercased() },
            nationality: nationality, exploitation: exploitation,
            legalResidence: residence.map { $0 == "yes" ? .yes : .no } ?? .unknown,
            formallyIdentified: identified.map { $0 == "yes" ? .yes : .no } ?? .unknown,
            dependents: dependents, unaccompanied: unaccompanied, willNotCooperateWithPolice: noPolice,
            acceptsClosedFacility: allowClosedFacility)
    }
}
