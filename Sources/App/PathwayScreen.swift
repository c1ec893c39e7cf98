import Casework
import Foundation
import Routing
import Terminal

/// The pathways proposed for the intake: the steps of one alternative, what is not met, and who was left out.
///
/// The rows that can be selected are the steps of the pathway shown, then the needs nobody can meet
/// (each with why: the nearest service and the rule that left it out).
public struct PathwayScreen: Sendable, Equatable {
    public var route: Route
    /// The person routed (nil when the intake had no area, which routing refuses first).
    public var profile: ClientProfile?
    /// Which pathway (alternative) is shown.
    public var pathwayIndex = 0
    /// The selected row: a step of the shown pathway, or an unmet need after them.
    public var list = ListView()
    /// Whether the screen lists the excluded services of the selected row's need.
    public var showExcluded = false
    /// The first excluded service shown, when the list is longer than its rows.
    public var excludedOffset = 0

    public init(route: Route, profile: ClientProfile?) {
        self.route = route
        self.profile = profile
        list = ListView(itemCount: rowCount)
    }

    /// The selected row's index.
    var stepSelection: Int { list.selection ?? 0 }

    /// The steps of the pathway shown.
    var steps: [PathwayStep] { route.pathways.indices.contains(pathwayIndex) ? route.pathways[pathwayIndex].steps : [] }

    /// The needs no service can meet, in the route's order.
    public var unmet: [NeedResult] { route.needs.filter { $0.status == .unmet } }

    /// How many rows can be selected: the steps, then the unmet needs.
    var rowCount: Int { steps.count + unmet.count }

    /// The selected step; nil when an unmet need (or nothing) is selected.
    public var selectedStep: PathwayStep? { steps[safe: stepSelection] }

    /// The selected unmet need; nil when a step (or nothing) is selected.
    public var selectedUnmet: NeedResult? { stepSelection >= steps.count ? unmet[safe: stepSelection - steps.count] : nil }

    /// The route's answer for the selected row's need: what the excluded list shows.
    public var selectedNeed: NeedResult? {
        if let step = selectedStep { return route.needs.first { $0.need == step.need } }
        return selectedUnmet
    }
}

extension PathwayScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, scroll, refer, open, alternative, excluded, referrals, back
    }

    var screen: Screen { .pathway(self) }

    /// A refusal of `r` (an unmet need, or the domain's) shows on the screen until the next key.
    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .character("k"), .down, .character("j")], .move, hint: KeyHint("↑↓", s[.hintChoose]),
                       help: KeyHint("↑↓ j k", s[.helpMove]), when: !showExcluded),
            KeyBinding([.up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .home, .end], .scroll,
                       hint: KeyHint("↑↓", s[.hintScroll]), help: KeyHint("↑↓ PgUp PgDn", s[.helpExcludedScroll]), when: showExcluded),
            KeyBinding([.character("r")], .refer, hint: KeyHint("r", s[.hintRefer]), help: KeyHint("r", s[.helpRefer])),
            KeyBinding([.enter], .open, hint: KeyHint("Enter", s[.hintOpen]), help: KeyHint("Enter", s[.helpOpen])),
            KeyBinding([.character("a")], .alternative, hint: KeyHint("a", s[.hintAlternative]), help: KeyHint("a", s[.helpAlternative])),
            KeyBinding([.character("x")], .excluded, hint: KeyHint("x", s[.hintExcluded]), help: KeyHint("x", s[.helpExcluded])),
            KeyBinding([.character("R")], .referrals, help: KeyHint("R", s[.helpReferrals])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpPathwayBack])),
            KeyBinding([.character("?")], command: .help),
        ], legend: [KeyHint("sex age", s[.helpReasons1]), KeyHint("child-only", s[.helpReasons2]), KeyHint("adult-only", s[.helpReasons3]),
                    KeyHint("condition:…", s[.helpReasons4]), KeyHint("no-capacity", s[.helpReasons5]), KeyHint("out-of-area", s[.helpReasons6])])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .back:
            // The excluded list closes first.
            guard showExcluded else { return .pop() }
            showExcluded = false
        case .move:
            list.handle(key, visibleRows: rowCount)
        case .scroll:
            let layout = Layout(self, strings: state.strings, size: state.size)
            excludedOffset = ScrollKeys.offset(after: key, from: excludedOffset, rows: layout.excludedRows,
                                               total: selectedNeed?.excluded.count ?? 0) ?? excludedOffset
        case .alternative:
            if !route.pathways.isEmpty {
                pathwayIndex = (pathwayIndex + 1) % route.pathways.count
                list = ListView(itemCount: rowCount)
                excludedOffset = 0
            }
        case .excluded:
            showExcluded.toggle()
            excludedOffset = 0
        case .refer:
            // An unmet need has no service to refer to: said, and nothing is made.
            if let need = selectedUnmet {
                state.casework.problem = state.strings.format(.pathwayUnmetRefer, ["need": state.strings.label(need.need.code)])
                break
            }
            // Refer the person to the selected step's service: the case (once per intake) and a
            // draft referral (or the one already open for it) are made, then the SOP checklist opens.
            guard let step = selectedStep, let profile else { break }
            let request = ReferRequest(caseCode: state.casework.intakeCase, profile: profile, serviceId: step.candidate.entry.serviceId,
                                       need: step.need.code, priority: step.need.priority,
                                       unmetNeeds: unmet.map(\.need.code),
                                       conditionalNeeds: route.needs.filter { $0.status == .conditional }.map(\.need.code))
            return CaseworkFlow.request(.refer(request), &state)
        case .referrals:
            return CaseworkFlow.request(.referrals, &state)
        case .open:
            // A step's service, or the service nearest to meeting an unmet need.
            guard let entry = selectedStep?.candidate.entry ?? selectedUnmet?.nearMiss?.entry else { break }
            return Reply([.directory(.loadDetail(serviceId: entry.serviceId, locationId: entry.locationId))])
        }
        return Reply()
    }

    static func minutes(_ m: Double) -> String { ResultSummary.travel(m) }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.pathwayTitle], into: &grid)
        let layout = Layout(self, strings: s, size: grid.size)
        // The pathway, scrolled so that the selected row is on screen.
        let start = layout.firstBodyLine
        for (row, line) in layout.body.dropFirst(start).prefix(layout.bodyRows).enumerated() {
            let y = 1 + row
            let selected = line.item != nil && line.item == list.selection
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" " + DisplayText.truncate(line.text, toWidth: layout.width), at: Point(x: 0, y: y),
                         style: selected ? .selected : line.style, maxWidth: grid.width)
        }
        if start > 0 { _ = grid.put("↑", at: Point(x: grid.width - 1, y: 1), style: .muted) }
        if start + layout.bodyRows < layout.body.count { _ = grid.put("↓", at: Point(x: grid.width - 1, y: layout.bodyRows), style: .muted) }
        if showExcluded, let need = selectedNeed { renderExcluded(need, layout, s, into: &grid) }
        for (offset, line) in layout.legend.enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: grid.height - 1 - layout.legend.count + offset), style: .muted, maxWidth: grid.width)
        }
        if let problem = state.casework.problem { _ = CaseworkFlow.renderMessage(problem, style: .warning, into: &grid) }
        statusBar("", state, into: &grid)
    }

    /// The services left out for the selected row's need, below the pathway, scrolled by `excludedOffset`.
    private func renderExcluded(_ need: NeedResult, _ layout: Layout, _ s: StringTable, into grid: inout Grid) {
        let top = 1 + layout.bodyRows
        _ = grid.put(" " + DisplayText.truncate(s.format(.pathwayExcludedTitle, ["need": s.label(need.need.code)]), toWidth: layout.width),
                     at: Point(x: 0, y: top), style: .heading, maxWidth: grid.width)
        let rows = layout.excludedRows
        guard !need.excluded.isEmpty else {
            _ = grid.put("   " + s[.detailNone], at: Point(x: 0, y: top + 1), style: .muted, maxWidth: grid.width)
            return
        }
        let first = min(excludedOffset, max(0, need.excluded.count - rows))
        let lines = Self.excludedLines(need.excluded, width: layout.width)
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            _ = grid.put(" " + line, at: Point(x: 0, y: top + 1 + row), style: .muted, maxWidth: grid.width - 1)
        }
        if first > 0 { _ = grid.put("↑", at: Point(x: grid.width - 1, y: top + 1), style: .muted) }
        if first + rows < lines.count { _ = grid.put("↓", at: Point(x: grid.width - 1, y: top + rows), style: .muted) }
    }

    /// The excluded services in `width` columns, one a line: the reason codes, then the name.
    ///
    /// The codes' column is 26 wide at 80 columns and takes half of every column more, up to the longest codes.
    static func excludedLines(_ excluded: [Exclusion], width: Int) -> [String] {
        let codes = excluded.map { $0.reasons.map(\.code).joined(separator: ", ") }
        let column = min(codes.map(DisplayText.width).max() ?? 0, 26 + max(0, width - 78) / 2)
        return zip(codes, excluded).map { codes, exclusion in
            "  " + DisplayText.fit(codes, toWidth: column) + " " + DisplayText.truncate(exclusion.entry.serviceName, toWidth: max(1, width - column - 4))
        }
    }
}

extension PathwayScreen {
    /// One line of the screen's body: its text, its style, and the row it belongs to (nil: not selectable).
    struct BodyLine: Sendable, Equatable {
        var text: String
        var style: Style
        var item: Int?
    }

    /// Where everything goes for a size: the body's lines and rows, the excluded list's rows, the legend.
    struct Layout {
        /// The columns a line's text may take (one on each side is kept blank).
        var width: Int
        var body: [BodyLine]
        /// The rows the body is shown in, under the title.
        var bodyRows: Int
        /// The rows of excluded services (under their title); 0 when the list is closed.
        var excludedRows: Int
        /// The legend's lines, above the status bar.
        var legend: [String]
        /// The first body line shown: the selected row's lines are on screen.
        var firstBodyLine: Int

        init(_ screen: PathwayScreen, strings s: StringTable, size: Size) {
            width = max(1, size.width - 2)
            body = screen.bodyLines(strings: s, width: width)
            legend = DisplayText.wrap(s[.pathwayStatus], width: width)
            let available = max(1, size.height - 2 - legend.count)
            if screen.showExcluded {
                let wanted = 1 + max(1, screen.selectedNeed?.excluded.count ?? 0)
                let pane = min(wanted, max(available - body.count, available / 2), available - 1)
                bodyRows = available - pane
                excludedRows = max(1, pane - 1)
            } else {
                bodyRows = available
                excludedRows = 0
            }
            let lines = body
            let selected = lines.indices.filter { lines[$0].item != nil && lines[$0].item == screen.list.selection }
            var start = 0
            if let last = selected.last, last >= bodyRows { start = last - bodyRows + 1 }
            if let first = selected.first, first < start { start = first }
            firstBodyLine = max(0, min(start, body.count - bodyRows))
        }
    }

    /// The body's lines in `width` columns: the header, the steps by stage (the selected one's notes
    /// under it), then each need not met with why.
    func bodyLines(strings s: StringTable, width: Int) -> [BodyLine] {
        var lines: [BodyLine] = []
        let pathway = route.pathways.indices.contains(pathwayIndex) ? route.pathways[pathwayIndex] : nil
        if let pathway {
            lines.append(BodyLine(text: s.format(.pathwayHeader, ["rank": "\(pathway.rank)", "count": "\(route.pathways.count)",
                                                                  "steps": s.count(pathway.steps.count, "steps"),
                                                                  "handoffs": s.count(pathway.handoffs, "organizations"),
                                                                  "travel": Self.minutes(pathway.totalTravelMinutes)]), style: .emphasis))
        } else {
            lines.append(BodyLine(text: s[.pathwayNone], style: .danger))
        }
        if route.travelEstimated {
            lines += DisplayText.wrap(s[.pathwayEstimated], width: width).map { BodyLine(text: $0, style: .muted) }
        }
        let stepLines = steps.map { PathwayStepLine($0, route: route, strings: s) }
        let columns = PathwayStepLine.columns(stepLines, width: width)
        var stage: Stage?
        for (index, step) in steps.enumerated() {
            if step.stage != stage {
                stage = step.stage
                lines.append(BodyLine(text: s.label("stage." + step.stage.rawValue).uppercased(), style: .heading))
            }
            let style: Style = step.candidate.conditionalOn.isEmpty ? .plain : .warning
            for (number, text) in stepLines[index].lines(columns, width: width).enumerated() {
                lines.append(BodyLine(text: text, style: number == 0 ? style : .warning, item: index))
            }
            // The selected step: what to check or explain to the person, in the words to use.
            if index == stepSelection {
                for code in step.candidate.toAcknowledge {
                    for line in DisplayText.wrap("\(code): \(s.note(code))", width: max(20, width - PathwayStepLine.indent)) {
                        lines.append(BodyLine(text: String(repeating: " ", count: PathwayStepLine.indent) + line, style: .warning))
                    }
                }
            }
        }
        var unmetIndex = steps.count
        for need in route.needs where need.status != .met {
            let title = s.label(need.need.code) + PathwayStepLine.marks(need.need)
            let unmet = need.status == .unmet
            var text = unmet ? s.format(.pathwayUnmet, ["need": title]) : s.format(.pathwayConditional, ["need": title])
            if let miss = need.nearMiss {
                let place = miss.entry.isVirtual ? s[.pathwayRemote] : (miss.entry.area.flatMap { route.areaName($0) } ?? "—")
                text += " " + s.nearMiss(miss, place: place)
            } else if unmet {
                text += " " + (need.excluded.isEmpty ? s[.pathwayUnmetNothing] : s.format(.pathwayUnmetExcluded, ["count": "\(need.excluded.count)"]))
            }
            // In full: why no service fits is what the responder tells the person.
            let item: Int? = unmet ? unmetIndex : nil
            for (number, line) in DisplayText.wrap(text, width: width - 2).enumerated() {
                lines.append(BodyLine(text: number == 0 ? line : "  " + line, style: unmet ? .danger : .warning, item: item))
            }
            if unmet { unmetIndex += 1 }
        }
        return lines
    }
}

extension Route {
    /// An area's name, from the pathway's own data (the router's snapshot is not kept).
    func areaName(_ pcode: String) -> String? { areaNames[pcode] ?? pcode }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
