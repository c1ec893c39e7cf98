import Casework
import Foundation
import SOP
import Terminal

/// The consent form being filled for one referral: who gives it, what may be shared, the interpreter.
public struct ConsentForm: Sendable, Equatable {
    /// The form's lines, in the order they are shown.
    public enum Line: Int, Sendable, CaseIterable {
        case givenBy, explained, explainedIn, anonymous, basic, contact, screening, safety, narrative, interpreter

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
    public var cursor: Line = .givenBy

    /// A blank form: given by the guardian for a child (who is never assumed to be a parent), by the person otherwise.
    public init(isChild: Bool) {
        givenBy = isChild ? .guardian : .person
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
enum ConsentScreen {
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var form = state.casework.consent, let checklist = state.casework.checklist else {
            state.screen = .checklist
            return []
        }
        defer { state.casework.consent = form }
        let s = state.strings
        switch key {
        case .up, .character("k"):
            form.cursor = ConsentForm.Line(rawValue: max(0, form.cursor.rawValue - 1)) ?? .givenBy
        case .down, .character("j"), .tab:
            form.cursor = ConsentForm.Line(rawValue: min(ConsentForm.Line.allCases.count - 1, form.cursor.rawValue + 1)) ?? .interpreter
        case .enter, .character(" "):
            switch form.cursor {
            case .givenBy:
                // self → guardian → a legal representative → self; the domain refuses who may not consent.
                let order: [ConsentGiver] = [.person, .guardian, .representative]
                form.givenBy = order[((order.firstIndex(of: form.givenBy) ?? 0) + 1) % order.count]
            case .interpreter:
                state.casework.dialog = .text(TextDialog(purpose: .interpreterLanguage, title: s[.consentInterpreter],
                                                         prompt: s[.consentInterpreterPrompt],
                                                         input: TextInput(text: form.interpreterLanguage ?? "", maxLength: 3)))
            case .explained:
                // Space ticks every item (or clears them when all are ticked); 1–4 tick one.
                form.explained = form.explained.count == ConsentExplanation.allCases.count ? [] : Set(ConsentExplanation.allCases)
            case .explainedIn:
                state.casework.dialog = .text(TextDialog(purpose: .explainedInLanguage, title: s[.consentExplainedIn],
                                                         prompt: s[.consentInterpreterPrompt],
                                                         input: TextInput(text: form.explainedIn ?? "", maxLength: 3)))
            default:
                if let scope = form.cursor.scope { form.toggle(scope) }
            }
        case .character(let digit) where form.cursor == .explained && ("1"..."4").contains(digit):
            let item = ConsentExplanation.allCases[Int(String(digit)).map { $0 - 1 } ?? 0]
            if form.explained.contains(item) { form.explained.remove(item) } else { form.explained.insert(item) }
        case .backspace, .delete:
            if form.cursor == .interpreter { form.interpreterLanguage = nil }
            if form.cursor == .explainedIn { form.explainedIn = nil }
        case .character("r"):
            return [.giveConsent(referralId: checklist.referral.id, givenBy: form.givenBy, scopes: form.scopes,
                                 explained: form.explained, explainedIn: form.explainedIn ?? "",
                                 interpreterLanguage: form.interpreterLanguage)]
        case .character("w"):
            state.casework.dialog = .choice(ChoiceDialog(ModalDialog(title: s[.consentWithdrawTitle], message: s[.consentWithdrawAsk],
                                                                     buttons: [s[.consentWithdrawButton], s[.buttonCancel]], selectedButton: 1),
                                                         action: .withdrawConsent(referralId: checklist.referral.id)))
        case .escape:
            state.screen = .checklist
        case .character("?"):
            state.showHelp = true
        default:
            break
        }
        return []
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let form = state.casework.consent, let checklist = state.casework.checklist else { return }
        let referral = checklist.referral
        TitleBar.render(state, subtitle: s.format(.consentTitle, ["referral": referral.id]), into: &grid)
        var y = 1
        func line(_ text: String, _ style: Style = .plain, selected: Bool = false) {
            guard y < grid.height - 2 else { return }
            if selected { grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected) }
            _ = grid.put(" " + DisplayText.truncate(text, toWidth: grid.width - 2), at: Point(x: 0, y: y),
                         style: selected ? .selected : style, maxWidth: grid.width)
            y += 1
        }
        // What to explain, read aloud: the organization, what is shared, the right to refuse and withdraw.
        for piece in DisplayText.wrap(s.format(.consentExplain, ["organization": referral.organizationName, "service": referral.serviceName]),
                                      width: grid.width - 2) {
            line(piece)
        }
        if checklist.isChild {
            for piece in DisplayText.wrap(s[.consentChild], width: grid.width - 2) { line(piece, .warning) }
        }
        y += 1
        let giver: String
        switch form.givenBy {
        case .person: giver = s[.consentBySelf]
        case .guardian: giver = s[.consentByGuardian]
        case .representative: giver = s[.consentByRepresentative]
        }
        line("\(DisplayText.fit(s[.consentGivenBy], toWidth: 16)) \(giver)", .plain, selected: form.cursor == .givenBy)
        let items = ConsentExplanation.allCases.enumerated().map { index, item in
            "\(index + 1)\(form.explained.contains(item) ? "[x]" : "[ ]") \(s.label("explained." + item.rawValue))"
        }.joined(separator: "  ")
        line("\(DisplayText.fit(s[.consentExplained], toWidth: 16)) \(items)", .plain, selected: form.cursor == .explained)
        line("\(DisplayText.fit(s[.consentExplainedIn], toWidth: 16)) \(form.explainedIn ?? s[.consentNotSaid])", .plain,
             selected: form.cursor == .explainedIn)
        line(s[.consentScopes], .heading)
        for scope in DataScope.allCases {
            guard let row = ConsentForm.Line.allCases.first(where: { $0.scope == scope }) else { continue }
            let box = form.scopes.contains(scope) ? "[x]" : "[ ]"
            let adds = scope.fields.map(\.label).joined(separator: ", ")
            let lead = "\(box) \(DisplayText.fit(s.label("scope.\(scope.rawValue)"), toWidth: 10)) "
            // Every field is named, wrapped under the list: a list cut short would hide what is shared.
            let said = (scope == .anonymous ? s[.consentOnly] : s[.consentAdds]) + " " + adds
            for (index, piece) in DisplayText.wrap(said, width: grid.width - 2 - DisplayText.width(lead)).enumerated() {
                line((index == 0 ? lead : String(repeating: " ", count: DisplayText.width(lead))) + piece, .plain,
                     selected: form.cursor == row)
            }
        }
        line("\(DisplayText.fit(s[.consentInterpreter], toWidth: 16)) \(form.interpreterLanguage ?? s[.consentNoInterpreter])", .plain,
             selected: form.cursor == .interpreter)
        y += 1
        if let consent = checklist.consent {
            line(s.format(.consentRecorded, ["by": consent.givenBy, "scopes": consent.scopes.joined(separator: ", "),
                                             "who": consent.obtainedBy]), .muted)
        }
        if let problem = state.casework.problem { CaseworkFlow.renderMessage(problem, style: .warning, into: &grid) }
        StatusBar(text: s[.consentStatus], hints: [KeyHint("↑↓", s[.hintChoose]), KeyHint("Space", s[.hintSwitch]), KeyHint("1-4", s[.hintTick]),
                                                   KeyHint("r", s[.hintRecord]),
                                                   KeyHint("w", s[.hintWithdraw]), KeyHint("Esc", s[.hintBack])])
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}
