import Directory
import Routing
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
    /// One of several records shown by name (an organization), under a title; it chooses the id.
    case named(title: String, ListView, values: [String], labels: [String])
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
    /// The intake's needs line, read as the command line reads `--need`.
    case needs([Need])
}

extension Picker {
    /// Handles a key: movement and typing keep it open, Enter chooses (a bad age or nationality keeps it open with the reason), Esc closes.
    func handle(_ key: Key, rows: Int, strings: StringTable) -> PickerOutcome {
        // Esc while finding in a tree takes the typed text back first; otherwise it closes the picker.
        if key == .escape, case .tree(let facet, var tree) = self, !tree.query.isEmpty {
            tree.find("")
            return .open(.tree(facet, tree))
        }
        if key == .escape { return .closed }
        switch self {
        case .tree(let facet, var tree):
            if key == .enter, let id = tree.current?.id { return .chose(.node(facet, id)) }
            tree.handle(key, visibleRows: rows)
            return .open(.tree(facet, tree))
        case .list(let facet, var list, let values):
            if key == .enter, let index = list.selection { return .chose(.listed(facet, values[index])) }
            if !Self.jump(&list, key, labels: values.map { $0.map { strings.label($0) } ?? strings[.any] }) {
                list.handle(key, visibleRows: rows)
            }
            list.scrollToSelection(visibleRows: rows)
            return .open(.list(facet, list, values: values))
        case .choices(let title, var list, let values):
            if key == .enter, let index = list.selection { return .chose(.code(values[index])) }
            if !Self.jump(&list, key, labels: values.map { strings.label($0) }) {
                list.handle(key, visibleRows: rows)
            }
            list.scrollToSelection(visibleRows: rows)
            return .open(.choices(title: title, list, values: values))
        case .named(let title, var list, let values, let labels):
            if key == .enter, let index = list.selection, values.indices.contains(index) { return .chose(.code(values[index])) }
            if !Self.jump(&list, key, labels: labels) {
                list.handle(key, visibleRows: rows)
            }
            list.scrollToSelection(visibleRows: rows)
            return .open(.named(title: title, list, values: values, labels: labels))
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
                if field == .needs {
                    do {
                        return .chose(.needs(try NeedList.parse(text)))
                    } catch {
                        return .open(.text(field, input, error: strings.format(.intakeBadNeeds, ["reason": error.description])))
                    }
                }
                guard field == .nationality else { return .chose(.text(field, text)) }
                let code = text.uppercased()
                guard text.isEmpty || (code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter }) else {
                    return .open(.text(field, input, error: strings.format(.intakeBadNationality, ["value": text])))
                }
                return .chose(.text(field, code))
            }
            input.handle(key, width: field == .needs ? 44 : 30)
            return .open(.text(field, input, error: nil))
        }
    }
}

extension Picker {
    /// A letter moves the selection to the next row whose label starts with it (`m`: Male); true when it was such a key.
    static func jump(_ list: inout ListView, _ key: Key, labels: [String]) -> Bool {
        guard case .character(let c) = key, c.isLetter, !labels.isEmpty else { return false }
        let letter = String(c).lowercased()
        let start = list.selection ?? -1
        for step in 1...labels.count {
            let index = (start + step) % labels.count
            if labels[index].lowercased().hasPrefix(letter) {
                list.select(index)
                return true
            }
        }
        return true
    }
}

/// An intake field typed as text.
public enum IntakeText: Sendable, Equatable {
    case nationality, languages
    /// The needs, as `shelter.emergency:emergency, legal.aid`.
    case needs
}

extension Picker {
    /// Draws the picker as a box over the screen.
    func render(_ state: AppState, into grid: inout Grid) {
        let picker = self
        let s = state.strings
        let wide: Bool
        if case .text(.needs, _, _) = picker { wide = true } else { wide = false }
        let width = min(wide ? 72 : 50, grid.width - 4)
        let rows: Int
        switch picker {
        case .list(_, _, let values): rows = values.count
        case .choices(_, _, let values), .named(_, _, let values, _): rows = values.count
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
            switch field {
            case .nationality: title = s[.facetNationality]
            case .languages: title = s[.facetLanguages]
            case .needs: title = s[.intakeNeeds]
            }
        case .choices(let heading, _, _), .named(let heading, _, _, _):
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
        case .text(let field, let input, let error):
            if field == .needs {
                _ = grid.put(s[.intakeNeedsPrompt], at: Point(x: inner.x, y: inner.y), style: .muted, maxWidth: inner.width)
                input.render(into: &grid, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1), style: .selected)
                if let error {
                    for (offset, line) in DisplayText.wrap(error, width: inner.width).prefix(2).enumerated() {
                        _ = grid.put(line, at: Point(x: inner.x, y: inner.y + 2 + offset), style: .warning, maxWidth: inner.width)
                    }
                }
            } else {
                input.render(into: &grid, in: Rect(x: inner.x, y: inner.y + 1, width: min(30, inner.width), height: 1), style: .selected)
                if let error { _ = grid.put(error, at: Point(x: inner.x, y: inner.y + 3), style: .warning, maxWidth: inner.width) }
            }
        case .choices(_, let list, let values):
            list.render(into: &grid, in: body) { index in s.label(values[index]) }
        case .named(_, let list, _, let labels):
            list.render(into: &grid, in: body) { index in labels[index] }
        }
        let hint: String
        switch picker {
        case .tree(_, let tree): hint = tree.query.isEmpty ? s[.pickerTreeHint] : s.format(.pickerFinding, ["text": tree.query])
        case .list, .choices, .named: hint = s[.pickerListHint]
        case .text(.needs, _, _): hint = s[.pickerNeedsHint]
        case .number, .text: hint = s[.pickerHint]
        }
        _ = grid.put(hint, at: Point(x: inner.x, y: inner.maxY - 1), style: .muted, maxWidth: inner.width)
    }
}
