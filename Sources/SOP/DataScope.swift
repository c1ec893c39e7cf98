/// What a consent allows to be shared with a receiving organization (DOMAIN.md).
///
/// The scope is a set; `anonymous` stands alone. Each scope adds fields to the referral form.
public enum DataScope: String, Sendable, Codable, CaseIterable, Comparable {
    /// Client code, age band, sex, services requested.
    case anonymous
    /// Adds nationality, languages, interpreter need, disability, identification channel, trafficking status,
    /// the number of dependents and their ages, the exploitation types, an escort or transport need, whether the
    /// person faces charges or detention (and, for a child, whether separated or unaccompanied).
    case basic
    /// Adds name, date of birth, phone, address (and, for a child, the guardian).
    case contact
    /// Adds the screening answers and result.
    case screening
    /// Adds safety concerns, a safe way to make contact, the referral's risk outcome and the
    /// conditions explained to the person.
    case safety
    /// Adds the free-text account.
    case narrative

    /// The form fields this scope adds.
    public var fields: [FormField] {
        switch self {
        case .anonymous: return [.clientCode, .ageBand, .sex, .servicesRequested]
        case .basic:
            return [.nationality, .languages, .interpreterNeeded, .disability, .identificationChannel, .traffickingStatus, .dependents,
                    .unaccompanied, .exploitationTypes, .escort, .facingCharges]
        case .contact: return [.name, .dateOfBirth, .phone, .address, .guardian]
        case .screening: return [.screeningAnswers, .screeningResult]
        case .safety: return [.safetyConcerns, .safeContact, .riskOutcome, .acknowledgedConditions]
        case .narrative: return [.narrative]
        }
    }

    /// Every field a set of scopes allows: the anonymous fields always, plus each scope's own.
    public static func fields(for scopes: Set<DataScope>) -> Set<FormField> {
        Set(DataScope.anonymous.fields).union(scopes.flatMap(\.fields))
    }

    /// Checks a set of scopes: not empty, and `anonymous` alone when present.
    public static func validate(_ scopes: Set<DataScope>) -> ScopeProblem? {
        if scopes.isEmpty { return .empty }
        if scopes.contains(.anonymous) && scopes.count > 1 { return .anonymousWithOthers }
        return nil
    }

    public static func < (a: DataScope, b: DataScope) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}

/// Why a set of scopes is not a valid consent.
public enum ScopeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case anonymousWithOthers

    public var description: String {
        switch self {
        case .empty: return "choose what may be shared: anonymous, or any of basic, contact, screening, safety, narrative"
        case .anonymousWithOthers: return "anonymous stands alone: it cannot be combined with basic, contact, screening, safety or narrative"
        }
    }
}

/// A field of the standard referral form that carries data about the person.
public enum FormField: String, Sendable, Codable, CaseIterable {
    case clientCode = "client-code", ageBand = "age-band", sex, servicesRequested = "services-requested"
    case nationality, languages, interpreterNeeded = "interpreter-needed", disability
    case identificationChannel = "identification-channel", traffickingStatus = "trafficking-status", unaccompanied
    case dependents, exploitationTypes = "exploitation-types", escort, facingCharges = "facing-charges"
    case name, dateOfBirth = "date-of-birth", phone, address, guardian
    case screeningAnswers = "screening-answers", screeningResult = "screening-result"
    case safetyConcerns = "safety-concerns", safeContact = "safe-contact", riskOutcome = "risk-outcome"
    case acknowledgedConditions = "acknowledged-conditions"
    case narrative
}
