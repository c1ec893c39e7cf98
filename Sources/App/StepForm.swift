import Casework
import Routing
import SOP
import Terminal

/// A small form for one simple SOP step (safety, age, guardian, child's views, best interests, risk), recorded as `StepDetails`.
///
/// The answers are the ones Casework checks and types (`StepDetails.structured`): the guardian's
/// relationship, who appointed them and whether they are suspected of involvement; the
/// best-interests outcome, who decided, when and by which procedure; the child's views on this
/// referral; and, in the risk step, the codes explained to the person (`acknowledged`). A step
/// the UI has no form of its own for (a coordinator's own step) gets one note field.
public struct StepForm: Sendable, Equatable {
    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case pending
        /// Record these details for the step.
        case submit(StepDetails)
        case cancel
    }

    /// One field of the form.
    public struct Field: Sendable, Equatable {
        /// How a field is filled.
        public enum Kind: Sendable, Equatable {
            /// One of a few codes, switched with Space or the arrows.
            case choice([String])
            /// A line of text.
            case text
            /// A whole number of years.
            case number
        }

        /// The answer's key in `StepDetails.answers` (or the age record's part).
        public var key: String
        public var label: String
        public var kind: Kind
        /// The chosen code's index, for a choice.
        public var chosen: Int?
        /// The option under the highlight, for a choice: ←→ move it, Space chooses it (or un-chooses it).
        public var highlight = 0
        public var input: TextInput
        /// Whether the form refuses to record without it.
        public var required: Bool

        init(_ key: String, _ label: String, _ kind: Kind, required: Bool) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
            input = TextInput(maxLength: kind == .number ? 3 : 200)
        }

        /// The typed text, trimmed; nil when empty.
        var text: String? {
            let trimmed = input.text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }

        /// The chosen code; nil when none.
        var code: String? {
            guard case .choice(let codes) = kind, let chosen, codes.indices.contains(chosen) else { return nil }
            return codes[chosen]
        }
    }

    public var stepId: String
    public var scope: StepScope
    public var referralId: String
    public var title: String
    /// What to tell the responder before they fill it in.
    public var explain: String
    /// The risk step's codes to explain to the person (notes and conditions of the receiving
    /// service), recorded as `acknowledged` once the responder says they were explained.
    public var acknowledge: [String] = []
    /// Each code to explain with its sentence, as shown.
    public var acknowledgeLines: [String] = []
    public var fields: [Field]
    /// The fields as the form opened (blank, or the answers recorded before): what quitting would lose is the difference.
    public private(set) var opened: [Field] = []
    /// The field with the keyboard.
    public var cursor = 0
    /// Why the last attempt was refused.
    public var error: String?

    /// The form for a procedure step of a referral; `acknowledge` are the codes the risk step must
    /// have explained to the person (`CaseStore.eligibility(of:directory:)`); `recorded`, the step's
    /// latest answers (`ChecklistRow.details`), which the form starts from.
    public init(step: ProcedureStep, referralId: String, isChild: Bool, acknowledge: [String] = [], recorded: StepDetails? = nil,
                strings s: StringTable) {
        stepId = step.id.rawValue
        scope = step.scope
        self.referralId = referralId
        title = s.stepLabel(step.id)
        explain = step.instruction
        switch step.id {
        case "safety":
            explain = s[.safetyExplain]
            fields = [Field("in_danger", s[.safetyInDanger], .choice(["yes", "no"]), required: true),
                      Field("action", s[.safetyAction], .text, required: false)]
        case "age":
            explain = s[.ageExplain]
            fields = [Field("basis", s[.ageBasis], .choice(AgeBasis.allCases.map(\.rawValue)), required: true),
                      Field("years", s[.ageYears], .number, required: false),
                      Field("from", s[.ageFrom], .number, required: false),
                      Field("to", s[.ageTo], .number, required: false),
                      Field("assessed_by", s[.ageAssessedBy], .text, required: false),
                      Field("assessed_on", s[.ageAssessedOn], .text, required: false),
                      Field("assessment_method", s[.ageAssessmentMethod], .text, required: false)]
        case "guardian":
            explain = s[.guardianExplain]
            fields = [Field("relationship", s[.guardianRelationship], .text, required: true),
                      Field("appointed_by", s[.guardianAppointed], .text, required: true),
                      Field("suspected_of_involvement", s[.guardianSuspected], .choice(["yes", "no"]), required: true),
                      Field("name", s[.guardianName], .text, required: false)]
        case "child-views":
            explain = s[.childViewsExplain]
            fields = [Field("views", s[.childViews], .text, required: true),
                      Field("agrees", s[.childViewsAgrees], .choice(["yes", "no", "undecided"]), required: false)]
        case "best-interests":
            explain = s[.bestInterestsExplain]
            var procedure = Field("procedure", s[.bestInterestsProcedure], .choice(["determination", "assessment"]), required: true)
            procedure.chosen = 0   // the default: a formal determination
            fields = [Field("outcome", s[.bestInterestsOutcome], .choice(ChildLaw.outcomes), required: true),
                      Field("decided_by", s[.bestInterestsDecidedBy], .text, required: true),
                      Field("decided_on", s[.bestInterestsDecidedOn], .text, required: true),
                      procedure]
        case "risk":
            explain = s[.riskExplain]
            // From traffickers: none known, suspected or known (a letter chooses), and what is known.
            fields = [Field("traffickers", s[.riskTraffickers], .choice(["none known", "suspected", "known"]), required: true),
                      Field("traffickers_details", s[.riskTraffickersDetails], .text, required: false),
                      Field("receiving_service", s[.riskService], .text, required: true)]
            if !acknowledge.isEmpty {
                // Said to the person, then recorded: every code shown, or none.
                self.acknowledge = acknowledge
                acknowledgeLines = [s[.riskAcknowledge]] + acknowledge.map { "• \($0): \(s.note($0))" }
                fields.append(Field("explained", s[.riskExplained], .choice(["yes"]), required: true))
            }
        default:
            fields = [Field("note", s[.stepNote], .text, required: true)]
        }
        if let recorded { prefill(recorded) }
        opened = fields
    }

    /// Fills the fields with answers already recorded, so that saving again changes only what is
    /// changed (a new record supersedes the old one; saving untouched records the same answers).
    mutating func prefill(_ recorded: StepDetails) {
        var values = recorded.answers
        if let age = recorded.age {
            values = ["basis": age.basis.rawValue]
            values["years"] = age.years.map(String.init)
            values["from"] = age.from.map(String.init)
            values["to"] = age.to.map(String.init)
            values["assessed_by"] = age.assessedBy
            values["assessed_on"] = age.assessedOn
            values["assessment_method"] = age.assessmentMethod
        }
        // Recorded without a procedure, an outcome is an assessment (`BestInterestsRecord`): never shown as the form's default.
        if let record = recorded.bestInterests { values["procedure"] = record.procedure }
        // The codes explained then are "explained: yes" now only if they are every code to explain now.
        if !acknowledge.isEmpty, let done = recorded.acknowledged, Set(acknowledge).isSubset(of: Set(done)) { values["explained"] = "yes" }
        for index in fields.indices {
            guard let value = values[fields[index].key] else { continue }
            switch fields[index].kind {
            case .choice(let codes):
                if let chosen = codes.firstIndex(of: value) {
                    fields[index].chosen = chosen
                    fields[index].highlight = chosen
                } else if let note = fields.firstIndex(where: { $0.key == fields[index].key + "_details" }) {
                    // A free-text answer (recorded from the command line) goes to the details, not lost.
                    fields[note].input.setText(value)
                }
            case .text, .number:
                fields[index].input.setText(value)
            }
        }
    }

    /// Fills an age form not yet recorded with what the intake said (its years and whether it is disputed):
    /// the responder confirms or corrects it rather than typing it again.
    mutating func prefillAge(from profile: ClientProfile) {
        guard stepId == "age", case .exact(let years) = profile.age else { return }
        var values = ["basis": profile.ageBasis.rawValue, "years": String(years)]
        if profile.ageBasis == .assessed { values["basis"] = nil }
        prefill(StepDetails(answers: values))
        opened = fields
    }

    /// Fills the risk form's receiving-service answer with what the directory says of the service, to confirm or correct.
    mutating func prefillReceivingService(_ text: String) {
        guard stepId == "risk", let index = fields.firstIndex(where: { $0.key == "receiving_service" }),
              fields[index].input.text.isEmpty else { return }
        fields[index].input.setText(text)
        opened = fields
    }

    /// Handles a key: Tab and ↑↓ move between fields; on a choice ←→ move the highlight, Space chooses the
    /// highlighted option (again: un-chooses it), a letter chooses the option it begins; Enter records, Esc cancels.
    public mutating func handle(_ key: Key, strings s: StringTable) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .enter:
            do {
                let details = try self.details(strings: s)
                error = nil
                return .submit(details)
            } catch {
                self.error = error.description
                return .pending
            }
        case .tab, .down:
            cursor = (cursor + 1) % fields.count
        case .backTab, .up:
            cursor = (cursor + fields.count - 1) % fields.count
        default:
            var field = fields[cursor]
            switch field.kind {
            case .choice(let codes):
                switch key {
                case .character(" "): field.chosen = field.chosen == field.highlight ? nil : field.highlight
                case .right: field.highlight = (field.highlight + 1) % codes.count
                case .left: field.highlight = (field.highlight + codes.count - 1) % codes.count
                case .backspace, .delete: field.chosen = nil
                case .character(let c) where c.isLetter:
                    let letter = String(c).lowercased()
                    guard let index = codes.firstIndex(where: { s.label("answer.\($0)").lowercased().hasPrefix(letter) }) else { return .pending }
                    field.chosen = index
                    field.highlight = index
                default: return .pending
                }
            case .number:
                if case .character(let c) = key, !c.isASCII || !c.isNumber { return .pending }
                field.input.handle(key, width: 10)
            case .text:
                field.input.handle(key, width: 40)
            }
            fields[cursor] = field
        }
        return .pending
    }

    /// The details the form says, or why it cannot be recorded (a required field empty, an implausible age).
    func details(strings s: StringTable) throws(CaseworkError) -> StepDetails {
        for field in fields where field.required && field.text == nil && field.code == nil {
            throw .invalidInput(s.format(.stepRequired, ["field": field.label]))
        }
        if stepId == "age" {
            func number(_ key: String) -> Int? { fields.first { $0.key == key }?.text.flatMap { Int($0) } }
            let basis = fields.first { $0.key == "basis" }?.code.flatMap(AgeBasis.init(rawValue:)) ?? .stated
            func text(_ key: String) -> String? { fields.first { $0.key == key }?.text }
            return StepDetails(age: try AgeRecord(basis: basis, years: number("years"), from: number("from"), to: number("to"),
                                                  assessedBy: text("assessed_by"), assessedOn: text("assessed_on"),
                                                  assessmentMethod: text("assessment_method")))
        }
        var answers: [String: String] = [:]
        for field in fields {
            if let value = field.code ?? field.text { answers[field.key] = value }
        }
        if stepId == "risk" && !acknowledge.isEmpty {
            // The "explained" choice is required above: what it says is that these codes were explained.
            answers["explained"] = nil
            answers["acknowledged"] = acknowledge.joined(separator: ",")
        }
        return StepDetails(answers: answers)
    }

    /// Whether a choice field's options fit on its label's row.
    func inlineChoice(_ field: Field, _ s: StringTable, width: Int) -> Bool {
        guard case .choice(let codes) = field.kind else { return false }
        let options = codes.map { DisplayText.width(s.label("answer.\($0)")) + 7 }.reduce(0, +)
        return DisplayText.width(field.label) + 4 + options <= width
    }

    /// Draws the form as a box over the screen.
    public func render(into grid: inout Grid, strings s: StringTable) {
        let width = min(76, grid.width - 2)
        let inner = width - 4
        let explainLines = DisplayText.wrap(explain, width: inner)
        let errorLines = error.map { DisplayText.wrap($0, width: inner) } ?? []
        // The codes to explain: each wrapped in full under its bullet; when the screen is too
        // short for them all, the fields keep their rows and the list ends with "…".
        var noteLines: [String] = []
        for (index, line) in acknowledgeLines.enumerated() {
            let wrapped = DisplayText.wrap(line, width: index == 0 ? inner : inner - 2)
            noteLines += wrapped.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
        }
        let fixed = explainLines.count + fields.map { inlineChoice($0, s, width: inner) ? 1 : 2 }.reduce(0, +) + errorLines.count + 5
        let room = max(0, grid.height - 2 - fixed - 1)
        if noteLines.count > room {
            noteLines = Array(noteLines.prefix(max(0, room - 1))) + (room > 0 ? ["…"] : [])
        }
        let height = min(grid.height - 2, fixed + (noteLines.isEmpty ? 0 : noteLines.count + 1))
        let box = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(box)
        grid.drawBox(box, title: " \(title) ", titleStyle: .emphasis)
        var y = box.y + 1
        for line in explainLines {
            _ = grid.put(line, at: Point(x: box.x + 2, y: y), maxWidth: inner)
            y += 1
        }
        if !noteLines.isEmpty {
            y += 1
            for (index, line) in noteLines.enumerated() {
                _ = grid.put(line, at: Point(x: box.x + 2, y: y), style: index == 0 ? .emphasis : .plain, maxWidth: inner)
                y += 1
            }
        }
        y += 1
        var cursorPoint: Point?
        for (index, field) in fields.enumerated() {
            let focused = index == cursor
            let label = field.label + (field.required ? " *" : "")
            _ = grid.put(label, at: Point(x: box.x + 2, y: y), style: focused ? .emphasis : .plain, maxWidth: inner)
            // A choice that fits beside its label stays on the label's row: the form keeps room for what to explain.
            let inline = inlineChoice(field, s, width: inner)
            if !inline { y += 1 }
            let rect = inline ? Rect(x: box.x + 2 + DisplayText.width(label) + 2, y: y, width: inner - DisplayText.width(label) - 2, height: 1)
                              : Rect(x: box.x + 4, y: y, width: inner - 2, height: 1)
            switch field.kind {
            case .choice(let codes):
                // The options from the first one that keeps the highlighted option in view.
                let texts = codes.enumerated().map { ((field.chosen == $0.offset ? "(•) " : "( ) ") + s.label("answer.\($0.element)")) }
                var first = 0
                while first < field.highlight,
                      texts[first...field.highlight].map({ DisplayText.width($0) + 3 }).reduce(0, +) > rect.width {
                    first += 1
                }
                var x = rect.x
                if first > 0 { x += grid.put("… ", at: Point(x: x, y: y), style: .muted, maxWidth: rect.maxX - x) }
                for offset in first..<codes.count where x < rect.maxX {
                    let chosen = field.chosen == offset
                    let style: Style = focused && offset == field.highlight ? .selected : (chosen ? .emphasis : .plain)
                    x += grid.put(texts[offset], at: Point(x: x, y: y), style: style, maxWidth: rect.maxX - x) + 3
                }
            case .text, .number:
                field.input.render(into: &grid, in: rect, style: focused ? .selected : Style(underline: true), focused: focused)
                if focused { cursorPoint = grid.cursor }
            }
            y += 1
        }
        grid.cursor = cursorPoint
        for line in errorLines where y < box.maxY - 2 {
            _ = grid.put(line, at: Point(x: box.x + 2, y: y), style: .warning, maxWidth: inner)
            y += 1
        }
        _ = grid.put(s[.stepFormKeys], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: inner)
    }
}
