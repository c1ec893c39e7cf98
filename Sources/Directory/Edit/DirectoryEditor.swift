import Foundation
import GRDB

/// What one change wrote: its sequence number in the home's history and how many fields it recorded.
public struct ChangeReceipt: Sendable, Codable, Equatable {
    /// The change's per-home sequence number; nil when nothing changed.
    public var sequence: Int64?
    /// How many `metadata` rows (fields) it recorded.
    public var fields: Int
}

/// Changes the directory on behalf of one operator: edits, additions and verifications, each one
/// transaction that writes its HSDS `metadata` history and refreshes only the derived rows it touched.
///
/// Every value is checked by `ProfileRules`, the rules import and validate apply; a refusal names
/// the field and the rule, and nothing is written.
public struct DirectoryEditor: Sendable {
    public let store: DirectoryStore
    public let author: ChangeAuthor
    public let clock: any TimeSource
    /// Called with `written` inside each change's transaction, after its rows and before the commit
    /// (tests kill the process there to show that the old values stay).
    public var checkpoint: @Sendable (String) -> Void = { _ in }

    /// An editor acting for `author`.
    public init(store: DirectoryStore, author: ChangeAuthor, clock: any TimeSource = SystemTime()) {
        self.store = store
        self.author = author
        self.clock = clock
    }

    /// A new random id, as HSDS wants (UUID).
    static func newID() -> String { UUID().uuidString.lowercased() }

    // MARK: - Services

    /// Changes a service's facts.
    @discardableResult
    public func edit(service id: String, _ edit: ServiceEdit) throws -> ChangeReceipt {
        let now = clock.now()
        return try store.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM service WHERE id = ?)", arguments: [id]) == true else {
                throw DirectoryEditError.notFound(kind: "service", id: id)
            }
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            let touched = try apply(edit, to: id, recorder: &recorder)
            if recorder.count > 0 { try DirectoryIndexer.refresh(services: touched, db) }
            checkpoint("written")
            return ChangeReceipt(sequence: recorder.sequence, fields: recorder.count)
        }
    }

    /// Adds a service with one location and returns its id.
    public func addService(_ new: NewService) throws -> String {
        let now = clock.now()
        let name = try Self.required(new.name, field: "name")
        guard !new.types.isEmpty else { throw DirectoryEditError.invalid(field: "type", problem: "a new service needs at least one type") }
        return try store.writer.write { db in
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            let id = try insertService(new, name: name, recorder: &recorder)
            checkpoint("written")
            return id
        }
    }

    /// Adds an organization and its first service (with one location) as one change: both or neither.
    public func addService(_ new: NewService, inNewOrganization organization: String) throws -> (organizationId: String, serviceId: String) {
        let now = clock.now()
        let organizationName = try Self.required(organization, field: "organization_name")
        let name = try Self.required(new.name, field: "name")
        guard !new.types.isEmpty else { throw DirectoryEditError.invalid(field: "type", problem: "a new service needs at least one type") }
        return try store.writer.write { db in
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            let organizationID = try insertOrganization(name: organizationName, description: nil, recorder: &recorder)
            var service = new
            service.organizationId = organizationID
            let serviceID = try insertService(service, name: name, recorder: &recorder)
            checkpoint("written")
            return (organizationID, serviceID)
        }
    }

    /// Writes a new service's rows, its location and its areas, in the caller's transaction.
    private func insertService(_ new: NewService, name: String, recorder: inout ChangeRecorder) throws -> String {
        let db = recorder.db
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE id = ?)", arguments: [new.organizationId]) == true else {
            throw DirectoryEditError.notFound(kind: "organization", id: new.organizationId)
        }
        try Self.checkPCode(new.area, field: "area", db: db)
        for pcode in new.covers { try Self.checkPCode(pcode, field: "covers", db: db) }
        let serviceID = Self.newID(), locationID = Self.newID()
        try recorder.insert("service", ["id": serviceID.databaseValue, "organization_id": new.organizationId.databaseValue,
                                        "name": name.databaseValue, "status": "active".databaseValue])
        try recorder.insert("location", ["id": locationID.databaseValue, "organization_id": new.organizationId.databaseValue,
                                         "location_type": "physical".databaseValue,
                                         "name": (new.locationName.flatMap(Self.trimmed) ?? name).databaseValue,
                                         "external_identifier": new.area.databaseValue, "external_identifier_type": "pcode".databaseValue])
        try recorder.insert("service_at_location", ["id": Self.newID().databaseValue, "service_id": serviceID.databaseValue,
                                                    "location_id": locationID.databaseValue])
        for pcode in new.covers {
            let areaName = try String.fetchOne(db, sql: "SELECT name FROM area WHERE pcode = ?", arguments: [pcode])
            try recorder.insert("service_area", ["id": Self.newID().databaseValue, "service_id": serviceID.databaseValue,
                                                 "name": areaName?.databaseValue ?? .null,
                                                 "extent": pcode.databaseValue, "extent_type": "pcode".databaseValue])
        }
        var details = new.details
        details.addTypes = new.types + details.addTypes
        details.locationId = details.changesLocation ? locationID : nil
        let touched = try apply(details, to: serviceID, recorder: &recorder)
        try DirectoryIndexer.refresh(services: touched, db)
        return serviceID
    }

    /// Records a verification: sets `assured_date` (today) and `assurer_email` (the operator's, blank if none)
    /// and keeps the method and note in the history; changes nothing else.
    @discardableResult
    public func verify(service id: String, method: VerificationMethod, note: String? = nil) throws -> ChangeReceipt {
        let now = clock.now()
        return try store.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM service WHERE id = ?)", arguments: [id]) == true else {
                throw DirectoryEditError.notFound(kind: "service", id: id)
            }
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            try recorder.update("service", id: id, field: "assured_date", to: VerificationDates.dayText(now).databaseValue, action: .verify)
            try recorder.update("service", id: id, field: "assurer_email", to: author.email?.databaseValue ?? .null, action: .verify)
            try recorder.record("service", id: id, field: HistoryEntry.methodField, action: .verify,
                                previous: ChangeRecorder.none, replacement: method.rawValue)
            if let note = note.flatMap(Self.trimmed) {
                try recorder.record("service", id: id, field: HistoryEntry.noteField, action: .verify, previous: ChangeRecorder.none, replacement: note)
            }
            try DirectoryIndexer.refresh(services: [id], db)
            checkpoint("written")
            return ChangeReceipt(sequence: recorder.sequence, fields: recorder.count)
        }
    }

    // MARK: - Organizations

    /// Adds an organization and returns its id.
    public func addOrganization(name: String, description: String?) throws -> String {
        let now = clock.now()
        let name = try Self.required(name, field: "name")
        return try store.writer.write { db in
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            let id = try insertOrganization(name: name, description: description, recorder: &recorder)
            checkpoint("written")
            return id
        }
    }

    /// Writes a new organization's row in the caller's transaction.
    private func insertOrganization(name: String, description: String?, recorder: inout ChangeRecorder) throws -> String {
        let id = Self.newID()
        try recorder.insert("organization", ["id": id.databaseValue, "name": name.databaseValue,
                                             "description": (description.flatMap(Self.trimmed) ?? name).databaseValue])
        return id
    }

    /// Changes an organization's name or description; its services' search rows follow.
    @discardableResult
    public func editOrganization(_ id: String, name: String?, description: String?, note: String? = nil) throws -> ChangeReceipt {
        let now = clock.now()
        let newName = try name.map { try Self.required($0, field: "name") }
        return try store.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE id = ?)", arguments: [id]) == true else {
                throw DirectoryEditError.notFound(kind: "organization", id: id)
            }
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            if let newName { try recorder.update("organization", id: id, field: "name", to: newName.databaseValue) }
            if let description { try recorder.update("organization", id: id, field: "description", to: Self.trimmed(description)?.databaseValue ?? .null) }
            if recorder.count > 0, let note = note.flatMap(Self.trimmed) {
                try recorder.record("organization", id: id, field: HistoryEntry.noteField, action: .update, previous: ChangeRecorder.none, replacement: note)
            }
            if recorder.count > 0 {
                let services = try String.fetchAll(db, sql: "SELECT id FROM service WHERE organization_id = ?", arguments: [id])
                try DirectoryIndexer.refresh(services: Set(services), db)
            }
            checkpoint("written")
            return ChangeReceipt(sequence: recorder.sequence, fields: recorder.count)
        }
    }

    // MARK: - Applying an edit

    /// Checks every value of `edit` against the profile's rules, then writes it; returns the services whose
    /// derived rows must be refreshed (the service, and those sharing a location it changed).
    private func apply(_ edit: ServiceEdit, to id: String, recorder: inout ChangeRecorder) throws -> Set<String> {
        let db = recorder.db
        guard let current = try Row.fetchOne(db, sql: "SELECT minimum_age, maximum_age FROM service WHERE id = ?", arguments: [id]) else {
            throw DirectoryEditError.notFound(kind: "service", id: id)
        }
        // Check everything first: a refusal comes before any write.
        let name = try edit.name.map { try Self.required($0, field: "name") }
        let status = edit.status.map(ServiceEdit.storedStatus)
        if let status, let allowed = HSDSSchema.resource(named: "service")?.enums["status"],
           let problem = ProfileRules.enumProblem(status, allowed: allowed) {
            throw DirectoryEditError.invalid(field: "status", problem: problem)
        }
        func bound(_ bound: ServiceEdit.Bound?, current: Double?, field: String) throws -> Double? {
            switch bound {
            case nil: return current
            case .clear: return nil
            case .set(let value):
                if let problem = ProfileRules.ageProblem(value) { throw DirectoryEditError.invalid(field: field, problem: problem) }
                return value
            }
        }
        let minimum = try bound(edit.minimumAge, current: current["minimum_age"], field: "minimum_age")
        let maximum = try bound(edit.maximumAge, current: current["maximum_age"], field: "maximum_age")
        if let problem = ProfileRules.ageOrderProblem(minimum: minimum, maximum: maximum) {
            throw DirectoryEditError.invalid(field: "minimum_age", problem: problem)
        }
        for (codes, taxonomy, field) in [(edit.addTypes + edit.removeTypes, Vocabulary.serviceTypeTaxonomy, "type"),
                                         (edit.addConditions + edit.removeConditions, Vocabulary.conditionTaxonomy, "condition"),
                                         (edit.addExploitation + edit.removeExploitation, Vocabulary.exploitationTaxonomy, "exploitation"),
                                         (edit.sex ?? [], Vocabulary.sexTaxonomy, "sex")] {
            for code in codes {
                if let problem = ProfileRules.codeProblem(code, taxonomy: taxonomy) { throw DirectoryEditError.invalid(field: field, problem: problem) }
            }
        }
        let capacity = try Row.fetchOne(db, sql: "SELECT id, available, maximum FROM service_capacity WHERE service_id = ? ORDER BY rowid LIMIT 1",
                                        arguments: [id])
        if edit.capacityAvailable != nil || edit.capacityMaximum != nil {
            let available = edit.capacityAvailable ?? capacity?["available"]
            let places = edit.capacityMaximum ?? capacity?["maximum"]
            if available == nil {
                throw DirectoryEditError.invalid(field: "capacity_available", problem: "a service with no capacity yet needs its free places too")
            }
            if let problem = ProfileRules.capacityProblem(available: available, maximum: places) {
                throw DirectoryEditError.invalid(field: edit.capacityAvailable != nil ? "capacity_available" : "capacity_maximum", problem: problem)
            }
        }
        let hours = try (edit.hours ?? []).map { try HoursText.parse($0) }
        for code in edit.languages ?? [] where !Self.isLanguageCode(code) {
            throw DirectoryEditError.invalid(field: "language", problem: "'\(Sanitized.short(code))' is not a language code such as ro, en or zh-Hant")
        }
        let phones = (edit.phones ?? []).compactMap(Self.trimmed)
        if let given = edit.phones, phones.count != given.count {
            throw DirectoryEditError.invalid(field: "phone", problem: "a phone number is empty")
        }
        for code in edit.removeTypes where try attributes(of: id, taxonomy: Vocabulary.serviceTypeTaxonomy, code: code, db: db).isEmpty {
            throw DirectoryEditError.invalid(field: "type", problem: "the service has no type '\(code)' to remove")
        }
        for code in edit.removeConditions where try attributes(of: id, taxonomy: Vocabulary.conditionTaxonomy, code: code, db: db).isEmpty {
            throw DirectoryEditError.invalid(field: "condition", problem: "the service has no condition '\(code)' to remove")
        }
        for code in edit.removeExploitation where try attributes(of: id, taxonomy: Vocabulary.exploitationTaxonomy, code: code, db: db).isEmpty {
            throw DirectoryEditError.invalid(field: "exploitation", problem: "the service has no exploitation type '\(code)' to remove")
        }
        if let organization = edit.organizationId,
           try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE id = ?)", arguments: [organization]) != true {
            throw DirectoryEditError.invalid(field: "organization_id", problem: "no organization has the id '\(Sanitized.short(organization))'")
        }
        for pcode in edit.serviceAreas ?? [] { try Self.checkPCode(pcode, field: "service_area", db: db) }
        let unit = try edit.capacityUnit.map { try Self.required($0, field: "capacity_unit") }
        if unit != nil, capacity == nil, edit.capacityAvailable == nil {
            throw DirectoryEditError.invalid(field: "capacity_unit", problem: "a service with no capacity yet needs its free places too")
        }
        let location = edit.changesLocation ? try Self.location(of: id, chosen: edit.locationId, db: db) : nil
        let locationName = try edit.locationName.map { try Self.required($0, field: "location_name") }
        let address = try edit.address.flatMap(Self.trimmed).map { try Self.required($0, field: "address") }

        // Then write.
        if let name { try recorder.update("service", id: id, field: "name", to: name.databaseValue) }
        if let description = edit.description {
            try recorder.update("service", id: id, field: "description", to: Self.trimmed(description)?.databaseValue ?? .null)
        }
        if let status { try recorder.update("service", id: id, field: "status", to: status.databaseValue) }
        if edit.minimumAge != nil { try recorder.update("service", id: id, field: "minimum_age", to: minimum?.databaseValue ?? .null) }
        if edit.maximumAge != nil { try recorder.update("service", id: id, field: "maximum_age", to: maximum?.databaseValue ?? .null) }
        for code in edit.addTypes { try link(id, taxonomy: Vocabulary.serviceTypeTaxonomy, code: code, recorder: &recorder) }
        for code in edit.removeTypes { try unlink(id, taxonomy: Vocabulary.serviceTypeTaxonomy, code: code, recorder: &recorder) }
        for code in edit.addConditions { try link(id, taxonomy: Vocabulary.conditionTaxonomy, code: code, recorder: &recorder) }
        // A location's flag lifted first: the service's other locations take a flag of their own before the service's
        // condition goes, so that dropping the condition in the same edit never brings their addresses out of hiding.
        if let location, edit.confidential == false { try setConfidential(false, location: location, service: id, recorder: &recorder) }
        for code in edit.removeConditions { try unlink(id, taxonomy: Vocabulary.conditionTaxonomy, code: code, recorder: &recorder) }
        if let sexes = edit.sex {
            for code in Vocabulary.sexes {
                if sexes.contains(code) {
                    try link(id, taxonomy: Vocabulary.sexTaxonomy, code: code, recorder: &recorder)
                } else {
                    try unlink(id, taxonomy: Vocabulary.sexTaxonomy, code: code, recorder: &recorder)
                }
            }
        }
        if edit.capacityAvailable != nil || edit.capacityMaximum != nil {
            try setCapacity(id, existing: capacity?["id"], available: edit.capacityAvailable, maximum: edit.capacityMaximum, recorder: &recorder)
        }
        if let languages = edit.languages {
            try replaceList("language", of: id, column: "code", with: languages) { code in
                ["code": code.databaseValue, "name": (Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code).databaseValue]
            }(&recorder)
        }
        if edit.phones != nil {
            try replaceList("phone", of: id, column: "number", with: phones) { number in
                ["number": number.databaseValue, "type": "voice".databaseValue]
            }(&recorder)
        }
        if edit.hours != nil { try replaceHours(of: id, with: hours, recorder: &recorder) }
        if let organization = edit.organizationId {
            try recorder.update("service", id: id, field: "organization_id", to: organization.databaseValue)
        }
        for code in edit.addExploitation { try link(id, taxonomy: Vocabulary.exploitationTaxonomy, code: code, recorder: &recorder) }
        for code in edit.removeExploitation { try unlink(id, taxonomy: Vocabulary.exploitationTaxonomy, code: code, recorder: &recorder) }
        if let areas = edit.serviceAreas {
            let names = try Dictionary(areas.map { ($0, try String.fetchOne(db, sql: "SELECT name FROM area WHERE pcode = ?", arguments: [$0])) },
                                       uniquingKeysWith: { first, _ in first })
            try replaceList("service_area", of: id, column: "extent", with: areas) { pcode in
                ["name": (names[pcode] ?? nil)?.databaseValue ?? .null, "extent": pcode.databaseValue, "extent_type": "pcode".databaseValue]
            }(&recorder)
        }
        if let unit, let row = try Row.fetchOne(db, sql: "SELECT id FROM service_capacity WHERE service_id = ? ORDER BY rowid LIMIT 1",
                                                arguments: [id]) {
            try setUnit(unit, capacity: row["id"], recorder: &recorder)
        }
        var touched: Set<String> = [id]
        if let location {
            if let locationName { try recorder.update("location", id: location, field: "name", to: locationName.databaseValue) }
            if edit.address != nil { try setAddress(address, of: location, recorder: &recorder) }
            if edit.confidential == true { try setConfidential(true, location: location, service: id, recorder: &recorder) }
            touched.formUnion(try String.fetchAll(db, sql: "SELECT service_id FROM service_at_location WHERE location_id = ?", arguments: [location]))
        }
        if recorder.count > 0, let note = edit.note.flatMap(Self.trimmed) {
            try recorder.record("service", id: id, field: HistoryEntry.noteField, action: .update, previous: ChangeRecorder.none, replacement: note)
        }
        return touched
    }

    /// The service's location that an edit changes: the one named, else its first.
    private static func location(of service: String, chosen: String?, db: Database) throws -> String {
        let locations = try String.fetchAll(db, sql: "SELECT location_id FROM service_at_location WHERE service_id = ? ORDER BY rowid",
                                            arguments: [service])
        if let chosen {
            guard locations.contains(chosen) else {
                throw DirectoryEditError.invalid(field: "location", problem: "the service has no location '\(Sanitized.short(chosen))'")
            }
            return chosen
        }
        guard let first = locations.first else { throw DirectoryEditError.invalid(field: "location", problem: "the service has no location") }
        return first
    }

    /// Counts the service's capacity in the unit named `name`, made when the directory has none of that name.
    private func setUnit(_ name: String, capacity: String, recorder: inout ChangeRecorder) throws {
        var unit = try String.fetchOne(recorder.db, sql: "SELECT id FROM unit WHERE name = ? ORDER BY rowid LIMIT 1", arguments: [name])
        if unit == nil {
            let id = Self.newID()
            try recorder.insert("unit", ["id": id.databaseValue, "name": name.databaseValue])
            unit = id
        }
        try recorder.update("service_capacity", id: capacity, field: "unit_id", to: unit?.databaseValue ?? .null)
    }

    /// Sets the street line of a location's address (its physical one first), making the address when there is none;
    /// nil removes it. A new address takes its city, region and country from the location's area.
    private func setAddress(_ text: String?, of location: String, recorder: inout ChangeRecorder) throws {
        let db = recorder.db
        let existing = try String.fetchOne(db, sql: """
            SELECT id FROM address WHERE location_id = ? ORDER BY address_type = 'physical' DESC, rowid LIMIT 1
            """, arguments: [location])
        guard let text else {
            if let existing { try recorder.delete("address", id: existing) }
            return
        }
        if let existing {
            try recorder.update("address", id: existing, field: "address_1", to: text.databaseValue)
            return
        }
        let area = try Row.fetchOne(db, sql: """
            SELECT a.name, a.country, p.name AS parent FROM location l JOIN area a ON a.pcode = l.external_identifier
            LEFT JOIN area p ON p.pcode = a.parent_pcode WHERE l.id = ? AND l.external_identifier_type = 'pcode'
            """, arguments: [location])
        let city: String = area?["name"] ?? ""
        let region: String = area?["parent"] ?? city
        try recorder.insert("address", ["id": Self.newID().databaseValue, "location_id": location.databaseValue,
                                        "address_1": text.databaseValue, "city": city.databaseValue,
                                        "state_province": region.databaseValue, "postal_code": "".databaseValue,
                                        "country": ((area?["country"] as String?) ?? "").databaseValue,
                                        "address_type": "physical".databaseValue])
    }

    /// Flags a location's address confidential, or lifts the flag. Lifting it also lifts a confidential address
    /// stated on the service itself, which would still hide this location; the service's other locations then keep
    /// their own flag, so no other address comes out of hiding.
    private func setConfidential(_ confidential: Bool, location: String, service: String, recorder: inout ChangeRecorder) throws {
        let code = "confidential-address"
        if confidential {
            guard try locationFlags(location, code: code, db: recorder.db).isEmpty else { return }
            try flag(location, code: code, recorder: &recorder)
            return
        }
        for attribute in try locationFlags(location, code: code, db: recorder.db) { try recorder.delete("attribute", id: attribute) }
        guard try !attributes(of: service, taxonomy: Vocabulary.conditionTaxonomy, code: code, db: recorder.db).isEmpty else { return }
        try unlink(service, taxonomy: Vocabulary.conditionTaxonomy, code: code, recorder: &recorder)
        let others = try String.fetchAll(recorder.db, sql: "SELECT location_id FROM service_at_location WHERE service_id = ? AND location_id <> ?",
                                         arguments: [service, location])
        for other in others where try locationFlags(other, code: code, db: recorder.db).isEmpty {
            try flag(other, code: code, recorder: &recorder)
        }
    }

    /// The ids of the attributes flagging a location with a condition `code`.
    private func locationFlags(_ location: String, code: String, db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT a.id FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
            LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
            WHERE a.link_entity = 'location' AND a.link_id = ? AND t.code = ? AND COALESCE(tx.name, t.taxonomy) = ?
            """, arguments: [location, code, Vocabulary.conditionTaxonomy])
    }

    private func flag(_ location: String, code: String, recorder: inout ChangeRecorder) throws {
        let term = try termID(taxonomy: Vocabulary.conditionTaxonomy, code: code, recorder: &recorder)
        try recorder.insert("attribute", ["id": Self.newID().databaseValue, "link_id": location.databaseValue,
                                          "taxonomy_term_id": term.databaseValue, "link_type": "condition".databaseValue,
                                          "link_entity": "location".databaseValue])
    }

    /// The ids of the attributes linking the service to a term of `taxonomy` with `code`.
    private func attributes(of service: String, taxonomy: String, code: String, db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT a.id FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
            LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
            WHERE a.link_entity = 'service' AND a.link_id = ? AND t.code = ? AND COALESCE(tx.name, t.taxonomy) = ?
            """, arguments: [service, code, taxonomy])
    }

    /// Links the service to a term, creating the term (and its parents) when the directory lacks it.
    private func link(_ service: String, taxonomy: String, code: String, recorder: inout ChangeRecorder) throws {
        guard try attributes(of: service, taxonomy: taxonomy, code: code, db: recorder.db).isEmpty else { return }
        let term = try termID(taxonomy: taxonomy, code: code, recorder: &recorder)
        try recorder.insert("attribute", ["id": Self.newID().databaseValue, "link_id": service.databaseValue,
                                          "taxonomy_term_id": term.databaseValue,
                                          "link_type": (Vocabulary.linkType(forTaxonomy: taxonomy) ?? "").databaseValue,
                                          "link_entity": "service".databaseValue])
    }

    private func unlink(_ service: String, taxonomy: String, code: String, recorder: inout ChangeRecorder) throws {
        for attribute in try attributes(of: service, taxonomy: taxonomy, code: code, db: recorder.db) {
            try recorder.delete("attribute", id: attribute)
        }
    }

    private func termID(taxonomy: String, code: String, recorder: inout ChangeRecorder) throws -> String {
        let db = recorder.db
        if let id = try String.fetchOne(db, sql: """
            SELECT t.id FROM taxonomy_term t LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
            WHERE t.code = ? AND COALESCE(tx.name, t.taxonomy) = ? ORDER BY t.rowid LIMIT 1
            """, arguments: [code, taxonomy]) { return id }
        let parent = try Vocabulary.parent(of: code).map { try termID(taxonomy: taxonomy, code: $0, recorder: &recorder) }
        let taxonomyID = try String.fetchOne(db, sql: "SELECT id FROM taxonomy WHERE name = ? ORDER BY rowid LIMIT 1", arguments: [taxonomy])
        let id = Self.newID()
        try recorder.insert("taxonomy_term", ["id": id.databaseValue, "code": code.databaseValue, "name": code.databaseValue,
                                              "description": code.databaseValue, "parent_id": parent?.databaseValue ?? .null,
                                              "taxonomy": taxonomy.databaseValue, "taxonomy_id": taxonomyID?.databaseValue ?? .null])
        return id
    }

    private func setCapacity(_ service: String, existing: String?, available: Double?, maximum: Double?, recorder: inout ChangeRecorder) throws {
        let updated = ChangeRecorder.timestamp(recorder.now).databaseValue
        if let existing {
            let before = recorder.count
            if let available { try recorder.update("service_capacity", id: existing, field: "available", to: available.databaseValue) }
            if let maximum { try recorder.update("service_capacity", id: existing, field: "maximum", to: maximum.databaseValue) }
            if recorder.count > before { try recorder.update("service_capacity", id: existing, field: "updated", to: updated) }
            return
        }
        var unit = try String.fetchOne(recorder.db, sql: "SELECT id FROM unit ORDER BY rowid LIMIT 1")
        if unit == nil {
            let id = Self.newID()
            try recorder.insert("unit", ["id": id.databaseValue, "name": "Place".databaseValue])
            unit = id
        }
        try recorder.insert("service_capacity", ["id": Self.newID().databaseValue, "service_id": service.databaseValue,
                                                 "unit_id": unit?.databaseValue ?? .null, "available": (available ?? 0).databaseValue,
                                                 "maximum": maximum?.databaseValue ?? .null, "updated": updated])
    }

    /// Replaces a service's own rows of a list table (languages, phones) when the list differs.
    private func replaceList(_ table: String, of service: String, column: String, with values: [String],
                             row: @escaping (String) -> [String: DatabaseValue]) throws -> (inout ChangeRecorder) throws -> Void {
        { recorder in
            let db = recorder.db
            let existing = try Row.fetchAll(db, sql: """
                SELECT id, \(column.quotedDatabaseIdentifier) AS value FROM \(table.quotedDatabaseIdentifier)
                WHERE service_id = ? ORDER BY rowid
                """, arguments: [service])
            guard existing.map({ ($0["value"] as String?) ?? "" }) != values else { return }
            for old in existing { try recorder.delete(table, id: old["id"]) }
            for value in values {
                var fields = row(value)
                fields["id"] = Self.newID().databaseValue
                fields["service_id"] = service.databaseValue
                try recorder.insert(table, fields)
            }
        }
    }

    private func replaceHours(of service: String, with hours: [(byday: String, opens: String, closes: String)],
                              recorder: inout ChangeRecorder) throws {
        let existing = try Row.fetchAll(recorder.db, sql: """
            SELECT id, byday, opens_at, closes_at FROM schedule WHERE service_id = ? AND service_at_location_id IS NULL ORDER BY rowid
            """, arguments: [service])
        let now = existing.map { "\(($0["byday"] as String?) ?? "") \(($0["opens_at"] as String?) ?? "")-\(($0["closes_at"] as String?) ?? "")" }
        guard now != hours.map({ "\($0.byday) \($0.opens)-\($0.closes)" }) else { return }
        for old in existing { try recorder.delete("schedule", id: old["id"]) }
        for entry in hours {
            try recorder.insert("schedule", ["id": Self.newID().databaseValue, "service_id": service.databaseValue,
                                             "freq": "WEEKLY".databaseValue, "byday": entry.byday.databaseValue,
                                             "opens_at": entry.opens.databaseValue, "closes_at": entry.closes.databaseValue])
        }
    }

    // MARK: - Rules of plain values

    static func trimmed(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    static func required(_ text: String, field: String) throws -> String {
        guard let value = trimmed(text) else { throw DirectoryEditError.invalid(field: field, problem: "must not be empty") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DirectoryEditError.invalid(field: field, problem: "contains control characters; type it as plain text")
        }
        return value
    }

    /// A BCP 47-shaped language code: 2–3 letters, then optional subtags.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func checkPCode(_ pcode: String, field: String, db: Database) throws {
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM area WHERE pcode = ?)", arguments: [pcode]) ?? false
        if let problem = ProfileRules.pcodeProblem(pcode, known: known) { throw DirectoryEditError.invalid(field: field, problem: problem) }
    }
}
