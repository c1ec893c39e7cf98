import ArgumentParser
import Casework
import Directory
import Foundation
import Routing

/// What eligibility depends on, as options: shared by `route`, `case open` and `case update`. Nothing identifying,
/// and not identification, which only `case decision` sets.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where the person is now.", valueName: "pcode")) var area: String?
    @Option(help: "female, male or other.") var sex: Sex?
    @Option(help: "Age in years.") var age: Int?
    @Option(name: .customLong("age-range"), help: ArgumentHelp("An estimated age range.", valueName: "A-B")) var ageRange: String?
    @Option(name: .customLong("age-basis"), help: ArgumentHelp("How the age is known: stated, estimated (a figure stands for ±2 years), assessed (with --assessed-by, --assessed-on and --assessment-method; the only basis that lifts the presumption of minority) or disputed (treated as a child).", valueName: "basis")) var ageBasis: AgeBasis?
    @Flag(name: .customLong("age-disputed"), help: "The same as --age-basis disputed.") var ageDisputed = false
    @Option(name: .customLong("assessed-by"), help: ArgumentHelp("Who assessed the age (an organization).", valueName: "org")) var assessedBy: String?
    @Option(name: .customLong("assessed-on"), help: ArgumentHelp("When the age was assessed.", valueName: "YYYY-MM-DD")) var assessedOn: String?
    @Option(name: .customLong("assessment-method"), help: ArgumentHelp("How the age was assessed, in a few words.", valueName: "text")) var assessmentMethod: String?
    @Option(name: .customLong("language"), help: "A language the person speaks (repeatable).") var languages: [String] = []
    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 (X-codes accepted).", valueName: "CC")) var nationality: String?
    @Option(name: .customLong("exploitation"), help: "An exploitation type (repeatable).") var exploitation: [ExploitationType] = []
    @Option(help: "Legal residence: yes or no.") var residence: YesNo?
    @Option(help: "Dependents with them.") var dependents = 0
    @Option(name: .customLong("dependent-age"), help: ArgumentHelp("A dependent's age in years (repeatable).", valueName: "years"))
    var dependentAges: [Int] = []
    @Option(name: .customLong("interpreter-needed"), help: ArgumentHelp("The language an interpreter is needed in.", valueName: "code"))
    var interpreterNeeded: String?
    @Option(name: .customLong("facing-charges"), help: ArgumentHelp("Whether the person faces criminal charges or detention: yes or no. "
                                                                  + "Yes adds a legal-aid need by rule (non-punishment, CoE Art. 26).",
                                                                  valueName: "yes|no")) var facingCharges: YesNo?
    @Option(help: ArgumentHelp("For a child: yes (no adult responsible for them), separated (apart from parents or legal caregiver) or no. Unknown by default: never excludes; shelters are asked to confirm.", valueName: "yes|no|separated")) var unaccompanied: UnaccompaniedStatus?
    @Option(help: ArgumentHelp("Whether the person will cooperate with the police: will, will-not or undecided (the default; treated as will-not). Assistance never depends on it.", valueName: "stance")) var police: PoliceStance?
    @Flag(name: .customLong("no-police"), help: "The same as --police will-not.") var noPolice = false
    @Flag(name: .customLong("allow-closed-facility"), help: "The person accepts a closed facility.") var allowClosedFacility = false

    /// Whether any option describing the person was given.
    var isEmpty: Bool {
        area == nil && sex == nil && age == nil && ageRange == nil && ageBasis == nil && !ageDisputed && assessedBy == nil
            && assessedOn == nil && assessmentMethod == nil && languages.isEmpty && nationality == nil && exploitation.isEmpty
            && residence == nil && dependents == 0 && unaccompanied == nil && police == nil && !noPolice
            && !allowClosedFacility && dependentAges.isEmpty && interpreterNeeded == nil && facingCharges == nil
    }

    func validate() throws {
        if let age, !(0...130).contains(age) { throw ValidationError("--age \(age) is out of range (0–130)") }
        if age != nil && ageRange != nil { throw ValidationError("give --age or --age-range, not both") }
        if let ageRange { _ = try Self.parseRange(ageRange) }
        if let nationality, !(nationality.count == 2 && nationality.allSatisfy { $0.isUppercase && $0.isASCII }) {
            throw ValidationError("--nationality '\(Sanitized.short(nationality))' is not an ISO 3166-1 alpha-2 code like XB")
        }
        if dependents < 0 { throw ValidationError("--dependents cannot be negative") }
        if dependentAges.count > max(dependents, 0) && !dependentAges.isEmpty && dependents != 0 {
            throw ValidationError("--dependent-age was given \(dependentAges.count) times for \(dependents) dependents")
        }
        for years in dependentAges where !(0...120).contains(years) { throw ValidationError("--dependent-age \(years) is out of range (0–120)") }
        if let interpreterNeeded, !((2...3).contains(interpreterNeeded.count) && interpreterNeeded.allSatisfy({ $0.isLetter && $0.isASCII })) {
            throw ValidationError("--interpreter-needed '\(Sanitized.short(interpreterNeeded))' is not a language code such as ro, th or tha")
        }
        if ageDisputed, let ageBasis, ageBasis != .disputed { throw ValidationError("--age-disputed and --age-basis \(ageBasis.rawValue) disagree") }
        if unaccompanied == .unknown { throw ValidationError("--unaccompanied unknown: leave it out when unknown; use yes, no or separated") }
        if noPolice, let police, police != .willNot { throw ValidationError("--no-police and --police \(police.rawValue) disagree") }
        _ = try ageRecord()
    }

    /// The age options as the age step records them (checked by Casework's rule); nil when no age option was given.
    func ageRecord() throws -> AgeRecord? {
        let basis = ageBasis ?? (ageDisputed ? .disputed : .stated)
        guard age != nil || ageRange != nil || ageBasis != nil || ageDisputed else { return nil }
        let range = try ageRange.map(Self.parseRange)
        do {
            return try AgeRecord(basis: basis, years: age, from: range?.lowerBound, to: range?.upperBound, assessedBy: assessedBy,
                                 assessedOn: assessedOn, assessmentMethod: assessmentMethod)
        } catch {
            throw ValidationError(error.description)
        }
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
        var profile = ClientProfile(
            area: area, sex: sex, languages: languages.map { $0.lowercased() },
            nationality: nationality, exploitation: exploitation,
            legalResidence: residence?.knowledge ?? .unknown,
            dependents: dependents, unaccompanied: unaccompanied ?? .unknown,
            police: noPolice ? .willNot : police ?? .undecided,
            acceptsClosedFacility: allowClosedFacility)
        profile.dependentAges = dependentAges
        if dependents == 0 && !dependentAges.isEmpty { profile.dependents = dependentAges.count }
        profile.interpreterNeeded = interpreterNeeded?.lowercased()
        profile.facingCharges = facingCharges?.knowledge ?? .unknown
        try ageRecord()?.apply(to: &profile)
        return profile
    }

    /// Applies only the options given to an existing profile (`case update`).
    func update(_ profile: inout ClientProfile) throws {
        if let area { profile.area = area }
        if let sex { profile.sex = sex }
        if !languages.isEmpty { profile.languages = languages.map { $0.lowercased() } }
        if let nationality { profile.nationality = nationality }
        if !exploitation.isEmpty { profile.exploitation = exploitation }
        if let residence { profile.legalResidence = residence.knowledge }
        if dependents != 0 { profile.dependents = dependents }
        if !dependentAges.isEmpty {
            profile.dependentAges = dependentAges
            profile.dependents = max(profile.dependents, dependentAges.count)
        }
        if let unaccompanied { profile.unaccompanied = unaccompanied }
        if noPolice { profile.police = .willNot } else if let police { profile.police = police }
        if allowClosedFacility { profile.acceptsClosedFacility = true }
        if let interpreterNeeded { profile.interpreterNeeded = interpreterNeeded.lowercased() }
        if let facingCharges { profile.facingCharges = facingCharges.knowledge }
        try ageRecord()?.apply(to: &profile)
    }
}
