import Foundation

/// The profile's controlled vocabularies: taxonomy names and the codes each one allows.
///
/// The codes are the interchange contract (DOMAIN.md); labels for people live in the
/// applications' string tables.
public enum Vocabulary {
    /// Taxonomy of service types; a dotted code implies its parent.
    public static let serviceTypeTaxonomy = "waymark-service-type"
    /// Taxonomy of the sexes a service accepts.
    public static let sexTaxonomy = "waymark-sex"
    /// Taxonomy of the exploitation types a service accepts.
    public static let exploitationTaxonomy = "waymark-exploitation"
    /// Taxonomy of access conditions and flags.
    public static let conditionTaxonomy = "waymark-condition"

    /// Every service-type code, parents before children.
    public static let serviceTypes: [String] = [
        "hotline", "identification",
        "shelter", "shelter.emergency", "shelter.long-term", "shelter.children",
        "health", "health.medical", "health.sexual-reproductive", "health.mental",
        "psychosocial",
        "legal", "legal.aid", "legal.immigration", "legal.compensation",
        "interpretation", "child-protection", "family-tracing", "return", "reintegration",
        "livelihood", "livelihood.vocational", "livelihood.employment", "livelihood.cash",
        "education", "basic-needs", "transport", "consular", "law-enforcement",
    ]

    /// The sexes a service may accept.
    public static let sexes: [String] = ["female", "male", "other"]

    /// The exploitation types a service may accept.
    public static let exploitationTypes: [String] = [
        "sexual", "labour", "domestic-servitude", "forced-marriage", "forced-criminality",
        "begging", "organ-removal", "other-exploitation",
    ]

    /// Access conditions and flags.
    public static let conditions: [String] = [
        "requires-police-cooperation", "requires-formal-identification", "requires-legal-residence",
        "nationals-only", "foreign-nationals-only", "closed-facility", "accepts-dependents",
        "accepts-unaccompanied-children", "open-24-7", "confidential-address", "referral-required",
        "free-of-charge",
    ]

    /// The codes each Waymark taxonomy allows.
    public static let codes: [String: Set<String>] = [
        serviceTypeTaxonomy: Set(serviceTypes),
        sexTaxonomy: Set(sexes),
        exploitationTaxonomy: Set(exploitationTypes),
        conditionTaxonomy: Set(conditions),
    ]

    /// Whether a taxonomy name is one of the profile's.
    public static func isWaymarkTaxonomy(_ name: String) -> Bool { codes[name] != nil }

    /// The parent of a dotted code (`shelter` for `shelter.emergency`), or nil.
    public static func parent(of code: String) -> String? {
        guard let dot = code.lastIndex(of: ".") else { return nil }
        return String(code[..<dot])
    }

    /// The code and every ancestor, nearest first.
    public static func selfAndAncestors(_ code: String) -> [String] {
        var result = [code]
        var current = code
        while let parent = parent(of: current) {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// The `link_type` each Waymark taxonomy is attached with.
    public static func linkType(forTaxonomy taxonomy: String) -> String? {
        switch taxonomy {
        case serviceTypeTaxonomy: return "service_type"
        case sexTaxonomy, exploitationTaxonomy: return "eligibility"
        case conditionTaxonomy: return "condition"
        default: return nil
        }
    }
}
