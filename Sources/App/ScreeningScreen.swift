import Casework
import Foundation
import SOP
import Terminal

/// The screening questionnaire being asked: the set, the answers so far, the question under the cursor.
public struct ScreeningSheet: Sendable, Equatable {
    /// The sets to ask this person (child or adult; labour, sexual, or both).
    public var sets: [QuestionnaireSet]
    /// Which of `sets` is asked.
    public var setIndex = 0
    /// Answers by question id (ids are unique across the questionnaire, so another set's answers stay apart).
    public var answers: [String: ScreeningAnswer] = [:]
    public var list: ListView

    public init(sets: [QuestionnaireSet]) {
        self.sets = sets
        list = ListView(itemCount: sets.first?.questions.count ?? 0, selection: 0)
    }

    /// The set asked.
    public var set: QuestionnaireSet? { sets.indices.contains(setIndex) ? sets[setIndex] : nil }

    /// This set's answers (only these are recorded).
    public var setAnswers: [String: ScreeningAnswer] {
        guard let set else { return [:] }
        let ids = Set(set.questions.map(\.id))
        return answers.filter { ids.contains($0.key) }
    }
}

/// The screening screen: every question answered yes, no or declined with one key, progress shown, recorded by Casework.
public struct ScreeningScreen: Sendable, Equatable {
    public var sheet: ScreeningSheet
    /// The checklist the questionnaire was opened from: its case and referral.
    public var checklist: Checklist

    /// The answers as the screen opened (those recorded before): quitting loses what differs.
    public private(set) var openedAnswers: [String: ScreeningAnswer]

    public init(sheet: ScreeningSheet, checklist: Checklist) {
        self.sheet = sheet
        self.checklist = checklist
        openedAnswers = sheet.answers
    }

    /// Quitting would lose answers given and not recorded.
    var hasUnsavedText: Bool { sheet.answers != openedAnswers }

    /// How many questions a terminal of `size` lists.
    static func rows(_ size: Size) -> Int { max(1, size.height - 9) }
}

extension ScreeningScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, yes, no, declined, declineRest, clear, record, otherSet, back
    }

    var screen: Screen { .screening(self) }

    var showsCaseworkMessages: Bool { true }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       help: KeyHint("↑↓ j k", s[.helpScreeningMove])),
            KeyBinding([.character("y")], .yes, hint: KeyHint("y", s[.hintYes]), help: KeyHint("y / n", s[.helpScreeningAnswer])),
            KeyBinding([.character("n")], .no, hint: KeyHint("n", s[.hintNo])),
            KeyBinding([.character("d")], .declined, hint: KeyHint("d", s[.hintDeclined]), help: KeyHint("d", s[.helpScreeningDecline])),
            KeyBinding([.character("D")], .declineRest, help: KeyHint("D", s[.helpScreeningDeclineRest])),
            KeyBinding([.backspace, .delete, .character("x")], .clear, help: KeyHint("Del", s[.helpScreeningClear])),
            KeyBinding([.character("r")], .record, hint: KeyHint("r", s[.hintRecord]), help: KeyHint("r", s[.helpScreeningRecord])),
            KeyBinding([.character("s")], .otherSet, hint: sheet.sets.count > 1 ? KeyHint("s", s[.hintOtherSet]) : nil,
                       help: KeyHint("s", s[.helpScreeningSet])),
            KeyBinding([.escape], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc", s[.helpScreeningBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        let rows = Self.rows(state.size)
        func answer(_ value: ScreeningAnswer) {
            guard let index = sheet.list.selection, let question = sheet.set?.questions[safe: index] else { return }
            sheet.answers[question.id] = value
            sheet.list.handle(.down, visibleRows: rows)
        }
        switch action {
        case .back: return .pop()
        case .move: sheet.list.handle(key, visibleRows: rows)
        case .yes: answer(.yes)
        case .no: answer(.no)
        case .declined: answer(.declined)
        case .declineRest:
            // The person declines the screening (or what is left of it): each question not answered is declined.
            for question in sheet.set?.questions ?? [] where sheet.answers[question.id] == nil { sheet.answers[question.id] = .declined }
        case .clear:
            if let index = sheet.list.selection, let question = sheet.set?.questions[safe: index] { sheet.answers[question.id] = nil }
        case .otherSet:
            guard sheet.sets.count > 1 else { break }
            sheet.setIndex = (sheet.setIndex + 1) % sheet.sets.count
            sheet.list = ListView(itemCount: sheet.set?.questions.count ?? 0, selection: 0)
        case .record:
            guard let set = sheet.set else { break }
            let record = ScreeningRecord(set: set.id, answers: sheet.setAnswers, result: .unclear)
            // The result above is a placeholder: Casework checks the answers against the
            // questionnaire and computes the result itself when it records them.
            return Reply([.casework(.recordStep(referralId: checklist.referral.id, stepId: "screening", scope: .perCase,
                                                StepDetails(screening: record)))])
        }
        return Reply()
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let set = sheet.set else { return }
        TitleBar.render(state, subtitle: s.format(.screeningTitle, ["case": checklist.caseCode]), into: &grid)
        let answered = sheet.setAnswers
        let declined = answered.values.filter { $0 == .declined }.count
        var header = s.format(.screeningProgress, ["set": s.label("set.\(set.id)"), "answered": "\(answered.count)",
                                                   "count": "\(set.questions.count)", "declined": "\(declined)"])
        if sheet.sets.count > 1 { header += " " + s.format(.screeningOtherSet, ["count": "\(sheet.sets.count)"]) }
        _ = grid.put(" " + header, at: Point(x: 0, y: 1), style: .emphasis, maxWidth: grid.width)
        _ = grid.put(" " + s[.screeningExplain], at: Point(x: 0, y: 2), style: .muted, maxWidth: grid.width)
        let listRect = Rect(x: 0, y: 3, width: grid.width, height: Self.rows(state.size))
        sheet.list.render(into: &grid, in: listRect) { index, rect, selected, grid in
            let question = set.questions[index]
            let mark: String
            switch sheet.answers[question.id] {
            case .yes?: mark = s[.screeningYes]
            case .no?: mark = s[.screeningNo]
            case .declined?: mark = s[.screeningDeclined]
            case nil: mark = "·"
            }
            if selected { grid.fill(rect, style: .selected) }
            let text = " \(DisplayText.fit(mark, toWidth: 8)) \(index + 1). \(question.question)"
            _ = grid.put(DisplayText.truncate(text, toWidth: rect.width), at: Point(x: rect.x, y: rect.y), style: selected ? .selected : .plain,
                         maxWidth: rect.width)
        }
        // The question under the cursor in full, as the responder reads it aloud.
        let detailY = listRect.maxY
        if let index = sheet.list.selection, let question = set.questions[safe: index] {
            _ = grid.put(" " + String(repeating: "─", count: grid.width - 2), at: Point(x: 0, y: detailY), style: .muted)
            let lines = DisplayText.wrap("\(index + 1). \(question.question)", width: grid.width - 2)
            for (offset, line) in lines.prefix(3).enumerated() {
                _ = grid.put(" " + line, at: Point(x: 0, y: detailY + 1 + offset), style: .emphasis, maxWidth: grid.width)
            }
        }
        if let problem = state.casework.problem { CaseworkFlow.renderMessage(problem, style: .warning, into: &grid) }
        statusBar(s[.screeningStatus], state, into: &grid)
    }
}
