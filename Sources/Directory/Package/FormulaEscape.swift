import Foundation

/// Keeps spreadsheet programs from running a package's text as a formula.
///
/// A coordinator opens an export in a spreadsheet; a service name such as `=HYPERLINK(…)`
/// would run there. On export, a text value that starts with `=`, `@`, a tab or a carriage
/// return, or with `+` or `-` not followed by a digit, a space or `(`, gets a leading `'`,
/// and the package declares it with `"waymark:formula-escape": true`. On import the `'` is
/// taken off again, only when the package declares it. Numbers, dates, times and phone
/// numbers are never changed. Leading apostrophes are counted so that a value which itself
/// starts with `'` comes back unchanged.
public enum FormulaEscape {
    /// The `datapackage.json` property that declares the escape.
    public static let property = "waymark:formula-escape"

    /// Whether a value of `field` in `resource` may be escaped: text columns other than phone numbers.
    static func applies(to field: HSDSField, in resource: HSDSResource) -> Bool {
        field.type == .string && !(resource.name == "phone" && field.name == "number")
    }

    /// Whether a spreadsheet would read `value` as a formula.
    public static func isFormula(_ value: Substring) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        switch first {
        case "=", "@", "\t", "\r": return true
        case "+", "-":
            guard let next = value.unicodeScalars.dropFirst().first else { return true }
            return !(("0"..."9").contains(next) || next == " " || next == "(")
        default: return false
        }
    }

    /// The value as exported.
    public static func escape(_ value: String) -> String {
        isFormula(value.drop { $0 == "'" }) ? "'" + value : value
    }

    /// The value as imported from a package that declares the escape.
    public static func unescape(_ value: String) -> String {
        value.hasPrefix("'") && isFormula(value.drop { $0 == "'" }) ? String(value.dropFirst()) : value
    }
}
