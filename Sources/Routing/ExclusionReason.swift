/// Why routing left a service out, as a responder reads it and as JSON carries it.
public enum ExclusionReason: Hashable, Sendable, Comparable {
    case sex
    /// A stated age outside the service's bounds.
    case age
    /// A child-only service (maximum age 17 or less) for an adult.
    case childOnly
    /// An adult-only service (minimum age 18 or more) for a child or presumed child.
    case adultOnly
    case exploitation
    /// A `waymark-condition` the person is known not to meet, or has ruled out.
    case condition(String)
    /// A shelter that does not take dependents.
    case dependents
    /// A shelter that does not take unaccompanied children.
    case unaccompanied
    case inactive
    case noCapacity
    case closedAtTime
    case outOfArea
    case unreachable

    /// The stable code: `adult-only`, `condition:requires-police-cooperation`, ...
    public var code: String {
        switch self {
        case .sex: return "sex"
        case .age: return "age"
        case .childOnly: return "child-only"
        case .adultOnly: return "adult-only"
        case .exploitation: return "exploitation"
        case .condition(let condition): return "condition:\(condition)"
        case .dependents: return "dependents"
        case .unaccompanied: return "unaccompanied"
        case .inactive: return "inactive"
        case .noCapacity: return "no-capacity"
        case .closedAtTime: return "closed-at-time"
        case .outOfArea: return "out-of-area"
        case .unreachable: return "unreachable"
        }
    }

    public static func < (a: ExclusionReason, b: ExclusionReason) -> Bool { a.code < b.code }

    /// The conditions a rule can exclude with (as `condition:<code>`).
    public static let excludingConditions = ["nationals-only", "foreign-nationals-only", "requires-legal-residence",
                                             "requires-formal-identification", "requires-police-cooperation", "closed-facility"]

    /// Every reason the eligibility rules can give, for tables that must class each one.
    public static var all: [ExclusionReason] {
        [.sex, .age, .childOnly, .adultOnly, .exploitation, .dependents, .unaccompanied, .inactive, .noCapacity, .closedAtTime,
         .outOfArea, .unreachable] + excludingConditions.map { .condition($0) }
    }
}
