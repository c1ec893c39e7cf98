import Foundation
import GRDB

/// Finds incoming services that look like services this home added on its own: the same
/// organization name and location P-code, or names alike (a case- and diacritic-folded trigram
/// Jaccard of at least 0.6) within one district. Each pair is reported once, at most 20 per merge, strongest first.
struct DuplicateFinder {
    /// The least trigram similarity of two names reported.
    static let threshold = 0.6
    /// The most suggestions one merge reports.
    static let limit = 20
    /// The area level of a district.
    static let districtLevel = 2

    /// One service as compared.
    struct Candidate {
        let id: String
        let name: String
        let organization: String
        let pcodes: Set<String>
        let districts: Set<String>
        let trigrams: Set<String>
    }

    let db: Database

    /// The pairs of `incoming` and `local` service ids worth reporting, not reported before; records them as reported.
    func find(incoming: [String], local: Set<String>, bundle: String) throws -> [PossibleDuplicate] {
        guard !incoming.isEmpty, !local.isEmpty else { return [] }
        let mine = try local.sorted().compactMap(candidate)
        var found: [PossibleDuplicate] = []
        for id in incoming {
            guard let theirs = try candidate(id) else { continue }
            for other in mine where other.id != theirs.id {
                if !theirs.organization.isEmpty, theirs.organization == other.organization, !theirs.pcodes.isDisjoint(with: other.pcodes) {
                    found.append(PossibleDuplicate(incomingID: theirs.id, incomingName: theirs.name, localID: other.id,
                                                   localName: other.name, reason: "same organization name and P-code", score: 1))
                    continue
                }
                guard let district = theirs.districts.intersection(other.districts).sorted().first else { continue }
                let score = Self.jaccard(theirs.trigrams, other.trigrams)
                guard score >= Self.threshold else { continue }
                found.append(PossibleDuplicate(incomingID: theirs.id, incomingName: theirs.name, localID: other.id, localName: other.name,
                                               reason: "similar name (\(String(format: "%.2f", score))) in district \(district)", score: score))
            }
        }
        var reported: [PossibleDuplicate] = []
        for pair in found.sorted(by: { ($0.score, $1.incomingName, $1.localName) > ($1.score, $0.incomingName, $0.localName) }) {
            guard reported.count < Self.limit else { break }
            try db.execute(sql: "INSERT OR IGNORE INTO merge_duplicate(incoming_id, local_id, bundle_id) VALUES (?, ?, ?)",
                           arguments: [pair.incomingID, pair.localID, bundle])
            if db.changesCount > 0 { reported.append(pair) }
        }
        return reported
    }

    /// A service's name, organization name, P-codes and districts.
    private func candidate(_ id: String) throws -> Candidate? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.name, COALESCE(o.name, '') AS organization FROM service s LEFT JOIN organization o ON o.id = s.organization_id WHERE s.id = ?
            """, arguments: [id]) else { return nil }
        let pcodes = Set(try String.fetchAll(db, sql: """
            SELECT l.external_identifier FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            WHERE sal.service_id = ? AND l.external_identifier_type = 'pcode' AND l.external_identifier IS NOT NULL
            """, arguments: [id]))
        var districts: Set<String> = []
        for pcode in pcodes {
            let district = try String.fetchOne(db, sql: """
                SELECT y.ancestor FROM area_ancestor y JOIN area a ON a.pcode = y.ancestor WHERE y.pcode = ? AND a.level = ?
                """, arguments: [pcode, Self.districtLevel])
            districts.insert(district ?? pcode)
        }
        let name: String = row["name"] ?? ""
        return Candidate(id: id, name: name, organization: Self.folded(row["organization"] ?? ""), pcodes: pcodes,
                         districts: districts, trigrams: Self.trigrams(name))
    }

    /// Text folded for comparison: case and diacritics off, spaces collapsed.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).joined(separator: " ")
    }

    /// The trigrams of a folded name, padded so short words count.
    static func trigrams(_ text: String) -> Set<String> {
        let characters = Array("  " + folded(text) + " ")
        guard characters.count >= 3 else { return [] }
        return Set((0...(characters.count - 3)).map { String(characters[$0..<($0 + 3)]) })
    }

    /// The Jaccard similarity of two sets.
    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
