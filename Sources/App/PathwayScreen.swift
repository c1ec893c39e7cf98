import Casework
import Foundation
import Routing
import Terminal

/// The pathways proposed for the intake: the steps of one alternative, what is not met, and who was left out.
public struct PathwayScreen: Sendable, Equatable {
    public var route: Route
    /// The person routed (nil when the intake had no area, which routing refuses first).
    public var profile: ClientProfile?
    /// Which pathway (alternative) is shown.
    public var pathwayIndex = 0
    /// The selected step of the shown pathway.
    public var list = ListView()
    /// Whether the screen lists the excluded services of the selected step's need.
    public var showExcluded = false

    public init(route: Route, profile: ClientProfile?) {
        self.route = route
        self.profile = profile
        list = ListView(itemCount: steps.count)
    }

    /// The selected step's index.
    var stepSelection: Int { list.selection ?? 0 }

    /// The steps of the pathway shown.
    var steps: [PathwayStep] { route.pathways.indices.contains(pathwayIndex) ? route.pathways[pathwayIndex].steps : [] }
}

extension PathwayScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, refer, open, alternative, excluded, referrals, back
    }

    var screen: Screen { .pathway(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .character("k"), .down, .character("j")], .move, hint: KeyHint("↑↓", s[.hintChoose]),
                       help: KeyHint("↑↓ j k", s[.helpMove])),
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
            list.handle(key, visibleRows: steps.count)
        case .alternative:
            if !route.pathways.isEmpty {
                pathwayIndex = (pathwayIndex + 1) % route.pathways.count
                list = ListView(itemCount: steps.count)
            }
        case .excluded:
            showExcluded.toggle()
        case .refer:
            // Refer the person to the selected step's service: the case (once per intake) and a
            // draft referral are made, then the SOP checklist opens.
            guard let step = steps[safe: stepSelection], let profile else { break }
            let request = ReferRequest(caseCode: state.casework.intakeCase, profile: profile, serviceId: step.candidate.entry.serviceId,
                                       need: step.need.code, priority: step.need.priority,
                                       unmetNeeds: route.needs.filter { $0.status == .unmet }.map(\.need.code),
                                       conditionalNeeds: route.needs.filter { $0.status == .conditional }.map(\.need.code))
            return CaseworkFlow.request(.refer(request), &state)
        case .referrals:
            return CaseworkFlow.request(.referrals, &state)
        case .open:
            guard let entry = steps[safe: stepSelection]?.candidate.entry else { break }
            return Reply([.directory(.loadDetail(serviceId: entry.serviceId, locationId: entry.locationId))])
        }
        return Reply()
    }

    static func minutes(_ m: Double) -> String { ResultSummary.travel(m) }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.pathwayTitle], into: &grid)
        var lines: [(String, Style)] = []
        let pathway = route.pathways.indices.contains(pathwayIndex) ? route.pathways[pathwayIndex] : nil
        if let pathway {
            lines.append((s.format(.pathwayHeader, ["rank": "\(pathway.rank)", "count": "\(route.pathways.count)",
                                                    "steps": s.count(pathway.steps.count, "steps"), "handoffs": s.count(pathway.handoffs, "organizations"),
                                                    "travel": Self.minutes(pathway.totalTravelMinutes)]), .emphasis))
        } else {
            lines.append((s[.pathwayNone], .danger))
        }
        if route.travelEstimated { lines.append((s[.pathwayEstimated], .muted)) }
        var stepRows: [Int: Int] = [:]
        var stage: Stage?
        for (index, step) in (pathway?.steps ?? []).enumerated() {
            if step.stage != stage {
                stage = step.stage
                lines.append((s.label("stage." + step.stage.rawValue).uppercased(), .heading))
            }
            let c = step.candidate
            let need = s.label(step.need.code) + (step.need.priority == .normal ? "" : " (\(step.need.priority.rawValue))")
                + (step.need.addedByRule ? " +" : "")
            // Travel and place first: they decide a referral, and a long name must not push them off the line.
            let place = c.entry.isVirtual ? s[.pathwayRemote] : (c.entry.area.flatMap { route.areaName($0) } ?? "—")
            var text = "\(DisplayText.fit(need, toWidth: 20)) \(DisplayText.fit(Self.minutes(c.travelMinutes), toWidth: 10)) "
                + "\(DisplayText.fit(place, toWidth: 14)) \(c.entry.serviceName) — \(c.entry.organizationName)"
            if !c.conditionalOn.isEmpty { text += " ! " + c.conditionalOn.map { s.label($0) }.joined(separator: ", ") }
            // Why it is not better placed: the score's penalties, in words.
            var why: [String] = []
            if c.stale { why.append(s[.pathwayWhyStale]) }
            if c.speaksLanguage == false { why.append(s[.pathwayWhyLanguage]) }
            if c.openAtTime == false { why.append(s[.pathwayWhyClosed]) }
            if !why.isEmpty { text += " · " + why.joined(separator: ", ") }
            stepRows[lines.count] = index
            lines.append((text, c.conditionalOn.isEmpty ? .plain : .warning))
            // The selected step: what to check or explain to the person, in the words to use.
            if index == stepSelection {
                for code in c.toAcknowledge {
                    for line in DisplayText.wrap("\(code): \(s.note(code))", width: max(20, grid.width - 8)) {
                        lines.append(("     " + line, .warning))
                    }
                }
            }
        }
        for need in route.needs where need.status != .met {
            let title = s.label(need.need.code)
            var text = need.status == .unmet ? s.format(.pathwayUnmet, ["need": title]) : s.format(.pathwayConditional, ["need": title])
            if let miss = need.nearMiss {
                text += " " + s.format(.pathwayNearMiss, ["service": miss.entry.serviceName,
                                                          "travel": miss.travelMinutes.map(Self.minutes) ?? "—",
                                                          "reason": miss.reasons.map { s.reason($0.code) }.joined(separator: "; ")])
            }
            lines.append((text, need.status == .unmet ? .danger : .warning))
        }
        if showExcluded, let step = pathway?.steps[safe: stepSelection],
           let result = route.needs.first(where: { $0.need == step.need }) {
            lines.append((s.format(.pathwayExcludedTitle, ["need": s.label(step.need.code)]), .heading))
            for exclusion in result.excluded.prefix(12) {
                let codes = exclusion.reasons.map(\.code).joined(separator: ", ")
                lines.append(("  \(DisplayText.fit(codes, toWidth: 26)) \(exclusion.entry.serviceName)", .muted))
            }
            if result.excluded.isEmpty { lines.append(("  " + s[.detailNone], .muted)) }
        }
        var y = 1
        for (number, line) in lines.enumerated() where y < grid.height - 1 {
            let selected = stepRows[number] == stepSelection && stepRows[number] != nil
            let style = selected ? Style.selected : line.1
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" " + DisplayText.truncate(line.0, toWidth: grid.width - 2), at: Point(x: 0, y: y), style: style, maxWidth: grid.width)
            y += 1
        }
        statusBar(s[.pathwayStatus], state, into: &grid)
    }
}

extension Route {
    /// An area's name, from the pathway's own data (the router's snapshot is not kept).
    func areaName(_ pcode: String) -> String? { areaNames[pcode] ?? pcode }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
