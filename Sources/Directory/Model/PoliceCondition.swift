/// Where a service may lawfully ask the person to cooperate with the police (DOMAIN.md, non-conditionality).
///
/// Assistance is never conditional on cooperating with the authorities (CoE Art. 12(6)). A
/// residence permit may lawfully be tied to it (Art. 14(1)(b)), and so may compensation
/// proceedings and the specialised police themselves; there the condition is explained to the
/// person, who decides. Anywhere else `requires-police-cooperation` is unlawful conditioning:
/// never proposed first, reported to the coordinator, and counted as covering no one.
///
/// The rule lives with the vocabularies so that validation (Directory) and routing and the
/// gap report (Routing) read the one implementation.
public enum PoliceCondition {
    /// The condition's code.
    public static let code = "requires-police-cooperation"
    /// The same, as a typed condition.
    public static let condition = ServiceCondition(stringLiteral: code)

    /// The service types on which the condition is lawful (and their sub-types).
    public static let lawfulTypes: Set<String> = ["legal.immigration", "legal.compensation", "law-enforcement"]

    /// Whether the condition is lawful for a referral made for this need.
    public static func isLawful(for need: String) -> Bool {
        lawfulTypes.contains { need == $0 || need.hasPrefix($0 + ".") }
    }

    /// Whether a service offering these types, with the condition, conditions some assistance
    /// unlawfully: it offers a type (other than the implied parents of lawful ones) where the
    /// condition is not lawful.
    public static func isUnlawful(serviceTypes: Set<String>, conditions: Set<String>) -> Bool {
        conditions.contains(code) && !unlawfulTypes(serviceTypes).isEmpty
    }

    /// The types among `serviceTypes` on which the condition would be unlawful, most specific
    /// only (`shelter.emergency`, not also `shelter`), sorted.
    ///
    /// `legal` is only the implied parent of `legal.immigration`: it does not count on its own.
    public static func unlawfulTypes(_ serviceTypes: Set<String>) -> [String] {
        let unlawful = serviceTypes.filter { type in
            !isLawful(for: type) && !serviceTypes.contains { isLawful(for: $0) && $0.hasPrefix(type + ".") }
        }
        return unlawful.filter { type in !unlawful.contains { $0.hasPrefix(type + ".") } }.sorted()
    }
}
