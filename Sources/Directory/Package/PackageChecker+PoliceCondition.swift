extension PackageChecker {
    /// Warns, naming each service, where `requires-police-cooperation` conditions assistance unlawfully.
    ///
    /// Assistance may not depend on cooperating with the police (CoE Art. 12(6)); only residence
    /// permits, compensation and the police themselves may ask it (`PoliceCondition`). Such a
    /// service still imports — routing never proposes it first and the gap report counts it as
    /// covering no one — so this is a warning, whether importing or validating. The condition may
    /// stand on the service or on one of its locations; the warning points at that attribute row.
    func checkPoliceConditions(_ contents: PackageContents, problems: inout ProblemList) {
        let attributes = contents.table("attribute")
        guard let linkID = attributes.index(of: "link_id"), let entity = attributes.index(of: "link_entity"),
              let termIndex = attributes.index(of: "taxonomy_term_id") else { return }
        let taxonomies = TaxonomyIndex(contents)
        func code(_ row: PackageRow, in taxonomy: String) -> String? {
            guard let term = row[termIndex], taxonomies.taxonomy(ofTerm: term) == taxonomy else { return nil }
            return taxonomies.codeOfTerm[term]
        }
        // Each service's types (stated and implied) and the attribute rows asking for police cooperation.
        var types: [String: Set<String>] = [:]
        var asks: [(line: Int, entity: String, id: String)] = []
        for row in attributes.rows {
            guard let id = row[linkID], let linked = row[entity] else { continue }
            if linked == "service", let type = code(row, in: Vocabulary.serviceTypeTaxonomy) {
                types[id, default: []].formUnion(Vocabulary.selfAndAncestors(type))
            } else if linked == "service" || linked == "location", code(row, in: Vocabulary.conditionTaxonomy) == PoliceCondition.code {
                asks.append((row.line, linked, id))
            }
        }
        guard !asks.isEmpty else { return }
        let services = contents.table("service")
        var serviceNames: [String: String] = [:]
        if let id = services.index(of: "id"), let name = services.index(of: "name") {
            for row in services.rows { if let key = row[id] { serviceNames[key] = row[name] ?? "" } }
        }
        let locations = contents.table("location")
        var locationNames: [String: String] = [:]
        if let id = locations.index(of: "id"), let name = locations.index(of: "name") {
            for row in locations.rows { if let key = row[id] { locationNames[key] = row[name] ?? "" } }
        }
        var servicesAt: [String: [String]] = [:]
        let links = contents.table("service_at_location")
        if let service = links.index(of: "service_id"), let location = links.index(of: "location_id") {
            for row in links.rows { if let s = row[service], let l = row[location] { servicesAt[l, default: []].append(s) } }
        }
        for ask in asks {
            let through = ask.entity == "location"
                ? "through its location '\(Sanitized.short(locationNames[ask.id] ?? ""))' (id \(Sanitized.short(ask.id))), " : ""
            let affected = ask.entity == "location" ? servicesAt[ask.id] ?? [] : [ask.id]
            for service in affected {
                let unlawful = PoliceCondition.unlawfulTypes(types[service] ?? [])
                guard !unlawful.isEmpty else { continue }
                problems.warning("attributes.csv", line: ask.line, field: "taxonomy_term_id", """
                    service '\(Sanitized.short(serviceNames[service] ?? ""))' (id \(Sanitized.short(service))) \(through)\
                    makes assistance conditional on police cooperation, which the law forbids for \
                    \(unlawful.joined(separator: ", ")) (CoE Art. 12(6)); only residence permits (legal.immigration), \
                    compensation (legal.compensation) and the police themselves (law-enforcement) may ask it. \
                    Remove the condition, or keep it only on a service of those types
                    """)
            }
        }
    }
}
