import Casework
import Directory
import Foundation
import Routing
import Terminal

/// The intake form of a new referral: only what eligibility depends on, nothing identifying.
public struct IntakeForm: Sendable, Equatable {
    /// The form's fields, in the order they are shown.
    public enum Field: Int, Sendable, CaseIterable {
        case area, sex, age, ageDisputed, needs, priority, exploitation, nationality, languages, residence, identified, dependents,
             unaccompanied, police, closedFacility
    }

    public var area: String?
    public var sex: String?
    public var age: Int?
    public var ageDisputed = false
    /// Service-type codes, in the order they were added.
    public var needs: [String] = []
    /// Each need's priority, by position in `needs`.
    public var priorities: [Priority] = []
    /// Exploitation type codes.
    public var exploitation: [String] = []
    /// ISO 3166-1 alpha-2, uppercase; nil when unknown.
    public var nationality: String?
    /// Language codes the person speaks.
    public var languages: [String] = []
    public var residence: Knowledge = .unknown
    public var identified: Knowledge = .unknown
    public var dependents = 0
    /// For a child: unknown until asked.
    public var unaccompanied: UnaccompaniedStatus = .unknown
    /// Undecided unless the person says (never asked to decide during recovery and reflection).
    public var police: PoliceStance = .undecided
    public var closedFacility = false
    /// The field under the cursor.
    public var cursor: Field = .area
    /// A picker open over the form.
    public var picker: Picker?
    /// Why the form cannot be routed yet.
    public var problem: String?

    public init(area: String? = nil, sex: String? = nil, age: Int? = nil, needs: [String] = []) {
        self.area = area
        self.sex = sex
        self.age = age
        self.needs = needs
        self.priorities = needs.map { _ in .normal }
    }

    /// The needs with their priorities.
    public var needList: [Need] {
        needs.enumerated().map { Need($0.element, priority: priorities.indices.contains($0.offset) ? priorities[$0.offset] : .normal) }
    }

    /// The person the form describes.
    public var profile: ClientProfile? {
        guard let area else { return nil }
        var profile = ClientProfile(area: area, sex: sex, languages: languages, nationality: nationality, exploitation: exploitation,
                                    legalResidence: residence, formallyIdentified: identified, dependents: dependents,
                                    unaccompanied: unaccompanied, police: police, acceptsClosedFacility: closedFacility)
        profile.setAge(age.map { .exact($0) } ?? .unknown, basis: ageDisputed ? .disputed : .stated)
        return profile
    }
}

/// The intake, pathway and gaps screens: their keys and their drawing.
enum ReferralScreens {
    // MARK: Intake

    static func handleIntake(_ key: Key, _ state: inout AppState) -> [Effect] {
        var form = state.intake
        defer { state.intake = form }
        if let picker = form.picker { return handleIntakePicker(key, picker, &form, state) }
        switch key {
        case .escape:
            state.screen = .directory
        case .up, .character("k"):
            form.cursor = IntakeForm.Field(rawValue: max(0, form.cursor.rawValue - 1)) ?? .area
        case .down, .character("j"), .tab:
            form.cursor = IntakeForm.Field(rawValue: min(IntakeForm.Field.allCases.count - 1, form.cursor.rawValue + 1)) ?? .closedFacility
        case .enter, .character(" "):
            return edit(&form, state)
        case .backspace, .delete, .character("x"):
            clear(&form)
        case .character("r"), .function(5):
            guard let profile = form.profile else {
                form.problem = state.strings[.intakeNeedsArea]
                return []
            }
            guard !form.needs.isEmpty else {
                form.problem = state.strings[.intakeNeedsNeed]
                return []
            }
            form.problem = nil
            return [.route(profile, form.needList, at: state.now)]
        case .character("?"):
            state.showHelp = true
        default:
            break
        }
        return []
    }

    private static func edit(_ form: inout IntakeForm, _ state: AppState) -> [Effect] {
        let s = state.strings
        switch form.cursor {
        case .area:
            var picker = TreePicker(roots: Array(AreaTree.nodes(state.options.areas, any: s[.any]).dropFirst()), chosen: form.area)
            if let area = form.area { picker.moveCursor(to: area) }
            form.picker = .tree(.area, picker)
        case .needs:
            form.picker = .tree(.serviceType, TreePicker(roots: Array(ServiceTypeTree.nodes(any: s[.any], strings: s).dropFirst())))
        case .sex:
            let values: [String?] = [nil] + Vocabulary.sexes
            form.picker = .list(.sex, ListView(itemCount: values.count, selection: values.firstIndex(of: form.sex) ?? 0), values: values)
        case .age:
            form.picker = .number(.age, TextInput(text: form.age.map(String.init) ?? "", maxLength: 3), error: nil)
        case .dependents:
            form.dependents = (form.dependents + 1) % 10
        case .priority:
            // The priority of the last need added: normal → urgent → emergency → normal.
            guard !form.priorities.isEmpty else { return [] }
            let current = form.priorities[form.priorities.count - 1]
            form.priorities[form.priorities.count - 1] = current == .normal ? .urgent : current == .urgent ? .emergency : .normal
        case .exploitation:
            form.picker = .choices(title: s[.intakeExploitation], ListView(itemCount: Vocabulary.exploitationTypes.count, selection: 0),
                                   values: Vocabulary.exploitationTypes)
        case .nationality:
            form.picker = .text(.nationality, TextInput(text: form.nationality ?? "", maxLength: 2), error: nil)
        case .languages:
            form.picker = .text(.languages, TextInput(text: form.languages.joined(separator: " "), maxLength: 40), error: nil)
        case .residence: form.residence = next(form.residence)
        case .identified: form.identified = next(form.identified)
        case .ageDisputed: form.ageDisputed.toggle()
        case .unaccompanied:
            // unknown → yes → separated → no → unknown.
            let order: [UnaccompaniedStatus] = [.unknown, .yes, .separated, .no]
            form.unaccompanied = order[((order.firstIndex(of: form.unaccompanied) ?? 0) + 1) % order.count]
        case .police:
            // undecided → will-not → will → undecided.
            let order: [PoliceStance] = [.undecided, .willNot, .will]
            form.police = order[((order.firstIndex(of: form.police) ?? 0) + 1) % order.count]
        case .closedFacility: form.closedFacility.toggle()
        }
        return []
    }

    /// unknown → yes → no → unknown.
    private static func next(_ knowledge: Knowledge) -> Knowledge {
        switch knowledge {
        case .unknown: return .yes
        case .yes: return .no
        case .no: return .unknown
        }
    }

    private static func clear(_ form: inout IntakeForm) {
        switch form.cursor {
        case .area: form.area = nil
        case .sex: form.sex = nil
        case .age: form.age = nil
        case .needs:
            if !form.needs.isEmpty {
                form.needs.removeLast()
                form.priorities.removeLast()
            }
        case .dependents: form.dependents = 0
        case .priority: if !form.priorities.isEmpty { form.priorities[form.priorities.count - 1] = .normal }
        case .exploitation: if !form.exploitation.isEmpty { form.exploitation.removeLast() }
        case .nationality: form.nationality = nil
        case .languages: form.languages = []
        case .residence: form.residence = .unknown
        case .identified: form.identified = .unknown
        case .ageDisputed: form.ageDisputed = false
        case .unaccompanied: form.unaccompanied = .unknown
        case .police: form.police = .undecided
        case .closedFacility: form.closedFacility = false
        }
    }

    private static func handleIntakePicker(_ key: Key, _ picker: Picker, _ form: inout IntakeForm, _ state: AppState) -> [Effect] {
        if key == .escape {
            form.picker = nil
            return []
        }
        let rows = max(1, state.size.height - 8)
        switch picker {
        case .tree(let facet, var tree):
            if key == .enter, let id = tree.current?.id {
                if facet == .area {
                    form.area = id
                } else if !form.needs.contains(id) {
                    form.needs.append(id)
                    form.priorities.append(.normal)
                }
                form.picker = nil
                return []
            }
            _ = tree.handle(key, visibleRows: rows)
            form.picker = .tree(facet, tree)
        case .list(let facet, var list, let values):
            if key == .enter, let index = list.selection {
                form.sex = values[index]
                form.picker = nil
                return []
            }
            _ = list.handle(key, visibleRows: rows)
            form.picker = .list(facet, list, values: values)
        case .number(let facet, var input, _):
            if key == .enter {
                let text = input.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    form.age = nil
                } else if let age = Int(text), (0...130).contains(age) {
                    form.age = age
                } else {
                    form.picker = .number(facet, input, error: state.strings.format(.ageInvalid, ["value": text]))
                    return []
                }
                form.picker = nil
                return []
            }
            if case .character(let c) = key, !c.isNumber { return [] }
            _ = input.handle(key, width: 10)
            form.picker = .number(facet, input, error: nil)
        case .choices(let title, var list, let values):
            if key == .enter, let index = list.selection {
                if !form.exploitation.contains(values[index]) { form.exploitation.append(values[index]) }
                form.picker = nil
                return []
            }
            _ = list.handle(key, visibleRows: rows)
            form.picker = .choices(title: title, list, values: values)
        case .text(let field, var input, _):
            if key == .enter {
                let text = input.text.trimmingCharacters(in: .whitespaces)
                if field == .nationality {
                    let code = text.uppercased()
                    guard text.isEmpty || (code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter }) else {
                        form.picker = .text(field, input, error: state.strings.format(.intakeBadNationality, ["value": text]))
                        return []
                    }
                    form.nationality = text.isEmpty ? nil : code
                } else {
                    form.languages = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                }
                form.picker = nil
                return []
            }
            _ = input.handle(key, width: 30)
            form.picker = .text(field, input, error: nil)
        }
        return []
    }

    static func renderIntake(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let form = state.intake
        TitleBar.render(state, subtitle: s[.intakeTitle], into: &grid)
        _ = grid.put(" " + s[.intakeExplain], at: Point(x: 0, y: 1), style: .muted, maxWidth: grid.width)
        for field in IntakeForm.Field.allCases {
            let y = 3 + field.rawValue
            let selected = form.cursor == field
            let label = DisplayText.fit(label(field, s), toWidth: 40)
            let value = DisplayText.truncate(value(field, form, state), toWidth: grid.width - 44)
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" \(label)  \(value)", at: Point(x: 0, y: y), style: selected ? .selected : .plain, maxWidth: grid.width)
        }
        if let problem = form.problem {
            _ = grid.put(" \(problem)", at: Point(x: 0, y: grid.height - 2), style: .warning, maxWidth: grid.width)
        }
        StatusBar(text: s[.intakeStatus], hints: [KeyHint("↑↓", s[.hintChoose]), KeyHint("Enter", s[.hintSet]), KeyHint("Del", s[.hintClear]),
                                                  KeyHint("r", s[.hintRoute]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
        if let picker = form.picker { PickerOverlay.render(picker, state, into: &grid) }
    }

    static func label(_ field: IntakeForm.Field, _ s: StringTable) -> String {
        switch field {
        case .area: return s[.intakeArea]
        case .sex: return s[.facetSex]
        case .age: return s[.facetAge]
        case .ageDisputed: return s[.intakeAgeDisputed]
        case .needs: return s[.intakeNeeds]
        case .priority: return s[.intakePriority]
        case .exploitation: return s[.intakeExploitation]
        case .nationality: return s[.intakeNationality]
        case .languages: return s[.intakeLanguages]
        case .residence: return s[.intakeResidence]
        case .identified: return s[.intakeIdentified]
        case .dependents: return s[.intakeDependents]
        case .unaccompanied: return s[.intakeUnaccompanied]
        case .police: return s[.intakePolice]
        case .closedFacility: return s[.intakeClosedFacility]
        }
    }

    static func value(_ field: IntakeForm.Field, _ form: IntakeForm, _ state: AppState) -> String {
        let s = state.strings
        func yesNo(_ value: Bool) -> String { value ? s[.yes] : s[.no] }
        switch field {
        case .area: return form.area.map { code in state.options.areas.first { $0.pcode == code }.map { "\($0.name) (\(code))" } ?? code } ?? "—"
        case .sex: return form.sex.map { s.label($0) } ?? s[.intakeNotSaid]
        case .age: return form.age.map(String.init) ?? s[.intakeNotSaid]
        case .ageDisputed: return yesNo(form.ageDisputed)
        case .needs:
            return form.needs.isEmpty ? "—" : form.needList.map { need in
                s.label(need.code) + (need.priority == .normal ? "" : " (\(need.priority.rawValue))")
            }.joined(separator: ", ")
        case .priority: return form.priorities.last?.rawValue ?? "—"
        case .exploitation: return form.exploitation.isEmpty ? s[.intakeNotSaid] : form.exploitation.map { s.label($0) }.joined(separator: ", ")
        case .nationality: return form.nationality ?? s[.intakeNotSaid]
        case .languages: return form.languages.isEmpty ? s[.intakeNotSaid] : form.languages.joined(separator: ", ")
        case .residence: return s.label("knowledge." + form.residence.rawValue)
        case .identified: return s.label("knowledge." + form.identified.rawValue)
        case .dependents: return String(form.dependents)
        case .unaccompanied: return s.label("unaccompanied." + form.unaccompanied.rawValue)
        case .police: return s.label("police." + form.police.rawValue)
        case .closedFacility: return yesNo(form.closedFacility)
        }
    }

    // MARK: Pathway

    static func handlePathway(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard let route = state.route else {
            state.screen = .intake
            return []
        }
        let steps = route.pathways.indices.contains(state.pathwayIndex) ? route.pathways[state.pathwayIndex].steps : []
        switch key {
        case .escape:
            if state.showExcluded { state.showExcluded = false } else { state.screen = .intake }
        case .up, .character("k"):
            state.stepSelection = max(0, state.stepSelection - 1)
        case .down, .character("j"):
            state.stepSelection = min(max(0, steps.count - 1), state.stepSelection + 1)
        case .character("a"):
            if !route.pathways.isEmpty {
                state.pathwayIndex = (state.pathwayIndex + 1) % route.pathways.count
                state.stepSelection = 0
            }
        case .character("x"):
            state.showExcluded.toggle()
        case .character("r"):
            // Refer the person to the selected step's service: the case (once per intake) and a
            // draft referral are made, then the SOP checklist opens.
            guard let step = steps[safe: state.stepSelection], let profile = state.intake.profile else { return [] }
            let request = ReferRequest(caseCode: state.casework.intakeCase, profile: profile, serviceId: step.candidate.entry.serviceId,
                                       need: step.need.code, priority: ReferralPriority(rawValue: step.need.priority.rawValue) ?? .normal,
                                       unmetNeeds: route.needs.filter { $0.status == .unmet }.map(\.need.code),
                                       conditionalNeeds: route.needs.filter { $0.status == .conditional }.map(\.need.code))
            return CaseworkFlow.request(.refer(request), &state)
        case .character("R"):
            return CaseworkFlow.request(.referrals, &state)
        case .enter:
            if steps.indices.contains(state.stepSelection) {
                let entry = steps[state.stepSelection].candidate.entry
                return [.loadDetail(serviceId: entry.serviceId, locationId: entry.locationId)]
            }
        case .character("?"):
            state.showHelp = true
        default:
            break
        }
        return []
    }

    static func minutes(_ m: Double) -> String { ResultSummary.travel(m) }

    static func renderPathway(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let route = state.route else { return }
        TitleBar.render(state, subtitle: s[.pathwayTitle], into: &grid)
        var lines: [(String, Style)] = []
        let pathway = route.pathways.indices.contains(state.pathwayIndex) ? route.pathways[state.pathwayIndex] : nil
        if let pathway {
            lines.append((s.format(.pathwayHeader, ["rank": "\(pathway.rank)", "count": "\(route.pathways.count)",
                                                    "steps": "\(pathway.steps.count)", "handoffs": "\(pathway.handoffs)",
                                                    "travel": minutes(pathway.totalTravelMinutes)]), .emphasis))
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
            var text = "\(DisplayText.fit(need, toWidth: 20)) \(DisplayText.fit(minutes(c.travelMinutes), toWidth: 10)) "
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
            if index == state.stepSelection {
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
                                                          "travel": miss.travelMinutes.map(minutes) ?? "—",
                                                          "reason": miss.reasons.map { s.reason($0.code) }.joined(separator: "; ")])
            }
            lines.append((text, need.status == .unmet ? .danger : .warning))
        }
        if state.showExcluded, let step = pathway?.steps[safe: state.stepSelection],
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
            let selected = stepRows[number] == state.stepSelection && stepRows[number] != nil
            let style = selected ? Style.selected : line.1
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" " + DisplayText.truncate(line.0, toWidth: grid.width - 2), at: Point(x: 0, y: y), style: style, maxWidth: grid.width)
            y += 1
        }
        StatusBar(text: s[.pathwayStatus], hints: [KeyHint("↑↓", s[.hintChoose]), KeyHint("r", s[.hintRefer]), KeyHint("Enter", s[.hintOpen]),
                                                   KeyHint("a", s[.hintAlternative]), KeyHint("x", s[.hintExcluded]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }

    // MARK: Gaps

    static func handleGaps(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch key {
        case .escape, .character("q"):
            state.screen = .directory
        case .character("?"):
            state.showHelp = true
        default:
            _ = state.gapsList.handle(key, visibleRows: max(1, state.size.height - 5))
        }
        return []
    }

    static func renderGaps(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let report = state.gaps else { return }
        TitleBar.render(state, subtitle: s[.gapsTitle], into: &grid)
        let gaps = report.cells.filter { $0.status != .met }
        let unmet = gaps.filter { $0.status == .unmet }.count
        _ = grid.put(" " + s.format(.gapsSummary, ["minutes": "\(Int(report.withinMinutes))", "unmet": "\(unmet)",
                                                    "conditional": "\(gaps.count - unmet)", "cells": "\(report.cells.count)"]),
                     at: Point(x: 0, y: 1), style: .emphasis, maxWidth: grid.width)
        let widths = [11, 18, 10, 24, 13]
        DirectoryScreen.putRow([s[.gapsStatus], s[.columnDistrict], s[.gapsPopulation], s[.columnTypes], s[.columnEligible]],
                               widths: widths, y: 2, style: .muted.bolded(), into: &grid)
        state.gapsList.render(into: &grid, in: Rect(x: 0, y: 3, width: grid.width, height: grid.height - 4)) { index, rect, selected, grid in
            let c = gaps[index]
            if selected { grid.fill(rect, style: .selected) }
            DirectoryScreen.putRow([c.status == .unmet ? s[.gapsUnmet] : s[.gapsConditional], c.districtName, c.population.map(String.init) ?? "—",
                                    s.label(c.serviceType), "\(s.label(c.sex)) \(s.label("band." + c.ageBand.rawValue))"],
                                   widths: widths, y: rect.y, style: selected ? .selected : (c.status == .unmet ? .danger : .warning), into: &grid)
        }
        StatusBar(text: s[.gapsStatusBar], hints: [KeyHint("↑↓", s[.hintScroll]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}

extension Route {
    /// An area's name, from the pathway's own data (the router's snapshot is not kept).
    func areaName(_ pcode: String) -> String? { areaNames[pcode] ?? pcode }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
