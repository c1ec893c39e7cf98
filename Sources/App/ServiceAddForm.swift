import Directory
import Foundation
import Terminal

/// The small form `A` opens from the results: a new service with one location, of an organization chosen from the
/// directory's or named new — or a new organization alone.
///
/// The directory checks everything (a name, a type, a known P-code) as the command line's `service add` does; a
/// refusal shows its reason beside the row it names, and nothing is written.
public struct ServiceAddForm: Sendable, Equatable {
    /// One row of the form, in the order shown.
    public enum Field: Int, Sendable, CaseIterable {
        case organization, organizationName, name, types, area, locationName, covers

        /// Whether the row is typed in place (the others are chosen).
        var isText: Bool { self == .organizationName || self == .name || self == .locationName }

        /// The row a refusal of the directory names.
        static func named(_ domainField: String) -> Field? {
            switch domainField {
            case "organization_name": return .organizationName
            case "name": return .name
            case "type": return .types
            case "area": return .area
            case "covers": return .covers
            default: return nil
            }
        }
    }

    /// The id the organization row has while a new organization is named.
    static let newOrganization = ""

    /// The directory's organizations, for the organization row's picker.
    public var organizations: [OrganizationSummary]
    /// The organization chosen; `newOrganization` for the one named in the next row.
    public var organization = ServiceAddForm.newOrganization
    public var inputs: [Field: TextInput] = [
        .organizationName: TextInput(maxLength: 500), .name: TextInput(maxLength: 500), .locationName: TextInput(maxLength: 500),
    ]
    public var types: [String] = []
    /// The P-code of the new location.
    public var area: String?
    /// P-codes the service covers.
    public var covers: [String] = []
    /// The row with the keyboard.
    public var cursor: Field = .organization
    /// A picker open over the form.
    public var picker: Picker?
    /// Why the last save was refused.
    public var error: String?
    /// The row the refusal names.
    public var errorField: Field?

    /// A blank form over the directory's organizations.
    public init(organizations: [OrganizationSummary]) {
        self.organizations = organizations
    }

    /// The typed text of a row, trimmed.
    func text(_ field: Field) -> String { (inputs[field]?.text ?? "").trimmingCharacters(in: .whitespaces) }

    /// Whether the form names a new organization.
    var isNewOrganization: Bool { organization == Self.newOrganization }

    /// Whether the rows of a service are all blank (a new organization alone is added then).
    var isOrganizationOnly: Bool { isNewOrganization && text(.name).isEmpty && types.isEmpty && area == nil && covers.isEmpty }

    /// Whether anything was typed or chosen.
    var isChanged: Bool { !isNewOrganization || Field.allCases.contains { $0.isText && !text($0).isEmpty } || !types.isEmpty || area != nil || !covers.isEmpty }

    /// Leaving would lose what was typed.
    var hasUnsavedText: Bool { isChanged }

    /// A form of fields: letters are typed.
    var takesText: Bool { true }

    /// The addition the rows describe (the directory checks it).
    public var request: ServiceAddition {
        if isOrganizationOnly { return .organization(name: text(.organizationName)) }
        var new = NewService(organizationId: organization, name: text(.name), types: types, area: area ?? "")
        new.locationName = text(.locationName).isEmpty ? nil : text(.locationName)
        new.covers = covers
        return .service(new, newOrganization: isNewOrganization ? text(.organizationName) : nil)
    }

    /// Shows a refusal beside the row it names.
    mutating func refuse(_ reason: String) {
        error = reason
        errorField = reason.split(separator: ":", maxSplits: 1).first.flatMap { Field.named(String($0)) }
        if let errorField { cursor = errorField }
    }
}

extension ServiceAddForm: ScreenModel {
    /// What the form's keys ask of it.
    typealias Action = DirectoryFormAction

    var screen: Screen { .serviceAdd(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        .directoryForm(onText: cursor.isText, saveHelp: state.strings[.helpAddSave], strings: state.strings)
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .cancel:
            guard isChanged else { return .pop() }
            return Reply(push: .quitConfirm(QuitConfirm(reason: .unsavedEdit, strings: state.strings)))
        case .next:
            cursor = Field(rawValue: min(cursor.rawValue + 1, Field.allCases.count - 1)) ?? cursor
        case .previous:
            cursor = Field(rawValue: max(cursor.rawValue - 1, 0)) ?? cursor
        case .edit:
            return unbound(key, &state)
        case .choose:
            choose(state)
        case .clear:
            switch cursor {
            case .organization: organization = Self.newOrganization
            case .types: if !types.isEmpty { types.removeLast() }
            case .area: area = nil
            case .covers: covers = []
            default: break
            }
        case .save:
            guard isChanged else {
                error = state.strings[.addUnchanged]
                errorField = nil
                return Reply()
            }
            if !isOrganizationOnly, area == nil {
                refuse(DirectoryEditError.invalid(field: "area", problem: "a new service needs the P-code of its location").description)
                return Reply()
            }
            error = nil
            errorField = nil
            return Reply([.directory(.addService(request))])
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
            switch (cursor, value) {
            case (.organization, .code(let id)): organization = id
            case (.types, .node(_, let code)):
                if let index = types.firstIndex(of: code) { types.remove(at: index) } else { types.append(code) }
            case (.area, .node(_, let pcode)): area = pcode
            case (.covers, .node(_, let pcode)):
                if let index = covers.firstIndex(of: pcode) { covers.remove(at: index) } else { covers.append(pcode) }
            default: break
            }
            if errorField == cursor { error = nil; errorField = nil }
        }
        return Reply()
    }

    /// Text for the typed row with the keyboard.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        guard cursor.isText, var input = inputs[cursor] else { return Reply() }
        if input.handle(key, width: ServiceEditForm.columns(width: state.size.width).valueWidth) {
            inputs[cursor] = input
            if errorField == cursor || errorField == nil { error = nil; errorField = nil }
        }
        return Reply()
    }

    private mutating func choose(_ state: AppState) {
        let s = state.strings
        switch cursor {
        case .organization:
            let ids = [Self.newOrganization] + organizations.map(\.id)
            picker = .named(title: s[.editOrganization], ListView(itemCount: ids.count, selection: ids.firstIndex(of: organization) ?? 0),
                            values: ids, labels: [s[.addNewOrganization]] + organizations.map(\.name))
        case .types:
            picker = .tree(.serviceType, TreePicker(roots: Array(ServiceTypeTree.nodes(any: s[.any], strings: s).dropFirst())))
        case .area, .covers:
            var tree = TreePicker(roots: Array(AreaTree.nodes(state.options.areas, any: s[.any]).dropFirst()), chosen: cursor == .area ? area : nil)
            if cursor == .area, let area { tree.moveCursor(to: area) }
            picker = .tree(.area, tree)
        default:
            break
        }
    }

    static func label(_ field: Field, _ s: StringTable) -> String {
        switch field {
        case .organization: return s[.editOrganization]
        case .organizationName: return s[.addOrganizationName]
        case .name: return s[.addServiceName]
        case .types: return s[.editTypes]
        case .area: return s[.addArea]
        case .locationName: return s[.editLocationName]
        case .covers: return s[.editAreas]
        }
    }

    /// A row's value as the coordinator reads it: names and labels, not ids and codes.
    func value(_ field: Field, _ state: AppState) -> String {
        let s = state.strings
        func place(_ code: String) -> String { state.options.areas.first { $0.pcode == code }.map { "\($0.name) (\(code))" } ?? code }
        switch field {
        case .organization:
            return isNewOrganization ? s[.addNewOrganization] : organizations.first { $0.id == organization }?.name ?? organization
        case .types: return types.isEmpty ? "—" : types.map { s.label($0) }.joined(separator: ", ")
        case .area: return area.map(place) ?? "—"
        case .covers: return covers.isEmpty ? s[.detailNoAreaLimit] : covers.map(place).joined(separator: ", ")
        case .organizationName, .name, .locationName: return inputs[field]?.text ?? ""
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.addTitle], into: &grid)
        var y = 1
        for line in DisplayText.wrap(s[.addExplain], width: grid.width - 2).prefix(3) {
            _ = grid.put(" " + line, at: Point(x: 0, y: y), style: .muted, maxWidth: grid.width)
            y += 1
        }
        y += 1
        let column = ServiceEditForm.columns(width: grid.width)
        var cursorPoint: Point?
        for field in Field.allCases {
            let focused = field == cursor
            let refused = field == errorField
            // The new organization's name only counts while a new organization is chosen.
            let idle = field == .organizationName && !isNewOrganization
            _ = grid.put(refused ? "!" : " ", at: Point(x: 1, y: y), style: .warning)
            _ = grid.put(DisplayText.fit(Self.label(field, s), toWidth: column.value - column.label - 1), at: Point(x: column.label, y: y),
                         style: refused ? .warning : (idle ? .muted : (focused ? .emphasis : .plain)))
            let box = Rect(x: column.value, y: y, width: column.valueWidth, height: 1)
            if field.isText, let input = inputs[field], focused {
                input.render(into: &grid, in: box, style: .selected, focused: true)
                cursorPoint = grid.cursor
            } else {
                if focused { grid.fill(box, style: .selected) }
                let text = value(field, state)
                _ = grid.put(DisplayText.truncate(text.isEmpty ? "—" : text, toWidth: box.width), at: Point(x: box.x, y: y),
                             style: focused ? .selected : (text.isEmpty || idle ? .muted : .plain), maxWidth: box.width)
            }
            y += 1
        }
        grid.cursor = picker == nil ? cursorPoint : nil
        let message = error ?? s[Self.hint(cursor)]
        for (offset, line) in DisplayText.wrap(message, width: grid.width - 2).prefix(2).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: grid.height - 3 + offset), style: error == nil ? .muted : .warning, maxWidth: grid.width)
        }
        statusBar(s[.addStatusBar], state, into: &grid)
        if let picker { picker.render(state, into: &grid) }
    }

    /// What the row with the keyboard takes, in a line.
    static func hint(_ field: Field) -> UIString {
        switch field {
        case .organization: return .addOrganizationHint
        case .organizationName: return .addOrganizationNameHint
        case .name: return .addNameHint
        case .types, .covers: return .editListHint
        case .area: return .addAreaHint
        case .locationName: return .addLocationNameHint
        }
    }
}
