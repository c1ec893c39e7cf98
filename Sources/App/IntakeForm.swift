import Casework
import Directory
import Foundation
import Routing
import Terminal

/// The intake form of a new referral: only what eligibility depends on, nothing identifying.
public struct IntakeForm: Sendable, Equatable {
    /// The form's fields, in the order they are shown.
    public enum Field: Int, Sendable, CaseIterable {
        case area, sex, age, needs, priority, ageDisputed, exploitation, nationality, languages, residence, dependents,
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
    /// Whether the responder changed anything since the form opened (quitting would lose it).
    public var edited = false
    /// The needs line as typed when Tab opened the list of types: it opens again with the type chosen added.
    public var needsLine: String?
    /// When the form updates a case's profile (`u` on the checklist): the referral whose checklist opened it, the
    /// case, and the facts as they were. Nil for a new intake.
    private(set) var updateTarget: UpdateTarget?

    /// The case a form updates.
    struct UpdateTarget: Sendable, Equatable {
        var referralId: String
        var caseCode: String
        var before: ProfileChange.Facts
    }

    /// A blank intake, or one carrying the directory's filters (its area, sex, age, service type and language).
    public init(area: String? = nil, sex: String? = nil, age: Int? = nil, needs: [String] = [], languages: [String] = []) {
        self.area = area
        self.sex = sex
        self.age = age
        self.needs = needs
        self.priorities = needs.map { _ in .normal }
        self.languages = languages
    }

    /// Quitting would lose what the responder entered.
    var hasUnsavedText: Bool { edited }

    /// An open picker takes the keys (typing finds a choice, or is the age or the needs).
    var takesText: Bool { picker != nil }

    /// The form over a case's profile as recorded, to update it from the checklist: only the facts that describe
    /// the person (needs belong to each referral).
    public init(updating profile: ClientProfile, caseCode: String, referralId: String) {
        self.init(area: profile.area, sex: profile.sex?.rawValue, languages: profile.languages)
        if case .exact(let years) = profile.age { age = years }
        ageDisputed = profile.ageBasis == .disputed
        exploitation = profile.exploitation.map(\.rawValue)
        nationality = profile.nationality
        residence = profile.legalResidence
        dependents = profile.dependents
        unaccompanied = profile.unaccompanied
        police = profile.police
        closedFacility = profile.acceptsClosedFacility
        updateTarget = UpdateTarget(referralId: referralId, caseCode: caseCode, before: facts)
    }

    /// The facts the form says of the person.
    public var facts: ProfileChange.Facts {
        ProfileChange.Facts(area: area, sex: sex, age: age, ageDisputed: ageDisputed, exploitation: exploitation, nationality: nationality,
                            languages: languages, residence: residence, dependents: dependents, unaccompanied: unaccompanied,
                            police: police, closedFacility: closedFacility)
    }

    /// The fields shown: every one for a new intake; for an update, not the needs.
    var fields: [Field] {
        updateTarget == nil ? Field.allCases : Field.allCases.filter { $0 != .needs && $0 != .priority }
    }

    /// The field `step` places after the cursor, among those shown.
    func field(movedBy step: Int) -> Field {
        let shown = fields
        guard let index = shown.firstIndex(of: cursor) else { return shown.first ?? cursor }
        return shown[min(max(0, index + step), shown.count - 1)]
    }

    /// Replaces the needs and their priorities.
    mutating func setNeeds(_ list: [Need]) {
        needs = list.map(\.code)
        priorities = list.map(\.priority)
    }

    /// The needs with their priorities.
    public var needList: [Need] {
        needs.enumerated().map { Need($0.element, priority: priorities.indices.contains($0.offset) ? priorities[$0.offset] : .normal) }
    }

    /// The person the form describes.
    public var profile: ClientProfile? {
        guard let area else { return nil }
        var profile = ClientProfile(area: area, sex: sex.flatMap(Sex.init(rawValue:)), languages: languages, nationality: nationality,
                                    exploitation: exploitation.compactMap(ExploitationType.init(rawValue:)),
                                    // Formal identification is the competent authority's decision (`case decision`), never the intake's: unknown here.
                                    legalResidence: residence, formallyIdentified: .unknown, dependents: dependents,
                                    unaccompanied: unaccompanied, police: police, acceptsClosedFacility: closedFacility)
        profile.setAge(age.map { .exact($0) } ?? .unknown, basis: ageDisputed ? .disputed : .stated)
        return profile
    }
}

extension IntakeForm: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case up, down, edit, clear, route, back
    }

    var screen: Screen { .intake(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .character("k")], .up, hint: KeyHint("↑↓", s[.hintChoose]), help: KeyHint("↑↓ j k Tab", s[.helpIntakeMove])),
            KeyBinding([.down, .character("j"), .tab], .down),
            KeyBinding([.enter, .character(" ")], .edit, hint: KeyHint("Enter", s[.hintSet]), help: KeyHint("Enter Space", s[.helpIntakeEdit])),
            KeyBinding([.backspace, .delete, .character("x")], .clear, hint: KeyHint("Del", s[.hintClear]), help: KeyHint("Del", s[.helpClearFacet])),
            KeyBinding([.character("r"), .function(5)], .route, hint: KeyHint("r", updateTarget == nil ? s[.hintRoute] : s[.hintSave]),
                       help: KeyHint("r F5", updateTarget == nil ? s[.helpIntakeRoute] : s[.helpUpdateSave])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .back:
            return .pop()
        case .up:
            cursor = field(movedBy: -1)
        case .down:
            cursor = field(movedBy: 1)
        case .edit:
            Self.edit(&self, state)
        case .clear:
            Self.clear(&self)
            edited = true
        case .route:
            if let target = updateTarget {
                // An update: the facts that changed go to the case; the checklist is read again.
                let change = ProfileChange(before: target.before, after: facts)
                guard !change.isEmpty else {
                    problem = state.strings[.updateUnchanged]
                    return Reply()
                }
                guard area != nil else {
                    problem = state.strings[.intakeNeedsArea]
                    return Reply()
                }
                problem = nil
                return Reply([.casework(.updateProfile(referralId: target.referralId, caseCode: target.caseCode, change))])
            }
            guard let profile else {
                problem = state.strings[.intakeNeedsArea]
                return Reply()
            }
            guard !needs.isEmpty else {
                problem = state.strings[.intakeNeedsNeed]
                return Reply()
            }
            problem = nil
            return Reply([.referral(.route(profile, needList, at: state.now))])
        }
        return Reply()
    }

    /// An open picker takes every key; a digit on the age field starts typing the age; on the sex field the first
    /// letter of a sex (f, m, o: no key of the form's own) sets it and moves on.
    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? {
        if picker == nil, cursor == .age, case .character(let c) = key, c.isASCII, c.isNumber {
            picker = .number(.age, TextInput(text: String(c), maxLength: 3), error: nil)
            return Reply()
        }
        if picker == nil, cursor == .sex, case .character(let c) = key, c.isLetter,
           let sex = Vocabulary.sexes.first(where: { state.strings.label($0).lowercased().hasPrefix(String(c).lowercased()) }) {
            self.sex = sex
            edited = true
            cursor = field(movedBy: 1)
            return Reply()
        }
        guard let picker else { return nil }
        Self.handlePicker(key, picker, &self, state)
        return Reply()
    }

    private static func edit(_ form: inout IntakeForm, _ state: AppState) {
        let s = state.strings
        switch form.cursor {
        case .area:
            var picker = TreePicker(roots: Array(AreaTree.nodes(state.options.areas, any: s[.any]).dropFirst()), chosen: form.area)
            if let area = form.area { picker.moveCursor(to: area) }
            form.picker = .tree(.area, picker)
        case .needs:
            // The needs as one line, in the command line's syntax; Tab in it opens the list of types.
            form.picker = .text(.needs, TextInput(text: form.needList.isEmpty ? "" : NeedList.format(form.needList) + ", ", maxLength: 300),
                                error: nil)
        case .sex:
            let values: [String?] = [nil] + Vocabulary.sexes
            form.picker = .list(.sex, ListView(itemCount: values.count, selection: values.firstIndex(of: form.sex) ?? 0), values: values)
        case .age:
            form.picker = .number(.age, TextInput(text: form.age.map(String.init) ?? "", maxLength: 3), error: nil)
        case .dependents:
            form.dependents = (form.dependents + 1) % 10
            form.edited = true
        case .priority:
            // The priority of the last need added: normal → urgent → emergency → normal.
            guard !form.priorities.isEmpty else { return }
            let current = form.priorities[form.priorities.count - 1]
            form.priorities[form.priorities.count - 1] = current == .normal ? .urgent : current == .urgent ? .emergency : .normal
            form.edited = true
        case .exploitation:
            form.picker = .choices(title: s[.intakeExploitation], ListView(itemCount: Vocabulary.exploitationTypes.count, selection: 0),
                                   values: Vocabulary.exploitationTypes)
        case .nationality:
            form.picker = .text(.nationality, TextInput(text: form.nationality ?? "", maxLength: 2), error: nil)
        case .languages:
            form.picker = .text(.languages, TextInput(text: form.languages.joined(separator: " "), maxLength: 40), error: nil)
        case .residence:
            form.residence = next(form.residence)
            form.edited = true
        case .ageDisputed:
            form.ageDisputed.toggle()
            form.edited = true
        case .unaccompanied:
            // unknown → yes → separated → no → unknown.
            let order: [UnaccompaniedStatus] = [.unknown, .yes, .separated, .no]
            form.unaccompanied = order[((order.firstIndex(of: form.unaccompanied) ?? 0) + 1) % order.count]
            form.edited = true
        case .police:
            // undecided → will-not → will → undecided.
            let order: [PoliceStance] = [.undecided, .willNot, .will]
            form.police = order[((order.firstIndex(of: form.police) ?? 0) + 1) % order.count]
            form.edited = true
        case .closedFacility:
            form.closedFacility.toggle()
            form.edited = true
        }
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
        case .ageDisputed: form.ageDisputed = false
        case .unaccompanied: form.unaccompanied = .unknown
        case .police: form.police = .undecided
        case .closedFacility: form.closedFacility = false
        }
    }

    /// A key in the open picker: Enter sets the field (an exploitation type or a need from the list is added) and
    /// moves to the next field; Esc closes it; Tab in the needs line opens the list of service types.
    private static func handlePicker(_ key: Key, _ picker: Picker, _ form: inout IntakeForm, _ state: AppState) {
        if key == .tab, case .text(.needs, let line, _) = picker {
            // The line typed so far waits: the type chosen from the list is added to it, and the line opens again.
            form.needsLine = line.text
            form.picker = .tree(.serviceType, TreePicker(roots: Array(ServiceTypeTree.nodes(any: state.strings[.any], strings: state.strings).dropFirst())))
            return
        }
        switch picker.handle(key, rows: max(1, state.size.height - 8), strings: state.strings) {
        case .open(let changed):
            form.picker = changed
        case .closed:
            form.picker = nil
            if let line = form.needsLine {
                form.needsLine = nil
                form.picker = .text(.needs, TextInput(text: line, maxLength: 300), error: nil)
            }
        case .chose(let value):
            form.picker = nil
            form.edited = true
            if let line = form.needsLine, case .node(.serviceType, let code) = value {
                form.needsLine = nil
                var kept = line.trimmingCharacters(in: .whitespaces)
                while kept.hasSuffix(",") { kept = String(kept.dropLast()).trimmingCharacters(in: .whitespaces) }
                form.picker = .text(.needs, TextInput(text: (kept.isEmpty ? "" : kept + ", ") + code, maxLength: 300), error: nil)
                return
            }
            switch value {
            case .node(.area, let id):
                form.area = id
            case .node(_, let id):
                guard !form.needs.contains(id) else { break }
                form.needs.append(id)
                form.priorities.append(.normal)
            case .listed(_, let sex):
                form.sex = sex
            case .age(let age):
                form.age = age
            case .code(let type):
                if !form.exploitation.contains(type) { form.exploitation.append(type) }
            case .text(.nationality, let code):
                form.nationality = code.isEmpty ? nil : code
            case .text(.languages, let text):
                form.languages = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            case .text(.needs, _):
                break
            case .needs(let list):
                form.setNeeds(list)
            }
            // A value set, the next field is the one to fill (an exploitation type may be one of several: stay).
            if form.cursor != .exploitation { form.cursor = form.field(movedBy: 1) }
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let form = self
        TitleBar.render(state, subtitle: updateTarget.map { s.format(.updateTitle, ["case": $0.caseCode]) } ?? s[.intakeTitle], into: &grid)
        _ = grid.put(" " + s[.intakeExplain], at: Point(x: 0, y: 1), style: .muted, maxWidth: grid.width)
        for (row, field) in form.fields.enumerated() {
            let y = 3 + row
            let selected = form.cursor == field
            let label = DisplayText.fit(Self.label(field, s), toWidth: 40)
            let value = DisplayText.truncate(Self.value(field, form, state), toWidth: grid.width - 44)
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" \(label)  \(value)", at: Point(x: 0, y: y), style: selected ? .selected : .plain, maxWidth: grid.width)
        }
        if let problem = form.problem {
            _ = grid.put(" \(problem)", at: Point(x: 0, y: grid.height - 2), style: .warning, maxWidth: grid.width)
        }
        statusBar(updateTarget == nil ? s[.intakeStatus] : s[.updateStatus], state, into: &grid)
        if let picker = form.picker { picker.render(state, into: &grid) }
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
        case .dependents: return String(form.dependents)
        case .unaccompanied: return s.label("unaccompanied." + form.unaccompanied.rawValue)
        case .police: return s.label("police." + form.police.rawValue)
        case .closedFacility: return yesNo(form.closedFacility)
        }
    }
}
