import Directory
import Terminal

/// A picker open over the directory screen, choosing one facet's value.
public enum Picker: Sendable, Equatable {
    /// A hierarchical choice (area, service type); the first row is "any".
    case tree(Facet, TreePicker)
    /// A flat choice (sex, language) among `values` (nil = any).
    case list(Facet, ListView, values: [String?])
    /// A number typed in (age).
    case number(Facet, TextInput, error: String?)
    /// Text typed in for an intake field (nationality, languages).
    case text(IntakeText, TextInput, error: String?)
    /// One of several codes to add to a list (exploitation types), under a title.
    case choices(title: String, ListView, values: [String])
}

extension Picker {
    /// The picker of a filter (not open now, which simply switches), on the filter's current value.
    init?(filter facet: Facet, of filters: Filters, options: FacetOptions, strings: StringTable) {
        switch facet {
        case .area:
            var tree = TreePicker(roots: AreaTree.nodes(options.areas, any: strings[.any]), chosen: filters.area ?? AreaTree.anyID)
            if let area = filters.area { tree.moveCursor(to: area) }
            self = .tree(.area, tree)
        case .serviceType:
            var tree = TreePicker(roots: ServiceTypeTree.nodes(any: strings[.any], strings: strings), chosen: filters.serviceType ?? AreaTree.anyID)
            if let type = filters.serviceType { tree.moveCursor(to: type) }
            self = .tree(.serviceType, tree)
        case .sex:
            let values: [String?] = [nil] + Vocabulary.sexes
            self = .list(.sex, ListView(itemCount: values.count, selection: values.firstIndex(of: filters.sex) ?? 0), values: values)
        case .language:
            let values: [String?] = [nil] + options.languages.map(\.code)
            self = .list(.language, ListView(itemCount: values.count, selection: values.firstIndex(of: filters.language) ?? 0), values: values)
        case .age:
            self = .number(.age, TextInput(text: filters.age.map(String.init) ?? "", maxLength: 3), error: nil)
        case .openNow:
            return nil
        }
    }
}

/// What a key did to an open picker.
enum PickerOutcome: Sendable, Equatable {
    /// The picker stays open, as it now is (moved, typed into, or with the reason a value was refused).
    case open(Picker)
    /// Esc: closed, nothing chosen.
    case closed
    /// Enter: closed with a value.
    case chose(PickedValue)
}

/// The value a picker closed with; its owner decides what it sets.
enum PickedValue: Sendable, Equatable {
    /// A node of a tree (`AreaTree.anyID` for "any").
    case node(Facet, String)
    /// A row of a flat list (nil: any).
    case listed(Facet, String?)
    /// An age, checked (nil: none typed).
    case age(Int?)
    /// One of several codes.
    case code(String)
    /// Text typed for an intake field, trimmed (a nationality checked and upper-cased).
    case text(IntakeText, String)
}

extension Picker {
    /// Handles a key: movement and typing keep it open, Enter chooses (a bad age or nationality keeps it open with the reason), Esc closes.
    func handle(_ key: Key, rows: Int, strings: StringTable) -> PickerOutcome {
        if key == .escape { return .closed }
        switch self {
        case .tree(let facet, var tree):
            if key == .enter, let id = tree.current?.id { return .chose(.node(facet, id)) }
            tree.handle(key, visibleRows: rows)
            return .open(.tree(facet, tree))
        case .list(let facet, var list, let values):
            if key == .enter, let index = list.selection { return .chose(.listed(facet, values[index])) }
            list.handle(key, visibleRows: rows)
            return .open(.list(facet, list, values: values))
        case .choices(let title, var list, let values):
            if key == .enter, let index = list.selection { return .chose(.code(values[index])) }
            list.handle(key, visibleRows: rows)
            return .open(.choices(title: title, list, values: values))
        case .number(let facet, var input, let error):
            if key == .enter {
                let text = input.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return .chose(.age(nil)) }
                guard let age = Int(text), (0...130).contains(age) else {
                    return .open(.number(facet, input, error: strings.format(.ageInvalid, ["value": text])))
                }
                return .chose(.age(age))
            }
            if case .character(let c) = key, !c.isNumber { return .open(.number(facet, input, error: error)) }
            input.handle(key, width: 10)
            return .open(.number(facet, input, error: nil))
        case .text(let field, var input, _):
            if key == .enter {
                let text = input.text.trimmingCharacters(in: .whitespaces)
                guard field == .nationality else { return .chose(.text(field, text)) }
                let code = text.uppercased()
                guard text.isEmpty || (code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter }) else {
                    return .open(.text(field, input, error: strings.format(.intakeBadNationality, ["value": text])))
                }
                return .chose(.text(field, code))
            }
            input.handle(key, width: 30)
            return .open(.text(field, input, error: nil))
        }
    }
}

/// An intake field typed as text.
public enum IntakeText: Sendable, Equatable {
    case nationality, languages
}

extension Picker {
    /// Draws the picker as a box over the screen.
    func render(_ state: AppState, into grid: inout Grid) {
        let picker = self
        let s = state.strings
        let width = min(50, grid.width - 4)
        let rows: Int
        switch picker {
        case .list(_, _, let values): rows = values.count
        case .choices(_, _, let values): rows = values.count
        case .number, .text: rows = 5
        case .tree: rows = 16
        }
        let height = min(grid.height - 4, rows + 3)
        let box = Rect(x: (grid.width - width) / 2, y: 3, width: width, height: height)
        grid.fill(box)
        let facet: Facet?
        let title: String
        switch picker {
        case .tree(let f, _), .list(let f, _, _), .number(let f, _, _):
            facet = f
            title = f.name(s)
        case .text(let field, _, _):
            facet = nil
            title = field == .nationality ? s[.facetNationality] : s[.facetLanguages]
        case .choices(let heading, _, _):
            facet = nil
            title = heading
        }
        grid.drawBox(box, title: " \(title) ")
        let inner = box.inset(by: 1)
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        switch picker {
        case .tree(_, let tree):
            tree.render(into: &grid, in: body)
        case .list(_, let list, let values):
            list.render(into: &grid, in: body) { index in
                guard let value = values[index] else { return s[.any] }
                if facet == .language, let name = state.options.languages.first(where: { $0.code == value })?.name {
                    return "\(value) — \(name)"
                }
                return s.label(value)
            }
        case .number(_, let input, let error):
            _ = grid.put(s[.agePrompt], at: Point(x: inner.x, y: inner.y), maxWidth: inner.width)
            input.render(into: &grid, in: Rect(x: inner.x, y: inner.y + 2, width: 6, height: 1), style: .selected)
            if let error { _ = grid.put(error, at: Point(x: inner.x, y: inner.y + 4), style: .warning, maxWidth: inner.width) }
        case .text(_, let input, let error):
            input.render(into: &grid, in: Rect(x: inner.x, y: inner.y + 1, width: min(30, inner.width), height: 1), style: .selected)
            if let error { _ = grid.put(error, at: Point(x: inner.x, y: inner.y + 3), style: .warning, maxWidth: inner.width) }
        case .choices(_, let list, let values):
            list.render(into: &grid, in: body) { index in s.label(values[index]) }
        }
        _ = grid.put(s[.pickerHint], at: Point(x: inner.x, y: inner.maxY - 1), style: .muted, maxWidth: inner.width)
    }
}
