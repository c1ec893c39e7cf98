import Casework
import Foundation
import SOP
import Terminal

/// The consent form being filled for one referral: who gives it, what may be shared, the interpreter.
public struct ConsentForm: Sendable, Equatable {
    /// The form's lines, in the order they are shown.
    public enum Line: Int, Sendable, CaseIterable {
        // The scopes from the least shared to the most, then anonymous alone (which clears them).
        case givenBy, explained, explainedIn, basic, contact, screening, safety, narrative, anonymous, interpreter

        /// The scope a line toggles, if it is a scope line.
        var scope: DataScope? {
            switch self {
            case .anonymous: return .anonymous
            case .basic: return .basic
            case .contact: return .contact
            case .screening: return .screening
            case .safety: return .safety
            case .narrative: return .narrative
            case .givenBy, .explained, .explainedIn, .interpreter: return nil
            }
        }
    }

    public var givenBy: ConsentGiver
    public var scopes: Set<DataScope> = []
    /// The interpreter's language code; nil when no interpreter was used.
    public var interpreterLanguage: String?
    /// What was explained to the person, item by item (all four are needed).
    public var explained: Set<ConsentExplanation> = []
    /// The language the explanation was given in.
    public var explainedIn: String?
    /// The line with the keyboard: what is explained comes first.
    public var cursor: Line = .explained

    /// A blank form: given by the guardian for a child (who is never assumed to be a parent), by the person otherwise.
    public init(isChild: Bool) {
        self.init(givenBy: isChild ? .guardian : .person)
    }

    /// A blank form given by whom the domain says gives it now (`Checklist.consentGiver`: a child's own assent to
    /// shelter before a guardian is recorded is given by the child). The language it was explained in is never
    /// assumed: the responder says it.
    public init(givenBy: ConsentGiver) {
        self.givenBy = givenBy
    }

    /// Toggles a scope: `anonymous` stands alone, so choosing it clears the others and the reverse.
    mutating func toggle(_ scope: DataScope) {
        if scopes.contains(scope) {
            scopes.remove(scope)
        } else if scope == .anonymous {
            scopes = [.anonymous]
        } else {
            scopes.remove(.anonymous)
            scopes.insert(scope)
        }
    }
}

/// The consent screen: given by self or guardian, scopes as toggles with the fields each adds, the interpreter; recorded or withdrawn.
public struct ConsentScreen: Sendable, Equatable {
    public var form: ConsentForm
    /// The checklist the form was opened from: its referral, and whether the person is a child.
    public var checklist: Checklist

    /// The form as it opened: quitting loses what differs.
    public private(set) var opened: ConsentForm

    public init(form: ConsentForm, checklist: Checklist) {
        self.form = form
        self.checklist = checklist
        opened = form
    }

    /// Quitting would lose what was ticked or typed and not recorded (moving the cursor changes nothing).
    var hasUnsavedText: Bool {
        var now = form
        now.cursor = opened.cursor
        return now != opened
    }
}

extension ConsentScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case up, down, change, tick, clear, record, withdraw, back
    }

    var screen: Screen { .consent(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        // 1–4 work on the "Explained" line only, and are offered there; withdrawing gives way to them on a narrow bar.
        let onExplained = form.cursor == .explained
        return KeyMap([
            KeyBinding([.up, .character("k")], .up, hint: KeyHint("↑↓", s[.hintChoose]), help: KeyHint("↑↓ j k Tab", s[.helpIntakeMove])),
            KeyBinding([.down, .character("j"), .tab], .down),
            KeyBinding([.enter, .character(" ")], .change, hint: KeyHint("Space", s[.hintSwitch]), help: KeyHint("Space Enter", s[.helpConsentSwitch])),
            KeyBinding([.character("1"), .character("2"), .character("3"), .character("4")], .tick, hint: KeyHint("1-4", s[.hintTick]),
                       help: KeyHint("1-4", s[.helpConsentTick]), when: onExplained),
            KeyBinding([.backspace, .delete], .clear, help: KeyHint("Del", s[.helpConsentClear])),
            KeyBinding([.character("r")], .record, hint: KeyHint("r", s[.hintRecord]), help: KeyHint("r", s[.helpConsentRecord])),
            KeyBinding([.character("w")], .withdraw, hint: onExplained ? nil : KeyHint("w", s[.hintWithdraw]),
                       help: KeyHint("w", s[.helpConsentWithdraw])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpConsentBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        let s = state.strings
        switch action {
        case .back:
            return .pop()
        case .up:
            form.cursor = form.cursor.moved(by: -1)
        case .down:
            form.cursor = form.cursor.moved(by: 1)
        case .change:
            switch form.cursor {
            case .givenBy:
                // self → guardian → a legal representative → self; the domain refuses who may not consent.
                let order: [ConsentGiver] = [.person, .guardian, .representative]
                form.givenBy = order[((order.firstIndex(of: form.givenBy) ?? 0) + 1) % order.count]
            case .interpreter:
                return Reply(push: .dialog(.text(TextDialog(purpose: .interpreterLanguage, title: s[.consentInterpreter],
                                                            prompt: s[.consentInterpreterPrompt],
                                                            input: TextInput(text: form.interpreterLanguage ?? "", maxLength: 3)))))
            case .explained:
                // Space ticks every item (or clears them when all are ticked); 1–4 tick one.
                form.explained = form.explained.count == ConsentExplanation.allCases.count ? [] : Set(ConsentExplanation.allCases)
            case .explainedIn:
                return Reply(push: .dialog(.text(TextDialog(purpose: .explainedInLanguage, title: s[.consentExplainedIn],
                                                            prompt: s[.consentExplainedInPrompt],
                                                            input: TextInput(text: form.explainedIn ?? "", maxLength: 3)))))
            case .anonymous, .basic, .contact, .screening, .safety, .narrative:
                if let scope = form.cursor.scope { form.toggle(scope) }
            }
        case .tick:
            guard case .character(let digit) = key, let number = Int(String(digit)),
                  let item = ConsentExplanation.allCases[safe: number - 1] else { break }
            if form.explained.contains(item) { form.explained.remove(item) } else { form.explained.insert(item) }
        case .clear:
            if form.cursor == .interpreter { form.interpreterLanguage = nil }
            if form.cursor == .explainedIn { form.explainedIn = nil }
        case .record:
            return Reply([.casework(.giveConsent(referralId: checklist.referral.id, givenBy: form.givenBy, scopes: form.scopes,
                                                 explained: form.explained, explainedIn: form.explainedIn ?? "",
                                                 interpreterLanguage: form.interpreterLanguage))])
        case .withdraw:
            let ask = ModalDialog(title: s[.consentWithdrawTitle], message: s[.consentWithdrawAsk],
                                  buttons: [s[.consentWithdrawButton], s[.buttonCancel]], selectedButton: 1)
            return Reply(push: .dialog(.choice(ChoiceDialog(ask, action: .withdrawConsent(referralId: checklist.referral.id)))))
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let referral = checklist.referral
        TitleBar.render(state, subtitle: s.format(.consentTitle, ["referral": referral.id]), into: &grid)
        let width = grid.width - 2
        struct Row {
            var text: String
            var style: Style = .plain
            var line: ConsentForm.Line?
        }
        // What to explain, read aloud: the organization, what is shared, the right to refuse and withdraw.
        var head = DisplayText.wrap(s.format(.consentExplain, ["organization": referral.organizationName, "service": referral.serviceName]),
                                    width: width).map { Row(text: $0) }
        if checklist.isChild {
            head += DisplayText.wrap(s[.consentChild], width: width).map { Row(text: $0, style: .warning) }
        }
        // The labels' column: wide enough for the longest label and a space.
        let labels = [s[.consentGivenBy], s[.consentExplained], s[.consentExplainedIn], s[.consentInterpreter]]
        let labelWidth = labels.map(DisplayText.width).max() ?? 0
        func labelled(_ label: String, _ value: String) -> String { "\(DisplayText.fit(label, toWidth: labelWidth)) \(value)" }
        var body: [Row] = []
        let giver: String
        switch form.givenBy {
        case .person: giver = s[.consentBySelf]
        case .guardian: giver = s[.consentByGuardian]
        case .representative: giver = s[.consentByRepresentative]
        }
        body.append(Row(text: labelled(s[.consentGivenBy], giver), line: .givenBy))
        // Every item is shown with its number and its box, wrapped under the first when they do not fit on one line.
        let items = ConsentExplanation.allCases.enumerated().map { index, item in
            "\(index + 1)\(form.explained.contains(item) ? "[x]" : "[ ]") \(s.label("explained." + item.rawValue))"
        }
        var packed: [String] = []
        for item in items {
            if let last = packed.last, labelWidth + 1 + DisplayText.width(last) + 1 + DisplayText.width(item) <= width {
                packed[packed.count - 1] = last + " " + item
            } else {
                packed.append(item)
            }
        }
        for (index, piece) in packed.enumerated() {
            body.append(Row(text: index == 0 ? labelled(s[.consentExplained], piece) : String(repeating: " ", count: labelWidth + 1) + piece,
                            line: .explained))
        }
        body.append(Row(text: labelled(s[.consentExplainedIn], form.explainedIn ?? s[.consentNotSaid]), line: .explainedIn))
        body.append(Row(text: s[.consentScopes], style: .heading))
        for row in ConsentForm.Line.allCases {
            guard let scope = row.scope else { continue }
            let box = form.scopes.contains(scope) ? "[x]" : "[ ]"
            let adds = scope.fields.map(\.label).joined(separator: ", ")
            let lead = "\(box) \(DisplayText.fit(s.label("scope.\(scope.rawValue)"), toWidth: 10)) "
            // Every field is named, wrapped under the list: a list cut short would hide what is shared.
            let said = (scope == .anonymous ? s[.consentOnly] : s[.consentAdds]) + " " + adds
            for (index, piece) in DisplayText.wrap(said, width: width - DisplayText.width(lead)).enumerated() {
                body.append(Row(text: (index == 0 ? lead : String(repeating: " ", count: DisplayText.width(lead))) + piece, line: row))
            }
        }
        body.append(Row(text: labelled(s[.consentInterpreter], form.interpreterLanguage ?? s[.consentNoInterpreter]), line: .interpreter))
        var foot: [Row] = []
        if let consent = checklist.consent {
            foot.append(Row(text: s.format(.consentRecorded, ["by": consent.givenBy, "scopes": consent.scopes.joined(separator: ", "),
                                                              "who": consent.obtainedBy]), style: .muted))
        }
        // Rows 1 to height - 3 (the last row above the status bar is kept for a message); the blank
        // lines between the parts give way first when the terminal is short.
        let room = grid.height - 3
        let content = head.count + body.count + foot.count
        let gaps = max(0, min(foot.isEmpty ? 1 : 2, room - content))
        let rows = head + (gaps >= 1 ? [Row(text: "")] : []) + body + (gaps >= 2 ? [Row(text: "")] : []) + foot
        for (offset, row) in rows.prefix(room).enumerated() {
            let y = 1 + offset
            let selected = row.line != nil && row.line == form.cursor
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" " + DisplayText.truncate(row.text, toWidth: width), at: Point(x: 0, y: y),
                         style: selected ? .selected : row.style, maxWidth: grid.width)
        }
        if let problem = state.casework.problem { CaseworkFlow.renderMessage(problem, style: .warning, into: &grid) }
        statusBar(s[.consentStatus], state, into: &grid)
    }
}
