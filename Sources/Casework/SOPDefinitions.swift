import Directory
import Foundation
import SOP

/// The SOP definitions in force for a home: its own editable copies in `sop/`, else the bundled defaults.
public struct SOPDefinitions: Sendable {
    public var procedure: Procedure
    public var questionnaire: Questionnaire
    /// Where each was read from, for people (e.g. "bundled default.yaml").
    public var sources: [String]
    /// Where the procedure was read from.
    public var procedureSource: String { sources.first ?? "built in" }

    public init(procedure: Procedure, questionnaire: Questionnaire, sources: [String] = []) {
        self.procedure = procedure
        self.questionnaire = questionnaire
        self.sources = sources
    }

    /// The folder in a home that holds its editable copies.
    public static func folder(in home: URL) -> URL { home.appendingPathComponent("sop") }

    /// Reads `default.yaml` and `screening.yaml` from the home's `sop/` when present, else from `bundled`.
    ///
    /// A malformed file is refused with its name, line and field — never silently replaced by the default.
    public static func load(home: URL, bundled: URL) throws -> SOPDefinitions {
        func pick(_ name: String) -> (URL, String) {
            let own = folder(in: home).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: own.path) { return (own, "home sop/\(name)") }
            return (bundled.appendingPathComponent(name), "bundled \(name)")
        }
        let (procedureURL, procedureSource) = pick("default.yaml")
        let (questionnaireURL, questionnaireSource) = pick("screening.yaml")
        return SOPDefinitions(procedure: try ProcedureLoader.load(procedureURL, serviceTypes: Set(Vocabulary.serviceTypes)),
                              questionnaire: try QuestionnaireLoader.load(questionnaireURL),
                              sources: [procedureSource, questionnaireSource])
    }
}
