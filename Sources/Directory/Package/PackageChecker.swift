import Foundation

/// Checks what spans files: references between tables and the rules of Waymark's profile.
///
/// Importing refuses dangling required references and warns about (and drops) dangling
/// optional ones. The profile's own rules — known taxonomy codes, hierarchy, age bounds,
/// P-codes, travel links — are warnings when importing and errors when validating. A service
/// that makes assistance conditional on police cooperation is a warning either way.
public struct PackageChecker: Sendable {
    /// Why the package is being checked.
    public enum Purpose: Sendable {
        /// For `waymark import`: profile problems are warnings.
        case importing
        /// For `waymark validate`: profile problems are errors.
        case validating
    }

    /// Why the package is being checked.
    public let purpose: Purpose
    /// Keys already in the store, by resource name, which references may also name (merge).
    public let existingKeys: [String: Set<String>]

    /// Creates a checker.
    public init(purpose: Purpose, existingKeys: [String: Set<String>] = [:]) {
        self.purpose = purpose
        self.existingKeys = existingKeys
    }

    /// The resources a reference or an attribute's `link_entity` may name.
    static let referencedResources: Set<String> = Set(HSDSSchema.all.flatMap { $0.references.map(\.resource) })
        .union(["service", "organization", "location", "service_at_location", "program", "area"])

    /// Checks the package, dropping dangling optional values; returns notes on what it lacks.
    public func check(_ contents: inout PackageContents, problems: inout ProblemList) -> [String] {
        // Keys only of the tables something can point at: attributes, languages and
        // schedules are hundreds of thousands of rows that nothing references.
        var keys: [String: Set<String>] = existingKeys
        let attributes = contents.table("attribute")
        let linked = attributes.index(of: "link_entity").map { i in Set(attributes.rows.compactMap { $0[i] }) } ?? []
        let wanted = PackageChecker.referencedResources.union(linked)
        for (name, table) in contents.tables where wanted.contains(name) {
            if keys[name] == nil { keys[name] = table.keySet() } else { keys[name, default: []].formUnion(table.keySet()) }
        }
        checkReferences(&contents, keys: keys, problems: &problems)
        checkAttributes(&contents, keys: keys, problems: &problems)
        checkTaxonomies(contents, problems: &problems)
        checkServices(contents, problems: &problems)
        checkPoliceConditions(contents, problems: &problems)
        checkGeography(contents, keys: keys, problems: &problems)
        if purpose == .validating { checkIdentifiers(contents, problems: &problems) }
        return notes(contents, keys: keys)
    }

    private func profileProblem(_ problems: inout ProblemList, _ file: String, line: Int?, field: String?, _ message: String) {
        switch purpose {
        case .importing: problems.warning(file, line: line, field: field, message)
        case .validating: problems.error(file, line: line, field: field, message)
        }
    }

    private func checkReferences(_ contents: inout PackageContents, keys: [String: Set<String>], problems: inout ProblemList) {
        for resource in HSDSSchema.all {
            guard var table = contents.tables[resource.name], !table.rows.isEmpty else { continue }
            var changed = false
            for reference in resource.references {
                guard let index = table.index(of: reference.field),
                      let target = HSDSSchema.resource(named: reference.resource) else { continue }
                let targetKeys = keys[reference.resource] ?? []
                let required = resource.isRequiredReference(reference)
                for r in table.rows.indices {
                    let line = table.rows[r].line
                    guard let value = table.rows[r][index] else {
                        if required {
                            problems.error(resource.path, line: line, field: reference.field,
                                           "required reference is empty; it must name an id in \(target.path)")
                        }
                        continue
                    }
                    if targetKeys.contains(value) { continue }
                    if required {
                        problems.error(resource.path, line: line, field: reference.field,
                                       "'\(Sanitized.short(value))' does not match any id in \(target.path)")
                    } else {
                        problems.warning(resource.path, line: line, field: reference.field,
                                         "'\(Sanitized.short(value))' does not match any id in \(target.path); the reference is dropped")
                        table.rows[r][index] = nil
                        changed = true
                    }
                }
            }
            if changed { contents.tables[resource.name] = table }
        }
    }

    /// Attributes link to a row of the table their `link_entity` names.
    private func checkAttributes(_ contents: inout PackageContents, keys: [String: Set<String>], problems: inout ProblemList) {
        guard var table = contents.tables["attribute"],
              let linkID = table.index(of: "link_id"), let entity = table.index(of: "link_entity") else { return }
        var kept: [PackageRow] = []
        kept.reserveCapacity(table.rows.count)
        var unknownEntities: Set<String> = []
        for row in table.rows {
            guard let entityName = row[entity], let id = row[linkID] else {
                kept.append(row)
                continue
            }
            guard HSDSSchema.resource(named: entityName) != nil else {
                if unknownEntities.insert(entityName).inserted {
                    problems.warning("attributes.csv", line: row.line, field: "link_entity",
                                     "'\(Sanitized.short(entityName))' is not an HSDS table; such attributes are kept but not used")
                }
                kept.append(row)
                continue
            }
            if keys[entityName]?.contains(id) ?? false {
                kept.append(row)
            } else {
                problems.warning("attributes.csv", line: row.line, field: "link_id",
                                 "'\(Sanitized.short(id))' does not match any \(entityName) id; the attribute is dropped")
            }
        }
        table.rows = kept
        contents.tables["attribute"] = table
    }

    private func checkTaxonomies(_ contents: PackageContents, problems: inout ProblemList) {
        let terms = contents.table("taxonomy_term")
        let taxonomyNames = TaxonomyIndex(contents)
        guard let codeIndex = terms.index(of: "code"), let parentIndex = terms.index(of: "parent_id"),
              let idIndex = terms.index(of: "id") else { return }
        var codeOf: [String: String] = [:]
        for row in terms.rows { if let id = row[idIndex], let code = row[codeIndex] { codeOf[id] = code } }
        var seen: [String: (taxonomy: String, line: Int)] = [:]
        for row in terms.rows {
            guard let id = row[idIndex] else { continue }
            let taxonomy = taxonomyNames.taxonomy(ofTerm: id) ?? ""
            let code = row[codeIndex]
            if let code {
                if let first = seen[code] {
                    if first.taxonomy == taxonomy {
                        problems.error("taxonomy_terms.csv", line: row.line, field: "code",
                                       "'\(Sanitized.short(code))' repeats the code on line \(first.line) in the same taxonomy")
                    } else {
                        problems.warning("taxonomy_terms.csv", line: row.line, field: "code",
                                         "'\(Sanitized.short(code))' is also a code on line \(first.line); HSDS wants codes unique within a package")
                    }
                } else {
                    seen[code] = (taxonomy, row.line)
                }
            }
            guard Vocabulary.isWaymarkTaxonomy(taxonomy) else { continue }
            guard let code else {
                profileProblem(&problems, "taxonomy_terms.csv", line: row.line, field: "code",
                               "a term of \(taxonomy) needs a code")
                continue
            }
            if let problem = ProfileRules.codeProblem(code, taxonomy: taxonomy) {
                profileProblem(&problems, "taxonomy_terms.csv", line: row.line, field: "code", problem)
                continue
            }
            let expectedParent = Vocabulary.parent(of: code)
            let actualParent = row[parentIndex].flatMap { codeOf[$0] }
            if expectedParent != actualParent {
                let expected = expectedParent.map { "the '\($0)' term" } ?? "no parent"
                let actual = actualParent.map { "'\(Sanitized.short($0))'" } ?? "no parent"
                profileProblem(&problems, "taxonomy_terms.csv", line: row.line, field: "parent_id",
                               "'\(code)' should have \(expected) as parent_id, but has \(actual)")
            }
        }
        // Attributes must use the taxonomy their link_type says.
        let attributes = contents.table("attribute")
        guard let termIndex = attributes.index(of: "taxonomy_term_id"),
              let typeIndex = attributes.index(of: "link_type") else { return }
        for row in attributes.rows {
            guard let term = row[termIndex], let taxonomy = taxonomyNames.taxonomy(ofTerm: term),
                  let expected = Vocabulary.linkType(forTaxonomy: taxonomy) else { continue }
            if row[typeIndex] != expected {
                profileProblem(&problems, "attributes.csv", line: row.line, field: "link_type",
                               "a \(taxonomy) term is linked with link_type '\(expected)', not '\(Sanitized.short(row[typeIndex] ?? ""))'")
            }
        }
    }

    private func checkServices(_ contents: PackageContents, problems: inout ProblemList) {
        let services = contents.table("service")
        guard let minIndex = services.index(of: "minimum_age"), let maxIndex = services.index(of: "maximum_age") else { return }
        for row in services.rows {
            let minimum = row[minIndex].flatMap(FieldValue.number)
            let maximum = row[maxIndex].flatMap(FieldValue.number)
            for (name, value) in [("minimum_age", minimum), ("maximum_age", maximum)] {
                if let value, let problem = ProfileRules.ageProblem(value) {
                    profileProblem(&problems, "services.csv", line: row.line, field: name, problem)
                }
            }
            if let problem = ProfileRules.ageOrderProblem(minimum: minimum, maximum: maximum) {
                profileProblem(&problems, "services.csv", line: row.line, field: "minimum_age", problem)
            }
        }
        let capacities = contents.table("service_capacity")
        if let availableIndex = capacities.index(of: "available"), let maximumIndex = capacities.index(of: "maximum") {
            for row in capacities.rows {
                if let problem = ProfileRules.capacityProblem(available: row[availableIndex].flatMap(FieldValue.number),
                                                              maximum: row[maximumIndex].flatMap(FieldValue.number)) {
                    profileProblem(&problems, "service_capacities.csv", line: row.line, field: "available", problem)
                }
            }
        }
    }

    private func checkGeography(_ contents: PackageContents, keys: [String: Set<String>], problems: inout ProblemList) {
        let areas = contents.table("area")
        let pcodes = keys["area"] ?? []
        if let parentIndex = areas.index(of: "parent_pcode"), let zoneIndex = areas.index(of: "timezone"),
           let countryIndex = areas.index(of: "country"), let pcodeIndex = areas.index(of: "pcode") {
            var parentOf: [String: String] = [:]
            for row in areas.rows {
                if let parent = row[parentIndex] {
                    if !pcodes.contains(parent) {
                        profileProblem(&problems, "areas.csv", line: row.line, field: "parent_pcode", "unknown P-code '\(Sanitized.short(parent))'")
                    } else if let pcode = row[pcodeIndex] {
                        parentOf[pcode] = parent
                    }
                }
                if let zone = row[zoneIndex], TimeZone(identifier: zone) == nil {
                    profileProblem(&problems, "areas.csv", line: row.line, field: "timezone", "'\(Sanitized.short(zone))' is not an IANA time zone name")
                }
                if let country = row[countryIndex],
                   !(country.count == 2 && country.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }) {
                    profileProblem(&problems, "areas.csv", line: row.line, field: "country", "'\(Sanitized.short(country))' is not an ISO 3166-1 alpha-2 code")
                }
            }
            for row in areas.rows {
                guard let start = row[pcodeIndex] else { continue }
                var current = start
                var steps = 0
                while let parent = parentOf[current], steps <= parentOf.count {
                    current = parent
                    steps += 1
                    if current == start {
                        problems.error("areas.csv", line: row.line, field: "parent_pcode", "'\(Sanitized.short(start))' is its own ancestor")
                        break
                    }
                }
            }
        }
        let knowsAreas = !pcodes.isEmpty
        let locations = contents.table("location")
        if knowsAreas, let idIndex = locations.index(of: "external_identifier"),
           let typeIndex = locations.index(of: "external_identifier_type") {
            for row in locations.rows where row[typeIndex] == "pcode" {
                if let pcode = row[idIndex], let problem = ProfileRules.pcodeProblem(pcode, known: pcodes.contains(pcode)) {
                    profileProblem(&problems, "locations.csv", line: row.line, field: "external_identifier", problem)
                }
            }
        }
        let serviceAreas = contents.table("service_area")
        if knowsAreas, let extentIndex = serviceAreas.index(of: "extent"), let typeIndex = serviceAreas.index(of: "extent_type") {
            for row in serviceAreas.rows where row[typeIndex] == "pcode" {
                if let pcode = row[extentIndex], let problem = ProfileRules.pcodeProblem(pcode, known: pcodes.contains(pcode)) {
                    profileProblem(&problems, "service_areas.csv", line: row.line, field: "extent", problem)
                }
            }
        }
        let links = contents.table("travel_link")
        if let fromIndex = links.index(of: "from_pcode"), let toIndex = links.index(of: "to_pcode"),
           let minutesIndex = links.index(of: "minutes") {
            for row in links.rows {
                for (field, index) in [("from_pcode", fromIndex), ("to_pcode", toIndex)] {
                    if let pcode = row[index], !pcodes.contains(pcode) {
                        profileProblem(&problems, "travel_links.csv", line: row.line, field: field,
                                       "travel link to nowhere: unknown P-code '\(Sanitized.short(pcode))'")
                    }
                }
                if let minutes = row[minutesIndex].flatMap(FieldValue.number), minutes <= 0 {
                    profileProblem(&problems, "travel_links.csv", line: row.line, field: "minutes", "must be more than 0")
                }
                if row[fromIndex] != nil, row[fromIndex] == row[toIndex] {
                    profileProblem(&problems, "travel_links.csv", line: row.line, field: "to_pcode", "a link from an area to itself")
                }
            }
        }
    }

    /// HSDS declares ids UUIDs; other ids import fine but make exports fail HSDS validation.
    private func checkIdentifiers(_ contents: PackageContents, problems: inout ProblemList) {
        for resource in HSDSSchema.official {
            let table = contents.table(resource.name)
            guard let index = table.index(of: "id") else { continue }
            let bad = table.rows.filter { row in row[index].map { UUID(uuidString: $0) == nil } ?? false }
            if let first = bad.first {
                problems.warning(resource.path, line: first.line, field: "id",
                                 "\(bad.count) id(s) are not UUIDs, which HSDS 3.0 requires (first: '\(Sanitized.short(first[index] ?? ""))')")
            }
        }
    }

    private func notes(_ contents: PackageContents, keys: [String: Set<String>]) -> [String] {
        var notes: [String] = []
        let taxonomies = TaxonomyIndex(contents)
        if !taxonomies.hasWaymarkTaxonomy {
            notes.append("No Waymark taxonomies (waymark-service-type, waymark-sex, waymark-exploitation, waymark-condition): services carry no service types, eligibility or conditions, so type, sex and condition filters will not find them.")
        }
        if (keys["area"] ?? []).isEmpty {
            notes.append("No areas.csv: locations have no P-codes to search by area, and hours are read in UTC.")
        }
        if contents.table("travel_link").rows.isEmpty {
            notes.append("No travel_links.csv: travel times cannot be computed over a road network.")
        }
        if contents.table("service_capacity").rows.isEmpty {
            notes.append("No service_capacities.csv: free places are unknown.")
        }
        return notes
    }
}

/// Resolves which taxonomy a term belongs to: `taxonomy_id` → `taxonomy.name`, else `taxonomy_term.taxonomy`.
struct TaxonomyIndex {
    private var taxonomyOfTerm: [String: String] = [:]
    private(set) var codeOfTerm: [String: String] = [:]

    init(_ contents: PackageContents) {
        let taxonomies = contents.table("taxonomy")
        var nameOf: [String: String] = [:]
        if let id = taxonomies.index(of: "id"), let name = taxonomies.index(of: "name") {
            for row in taxonomies.rows { if let i = row[id], let n = row[name] { nameOf[i] = n } }
        }
        let terms = contents.table("taxonomy_term")
        guard let id = terms.index(of: "id"), let taxonomyID = terms.index(of: "taxonomy_id"),
              let taxonomyName = terms.index(of: "taxonomy"), let code = terms.index(of: "code") else { return }
        for row in terms.rows {
            guard let termID = row[id] else { continue }
            if let name = row[taxonomyID].flatMap({ nameOf[$0] }) ?? row[taxonomyName] { taxonomyOfTerm[termID] = name }
            if let c = row[code] { codeOfTerm[termID] = c }
        }
    }

    func taxonomy(ofTerm id: String) -> String? { taxonomyOfTerm[id] }

    var hasWaymarkTaxonomy: Bool { taxonomyOfTerm.values.contains { Vocabulary.isWaymarkTaxonomy($0) } }
}
