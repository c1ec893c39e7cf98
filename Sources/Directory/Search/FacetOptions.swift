import Foundation
import GRDB

/// What a responder can filter by in this directory: its areas and the languages it lists.
public struct FacetOptions: Sendable, Equatable {
    /// An area with its place in the hierarchy.
    public struct Area: Sendable, Equatable {
        public var pcode: String
        public var name: String
        public var parent: String?
    }

    /// Every area, ordered by P-code (parents before their children).
    public var areas: [Area]
    /// Language codes listed by services or locations, lowercased, with a name when one is given.
    public var languages: [(code: String, name: String?)]

    public static func == (a: FacetOptions, b: FacetOptions) -> Bool {
        a.areas == b.areas && a.languages.map(\.code) == b.languages.map(\.code) && a.languages.map(\.name) == b.languages.map(\.name)
    }
}

extension DirectoryStore {
    /// The areas and languages of the directory, for pickers.
    public func facetOptions() throws -> FacetOptions {
        try writer.read { db in
            let areas = try Row.fetchAll(db, sql: "SELECT pcode, name, parent_pcode FROM area ORDER BY pcode").map {
                FacetOptions.Area(pcode: $0[0], name: $0[1], parent: $0[2])
            }
            // Each language once, with its first name: one step of the `language_facet` index per language,
            // where grouping read every row (0.6 s of a UI's start over 1,000,000 services).
            let spoken = "code IS NOT NULL AND code <> ''"
            let languages = try Row.fetchAll(db, sql: """
                WITH RECURSIVE facet(code) AS (
                    SELECT MIN(lower(code)) FROM language WHERE \(spoken)
                    UNION ALL
                    SELECT (SELECT MIN(lower(code)) FROM language WHERE \(spoken) AND lower(code) > facet.code) FROM facet WHERE facet.code IS NOT NULL)
                SELECT code, (SELECT MIN(name) FROM language WHERE \(spoken) AND lower(code) = facet.code) FROM facet
                WHERE code IS NOT NULL ORDER BY code
                """).map { (code: $0[0] as String, name: $0[1] as String?) }
            return FacetOptions(areas: areas, languages: languages)
        }
    }
}

extension DirectoryStore {
    /// The IANA time zone of an area (inherited from its ancestors; UTC when none states one).
    public func timezone(of pcode: String) throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT timezone FROM area_timezone WHERE pcode = ?", arguments: [pcode]) } ?? "UTC"
    }
}
