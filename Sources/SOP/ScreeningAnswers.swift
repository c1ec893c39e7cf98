import Foundation
import Yams

/// Answers to one questionnaire set, checked against it: every id is a question of the set.
///
/// A question left out was not asked; "declined" records that the person chose not to answer.
/// Read them from the small file a script writes, JSON or YAML:
///
/// ```json
/// {"set": "adult-labour", "answers": {"al-dr-nature-of-job": "yes", "al-ec-excessive-hours": "declined"}}
/// ```
///
/// Store them as their `sheet`, which is `Codable` and has the same shape as that file.
public struct ScreeningAnswers: Sendable, Equatable {
    /// The set the questions come from.
    public let set: QuestionnaireSet
    /// The answers by question id; a question without an answer was not asked.
    public let answers: [String: ScreeningAnswer]

    /// Answers checked against a set; `file` names their origin in errors.
    public init(set: QuestionnaireSet, answers: [String: ScreeningAnswer], file: String = "answers") throws(QuestionnaireFileError) {
        for id in answers.keys.sorted() where !set.asks(id) {
            throw Self.notInSet(id, set: set, file: file, line: nil)
        }
        self.set = set
        self.answers = answers
    }

    /// Answers from a stored sheet, checked against the questionnaire; `file` names their origin in errors.
    public init(sheet: ScreeningAnswerSheet, questionnaire: Questionnaire, file: String = "answers") throws(QuestionnaireFileError) {
        guard let set = questionnaire.set(id: sheet.set) else {
            throw Self.unknownSet(sheet.set, questionnaire: questionnaire, file: file, line: nil)
        }
        try self.init(set: set, answers: sheet.answers, file: file)
    }

    /// Reads an answers file (JSON or YAML) and checks it against the questionnaire.
    public static func load(_ url: URL, questionnaire: Questionnaire) throws(QuestionnaireFileError) -> ScreeningAnswers {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw QuestionnaireFileError(file: file, line: nil, field: nil, problem: "cannot be read as UTF-8 text")
        }
        return try parse(text, file: file, questionnaire: questionnaire)
    }

    /// Reads answers from JSON or YAML text and checks them against the questionnaire; `file` names the text in errors.
    public static func parse(_ text: String, file: String, questionnaire: Questionnaire) throws(QuestionnaireFileError) -> ScreeningAnswers {
        let reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw reader.fail(nil, nil, "the file is empty") }
            root = composed
        } catch let error as QuestionnaireFileError {
            throw error
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            throw QuestionnaireFileError(file: file, line: context.mark.line, field: nil,
                                         problem: "\(names) appear\(duplicates.count == 1 ? "s" : "") twice; give each question one answer")
        } catch let error as YamlError {
            throw QuestionnaireFileError(file: file, line: YamlErrorLine.line(of: error), field: nil,
                                         problem: "not valid JSON or YAML: \(error)")
        } catch {
            throw reader.fail(nil, nil, "not valid JSON or YAML")
        }
        guard let top = root.mapping else {
            throw reader.fail(root, nil, "must be a mapping like {\"set\": \"adult-labour\", \"answers\": {\"al-dr-nature-of-job\": \"yes\"}}")
        }
        try reader.onlyKeys(top, ["set", "answers"], "an answers field")
        let setId = try reader.text(top, "set", in: root)
        guard let set = questionnaire.set(id: setId) else {
            throw unknownSet(setId, questionnaire: questionnaire, file: file, line: top["set"]?.mark?.line)
        }
        guard let answersNode = top["answers"] else {
            throw reader.fail(root, "answers", "is missing; write {} when no question was asked")
        }
        guard let mapping = answersNode.mapping else {
            throw reader.fail(answersNode, "answers", "must map question ids to yes, no or declined")
        }
        var answers: [String: ScreeningAnswer] = [:]
        for (key, value) in mapping {
            guard let id = key.scalar?.string, !id.isEmpty else { throw reader.fail(key, "answers", "every key must be a question id") }
            guard set.asks(id) else { throw notInSet(id, set: set, file: file, line: key.mark?.line) }
            guard value.null == nil, let text = value.scalar?.string, let answer = ScreeningAnswer(rawValue: text) else {
                let given = value.null == nil ? value.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping" : "nothing"
                throw reader.fail(value, nil, "question \"\(id)\": the answer is \(given); use yes, no or declined "
                    + "(leave the question out if it was not asked)")
            }
            answers[id] = answer
        }
        return try ScreeningAnswers(set: set, answers: answers, file: file)
    }

    /// The answer to a question, or nil when it was not asked.
    public func answer(to id: String) -> ScreeningAnswer? {
        answers[id]
    }

    /// The ids of the set's questions that were not asked, in the set's order.
    public var notAsked: [String] {
        self.set.questions.map(\.id).filter { answers[$0] == nil }
    }

    /// The screening result by the ILO/EC combination rule; `child` applies the child rule (an act and
    /// the exploitation dimension, no "means"). No answer at all, or only "declined", is `declined`.
    ///
    /// Pass whether the person is a child (under 18, or a disputed age), as for the choice of set.
    public func result(child: Bool) -> ScreeningResult {
        self.set.result(answers, child: child)
    }

    /// The answers in their storable form.
    public var sheet: ScreeningAnswerSheet {
        ScreeningAnswerSheet(set: self.set.id, answers: answers)
    }

    static func notInSet(_ id: String, set: QuestionnaireSet, file: String, line: Int?) -> QuestionnaireFileError {
        QuestionnaireFileError(file: file, line: line, field: nil, problem: "question \"\(id)\" is not in the \(set.id) set")
    }

    static func unknownSet(_ id: String, questionnaire: Questionnaire, file: String, line: Int?) -> QuestionnaireFileError {
        QuestionnaireFileError(file: file, line: line, field: "set", problem: "\"\(id)\" is not a questionnaire set; use "
            + questionnaire.sets.map(\.id).joined(separator: ", "))
    }
}

/// Screening answers as a script writes them and as they are stored: the set's id and the answers by question id.
public struct ScreeningAnswerSheet: Sendable, Equatable, Codable {
    /// The id of the questionnaire set, e.g. `adult-labour`.
    public var set: String
    /// The answers by question id; a question left out was not asked.
    public var answers: [String: ScreeningAnswer]

    /// A sheet for a set.
    public init(set: String, answers: [String: ScreeningAnswer]) {
        self.set = set
        self.answers = answers
    }
}
