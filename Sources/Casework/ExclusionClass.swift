import Routing

/// How a routing exclusion weighs on a referral: whether anything may lift it.
public enum ExclusionClass: String, Sendable, Codable {
    /// It protects the person (who the service takes, a condition the law or the person rules
    /// out, a service not running): a refusal no override lifts.
    case protective
    /// A practical obstacle (no free places, closed now, out of area, unreachable, a condition
    /// the person may meet later): a warning when the referral is made, a refusal at the
    /// hand-off that only a life-at-risk override at emergency priority lifts.
    case situational

    /// Every exclusion code, classed: the one table. A test fails when a code is missing.
    public static let table: [String: ExclusionClass] = [
        "sex": .protective,
        "age": .protective,
        "adult-only": .protective,
        "child-only": .protective,
        "exploitation": .protective,
        "unaccompanied": .protective,
        "dependents": .protective,
        "inactive": .protective,
        // Routing gives these two only when the person has not accepted a closed facility, or
        // will not (or has not decided to) cooperate with the police.
        "condition:closed-facility": .protective,
        "condition:requires-police-cooperation": .protective,
        "condition:nationals-only": .protective,
        "condition:foreign-nationals-only": .protective,
        "no-capacity": .situational,
        // Routing gives it only for emergency and urgent needs.
        "closed-at-time": .situational,
        "out-of-area": .situational,
        "unreachable": .situational,
        "condition:requires-legal-residence": .situational,
        "condition:requires-formal-identification": .situational,
    ]

    /// The class of a reason; a code the table does not know is protective (refuse when unsure).
    public static func of(_ reason: ExclusionReason) -> ExclusionClass { table[reason.code] ?? .protective }
}
