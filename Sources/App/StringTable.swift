import Casework
import Foundation
import SOP
import WaymarkData

/// Every sentence the UI shows, looked up by key from a data file (`Data/strings/<language>.json`).
///
/// A translation is a new data file, not a code change — especially for the sentences a
/// responder reads aloud to a caller. `{name}` placeholders are filled by `format`.
public struct StringTable: Sendable, Equatable {
    let entries: [String: String]

    /// A table from a JSON object of key → sentence.
    public init(json: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw StringTableError.notAnObject
        }
        entries = object.compactMapValues { $0 as? String }
    }

    /// The bundled table for a language (English by default).
    public static func bundled(language: String = "en") throws -> StringTable {
        let url = try WaymarkData.resourceDirectory().appendingPathComponent("strings/\(language).json")
        return try StringTable(json: Data(contentsOf: url))
    }

    /// The sentence for a key; the key itself when the table lacks it, so a gap shows rather than crashes.
    public subscript(_ key: UIString) -> String { entries[key.rawValue] ?? key.rawValue }

    /// The sentence with `{name}` placeholders replaced.
    public func format(_ key: UIString, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The label of a vocabulary code (`shelter.children` → "Children's shelter"), or the code itself.
    public func label(_ code: String) -> String { entries["code.\(code)"] ?? code }

    /// The sentence for an exclusion reason code (`reason.<code>`), or the code itself.
    public func reason(_ code: String) -> String { entries["reason.\(code)"] ?? code }

    /// The short label of a vocabulary code for narrow columns (`short.<code>`), or the code itself.
    public func shortLabel(_ code: String) -> String { entries["short.\(code)"] ?? code }

    /// The name of an SOP step (`step.<id>`), or the id itself for a step the table does not know (a coordinator's own).
    public func stepLabel(_ id: String) -> String { entries["step.\(id)"] ?? id }

    /// How the printed form names codes: by their labels in this table.
    public var formLabels: FormLabels {
        let table = self
        return FormLabels(code: { table.label($0) })
    }

    /// A count with its noun in the right number (`count.<noun>.one` for 1, `.other` otherwise, `{n}` the count).
    public func count(_ n: Int, _ noun: String) -> String {
        let key = "count.\(noun).\(n == 1 ? "one" : "other")"
        return (entries[key] ?? "{n} \(noun)").replacingOccurrences(of: "{n}", with: "\(n)")
    }

    /// The name of an SOP step, by its id.
    public func stepLabel(_ id: StepID) -> String { stepLabel(id.rawValue) }

    /// Whether the table has every key the UI uses.
    public var missingKeys: [String] { UIString.allCases.map(\.rawValue).filter { entries[$0] == nil } }
}

/// The table could not be read.
public enum StringTableError: Error, CustomStringConvertible {
    case notAnObject
    public var description: String { "the string table is not a JSON object of key → sentence" }
}
