import Foundation
import Yams

/// A problem in a questionnaire or answers file (the one located YAML error).
public typealias QuestionnaireFileError = YAMLFileError

/// Reads the screening questionnaire from YAML a coordinator can edit by hand, checking every field.
///
/// ```yaml
/// version: "1"
/// source: ILO/European Commission, Operational indicators of trafficking in human beings (2009)
/// sets:
///   - id: adult-labour                 # audience-exploitation
///     audience: adult                  # adult or child
///     exploitation: labour             # labour or sexual
///     strengths_checked_against: null  # or where they were checked, e.g. "ILO/EC 2009, p. 3"
///     not_in_publication: []           # dimensions the publication's set has no indicator for
///     # act:                           # child sets only, and required there: the act as a yes/no question
///     #   id: cl-act-moved-or-kept
///     #   question: Did someone take you somewhere, move you, or keep you or take you in, for this work?
///     questions:
///       - id: al-dr-nature-of-job
///         dimension: deceptive-recruitment
///         strength: strong             # strong, medium or weak
///         question: Was the work, the place or the employer different from what you were told?
/// ```
///
/// The file must have the four sets (adult-labour, adult-sexual, child-labour, child-sexual), each
/// once. Each set must ask at least one question in each of the six dimensions, enough for the
/// dimension to be present when every one is answered yes; a dimension the publication's set
/// genuinely has no indicator for is listed under `not_in_publication` instead, and then must have
/// no question. A child set also asks the act (recruitment, transfer, harbouring or receipt) as a
/// yes/no question of its own, which the child rule needs; an adult set does not. Question ids
/// (the act's included) are unique across the whole file, so that an answer names its question.
public enum QuestionnaireLoader {
    static let topKeys: Set<String> = ["version", "source", "sets"]
    static let setKeys: Set<String> = ["id", "audience", "exploitation", "strengths_checked_against", "not_in_publication", "act", "questions"]
    static let actKeys: Set<String> = ["id", "question"]
    static let questionKeys: Set<String> = ["id", "dimension", "strength", "question"]

    /// Reads a questionnaire file.
    public static func load(_ url: URL) throws(QuestionnaireFileError) -> Questionnaire {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw QuestionnaireFileError(file: file, line: nil, field: nil, problem: "cannot be read as UTF-8 text")
        }
        return try parse(text, file: file)
    }

    /// Reads a questionnaire from YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(QuestionnaireFileError) -> Questionnaire {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text)
        guard let top = root.mapping else { throw reader.fail(root, nil, "the top level must be a mapping with version, source and sets") }
        try reader.onlyKeys(top, topKeys, "a questionnaire field")
        let version = try reader.text(top, "version", in: root)
        let source = try reader.text(top, "source", in: root)
        guard let setsNode = top["sets"] else { throw reader.fail(root, "sets", "is missing") }
        guard let sequence = setsNode.sequence, !sequence.isEmpty else {
            throw reader.fail(setsNode, "sets", "must be a list of the four sets: \(requiredSetIds.joined(separator: ", "))")
        }
        var sets: [String: QuestionnaireSet] = [:]
        var questionLines: [String: Int] = [:]
        for item in sequence {
            let set = try parseSet(item, reader: reader, questionLines: &questionLines)
            guard sets[set.id] == nil else { throw reader.fail(item, "id", "the \(set.id) set appears twice; each set appears once") }
            sets[set.id] = set
        }
        guard let adultLabour = sets["adult-labour"], let adultSexual = sets["adult-sexual"],
              let childLabour = sets["child-labour"], let childSexual = sets["child-sexual"] else {
            let missing = requiredSetIds.filter { sets[$0] == nil }
            throw reader.fail(setsNode, "sets", "the \(missing.joined(separator: ", ")) set\(missing.count == 1 ? " is" : "s are") missing; "
                + "a questionnaire has \(requiredSetIds.joined(separator: ", "))")
        }
        return Questionnaire(version: version, source: source, adultLabour: adultLabour, adultSexual: adultSexual,
                             childLabour: childLabour, childSexual: childSexual)
    }

    static let requiredSetIds = QuestionnaireSet.Audience.allCases.flatMap { audience in
        ExploitationKind.allCases.map { "\(audience.rawValue)-\($0.rawValue)" }
    }

    static func parseSet(_ item: Node, reader: YAMLReader, questionLines: inout [String: Int]) throws(QuestionnaireFileError) -> QuestionnaireSet {
        guard let mapping = item.mapping else {
            throw reader.fail(item, "sets", "each set must be a mapping with id, audience, exploitation, strengths_checked_against and questions")
        }
        try reader.onlyKeys(mapping, setKeys, "a set field")
        let id = try reader.text(mapping, "id", in: item)
        let audienceText = try reader.text(mapping, "audience", in: item)
        guard let audience = QuestionnaireSet.Audience(rawValue: audienceText) else {
            throw reader.fail(mapping["audience"], "audience", "'\(audienceText)' must be adult or child")
        }
        let exploitationText = try reader.text(mapping, "exploitation", in: item)
        guard let exploitation = ExploitationKind(rawValue: exploitationText) else {
            throw reader.fail(mapping["exploitation"], "exploitation", "'\(exploitationText)' must be labour or sexual "
                + "(other exploitation types are screened with the labour set)")
        }
        let expected = "\(audience.rawValue)-\(exploitation.rawValue)"
        guard id == expected else {
            throw reader.fail(mapping["id"], "id", "'\(id)' must be \(expected) for the \(audience.rawValue) \(exploitation.rawValue) set")
        }
        guard let checkedNode = mapping["strengths_checked_against"] else {
            throw reader.fail(item, "strengths_checked_against", "is missing; say where the strengths were checked "
                + "against the ILO/EC publication (e.g. \"ILO/EC 2009, p. 3\"), or write null if they were not")
        }
        let checked: String?
        if checkedNode.null != nil {
            checked = nil
        } else if let value = checkedNode.scalar?.string, !value.trimmingCharacters(in: .whitespaces).isEmpty {
            checked = value
        } else {
            throw reader.fail(checkedNode, "strengths_checked_against", "must be a text naming the page checked, or null")
        }
        var notInPublication: Set<ScreeningDimension> = []
        for (node, value) in try reader.list(mapping, "not_in_publication") {
            guard let dimension = ScreeningDimension(rawValue: value) else {
                throw reader.fail(node, "not_in_publication", "'\(value)' is not a dimension; use \(dimensionNames)")
            }
            notInPublication.insert(dimension)
        }
        var act: ScreeningQuestion?
        switch (audience, mapping["act"]) {
        case (.child, nil):
            throw reader.fail(item, "act", "is missing; a child set asks the act (recruitment, transfer, harbouring or receipt) "
                + "as a yes/no question: act: {id: ..., question: ...}")
        case (.child, let node?):
            guard let actMapping = node.mapping else { throw reader.fail(node, "act", "must be a mapping with id and question") }
            try reader.onlyKeys(actMapping, actKeys, "an act field")
            let actId = try reader.text(actMapping, "id", in: node)
            guard actId.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw reader.fail(actMapping["id"], "id", "'\(actId)' may use only lowercase letters, digits and hyphens, e.g. cl-act-moved-or-kept")
            }
            if let other = questionLines[actId] {
                throw reader.fail(actMapping["id"], "id", "'\(actId)' is used by two questions (the other is on line \(other)); "
                    + "ids are unique across the file")
            }
            questionLines[actId] = node.mark?.line ?? 0
            act = ScreeningQuestion(id: actId, question: try reader.text(actMapping, "question", in: node))
        case (.adult, let node?):
            throw reader.fail(node, "act", "only a child set asks the act; for an adult the rule reads the recruitment dimensions")
        case (.adult, nil):
            act = nil
        }
        guard let questionsNode = mapping["questions"] else { throw reader.fail(item, "questions", "is missing") }
        guard let questions = questionsNode.sequence, !questions.isEmpty else {
            throw reader.fail(questionsNode, "questions", "must be a non-empty list of questions")
        }
        var indicators: [ScreeningIndicator] = []
        for question in questions {
            let indicator = try parseQuestion(question, reader: reader)
            let line = question.mark?.line ?? 0
            if let other = questionLines[indicator.id] {
                throw reader.fail(question["id"], "id", "'\(indicator.id)' is used by two questions (the other is on line \(other)); "
                    + "ids are unique across the file")
            }
            questionLines[indicator.id] = line
            indicators.append(indicator)
        }
        let set = QuestionnaireSet(audience: audience, exploitation: exploitation, indicators: indicators, act: act,
                                   strengthsCheckedAgainst: checked, notInPublication: notInPublication)
        for dimension in ScreeningDimension.allCases {
            let asked = set.indicators(in: dimension)
            if notInPublication.contains(dimension) {
                guard asked.isEmpty else {
                    throw reader.fail(questionsNode, "questions", "the \(id) set lists \(dimension.rawValue) under not_in_publication "
                        + "but asks \(asked.count) question\(asked.count == 1 ? "" : "s") in it; remove one or the other")
                }
            } else if asked.isEmpty {
                throw reader.fail(questionsNode, "questions", "the \(id) set has no question for \(dimension.rawValue); add one, "
                    + "or list the dimension under not_in_publication if the publication's set has no indicator for it")
            } else if !ScreeningRule.isPresent(asked.map(\.strength)) {
                throw reader.fail(questionsNode, "questions", "the \(id) set's \(dimension.rawValue) questions could never make the "
                    + "dimension present, even all answered yes (it needs 2 strong, 1 strong and 1 more, 3 medium, or 2 medium and 1 weak)")
            }
        }
        return set
    }

    static func parseQuestion(_ node: Node, reader: YAMLReader) throws(QuestionnaireFileError) -> ScreeningIndicator {
        guard let mapping = node.mapping else {
            throw reader.fail(node, "questions", "each question must be a mapping with id, dimension, strength and question")
        }
        try reader.onlyKeys(mapping, questionKeys, "a question field")
        let id = try reader.text(mapping, "id", in: node)
        guard id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw reader.fail(mapping["id"], "id", "'\(id)' may use only lowercase letters, digits and hyphens, e.g. al-dr-nature-of-job")
        }
        let dimensionText = try reader.text(mapping, "dimension", in: node)
        guard let dimension = ScreeningDimension(rawValue: dimensionText) else {
            throw reader.fail(mapping["dimension"], "dimension", "'\(dimensionText)' is not a dimension; use \(dimensionNames)")
        }
        let strengthText = try reader.text(mapping, "strength", in: node)
        guard let strength = IndicatorStrength(rawValue: strengthText) else {
            throw reader.fail(mapping["strength"], "strength", "'\(strengthText)' must be strong, medium or weak")
        }
        let question = try reader.text(mapping, "question", in: node)
        return ScreeningIndicator(id: id, dimension: dimension, strength: strength, question: question)
    }

    static let dimensionNames = ScreeningDimension.allCases.map(\.rawValue).joined(separator: ", ")
}
