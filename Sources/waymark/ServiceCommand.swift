import ArgumentParser
import Directory
import Foundation
import Home

/// Shows, edits, adds and verifies services.
struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Show, edit, add or verify a service of the directory.",
        subcommands: [Show.self, Edit.self, Add.self, Verify.self])

    /// Prints every fact of a service, its verification and its last changes.
    struct Show: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show every fact of a service, its verification (date, method, by whom) and its last changes.",
            discussion: """
                --json prints one document keyed by HSDS field names, plus verification and last_changes.

                Example: waymark service show 726cda93-bbf3-5c15-93c4-0162359256d6
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The service's id.") var id: String
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let store = try openHome().openDirectory()
            guard let record = try store.serviceRecord(id) else { throw DirectoryEditError.notFound(kind: "service", id: id) }
            if json { return try Output.json(record) }
            print(Self.text(record))
        }

        static func text(_ r: ServiceRecord) -> String {
            func number(_ value: Double?) -> String { value.map(FieldValue.numberText) ?? "none" }
            func list(_ values: [String], empty: String = "none") -> String { values.isEmpty ? empty : values.joined(separator: ", ") }
            var lines = [
                "\(r.name)  [\(r.status)]",
                "id: \(r.id)",
                "organization: \(r.organizationName ?? "") (\(r.organizationId))",
            ]
            if let description = r.description { lines.append("description: \(description)") }
            lines += [
                "types: \(list(r.serviceTypes))",
                "sex: \(list(r.sex, empty: "any"))",
                "exploitation: \(list(r.exploitation, empty: "any"))",
                "ages: \(number(r.minimumAge))–\(number(r.maximumAge))",
                "conditions: \(list(r.conditions))",
                "languages: \(list(r.languages))",
                "hours: \(list(r.schedules, empty: "unknown"))",
                "phones: \(list(r.phones))",
                "capacity: " + (r.serviceCapacities.isEmpty ? "unknown" : r.serviceCapacities.map {
                    "\(FieldValue.numberText($0.available)) of \($0.maximum.map(FieldValue.numberText) ?? "?") \($0.unit ?? "places") free"
                }.joined(separator: "; ")),
                "covers: \(list(r.serviceAreas, empty: "no limit"))",
                "locations: " + list(r.locations.map { "\($0.name ?? $0.id) \($0.pcode ?? "")\($0.confidential ? " (confidential)" : "")" }),
            ]
            let v = r.verification
            lines.append("verified: " + (v.date.map { date in
                [date, v.method.map { "by \($0)" }, v.by.map { "(\($0))" }, v.note.map { "— \($0)" }].compactMap { $0 }.joined(separator: " ")
            } ?? "never"))
            lines.append("last changes:")
            lines += r.lastChanges.isEmpty ? ["  none"] : r.lastChanges.map { "  \($0.summary)" }
            return lines.map(Sanitized.text).joined(separator: "\n")
        }
    }

    /// Changes a service's facts.
    struct Edit: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a service's facts; each value is checked by the rules import and validate use.",
            discussion: """
                --language, --hours and --phone replace the whole list (repeat them for each value); --no-hours and \
                --no-phone clear it. Hours are in the area's local time. A refused value exits 1 naming the field and \
                the rule, and nothing is written. Needs an operator (waymark operator set).

                Example: waymark service edit 726cda93-bbf3-5c15-93c4-0162359256d6 --capacity-available 0 --note "full tonight"
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The service's id.") var id: String
        @OptionGroup var options: ServiceEditOptions
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            let edit = try options.edit()
            guard !edit.isEmpty else {
                throw DirectoryEditError.invalid(field: "options", problem: "name at least one change (see waymark service edit --help)")
            }
            try EditorAccess.printReceipt(try editor.edit(service: id, edit), what: "Service edited", json: json)
        }
    }

    /// Adds a service with one location.
    struct Add: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a service of an organization, with one location in an area.",
            discussion: """
                --area is the new location's P-code; --covers (repeatable) writes the areas the service covers. The new \
                id is a random UUID, printed ({"service_id": ...} with --json).

                Example: waymark service add --organization ad110b2d-c7fa-53b2-bfd6-6b2ab406ca1d --name "Night shelter" --type shelter.emergency --area XA0101
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Option(help: "A service-type code (repeat for more).") var type: [String] = []
        @Option(help: "The P-code of the new location.") var area: String
        @OptionGroup var options: ServiceEditOptions
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            var details = try options.edit()
            guard let name = details.name else {
                throw DirectoryEditError.invalid(field: "name", problem: "a new service needs --name")
            }
            details.name = nil
            guard let organization = details.organizationId else {
                throw DirectoryEditError.invalid(field: "organization_id", problem: "a new service needs --organization")
            }
            guard details.locationId == nil else {
                throw DirectoryEditError.invalid(field: "location", problem: "a new service has one new location; --location is for service edit")
            }
            details.organizationId = nil
            var new = NewService(organizationId: organization, name: name, types: type, area: area)
            new.locationName = details.locationName
            new.covers = details.serviceAreas ?? []
            details.locationName = nil
            details.serviceAreas = nil
            new.details = details
            let id = try editor.addService(new)
            if json { return try Output.json(["service_id": id]) }
            print("Service added: \(id)")
        }
    }

    /// Records a verification.
    struct Verify: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Record that a service's facts were checked: sets assured_date and assurer_email, nothing else.",
            discussion: """
                The method, the note and the operator are kept in the history. assurer_email is the operator's e-mail, \
                blank when none is set.

                Example: waymark service verify 726cda93-bbf3-5c15-93c4-0162359256d6 --method phone --note "spoke to the duty manager"
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The service's id.") var id: String
        @Option(help: "How it was checked: phone, visit, email, provider or document.") var method: String
        @Option(help: "What was checked, for the history.") var note: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let editor = try EditorAccess.editor(try openHome())
            guard let chosen = VerificationMethod(rawValue: method) else {
                throw DirectoryEditError.invalid(field: "method", problem: ProfileRules.enumProblem(method, allowed: VerificationMethod.allCases.map(\.rawValue)) ?? "unknown")
            }
            try EditorAccess.printReceipt(try editor.verify(service: id, method: chosen, note: note), what: "Service verified", json: json)
        }
    }
}

/// The options that change a service's facts, shared by `service edit` and `service add`.
struct ServiceEditOptions: ParsableArguments {
    @Option(help: "A new name.") var name: String?
    @Option(help: "A new description.") var description: String?
    @Option(help: "active, inactive, defunct or temporarily-closed.") var status: String?
    @Option(name: .customLong("capacity-available"), help: "Free places now.") var capacityAvailable: String?
    @Option(name: .customLong("capacity-maximum"), help: "Places in all.") var capacityMaximum: String?
    @Option(name: .customLong("min-age"), help: "The lowest age taken, in years.") var minAge: String?
    @Flag(name: .customLong("no-min-age"), help: "No lower age bound.") var noMinAge = false
    @Option(name: .customLong("max-age"), help: "The highest age taken, in years.") var maxAge: String?
    @Flag(name: .customLong("no-max-age"), help: "No upper age bound.") var noMaxAge = false
    @Option(name: .customLong("add-type"), help: "A service-type code to add.") var addType: [String] = []
    @Option(name: .customLong("remove-type"), help: "A service-type code to remove.") var removeType: [String] = []
    @Option(name: .customLong("add-condition"), help: "A condition code to add.") var addCondition: [String] = []
    @Option(name: .customLong("remove-condition"), help: "A condition code to remove.") var removeCondition: [String] = []
    @Option(help: "The sexes taken: female,male,other, or any.") var sex: String?
    @Option(help: "A language code spoken (repeat; replaces the list).") var language: [String] = []
    @Option(help: "Weekly hours such as \"MO-FR 09:00-17:00\" in the area's local time (repeat; replaces the list).") var hours: [String] = []
    @Flag(name: .customLong("no-hours"), help: "Clear the hours.") var noHours = false
    @Option(help: "A phone number (repeat; replaces the list).") var phone: [String] = []
    @Flag(name: .customLong("no-phone"), help: "Clear the phones.") var noPhone = false
    @Option(help: "The organization's id (service edit: the one the service moves to).") var organization: String?
    @Option(name: .customLong("add-exploitation"), help: "An exploitation-type code to add.") var addExploitation: [String] = []
    @Option(name: .customLong("remove-exploitation"), help: "An exploitation-type code to remove.") var removeExploitation: [String] = []
    @Option(name: .customLong("covers"), help: "A P-code the service covers (repeat; replaces the list).") var coversArea: [String] = []
    @Flag(name: .customLong("no-covers"), help: "No area limit: clear the areas covered.") var noCovers = false
    @Option(name: .customLong("capacity-unit"), help: "What capacity is counted in, such as Bed or Place.") var capacityUnit: String?
    @Option(name: .customLong("location"), help: "The id of the location --location-name, --address and --confidential change (default: the first).")
    var locationId: String?
    @Option(name: .customLong("location-name"), help: "The location's name.") var locationName: String?
    @Option(help: "The location's street address; an empty text removes it.") var address: String?
    @Option(help: "Whether the location's address is confidential: yes or no.") var confidential: String?
    @Option(help: "Why, for the history.") var note: String?

    /// The edit these options describe; a value that is not a number is refused naming its field.
    func edit() throws -> ServiceEdit {
        var edit = ServiceEdit()
        edit.name = name
        edit.description = description
        edit.status = status
        edit.capacityAvailable = try capacityAvailable.map { try EditorAccess.number($0, field: "capacity_available") }
        edit.capacityMaximum = try capacityMaximum.map { try EditorAccess.number($0, field: "capacity_maximum") }
        if noMinAge && minAge != nil { throw DirectoryEditError.invalid(field: "minimum_age", problem: "give --min-age or --no-min-age, not both") }
        if noMaxAge && maxAge != nil { throw DirectoryEditError.invalid(field: "maximum_age", problem: "give --max-age or --no-max-age, not both") }
        if noHours && !hours.isEmpty { throw DirectoryEditError.invalid(field: "hours", problem: "give --hours or --no-hours, not both") }
        if noPhone && !phone.isEmpty { throw DirectoryEditError.invalid(field: "phone", problem: "give --phone or --no-phone, not both") }
        edit.minimumAge = try noMinAge ? .clear : minAge.map { .set(try EditorAccess.number($0, field: "minimum_age")) }
        edit.maximumAge = try noMaxAge ? .clear : maxAge.map { .set(try EditorAccess.number($0, field: "maximum_age")) }
        edit.addTypes = addType
        edit.removeTypes = removeType
        edit.addConditions = addCondition
        edit.removeConditions = removeCondition
        edit.sex = sex.map { $0 == "any" ? [] : $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        edit.languages = language.isEmpty ? nil : language
        edit.hours = noHours ? [] : (hours.isEmpty ? nil : hours)
        edit.phones = noPhone ? [] : (phone.isEmpty ? nil : phone)
        if noCovers && !coversArea.isEmpty { throw DirectoryEditError.invalid(field: "service_area", problem: "give --covers or --no-covers, not both") }
        edit.organizationId = organization
        edit.addExploitation = addExploitation
        edit.removeExploitation = removeExploitation
        edit.serviceAreas = noCovers ? [] : (coversArea.isEmpty ? nil : coversArea)
        edit.capacityUnit = capacityUnit
        edit.locationId = locationId
        edit.locationName = locationName
        edit.address = address
        switch confidential {
        case nil: break
        case "yes"?: edit.confidential = true
        case "no"?: edit.confidential = false
        case let other?:
            throw DirectoryEditError.invalid(field: "confidential", problem: ProfileRules.enumProblem(other, allowed: ["yes", "no"]) ?? "yes or no")
        }
        edit.note = note
        return edit
    }
}
