import Directory
import Foundation
import Terminal

/// The coordinator's edit form of one service: every fact Waymark reads, one row each, prefilled with what the
/// directory holds.
///
/// Text is typed in place; coded facts are chosen from the pickers, with their labels. Saving sends one
/// `ServiceEdit` of the rows that changed; the directory checks it by the rules import and validate use, and a
/// refusal comes back in its own words, beside the row it names, with nothing written.
public struct ServiceEditForm: Sendable, Equatable {
    /// One fact of the form, in the order shown.
    public enum Field: Int, Sendable, CaseIterable {
        case name, description, organization, status, types, sex, minimumAge, maximumAge, exploitation, conditions,
             languages, hours, phones, areas, locationName, address, confidential, freePlaces, places, unit

        /// Whether the row is typed in place (the others are chosen).
        var isText: Bool {
            switch self {
            case .name, .description, .minimumAge, .maximumAge, .languages, .hours, .phones, .locationName, .address,
                 .freePlaces, .places, .unit:
                return true
            case .organization, .status, .types, .sex, .exploitation, .conditions, .areas, .confidential:
                return false
            }
        }

        /// The field a refusal of the directory names (`capacity_available: ...`), as its row.
        static func named(_ domainField: String) -> Field? {
            switch domainField {
            case "name": return .name
            case "description": return .description
            case "organization_id": return .organization
            case "status": return .status
            case "type": return .types
            case "sex": return .sex
            case "minimum_age": return .minimumAge
            case "maximum_age": return .maximumAge
            case "exploitation": return .exploitation
            case "condition": return .conditions
            case "language": return .languages
            case "hours": return .hours
            case "phone": return .phones
            case "service_area": return .areas
            case "location", "location_name": return .locationName
            case "address": return .address
            case "confidential": return .confidential
            case "capacity_available": return .freePlaces
            case "capacity_maximum": return .places
            case "capacity_unit": return .unit
            default: return nil
            }
        }
    }

    /// The chosen (not typed) facts.
    public struct Choices: Sendable, Equatable {
        public var organization: String
        /// As stored: `active`, `temporarily closed`, ...
        public var status: String
        public var types: [String]
        public var sex: [String]
        public var exploitation: [String]
        public var conditions: [String]
        /// P-codes covered.
        public var areas: [String]
        public var confidential: Bool
    }

    /// Where the form was opened from, which shows again after saving.
    public enum Origin: Sendable, Equatable {
        case detail, staleQueue
    }

    public var serviceId: String
    /// The location of the detail the form was opened from (the detail is read back at it).
    public var detailLocationId: String?
    /// The location whose name, address and flag the form changes: the service's first.
    public var locationId: String?
    public var serviceName: String
    public var origin: Origin
    /// The directory's organizations, for the organization row's picker.
    public var organizations: [OrganizationSummary]
    /// The text of each typed row as it was when the form opened.
    public var recordedText: [Field: String]
    public var inputs: [Field: TextInput]
    public var recordedChoices: Choices
    public var choices: Choices
    /// The row with the keyboard.
    public var cursor: Field = .name
    /// The first row shown.
    public var scroll = 0
    /// A picker open over the form.
    public var picker: Picker?
    /// Why the last save was refused: the directory's sentence (or the form's own, worded the same way).
    public var error: String?
    /// The row the refusal names.
    public var errorField: Field?

    /// The form over a service's record.
    public init(record r: ServiceRecord, organizations: [OrganizationSummary], detailLocationId: String?, origin: Origin) {
        serviceId = r.id
        self.detailLocationId = detailLocationId
        serviceName = r.name
        self.origin = origin
        self.organizations = organizations
        // The location whose detail the form was opened from (a service may be at several), else its first.
        let place = r.locations.first { $0.id == detailLocationId } ?? r.locations.first
        locationId = place?.id
        let capacity = r.serviceCapacities.first
        func number(_ value: Double?) -> String { value.map(FieldValue.numberText) ?? "" }
        let text: [Field: String] = [
            .name: r.name, .description: r.description ?? "", .minimumAge: number(r.minimumAge), .maximumAge: number(r.maximumAge),
            .languages: r.languages.joined(separator: " "), .hours: r.schedules.joined(separator: "; "),
            .phones: r.phones.joined(separator: ", "), .locationName: place?.name ?? "", .address: place?.address ?? "",
            .freePlaces: capacity.map { number($0.available) } ?? "", .places: number(capacity?.maximum), .unit: capacity?.unit ?? "",
        ]
        recordedText = text
        inputs = text.mapValues { TextInput(text: $0, maxLength: 2_000) }
        recordedChoices = Choices(organization: r.organizationId, status: r.status, types: r.serviceTypes, sex: r.sex,
                                  exploitation: r.exploitation, conditions: r.conditions, areas: r.serviceAreas,
                                  confidential: place?.confidential ?? false)
        choices = recordedChoices
    }

    /// The typed text of a row, trimmed.
    func text(_ field: Field) -> String { (inputs[field]?.text ?? "").trimmingCharacters(in: .whitespaces) }

    /// Whether a row differs from what the directory holds.
    func changed(_ field: Field) -> Bool {
        if field.isText { return text(field) != (recordedText[field] ?? "").trimmingCharacters(in: .whitespaces) }
        let now = choices, then = recordedChoices
        switch field {
        case .organization: return now.organization != then.organization
        case .status: return now.status != then.status
        case .types: return Set(now.types) != Set(then.types)
        case .sex: return Set(now.sex) != Set(then.sex)
        case .exploitation: return Set(now.exploitation) != Set(then.exploitation)
        case .conditions: return Set(now.conditions) != Set(then.conditions)
        case .areas: return now.areas != then.areas
        case .confidential: return now.confidential != then.confidential
        default: return false
        }
    }

    /// Whether any row differs from what the directory holds.
    public var isChanged: Bool { Field.allCases.contains(where: changed) }

    /// Leaving would lose what was changed and not saved.
    var hasUnsavedText: Bool { isChanged }

    /// A form of fields: letters are typed.
    var takesText: Bool { true }

    /// The rows that changed, as the form's labels name them.
    func changedLabels(_ s: StringTable) -> [String] {
        Field.allCases.filter(changed).map { Self.label($0, s).lowercased() }
    }

    /// The edit the changed rows describe; a number that is not a number is refused as the command line refuses it.
    public func edit() throws(DirectoryEditError) -> ServiceEdit {
        var edit = ServiceEdit()
        func number(_ field: Field, _ name: String) throws(DirectoryEditError) -> Double? {
            let typed = text(field)
            guard !typed.isEmpty else { return nil }
            guard let value = FieldValue.number(typed) else {
                throw .invalid(field: name, problem: "'\(Sanitized.short(typed))' is not a number")
            }
            return value
        }
        func list(_ field: Field, separators: Set<Character>) -> [String] {
            text(field).split(whereSeparator: { separators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func added(_ now: [String], _ then: [String]) -> [String] { now.filter { !then.contains($0) } }
        if changed(.name) { edit.name = text(.name) }
        if changed(.description) { edit.description = text(.description) }
        if changed(.organization) { edit.organizationId = choices.organization }
        if changed(.status) { edit.status = choices.status }
        edit.addTypes = added(choices.types, recordedChoices.types)
        edit.removeTypes = added(recordedChoices.types, choices.types)
        if changed(.sex) { edit.sex = Vocabulary.sexes.filter(choices.sex.contains) }
        if changed(.minimumAge) { edit.minimumAge = try number(.minimumAge, "minimum_age").map { .set($0) } ?? .clear }
        if changed(.maximumAge) { edit.maximumAge = try number(.maximumAge, "maximum_age").map { .set($0) } ?? .clear }
        edit.addExploitation = added(choices.exploitation, recordedChoices.exploitation)
        edit.removeExploitation = added(recordedChoices.exploitation, choices.exploitation)
        edit.addConditions = added(choices.conditions, recordedChoices.conditions)
        edit.removeConditions = added(recordedChoices.conditions, choices.conditions)
        if changed(.languages) { edit.languages = list(.languages, separators: [" ", ","]) }
        if changed(.hours) { edit.hours = list(.hours, separators: [";"]) }
        if changed(.phones) { edit.phones = list(.phones, separators: [","]) }
        if changed(.areas) { edit.serviceAreas = choices.areas }
        if changed(.locationName) { edit.locationName = text(.locationName) }
        if changed(.address) { edit.address = text(.address) }
        if changed(.confidential) { edit.confidential = choices.confidential }
        if changed(.freePlaces) {
            guard let free = try number(.freePlaces, "capacity_available") else {
                throw .invalid(field: "capacity_available", problem: "must not be empty")
            }
            edit.capacityAvailable = free
        }
        if changed(.places) {
            guard let places = try number(.places, "capacity_maximum") else {
                throw .invalid(field: "capacity_maximum", problem: "must not be empty")
            }
            edit.capacityMaximum = places
        }
        if changed(.unit) { edit.capacityUnit = text(.unit) }
        if edit.changesLocation { edit.locationId = locationId }
        return edit
    }

    /// Shows a refusal beside the row it names (the sentence starts with the field: `capacity_available: ...`).
    mutating func refuse(_ reason: String) {
        error = reason
        errorField = reason.split(separator: ":", maxSplits: 1).first.flatMap { Field.named(String($0)) }
        if let errorField { cursor = errorField }
    }
}

extension ServiceEditForm: ScreenModel {
    /// What the form's keys ask of it.
    typealias Action = DirectoryFormAction

    var screen: Screen { .serviceEdit(self) }

    /// Every key but these is text in a typed row: the form's keys are on its status bar, and F1 or `?` on a chosen row helps.
    func keyMap(_ state: AppState) -> KeyMap<Action> {
        .directoryForm(onText: cursor.isText, saveHelp: state.strings[.helpEditSave], strings: state.strings)
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .cancel:
            guard isChanged else { return .pop() }
            return Reply(push: .quitConfirm(QuitConfirm(reason: .unsavedEdit, strings: state.strings)))
        case .next:
            move(by: 1, state)
        case .previous:
            move(by: -1, state)
        case .edit:
            return unbound(key, &state)
        case .choose:
            choose(state)
        case .clear:
            clear()
        case .save:
            guard isChanged else {
                error = state.strings[.editUnchanged]
                errorField = nil
                return Reply()
            }
            do {
                let edit = try edit()
                error = nil
                errorField = nil
                return Reply([.directory(.editService(serviceId: serviceId, locationId: detailLocationId, edit,
                                                      what: changedLabels(state.strings).joined(separator: ", ")))])
            } catch {
                refuse(error.description)
            }
        }
        return Reply()
    }

    /// An open picker takes every key.
    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? {
        guard let picker else { return nil }
        switch picker.handle(key, rows: max(1, state.size.height - 8), strings: state.strings) {
        case .open(let changed):
            self.picker = changed
        case .closed:
            self.picker = nil
        case .chose(let value):
            self.picker = nil
            take(value)
        }
        return Reply()
    }

    /// Text for the typed row with the keyboard.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        guard cursor.isText, var input = inputs[cursor] else { return Reply() }
        if input.handle(key, width: Self.columns(width: state.size.width).valueWidth) {
            inputs[cursor] = input
            if errorField == cursor || errorField == nil { error = nil; errorField = nil }
        }
        return Reply()
    }

    private mutating func move(by step: Int, _ state: AppState) {
        let all = Field.allCases
        cursor = all[min(max(0, cursor.rawValue + step), all.count - 1)]
        let rows = Self.visibleRows(state.size)
        if cursor.rawValue < scroll { scroll = cursor.rawValue }
        if cursor.rawValue >= scroll + rows { scroll = cursor.rawValue - rows + 1 }
    }

    /// Opens the chosen row's picker (the flag simply switches).
    private mutating func choose(_ state: AppState) {
        let s = state.strings
        func list(_ title: UIString, _ values: [String], at current: String? = nil) -> Picker {
            .choices(title: s[title], ListView(itemCount: values.count, selection: current.flatMap { values.firstIndex(of: $0) } ?? 0), values: values)
        }
        switch cursor {
        case .organization:
            let ids = organizations.map(\.id)
            picker = .named(title: s[.editOrganization], ListView(itemCount: ids.count, selection: ids.firstIndex(of: choices.organization) ?? 0),
                            values: ids, labels: organizations.map(\.name))
        case .status:
            picker = list(.editStatus, ServiceEditForm.statuses, at: choices.status)
        case .types:
            picker = .tree(.serviceType, TreePicker(roots: Array(ServiceTypeTree.nodes(any: s[.any], strings: s).dropFirst())))
        case .sex:
            picker = list(.facetSex, Vocabulary.sexes)
        case .exploitation:
            picker = list(.editExploitation, Vocabulary.exploitationTypes)
        case .conditions:
            picker = list(.editConditions, Vocabulary.conditions)
        case .areas:
            picker = .tree(.area, TreePicker(roots: Array(AreaTree.nodes(state.options.areas, any: s[.any]).dropFirst())))
        case .confidential:
            choices.confidential.toggle()
        default:
            break
        }
    }

    /// The statuses a service can have, as stored.
    static let statuses = ["active", "temporarily closed", "inactive", "defunct"]

    /// What a picker chose: a single value is set; a code of a list is added, or taken off when it was there.
    private mutating func take(_ value: PickedValue) {
        func toggle(_ list: inout [String], _ code: String) {
            if let index = list.firstIndex(of: code) { list.remove(at: index) } else { list.append(code) }
        }
        switch (cursor, value) {
        case (.organization, .code(let id)): choices.organization = id
        case (.status, .code(let status)): choices.status = status
        case (.types, .node(_, let code)): toggle(&choices.types, code)
        case (.sex, .code(let code)): toggle(&choices.sex, code)
        case (.exploitation, .code(let code)): toggle(&choices.exploitation, code)
        case (.conditions, .code(let code)): toggle(&choices.conditions, code)
        case (.areas, .node(_, let pcode)): toggle(&choices.areas, pcode)
        default: break
        }
        if errorField == cursor { error = nil; errorField = nil }
    }

    /// Del on a chosen row: the last code of a list comes off; the areas covered empty (no limit); the flag is lifted.
    private mutating func clear() {
        switch cursor {
        case .types: if !choices.types.isEmpty { choices.types.removeLast() }
        case .sex: choices.sex = []
        case .exploitation: choices.exploitation = []
        case .conditions: if !choices.conditions.isEmpty { choices.conditions.removeLast() }
        case .areas: choices.areas = []
        case .confidential: choices.confidential = false
        default: break
        }
    }

    /// How many rows a terminal of `size` shows: all but the title, two message lines and the status bar.
    static func visibleRows(_ size: Size) -> Int { max(1, size.height - 4) }

    /// Where the marks, the labels and the values go.
    static func columns(width: Int) -> (label: Int, value: Int, valueWidth: Int) {
        let value = 24
        return (3, value, max(10, width - value - 1))
    }

    static func label(_ field: Field, _ s: StringTable) -> String {
        switch field {
        case .name: return s[.editName]
        case .description: return s[.editDescription]
        case .organization: return s[.editOrganization]
        case .status: return s[.editStatus]
        case .types: return s[.editTypes]
        case .sex: return s[.facetSex]
        case .minimumAge: return s[.editMinimumAge]
        case .maximumAge: return s[.editMaximumAge]
        case .exploitation: return s[.editExploitation]
        case .conditions: return s[.editConditions]
        case .languages: return s[.editLanguages]
        case .hours: return s[.editHours]
        case .phones: return s[.editPhones]
        case .areas: return s[.editAreas]
        case .locationName: return s[.editLocationName]
        case .address: return s[.editAddress]
        case .confidential: return s[.editConfidential]
        case .freePlaces: return s[.editFreePlaces]
        case .places: return s[.editPlaces]
        case .unit: return s[.editUnit]
        }
    }

    /// What the row with the keyboard takes, in a line.
    static func hint(_ field: Field) -> UIString {
        switch field {
        case .hours: return .editHoursHint
        case .languages: return .editLanguagesHint
        case .phones: return .editPhonesHint
        case .minimumAge, .maximumAge: return .editAgeHint
        case .address: return .editAddressHint
        case .types, .exploitation, .conditions, .sex, .areas: return .editListHint
        case .confidential: return .editConfidentialHint
        case .organization, .status: return .editChooseHint
        default: return .editTypeHint
        }
    }

    /// A chosen row's value as the coordinator reads it: labels, not codes.
    func value(_ field: Field, _ state: AppState) -> String {
        let s = state.strings
        func labels(_ codes: [String], empty: UIString) -> String { codes.isEmpty ? s[empty] : codes.map { s.label($0) }.joined(separator: ", ") }
        switch field {
        case .organization: return organizations.first { $0.id == choices.organization }?.name ?? choices.organization
        case .status: return s.label(choices.status)
        case .types: return labels(choices.types, empty: .detailNone)
        case .sex: return labels(choices.sex, empty: .detailAnySex)
        case .exploitation: return labels(choices.exploitation, empty: .detailAnyExploitation)
        case .conditions: return labels(choices.conditions, empty: .detailNone)
        case .areas:
            guard !choices.areas.isEmpty else { return s[.detailNoAreaLimit] }
            return choices.areas.map { code in state.options.areas.first { $0.pcode == code }.map { "\($0.name) (\(code))" } ?? code }
                .joined(separator: ", ")
        case .confidential: return choices.confidential ? s[.editConfidentialYes] : s[.no]
        default: return inputs[field]?.text ?? ""
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s.format(.editTitle, ["name": serviceName]), into: &grid)
        let column = Self.columns(width: grid.width)
        let rows = Self.visibleRows(grid.size)
        var cursorPoint: Point?
        for (offset, field) in Field.allCases.dropFirst(scroll).prefix(rows).enumerated() {
            let y = 1 + offset
            let focused = field == cursor
            let refused = field == errorField
            let mark = refused ? "!" : (changed(field) ? "*" : " ")
            _ = grid.put(mark, at: Point(x: 1, y: y), style: refused ? .warning : .emphasis)
            _ = grid.put(DisplayText.fit(Self.label(field, s), toWidth: column.value - column.label - 1), at: Point(x: column.label, y: y),
                         style: refused ? .warning : (focused ? .emphasis : .plain))
            let box = Rect(x: column.value, y: y, width: column.valueWidth, height: 1)
            if field.isText, let input = inputs[field] {
                if focused {
                    input.render(into: &grid, in: box, style: .selected, focused: true)
                    cursorPoint = grid.cursor
                } else if input.text.isEmpty {
                    // A confidential location's street is there, withheld: typing replaces it, leaving it keeps it.
                    let withheld = field == .address && recordedChoices.confidential
                    _ = grid.put(withheld ? s[.editAddressWithheld] : "—", at: Point(x: box.x, y: y), style: .muted)
                } else {
                    _ = grid.put(DisplayText.truncate(input.text, toWidth: box.width), at: Point(x: box.x, y: y), maxWidth: box.width)
                }
            } else {
                if focused { grid.fill(box, style: .selected) }
                _ = grid.put(DisplayText.truncate(value(field, state), toWidth: box.width), at: Point(x: box.x, y: y),
                             style: focused ? .selected : .plain, maxWidth: box.width)
            }
        }
        grid.cursor = picker == nil ? cursorPoint : nil
        // The refusal in the directory's words; else a chosen value too wide for its row, in full; else what the row takes.
        let chosen = cursor.isText ? "" : value(cursor, state)
        let message = error ?? (DisplayText.width(chosen) > column.valueWidth ? chosen : s[Self.hint(cursor)])
        for (offset, line) in DisplayText.wrap(message, width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: grid.height - 3 + offset), style: error == nil ? .muted : .warning, maxWidth: grid.width)
        }
        statusBar(s[.editStatusBar], state, into: &grid)
        if let picker { picker.render(state, into: &grid) }
    }
}
