import Casework
import Foundation
import SOP
import Terminal

/// The identifying data of one case being edited: name, date of birth, phone, address, account, safety concerns,
/// a safe way to make contact, disability.
///
/// Holds what the case store decrypted for this form only; it is dropped when the form
/// closes. Only the fields changed here are sent to be saved, so a value typed elsewhere
/// (an account with line breaks, given to the command line) is never rewritten by accident.
public struct IdentityForm: Sendable, Equatable {
    /// One field of the form.
    public struct Field: Sendable, Equatable {
        /// The field's key in the identifying data's JSON (`date_of_birth`, ...).
        public var key: String
        /// The referral form's field it fills: its consent scope says when a form may carry it.
        public var formField: FormField
        public var label: String
        public var input: TextInput
        /// What was recorded when the form opened, as the field shows it.
        public var recorded: String

        init(_ key: String, _ formField: FormField, _ label: String, recorded: String?, maxLength: Int, placeholder: String = "") {
            self.key = key
            self.formField = formField
            self.label = label
            input = TextInput(text: recorded ?? "", placeholder: placeholder, maxLength: maxLength)
            self.recorded = input.text
        }

        /// The typed text, trimmed.
        var text: String { input.text.trimmingCharacters(in: .whitespaces) }

        /// Whether the field differs from what was recorded.
        var changed: Bool { text != recorded.trimmingCharacters(in: .whitespaces) }

        /// The consent scope that lets a form carry this field.
        public var scope: DataScope? { DataScope.allCases.first { $0.fields.contains(formField) } }
    }

    public var caseCode: String
    public var fields: [Field]
    /// The field with the keyboard.
    public var cursor = 0
    /// Why the last attempt was refused: the form's own rule or the domain's sentence.
    public var error: String?

    /// The form over what the case store holds (nil: nothing recorded yet).
    public init(caseCode: String, identity: Identity?, strings s: StringTable) {
        self.caseCode = caseCode
        let recorded = identity ?? Identity()
        // The domain accepts up to 20,000 characters in any field.
        fields = [
            Field("name", .name, s[.identityName], recorded: recorded.name, maxLength: 500),
            Field("date_of_birth", .dateOfBirth, s[.identityDateOfBirth], recorded: recorded.dateOfBirth, maxLength: 10,
                  placeholder: s[.identityDatePlaceholder]),
            Field("phone", .phone, s[.identityPhone], recorded: recorded.phone, maxLength: 200),
            Field("address", .address, s[.identityAddress], recorded: recorded.address, maxLength: 2_000),
            Field("narrative", .narrative, s[.identityNarrative], recorded: recorded.narrative, maxLength: 20_000),
            Field("safety_concerns", .safetyConcerns, s[.identitySafetyConcerns], recorded: recorded.safetyConcerns, maxLength: 20_000),
            Field("safe_contact", .safeContact, s[.identitySafeContact], recorded: recorded.safeContact, maxLength: 2_000),
            Field("disability", .disability, s[.identityDisability], recorded: recorded.disability, maxLength: 2_000),
        ]
    }

    /// Whether any field differs from what was recorded.
    public var changed: Bool { fields.contains(where: \.changed) }

    /// Quitting would lose what was typed and not saved.
    var hasUnsavedText: Bool { changed }

    /// Every letter is typed into a field.
    var takesText: Bool { true }

    /// The changed fields as identifying data, read by the domain's own parser (which checks the date
    /// of birth); or why they cannot be saved.
    func identity(strings s: StringTable) throws(CaseworkError) -> Identity {
        var given: [String: String] = [:]
        for field in fields where field.changed {
            // The store keeps a field it is not given: an emptied field would look removed and not be.
            guard !field.text.isEmpty else { throw .invalidInput(s.format(.identityCannotEmpty, ["field": field.label])) }
            given[field.key] = field.text
        }
        guard !given.isEmpty else { throw .invalidInput(s[.identityUnchanged]) }
        return try Identity.parse(fields: given)
    }
}

/// The identifying-data screen of the checklist's case: each field, the consent scope that shares it, and what is recorded.
extension IdentityForm: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case next, previous, edit, save, cancel
    }

    var screen: Screen { .identity(self) }

    var showsCaseworkMessages: Bool { true }

    /// Every key but these is text in a field (`?` too): the form's keys are on its status bar.
    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.tab, .down], .next, hint: KeyHint("Tab", s[.hintNext]), help: KeyHint("Tab ↓ / Shift-Tab ↑", s[.helpIdentityMove])),
            KeyBinding([.backTab, .up], .previous),
            KeyBinding([.left, .right, .home, .end], .edit, help: KeyHint("← → Home End", s[.helpIdentityEdit])),
            KeyBinding([.enter], .save, hint: KeyHint("Enter", s[.hintSave]), help: KeyHint("Enter", s[.helpIdentitySave])),
            KeyBinding([.escape], .cancel, hint: KeyHint("Esc", s[.hintCancel]), help: KeyHint("Esc", s[.helpIdentityBack])),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .cancel:
            // What was decrypted for the form goes with it.
            return .pop()
        case .next:
            cursor = (cursor + 1) % fields.count
        case .previous:
            cursor = (cursor + fields.count - 1) % fields.count
        case .edit:
            return unbound(key, &state)
        case .save:
            do {
                let identity = try identity(strings: state.strings)
                error = nil
                return Reply([.casework(.saveIdentity(caseCode: caseCode, identity))])
            } catch {
                self.error = error.description
            }
        }
        return Reply()
    }

    /// Text for the field with the keyboard.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        if fields[cursor].input.handle(key, width: Self.columns(width: state.size.width).fieldWidth) { error = nil }
        return Reply()
    }

    /// Where the labels, the fields and the scope column start, for a screen `width` columns wide.
    static func columns(width: Int) -> (label: Int, field: Int, fieldWidth: Int, scope: Int) {
        let scopeWidth = 13
        // Wide enough for the longest label, "Safe way to make contact", and a space.
        let field = 27
        let scope = width - scopeWidth - 1
        return (1, field, max(10, scope - field - 2), scope)
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let form = self
        TitleBar.render(state, subtitle: s.format(.identityTitle, ["case": form.caseCode]), into: &grid)
        var y = 1
        for line in DisplayText.wrap(s[.identityExplain], width: grid.width - 2).prefix(4) {
            _ = grid.put(" " + line, at: Point(x: 0, y: y), maxWidth: grid.width)
            y += 1
        }
        y += 1
        let column = Self.columns(width: grid.width)
        _ = grid.put(s[.identityHeading], at: Point(x: column.label, y: y), style: .heading, maxWidth: column.scope - 1)
        _ = grid.put(s[.identityConsentHeading], at: Point(x: column.scope, y: y), style: .heading, maxWidth: grid.width - column.scope)
        y += 1
        var cursorPoint: Point?
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.cursor
            _ = grid.put(DisplayText.fit(field.label, toWidth: column.field - column.label - 1), at: Point(x: column.label, y: y),
                         style: focused ? .emphasis : .plain)
            field.input.render(into: &grid, in: Rect(x: column.field, y: y, width: column.fieldWidth, height: 1),
                               style: focused ? .selected : Style(underline: true), focused: focused)
            if focused { cursorPoint = grid.cursor }
            if let scope = field.scope {
                _ = grid.put(s.label("scope.\(scope.rawValue)"), at: Point(x: column.scope, y: y), style: .muted,
                             maxWidth: grid.width - column.scope)
            }
            y += 1
        }
        grid.cursor = cursorPoint

        // The field with the keyboard, in full, when it is wider than its box.
        let messageLines = form.error.map { min(3, DisplayText.wrap($0, width: grid.width - 2).count) } ?? 0
        let bottom = grid.height - 1 - messageLines
        if let field = form.fields[safe: form.cursor], DisplayText.width(field.input.text) >= column.fieldWidth, y + 2 < bottom {
            y += 1
            _ = grid.put(" " + s.format(.identityInFull, ["field": field.label]), at: Point(x: 0, y: y), style: .muted, maxWidth: grid.width)
            y += 1
            let lines = DisplayText.wrap(field.input.text, width: grid.width - 4)
            let room = bottom - y
            for (offset, line) in lines.prefix(room).enumerated() {
                // More than fits: the last line shown says so.
                let cut = offset == room - 1 && lines.count > room
                _ = grid.put("   " + (cut ? DisplayText.clip(line, toWidth: grid.width - 7) + " …" : line), at: Point(x: 0, y: y),
                             maxWidth: grid.width - 1)
                y += 1
            }
        }
        if let error = form.error { CaseworkFlow.renderMessage(error, style: .warning, into: &grid) }
        statusBar(s[.identityStatus], state, into: &grid)
    }
}
