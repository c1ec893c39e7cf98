import Directory

/// Something the responder should check because a fact is unknown: kept, never excluded.
public enum EligibilityNote: Hashable, Sendable, Comparable {
    /// The person's age range overlaps the service's bounds only in part.
    case ageOverlapsInPart
    /// The person's age is not known; the service has age bounds.
    case ageUnknown
    /// The person's sex is not known; the service takes only some.
    case sexUnknown
    /// The exploitation type is not known; the service takes only some.
    case exploitationUnknown
    /// A condition whose fact about the person is unknown (nationality, residence, identification).
    case conditionToCheck(String)
    /// The service's hours are unknown, and the need is urgent or an emergency.
    case hoursUnknown

    /// The stable code, for JSON and the string table.
    public var code: String {
        switch self {
        case .ageOverlapsInPart: return "age-overlaps-in-part"
        case .ageUnknown: return "age-unknown"
        case .sexUnknown: return "sex-unknown"
        case .exploitationUnknown: return "exploitation-unknown"
        case .conditionToCheck(let condition): return "check:\(condition)"
        case .hoursUnknown: return "hours-unknown"
        }
    }

    public static func < (a: EligibilityNote, b: EligibilityNote) -> Bool { a.code < b.code }
}

/// Whether one service at one location can take the person for one need, and why not.
public struct EligibilityVerdict: Sendable, Equatable {
    /// Every rule the service fails, in code order; empty when it is eligible.
    public var reasons: [ExclusionReason]
    /// What to check with the person or the provider.
    public var notes: [EligibilityNote]

    /// Whether no rule excludes the service.
    public var isEligible: Bool { reasons.isEmpty }
}

/// The eligibility rules of DOMAIN.md, one function per rule, applied to a service entry.
///
/// Every failing rule is reported (not only the first), so a responder can tell the
/// caller why and a coordinator can see the gap. Facts the responder does not know never
/// exclude: they become notes.
public enum EligibilityRules {
    /// What the rules need to know beyond the entry and the person.
    public struct Context: Sendable, Equatable {
        /// The country the person is in (ISO code of the area's country).
        public var personCountry: String?
        /// The country the service's location is in.
        public var serviceCountry: String?
        /// The person's area and its ancestors, nearest first.
        public var personLineage: [String]
        /// Whether the service is open at the time asked; nil when its hours are unknown.
        public var openAtTime: Bool?
        /// Travel minutes from where the person will be; nil when there is no route.
        public var travelMinutes: Double?

        public init(personCountry: String?, serviceCountry: String?, personLineage: [String], openAtTime: Bool?,
                    travelMinutes: Double?) {
            self.personCountry = personCountry
            self.serviceCountry = serviceCountry
            self.personLineage = personLineage
            self.openAtTime = openAtTime
            self.travelMinutes = travelMinutes
        }
    }

    /// Applies every rule.
    public static func check(_ entry: DirectorySnapshot.Entry, profile: ClientProfile, need: Need,
                             context: Context) -> EligibilityVerdict {
        var reasons: Set<ExclusionReason> = []
        var notes: Set<EligibilityNote> = []
        sex(entry, profile, &reasons, &notes)
        age(entry, profile, &reasons, &notes)
        exploitation(entry, profile, &reasons, &notes)
        conditions(entry, profile, need, context, &reasons, &notes)
        shelterFlags(entry, profile, &reasons, &notes)
        availability(entry, need, context, &reasons, &notes)
        place(entry, need, profile, context, &reasons)
        return EligibilityVerdict(reasons: reasons.sorted(), notes: notes.sorted())
    }

    /// Sex accepted; none stated means any.
    static func sex(_ entry: DirectorySnapshot.Entry, _ profile: ClientProfile,
                    _ reasons: inout Set<ExclusionReason>, _ notes: inout Set<EligibilityNote>) {
        guard !entry.sex.isEmpty else { return }
        guard let sex = profile.sex else {
            notes.insert(.sexUnknown)
            return
        }
        if !entry.sex.contains(sex) { reasons.insert(.sex) }
    }

    /// Child-only and adult-only first (the presumption of minority), then the bounds.
    ///
    /// A person presumed a child (a disputed age, an estimate reaching below 18, or an age
    /// not settled by an assessment once a child was possible) is taken by a service whose
    /// `maximum_age` is 17 or more and whose `minimum_age` is at most 17 (at most the lower end
    /// of a given range). Other bounds keep the overlap rule, with a note when the person's
    /// possible ages overlap them only in part. `minimum_age` 18 or more is always `adult-only`
    /// for a child.
    static func age(_ entry: DirectorySnapshot.Entry, _ profile: ClientProfile,
                    _ reasons: inout Set<ExclusionReason>, _ notes: inout Set<EligibilityNote>) {
        let minimum = entry.minimumAge.map { Int($0.rounded(.up)) }
        let maximum = entry.maximumAge.map { Int($0.rounded(.down)) }
        guard minimum != nil || maximum != nil else { return }
        let child = profile.isPresumedChild
        let childOnly = maximum.map { $0 <= 17 } ?? false
        let adultOnly = minimum.map { $0 >= 18 } ?? false
        if adultOnly && child {
            reasons.insert(.adultOnly)
            return
        }
        if childOnly && !child {
            if case .unknown = profile.age {
                notes.insert(.ageUnknown)
            } else {
                reasons.insert(.childOnly)
            }
            return
        }
        let bounds = (minimum ?? Int.min)...(maximum ?? Int.max)
        if child, let possible = presumedAges(profile) {
            let floor: Int
            if case .range(let range) = profile.age { floor = range.lowerBound } else { floor = 17 }
            if (maximum ?? Int.max) >= 17 && (minimum ?? Int.min) <= floor { return }
            overlap(possible, bounds, &reasons, &notes)
            return
        }
        switch profile.age {
        case .exact(let years):
            if !bounds.contains(years) { reasons.insert(.age) }
        case .range(let range):
            overlap(range, bounds, &reasons, &notes)
        case .unknown:
            notes.insert(.ageUnknown)
        }
    }

    /// The ages a person presumed to be a child may be; nil for a child whose stated age is
    /// not in doubt (the plain bounds apply to them).
    static func presumedAges(_ profile: ClientProfile) -> ClosedRange<Int>? {
        switch profile.age {
        case .range(let range):
            return range
        case .exact(let years):
            if years < 18 && profile.ageBasis != .disputed { return nil }
            // A disputed figure of 18 or more, or an adult figure not settled by an assessment:
            // the person is presumed to be 15–17 (or anything up to the figure).
            return years >= 18 ? 15...years : years...17
        case .unknown:
            return 15...17
        }
    }

    /// A range against bounds: no overlap excludes (`age`), a partial one is a note.
    static func overlap(_ range: ClosedRange<Int>, _ bounds: ClosedRange<Int>, _ reasons: inout Set<ExclusionReason>,
                        _ notes: inout Set<EligibilityNote>) {
        if !range.overlaps(bounds) {
            reasons.insert(.age)
        } else if !(bounds.contains(range.lowerBound) && bounds.contains(range.upperBound)) {
            notes.insert(.ageOverlapsInPart)
        }
    }

    /// Any overlap between the person's exploitation types and the service's; none stated means any.
    static func exploitation(_ entry: DirectorySnapshot.Entry, _ profile: ClientProfile,
                             _ reasons: inout Set<ExclusionReason>, _ notes: inout Set<EligibilityNote>) {
        guard !entry.exploitation.isEmpty else { return }
        if profile.exploitation.isEmpty {
            notes.insert(.exploitationUnknown)
        } else if entry.exploitation.isDisjoint(with: profile.exploitation) {
            reasons.insert(.exploitation)
        }
    }

    /// The codes the rules test on every entry, made once: a literal is checked against its vocabulary each time it is made.
    private enum Codes {
        static let nationalsOnly: ServiceCondition = "nationals-only"
        static let foreignNationalsOnly: ServiceCondition = "foreign-nationals-only"
        static let legalResidence: ServiceCondition = "requires-legal-residence"
        static let formalIdentification: ServiceCondition = "requires-formal-identification"
        static let closedFacility: ServiceCondition = "closed-facility"
        static let acceptsDependents: ServiceCondition = "accepts-dependents"
        static let acceptsUnaccompanied: ServiceCondition = "accepts-unaccompanied-children"
        static let shelter: ServiceType = "shelter"
    }

    /// Nationality, residence and identification conditions, and the person's own constraints.
    static func conditions(_ entry: DirectorySnapshot.Entry, _ profile: ClientProfile, _ need: Need, _ context: Context,
                           _ reasons: inout Set<ExclusionReason>, _ notes: inout Set<EligibilityNote>) {
        let c = entry.conditions
        func known(_ condition: ServiceCondition, fails: Bool?) {
            guard c.contains(condition) else { return }
            switch fails {
            case true?: reasons.insert(.condition(condition.rawValue))
            case false?: break
            case nil: notes.insert(.conditionToCheck(condition.rawValue))
            }
        }
        let national: Bool? = profile.nationality.flatMap { nationality in context.serviceCountry.map { $0 == nationality } }
        known(Codes.nationalsOnly, fails: national.map { !$0 })
        known(Codes.foreignNationalsOnly, fails: national)
        known(Codes.legalResidence, fails: profile.legalResidence == .unknown ? nil : profile.legalResidence == .no)
        known(Codes.formalIdentification, fails: profile.formallyIdentified == .unknown ? nil : profile.formallyIdentified == .no)
        if c.contains(PoliceCondition.condition) {
            // Lawful only where the service is a residence permit, compensation or the police
            // itself (then a condition to explain); elsewhere it is unlawful conditioning of
            // assistance (CoE Art. 12(6)). Either way a person who will not, or has not yet
            // decided to, cooperate is not sent there — except that an undecided person may be
            // told about a lawful condition and decide.
            let lawful = PoliceCondition.isLawful(for: need.code)
            switch profile.police {
            case .will: break
            case .willNot: reasons.insert(.condition("requires-police-cooperation"))
            case .undecided: if !lawful { reasons.insert(.condition("requires-police-cooperation")) }
            }
        }
        if c.contains(Codes.closedFacility) && !profile.acceptsClosedFacility {
            reasons.insert(.condition("closed-facility"))
        }
    }

    /// Shelters only: dependents need `accepts-dependents`, an unaccompanied or separated child
    /// needs `accepts-unaccompanied-children` (unknown: a note to check it). A shelter with no
    /// age bounds is asked to confirm it takes children. Other services are not limited by these flags.
    static func shelterFlags(_ entry: DirectorySnapshot.Entry, _ profile: ClientProfile, _ reasons: inout Set<ExclusionReason>,
                             _ notes: inout Set<EligibilityNote>) {
        guard entry.serviceTypes.contains(Codes.shelter) else { return }
        if profile.dependents > 0 && !entry.conditions.contains(Codes.acceptsDependents) { reasons.insert(.dependents) }
        guard profile.isPresumedChild else { return }
        if !entry.conditions.contains(Codes.acceptsUnaccompanied) {
            switch profile.unaccompanied {
            case .yes, .separated: reasons.insert(.unaccompanied)
            case .unknown: notes.insert(.conditionToCheck("accepts-unaccompanied-children"))
            case .no: break
            }
        }
        if entry.minimumAge == nil && entry.maximumAge == nil { notes.insert(.conditionToCheck("takes-children")) }
    }

    /// Active, capacity not known to be zero, open at the time for emergency and urgent needs.
    static func availability(_ entry: DirectorySnapshot.Entry, _ need: Need, _ context: Context,
                             _ reasons: inout Set<ExclusionReason>, _ notes: inout Set<EligibilityNote>) {
        if entry.status != "active" { reasons.insert(.inactive) }
        if entry.available == 0 { reasons.insert(.noCapacity) }
        guard need.priority.requiresOpenService else { return }
        switch context.openAtTime {
        case false?: reasons.insert(.closedAtTime)
        case nil: notes.insert(.hoursUnknown)
        case true?: break
        }
    }

    /// Area covered, the border rule, and a route to get there.
    static func place(_ entry: DirectorySnapshot.Entry, _ need: Need, _ profile: ClientProfile, _ context: Context,
                      _ reasons: inout Set<ExclusionReason>) {
        // Service areas are checked where the person is; across the border (return,
        // reintegration in the country of nationality) the person's home area there is not
        // known, so the service's coverage cannot rule them out.
        let acrossBorder = context.serviceCountry != nil && context.serviceCountry != context.personCountry
        if !acrossBorder && !entry.coverage.isEmpty && !entry.coverage.contains(where: context.personLineage.contains) {
            reasons.insert(.outOfArea)
        }
        if let country = context.serviceCountry {
            let allowed: Bool
            switch need.code {
            case "return":
                // Assisted return is organised from where the person is, or in the country of nationality.
                allowed = country == context.personCountry || country == profile.nationality
            case "reintegration":
                // Reintegration happens in the country of nationality (anywhere when it is unknown).
                allowed = profile.nationality.map { $0 == country } ?? true
            default:
                allowed = context.personCountry.map { $0 == country } ?? true
            }
            if !allowed { reasons.insert(.outOfArea) }
        }
        if !entry.isVirtual && context.travelMinutes == nil { reasons.insert(.unreachable) }
    }
}
