import Foundation

/// The value rules of Waymark's profile, in one place: import, validate and the directory
/// editor all ask these, so a value refused by one is refused by the others.
///
/// Each rule answers nil when the value is fine, else the problem as a sentence fragment
/// that names the value (the caller adds the file, line or field).
public enum ProfileRules {
    /// The plausible range of an age bound, in years.
    public static let plausibleAges: ClosedRange<Double> = 0...130

    /// An age bound outside `plausibleAges`.
    public static func ageProblem(_ value: Double) -> String? {
        plausibleAges.contains(value) ? nil : "\(FieldValue.numberText(value)) is not a plausible age"
    }

    /// A minimum age above the maximum.
    public static func ageOrderProblem(minimum: Double?, maximum: Double?) -> String? {
        guard let minimum, let maximum, minimum > maximum else { return nil }
        return "minimum_age \(FieldValue.numberText(minimum)) is above maximum_age \(FieldValue.numberText(maximum))"
    }

    /// A code that the named Waymark taxonomy does not have.
    public static func codeProblem(_ code: String, taxonomy: String) -> String? {
        guard let allowed = Vocabulary.codes[taxonomy] else { return nil }
        return allowed.contains(code) ? nil : "'\(Sanitized.short(code))' is not a code of \(taxonomy)"
    }

    /// A value outside a field's fixed set.
    public static func enumProblem(_ value: String, allowed: [String]) -> String? {
        allowed.contains(value) ? nil : "'\(Sanitized.short(value))' is not one of: \(allowed.joined(separator: ", "))"
    }

    /// Free places or a maximum below zero, or more free places than the maximum.
    public static func capacityProblem(available: Double?, maximum: Double?) -> String? {
        if let available, available < 0 { return "available \(FieldValue.numberText(available)) is below 0" }
        if let maximum, maximum < 0 { return "maximum \(FieldValue.numberText(maximum)) is below 0" }
        guard let available, let maximum, available > maximum else { return nil }
        return "available \(FieldValue.numberText(available)) is above maximum \(FieldValue.numberText(maximum))"
    }

    /// Text that is not a time of day.
    public static func timeProblem(_ text: String) -> String? {
        FieldValue.time(text) == nil ? "'\(Sanitized.short(text))' is not a time (HH:MM or HH:MM:SS)" : nil
    }

    /// A P-code the directory's areas do not have.
    public static func pcodeProblem(_ pcode: String, known: Bool) -> String? {
        known ? nil : "unknown P-code '\(Sanitized.short(pcode))'"
    }
}
