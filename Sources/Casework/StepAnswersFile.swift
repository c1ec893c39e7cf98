import Directory
import Foundation
import Routing
import SOP

/// Decodes what a step recorded from an answers file (`--answers`): the questionnaire's answers
/// for screening, the age for age, and plain answers (`{"in_danger": "no"}`) for the others.
public enum StepAnswersFile {
    /// The step's details from the file's bytes; `file` names it in errors.
    public static func details(step: String, data: Data, file: String, questionnaire: Questionnaire?) throws -> StepDetails {
        guard let text = String(data: data, encoding: .utf8) else { throw CaseworkError.invalidInput("\(file) is not UTF-8 text.") }
        switch step {
        case "screening":
            guard let questionnaire else { throw CaseworkError.invalidInput("The screening questionnaire is not loaded.") }
            do {
                let answers = try ScreeningAnswers.parse(text, file: file, questionnaire: questionnaire)
                // The result is the rule's, computed by the case store against the case's age.
                return StepDetails(screening: ScreeningRecord(set: answers.set.id, answers: answers.answers, result: .unclear))
            } catch {
                throw CaseworkError.invalidInput(String(describing: error))
            }
        case "age":
            let object = try jsonObject(data, file: file)
            let known: Set<String> = ["basis", "years", "from", "to", "assessed_by", "assessed_on", "assessment_method"]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw CaseworkError.invalidInput("\(file): '\(Sanitized.short(unknown))' is not part of the age step; use basis, years, or from and to, "
                    + "and for an assessed age assessed_by, assessed_on and assessment_method.")
            }
            guard let basisText = object["basis"] as? String, let basis = AgeBasis(rawValue: basisText) else {
                throw CaseworkError.invalidInput("\(file): basis must be stated, estimated, assessed or disputed.")
            }
            for key in ["assessed_by", "assessed_on", "assessment_method"] where object[key] != nil && !(object[key] is String) {
                throw CaseworkError.invalidInput("\(file): \(key) must be text.")
            }
            // Decoded as Int, so true, 16.5 or "16" are refused rather than read as a number.
            guard let age = try? JSONDecoder().decode(AgeFile.self, from: data) else {
                throw CaseworkError.invalidInput("\(file): years, from and to must be whole numbers of years.")
            }
            return StepDetails(age: try AgeRecord(basis: basis, years: age.years, from: age.from, to: age.to,
                                                  assessedBy: object["assessed_by"] as? String, assessedOn: object["assessed_on"] as? String,
                                                  assessmentMethod: object["assessment_method"] as? String))
        default:
            let object = try jsonObject(data, file: file)
            var answers: [String: String] = [:]
            for (key, value) in object {
                switch value {
                case let string as String: answers[key] = string
                case let number as NSNumber: answers[key] = number.stringValue
                case let list as [String] where !list.contains(where: { $0.contains(",") }):
                    // A list of codes (the risk step's `acknowledged`), kept comma-separated.
                    answers[key] = list.joined(separator: ",")
                default: throw CaseworkError.invalidInput("\(file): '\(Sanitized.short(key))' must be text, a number, true/false, or a list of codes.")
                }
            }
            return StepDetails(answers: answers)
        }
    }

    /// The file as one JSON object, or an error that shows its shape.
    static func jsonObject(_ data: Data, file: String) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CaseworkError.invalidInput("\(file) must hold one JSON object, e.g. {\"in_danger\": \"no\"}.")
        }
        return object
    }
}

/// The numbers of an age answers file.
private struct AgeFile: Decodable {
    var years: Int?
    var from: Int?
    var to: Int?
}

