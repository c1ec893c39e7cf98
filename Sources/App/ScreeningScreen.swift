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
enum ScreeningScreen {
    static func rows(_ state: AppState) -> Int { max(1, state.size.height - 9) }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var sheet = state.casework.screening, let checklist = state.casework.checklist else {
            state.screen = .checklist
            return []
        }
        defer { state.casework.screening = sheet }
        func answer(_ value: ScreeningAnswer) {
            guard let index = sheet.list.selection, let question = sheet.set?.questions[safe: index] else { return }
            sheet.answers[question.id] = value
            _ = sheet.list.handle(.down, visibleRows: rows(state))
        }
        switch key {
        case .character("y"): answer(.yes)
        case .character("n"): answer(.no)
        case .character("d"): answer(.declined)
        case .backspace, .delete, .character("x"):
            if let index = sheet.list.selection, let question = sheet.set?.questions[safe: index] { sheet.answers[question.id] = nil }
        case .character("s"):
            guard sheet.sets.count > 1 else { return [] }
            sheet.setIndex = (sheet.setIndex + 1) % sheet.sets.count
            sheet.list = ListView(itemCount: sheet.set?.questions.count ?? 0, selection: 0)
        case .character("r"):
            guard let set = sheet.set else { return [] }
            let record = ScreeningRecord(set: set.id, answers: sheet.setAnswers, result: .unclear)
            // The result above is a placeholder: Casework checks the answers against the
            // questionnaire and computes the result itself when it records them.
            return [.recordStep(referralId: checklist.referral.id, stepId: "screening", scope: .perCase,
                                StepDetails(screening: record))]
        case .escape:
            state.screen = .checklist
        case .character("?"):
            state.showHelp = true
        default:
            _ = sheet.list.handle(key, visibleRows: rows(state))
        }
        return []
    }

    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        guard let sheet = state.casework.screening, let set = sheet.set, let checklist = state.casework.checklist else { return }
        TitleBar.render(state, subtitle: s.format(.screeningTitle, ["case": checklist.caseCode]), into: &grid)
        let answered = sheet.setAnswers
        let declined = answered.values.filter { $0 == .declined }.count
        var header = s.format(.screeningProgress, ["set": s.label("set.\(set.id)"), "answered": "\(answered.count)",
                                                   "count": "\(set.questions.count)", "declined": "\(declined)"])
        if sheet.sets.count > 1 { header += " " + s.format(.screeningOtherSet, ["count": "\(sheet.sets.count)"]) }
        _ = grid.put(" " + header, at: Point(x: 0, y: 1), style: .emphasis, maxWidth: grid.width)
        _ = grid.put(" " + s[.screeningExplain], at: Point(x: 0, y: 2), style: .muted, maxWidth: grid.width)
        let listRect = Rect(x: 0, y: 3, width: grid.width, height: rows(state))
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
        var hints = [KeyHint("y", s[.hintYes]), KeyHint("n", s[.hintNo]), KeyHint("d", s[.hintDeclined]), KeyHint("r", s[.hintRecord])]
        if sheet.sets.count > 1 { hints.append(KeyHint("s", s[.hintOtherSet])) }
        hints.append(KeyHint("Esc", s[.hintBack]))
        StatusBar(text: s[.screeningStatus], hints: hints)
            .render(into: &grid, in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1))
    }
}
