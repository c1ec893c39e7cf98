import Directory
import Foundation
import Terminal

/// Paints the whole screen for a state. Pure: the same state always gives the same grid.
public func render(_ state: AppState, into grid: inout Grid) {
    grid.clear()
    grid.cursor = nil
    if state.tooSmall {
        TooSmallScreen.render(state, into: &grid)
        return
    }
    switch state.screen {
    case .directory: DirectoryScreen.render(state, into: &grid)
    case .detail: DetailScreen.render(state, into: &grid)
    case .intake: ReferralScreens.renderIntake(state, into: &grid)
    case .pathway: ReferralScreens.renderPathway(state, into: &grid)
    case .gaps: ReferralScreens.renderGaps(state, into: &grid)
    case .checklist: ChecklistScreen.render(state, into: &grid)
    case .screening: ScreeningScreen.render(state, into: &grid)
    case .consent: ConsentScreen.render(state, into: &grid)
    case .formPreview: FormPreviewScreen.render(state, into: &grid)
    case .referrals: ReferralsScreen.render(state, into: &grid)
    case .identity: IdentityScreen.render(state, into: &grid)
    case .notification: NotificationScreen.render(state, into: &grid)
    }
    if let picker = state.picker { PickerOverlay.render(picker, state, into: &grid) }
    CaseworkFlow.renderDialog(state, into: &grid)
    if state.showHelp { HelpScreen.render(state, into: &grid) }
}

/// Shown instead of the UI when the terminal is smaller than 80x24.
enum TooSmallScreen {
    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let lines = [
            s.format(.tooSmall, ["width": "\(AppState.minimumSize.width)", "height": "\(AppState.minimumSize.height)"]),
            s.format(.tooSmallNow, ["width": "\(state.size.width)", "height": "\(state.size.height)"]),
            s[.tooSmallHint],
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < grid.height {
            _ = grid.put(line, in: Rect(x: 0, y: top + offset, width: grid.width, height: 1),
                         style: offset == 0 ? .emphasis : .plain, alignment: .center)
        }
    }
}

/// The top line of every screen: the application and the directory's name.
enum TitleBar {
    static func render(_ state: AppState, subtitle: String, into grid: inout Grid) {
        let row = Rect(x: 0, y: 0, width: grid.width, height: 1)
        grid.fill(row, style: .heading)
        _ = grid.put(DisplayText.truncate(" Waymark · \(subtitle)", toWidth: grid.width - 1), at: Point(x: 0, y: 0),
                     style: .heading, maxWidth: grid.width - 1)
    }
}

/// The directory screen: search line, filter bar, results, message line and status bar.
enum DirectoryScreen {
    /// Column widths at 80 columns; extra width goes to the service and organization names.
    static func columns(width: Int) -> [Int] {
        let extra = max(0, width - 80)
        return [25 + extra / 2, 17 + extra - extra / 2, 11, 9, 7, 5]
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: state.title, into: &grid)

        // Search line.
        let label = s[.searchLabel]
        _ = grid.put(" \(label)", at: Point(x: 0, y: 1), style: state.focus == .search ? .emphasis : .plain)
        let inputX = DisplayText.width(label) + 2
        state.search.render(into: &grid, in: Rect(x: inputX, y: 1, width: grid.width - inputX - 1, height: 1),
                            focused: state.focus == .search)
        if state.focus != .search { grid.cursor = nil }

        // Filter bar. When long area or type names would push a filter off the line, values
        // are shortened so that every filter, open-now included, stays visible.
        func bar(valueWidth: Int?) -> [(Facet, String)] {
            Facet.allCases.map { facet in
                let value = facetValue(facet, state)
                return (facet, "\(facetName(facet, s)): \(valueWidth.map { DisplayText.truncate(value, toWidth: $0) } ?? value)")
            }
        }
        var items = bar(valueWidth: nil)
        var gap = 2
        if items.map({ DisplayText.width($0.1) + 2 }).reduce(0, +) > grid.width - 1 {
            items = bar(valueWidth: 8)
            gap = 1
        }
        var x = 1
        for (facet, text) in items {
            let selected = state.focus == .filters && state.filterCursor == facet
            let style: Style = selected ? .selected : (isSet(facet, state) ? .emphasis : .plain)
            let used = grid.put(text, at: Point(x: x, y: 2), style: style, maxWidth: max(0, grid.width - x))
            x += used + gap
            if x >= grid.width { break }
        }

        // Results.
        let widths = columns(width: grid.width)
        let header = [s[.columnService], s[.columnOrganization], s[.columnDistrict], s[.columnTypes], s[.columnEligible], s[.columnNotes]]
        putRow(header, widths: widths, y: 3, style: .muted.bolded(), into: &grid)
        let listRect = Rect(x: 0, y: 4, width: grid.width, height: state.visibleResultRows)
        state.list.render(into: &grid, in: listRect) { index, rect, selected, grid in
            let r = state.results.results[index]
            let cells = [r.serviceName, r.organizationName, r.areaName ?? r.area ?? "—",
                         r.serviceTypes.map { s.shortLabel($0) }.joined(separator: ","),
                         ResultSummary.eligibility(sex: r.sex, minimumAge: r.minimumAge, maximumAge: r.maximumAge),
                         ResultSummary.markers(r)]
            let style: Style = selected && state.focus == .results ? .selected : (selected ? .emphasis : .plain)
            if selected { grid.fill(rect, style: style) }
            putRow(cells, widths: widths, y: rect.y, style: style, into: &grid)
        }
        if state.results.results.isEmpty {
            let text = state.search.text.isEmpty && state.filters.isEmpty ? s[.emptyDirectory] : s[.noMatches]
            _ = grid.put(text, in: Rect(x: 0, y: 6, width: grid.width, height: 1), style: .plain, alignment: .center)
        }

        // Message line: a problem, or where the list is.
        let messageY = grid.height - 2
        if let message = state.message {
            _ = grid.put(" \(message)", at: Point(x: 0, y: messageY), style: .warning, maxWidth: grid.width)
        } else {
            _ = grid.put(" \(position(state))", at: Point(x: 0, y: messageY), style: .muted, maxWidth: grid.width)
        }

        StatusBar(text: "\(matchCount(state)) · \(state.title)", hints: hints(state))
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }

    static func putRow(_ cells: [String], widths: [Int], y: Int, style: Style, into grid: inout Grid) {
        var x = 1
        for (cell, width) in zip(cells, widths) {
            _ = grid.put(DisplayText.truncate(cell, toWidth: width), at: Point(x: x, y: y), style: style, maxWidth: width)
            x += width + 1
        }
    }

    static func matchCount(_ state: AppState) -> String {
        state.strings.format(state.results.total == 1 ? .matchOne : .matchMany, ["count": "\(state.results.total)"])
    }

    static func position(_ state: AppState) -> String {
        let s = state.strings
        guard state.results.total > 0, let selection = state.list.selection else { return "" }
        var text = s.format(.position, ["index": "\(selection + 1)", "count": "\(state.results.total)"])
        if state.results.results.contains(where: { !ResultSummary.markers($0).isEmpty }) {
            text += " · " + s[.markerLegend]
        }
        return text
    }

    static func hints(_ state: AppState) -> [KeyHint] {
        let s = state.strings
        switch state.focus {
        // In the search line `?` is text; help is one Enter away.
        case .search: return [KeyHint("Enter", s[.hintResults]), KeyHint("Tab", s[.hintFilters])]
        case .filters: return [KeyHint("←→", s[.hintChoose]), KeyHint("Enter", s[.hintSet]), KeyHint("Del", s[.hintClear]),
                               KeyHint("?", s[.hintHelp])]
        case .results: return [KeyHint("/", s[.hintSearch]), KeyHint("Tab", s[.hintFilters]), KeyHint("Enter", s[.hintOpen]),
                               KeyHint("?", s[.hintHelp]), KeyHint("q", s[.hintQuit])]
        }
    }

    static func facetName(_ facet: Facet, _ s: StringTable) -> String {
        switch facet {
        case .area: return s[.facetArea]
        case .serviceType: return s[.facetType]
        case .sex: return s[.facetSex]
        case .age: return s[.facetAge]
        case .language: return s[.facetLanguage]
        case .openNow: return s[.facetOpenNow]
        }
    }

    static func isSet(_ facet: Facet, _ state: AppState) -> Bool {
        switch facet {
        case .area: return state.filters.area != nil
        case .serviceType: return state.filters.serviceType != nil
        case .sex: return state.filters.sex != nil
        case .age: return state.filters.age != nil
        case .language: return state.filters.language != nil
        case .openNow: return state.filters.openNow
        }
    }

    static func facetValue(_ facet: Facet, _ state: AppState) -> String {
        let s = state.strings
        switch facet {
        case .area:
            guard let code = state.filters.area else { return s[.any] }
            return state.options.areas.first { $0.pcode == code }?.name ?? code
        case .serviceType: return state.filters.serviceType.map { s.label($0) } ?? s[.any]
        case .sex: return state.filters.sex.map { s.label($0) } ?? s[.any]
        case .age: return state.filters.age.map(String.init) ?? s[.any]
        case .language: return state.filters.language ?? s[.any]
        case .openNow: return state.filters.openNow ? s[.yes] : s[.no]
        }
    }
}

/// A picker drawn as a box over the directory screen.
enum PickerOverlay {
    static func render(_ picker: Picker, _ state: AppState, into grid: inout Grid) {
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
            title = DirectoryScreen.facetName(f, s)
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

/// The keys of the current screen, in a box.
enum HelpScreen {
    static func lines(_ state: AppState) -> [(String, String)] {
        let s = state.strings
        switch state.screen {
        case .directory:
            return [("/", s[.helpSearch]), ("Tab / Shift-Tab", s[.helpPanes]), ("↑↓ j k", s[.helpMove]),
                    ("PgUp PgDn Home End", s[.helpPage]), ("Enter", s[.helpOpen]), ("f", s[.helpFilters]),
                    ("← → (filters)", s[.helpFacet]), ("Enter (filters)", s[.helpPick]), ("Del (filters)", s[.helpClearFacet]),
                    ("Esc", s[.helpReset]), ("n / g", s[.helpReferral]), ("R", s[.helpReferrals]), ("q", s[.helpQuit]),
                    ("Ctrl-C", s[.helpInterrupt]),
                    (s[.helpNotes], s[.helpMarkers1]), ("", s[.helpMarkers2]), ("", s[.helpMarkers3])]
        case .detail:
            return [("↑↓ j k", s[.helpScroll]), ("PgUp PgDn Space", s[.helpPage]), ("Home End", s[.helpEnds]),
                    ("Esc", s[.helpBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .intake:
            return [("↑↓ j k Tab", s[.helpIntakeMove]), ("Enter Space", s[.helpIntakeEdit]), ("Del", s[.helpClearFacet]),
                    ("r F5", s[.helpIntakeRoute]), ("Esc", s[.helpBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .pathway:
            return [("↑↓ j k", s[.helpMove]), ("r", s[.helpRefer]), ("Enter", s[.helpOpen]), ("a", s[.helpAlternative]),
                    ("x", s[.helpExcluded]), ("R", s[.helpReferrals]), ("Esc", s[.helpPathwayBack]), ("Ctrl-C", s[.helpInterrupt]),
                    ("sex age", s[.helpReasons1]), ("child-only", s[.helpReasons2]), ("adult-only", s[.helpReasons3]),
                    ("condition:…", s[.helpReasons4]), ("no-capacity", s[.helpReasons5]), ("out-of-area", s[.helpReasons6])]
        case .gaps:
            return [("↑↓ PgUp PgDn", s[.helpMove]), ("Esc", s[.helpBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .checklist:
            return [("↑↓ j k Home End", s[.helpChecklistMove]), ("Enter", s[.helpChecklistRecord]), ("p", s[.helpChecklistPreview]),
                    ("i", s[.helpChecklistIdentity]), ("N", s[.helpChecklistNotify]),
                    ("R", s[.helpReferrals]), ("Esc", s[.helpChecklistBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .screening:
            return [("↑↓ j k", s[.helpScreeningMove]), ("y / n", s[.helpScreeningAnswer]), ("d", s[.helpScreeningDecline]),
                    ("Del", s[.helpScreeningClear]), ("s", s[.helpScreeningSet]), ("r", s[.helpScreeningRecord]),
                    ("Esc", s[.helpScreeningBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .consent:
            return [("↑↓ j k Tab", s[.helpIntakeMove]), ("Space Enter", s[.helpConsentSwitch]), ("Del", s[.helpConsentClear]),
                    ("r", s[.helpConsentRecord]), ("w", s[.helpConsentWithdraw]), ("Esc", s[.helpConsentBack]),
                    ("Ctrl-C", s[.helpInterrupt])]
        case .formPreview:
            return [("↑↓ PgUp PgDn", s[.helpScroll]), ("Enter", s[.helpFormHandoff]), ("o", s[.helpFormOverride]),
                    ("R", s[.helpReferrals]), ("Esc", s[.helpFormBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .referrals:
            return [("↑↓ j k", s[.helpMove]), ("Enter", s[.helpReferralsMove]), ("f", s[.helpReferralsForm]),
                    ("o", s[.helpReferralsChecklist]), ("Esc", s[.helpReferralsBack]), ("Ctrl-C", s[.helpInterrupt]),
                    (s[.referralsOverdue], s[.helpReferralsOverdue])]
        case .identity:
            // Every key but these is text in a field: the form's keys are on its status bar.
            return [("Tab ↓ / Shift-Tab ↑", s[.helpIdentityMove]), ("← → Home End", s[.helpIdentityEdit]),
                    ("Enter", s[.helpIdentitySave]), ("Esc", s[.helpIdentityBack]), ("Ctrl-C", s[.helpInterrupt])]
        case .notification:
            return [("↑↓ PgUp PgDn", s[.helpScroll]), ("Esc", s[.helpNotificationBack]), ("Ctrl-C", s[.helpInterrupt])]
        }
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let entries = lines(state)
        let width = min(grid.width - 4, 70)
        let box = Rect(x: (grid.width - width) / 2, y: 2, width: width, height: min(grid.height - 3, entries.count + 4))
        grid.fill(box)
        grid.drawBox(box, title: " \(state.strings[.helpTitle]) ")
        let keyWidth = 20
        for (offset, entry) in entries.enumerated() where offset < box.height - 4 {
            let y = box.y + 1 + offset
            _ = grid.put(entry.0, at: Point(x: box.x + 2, y: y), style: .emphasis, maxWidth: keyWidth)
            _ = grid.put(entry.1, at: Point(x: box.x + 2 + keyWidth, y: y), maxWidth: box.width - keyWidth - 4)
        }
        _ = grid.put(state.strings[.helpClose], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: box.width - 4)
    }
}
