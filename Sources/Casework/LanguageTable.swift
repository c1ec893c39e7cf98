import Foundation
import WaymarkData

/// ISO 639 language codes, for the form's HTCDS JSON, which asks for ISO 639-2/T.
///
/// A responder gives a language as a two- or three-letter code (ISO 639-1, 639-2/B or /T, or
/// 639-3). The table (`Data/languages/iso639.tsv`) turns each into its ISO 639-2/T code; a
/// language with no 639-2 code (Mandarin `cmn`, Dari `prs`) is sent as its macrolanguage
/// (`zho`, `fas`). A code the table does not know is sent as given.
public struct LanguageTable: Sendable, Equatable {
    /// A code as a responder may give it → its ISO 639-2/T code.
    let terminology: [String: String]

    /// A table that knows no code: every code is sent as given.
    public static let empty = LanguageTable(terminology: [:])

    /// The table shipped with Waymark, read once; empty (codes sent as given) when the
    /// resources are missing or the file cannot be read.
    public static let bundled: LanguageTable = loaded(from: { try WaymarkData.languageTable() })

    /// The table at the URL `locate` gives; empty when that fails.
    static func loaded(from locate: () throws -> URL) -> LanguageTable {
        guard let url = try? locate(), let table = try? load(url) else { return .empty }
        return table
    }

    init(terminology: [String: String]) { self.terminology = terminology }

    /// Reads a table file.
    public static func load(_ url: URL) throws -> LanguageTable {
        try LanguageTable(tsv: String(contentsOf: url, encoding: .utf8))
    }

    /// Parses the tab-separated text: `639-1, 639-2/T, 639-2/B, 639-3, macrolanguage, name`,
    /// after a header line; lines starting with `#` are comments.
    public init(tsv text: String) throws {
        var terminology: [String: String] = [:]
        var header = true
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if header {
                header = false
                continue
            }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard cells.count >= 5 else {
                throw CaseworkError.invalidInput("Language table line \(index + 1): expected 639-1, 639-2/T, 639-2/B, 639-3, macrolanguage, name.")
            }
            let (iso1, iso2T, iso2B, iso3, macro) = (cells[0], cells[1], cells[2], cells[3], cells[4])
            let target = iso2T.isEmpty ? macro : iso2T
            guard target.count == 3 else {
                throw CaseworkError.invalidInput("Language table line \(index + 1): a language needs a 639-2/T code or a macrolanguage.")
            }
            for code in [iso1, iso2T, iso2B, iso3] where !code.isEmpty { terminology[code] = target }
        }
        self.terminology = terminology
    }

    /// The ISO 639-2/T code for a code a responder gave; the code as given (lowercased) when unknown.
    public func iso6392T(_ code: String) -> String {
        let key = code.trimmingCharacters(in: .whitespaces).lowercased()
        return terminology[key] ?? key
    }

    /// Whether the table knows the code.
    public func knows(_ code: String) -> Bool { terminology[code.trimmingCharacters(in: .whitespaces).lowercased()] != nil }
}
