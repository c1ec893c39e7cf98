import Crypto
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

    /// The bundled definitions, when the home has copies of its own (what is in force until they are accepted).
    public var bundled: BundledDefaults?
    /// The SHA-256 of each home copy's bytes, by file name (`default.yaml`, `screening.yaml`).
    public var homeFileHashes: [String: String] = [:]

    /// The bundled procedure and questionnaire, kept beside a home's own copies.
    public struct BundledDefaults: Sendable {
        public var procedure: Procedure
        public var questionnaire: Questionnaire
    }

    public init(procedure: Procedure, questionnaire: Questionnaire, sources: [String] = []) {
        self.procedure = procedure
        self.questionnaire = questionnaire
        self.sources = sources
    }

    /// What is in force given the hashes a coordinator accepted: each home copy only once its
    /// exact bytes were accepted (`waymark sop accept`), else the bundled file, saying why.
    public func inForce(accepted: Set<String>) -> SOPDefinitions {
        guard let bundled else { return self }
        var result = self
        let procedureAccepted = homeFileHashes["default.yaml"].map(accepted.contains) ?? true
        let questionnaireAccepted = homeFileHashes["screening.yaml"].map(accepted.contains) ?? true
        if !procedureAccepted {
            result.procedure = bundled.procedure
            result.sources[0] = "bundled default.yaml — the home's sop/default.yaml is not accepted yet (waymark sop accept)"
        }
        if !questionnaireAccepted {
            result.questionnaire = bundled.questionnaire
            result.sources[1] = "bundled screening.yaml — the home's sop/screening.yaml is not accepted yet (waymark sop accept)"
        }
        return result
    }

    /// The SHA-256 of a file's bytes, in hex.
    static func hash(of url: URL) throws -> String {
        HandoffLog.hex(Data(SHA256.hash(data: try Data(contentsOf: url))))
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
        var definitions = SOPDefinitions(procedure: try ProcedureLoader.load(procedureURL, serviceTypes: Set(Vocabulary.serviceTypes)),
                                         questionnaire: try QuestionnaireLoader.load(questionnaireURL),
                                         sources: [procedureSource, questionnaireSource])
        // A home copy is checked now (a malformed one is refused) but used only once accepted.
        for (name, url) in [("default.yaml", procedureURL), ("screening.yaml", questionnaireURL)] where url.path.hasPrefix(folder(in: home).path) {
            definitions.homeFileHashes[name] = try hash(of: url)
        }
        if !definitions.homeFileHashes.isEmpty {
            definitions.bundled = BundledDefaults(
                procedure: try ProcedureLoader.load(bundled.appendingPathComponent("default.yaml"), serviceTypes: Set(Vocabulary.serviceTypes)),
                questionnaire: try QuestionnaireLoader.load(bundled.appendingPathComponent("screening.yaml")))
        }
        return definitions
    }
}
