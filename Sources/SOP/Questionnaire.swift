/// The screening questionnaire: the four ILO/EC indicator sets, adult or child × labour or sexual exploitation.
///
/// Read it with `QuestionnaireLoader`, which guarantees that every set is present, covers the six
/// dimensions, and that question ids are unique across the file.
public struct Questionnaire: Sendable, Equatable {
    /// The version of the questionnaire file, to record with the answers.
    public var version: String
    /// Where the indicators come from, as the file states it.
    public var source: String
    /// The set for adults in labour exploitation (and the types screened with it).
    public var adultLabour: QuestionnaireSet
    /// The set for adults in sexual exploitation.
    public var adultSexual: QuestionnaireSet
    /// The set for children in labour exploitation (and the types screened with it).
    public var childLabour: QuestionnaireSet
    /// The set for children in sexual exploitation.
    public var childSexual: QuestionnaireSet

    /// A questionnaire from its four sets.
    public init(version: String, source: String, adultLabour: QuestionnaireSet, adultSexual: QuestionnaireSet,
                childLabour: QuestionnaireSet, childSexual: QuestionnaireSet) {
        self.version = version
        self.source = source
        self.adultLabour = adultLabour
        self.adultSexual = adultSexual
        self.childLabour = childLabour
        self.childSexual = childSexual
    }

    /// The four sets, in the order adult-labour, adult-sexual, child-labour, child-sexual.
    public var sets: [QuestionnaireSet] { [adultLabour, adultSexual, childLabour, childSexual] }

    /// The set to ask a person: a child set for a child (under 18, or a disputed age), and the labour or sexual set.
    ///
    /// See `ExploitationKind` for how the other exploitation types map to these two.
    public func set(child: Bool, exploitation: ExploitationKind) -> QuestionnaireSet {
        switch (child, exploitation) {
        case (false, .labour): adultLabour
        case (false, .sexual): adultSexual
        case (true, .labour): childLabour
        case (true, .sexual): childSexual
        }
    }

    /// The sets to ask a person with these exploitation type codes: each set once, labour before sexual.
    ///
    /// No code at all gives the labour set (see `ExploitationKind`).
    public func sets(child: Bool, exploitationTypes: [String]) -> [QuestionnaireSet] {
        let kinds = Set(exploitationTypes.map(ExploitationKind.init(exploitationType:)))
        return ExploitationKind.allCases.filter { kinds.isEmpty ? $0 == .labour : kinds.contains($0) }
            .map { set(child: child, exploitation: $0) }
    }

    /// The set with this id (e.g. `adult-labour`), if there is one.
    public func set(id: String) -> QuestionnaireSet? {
        sets.first { $0.id == id }
    }
}

/// A question as the responder asks it: its id and its words.
public struct ScreeningQuestion: Sendable, Equatable, Codable {
    public var id: String
    public var question: String

    public init(id: String, question: String) {
        self.id = id
        self.question = question
    }
}

/// One ILO/EC indicator set: the questions for one audience and one kind of exploitation.
public struct QuestionnaireSet: Sendable, Equatable, Identifiable {
    /// Who the set is for.
    public enum Audience: String, Sendable, Codable, CaseIterable {
        case adult, child
    }

    /// Who the set is for: adults, or children (for whom the rule needs no "means").
    public var audience: Audience
    /// The kind of exploitation the set screens.
    public var exploitation: ExploitationKind
    /// The questions, each an indicator of one dimension with its strength, in the order they are asked.
    public var indicators: [ScreeningIndicator]
    /// For a child set, the question about the act (recruitment, transfer, harbouring or receipt): a yes/no fact,
    /// asked first. The child rule needs it answered yes, with the exploitation dimension; adult sets have none.
    public var act: ScreeningQuestion?
    /// Where the strengths were checked against the ILO/EC publication, or nil when they were not.
    public var strengthsCheckedAgainst: String?
    /// Dimensions the publication's set has no indicator for, so the set may leave them without a question.
    public var notInPublication: Set<ScreeningDimension>

    /// A set from its questions.
    public init(audience: Audience, exploitation: ExploitationKind, indicators: [ScreeningIndicator],
                act: ScreeningQuestion? = nil, strengthsCheckedAgainst: String? = nil, notInPublication: Set<ScreeningDimension> = []) {
        self.audience = audience
        self.exploitation = exploitation
        self.indicators = indicators
        self.act = act
        self.strengthsCheckedAgainst = strengthsCheckedAgainst
        self.notInPublication = notInPublication
    }

    /// The set's id, its audience and exploitation joined: `adult-labour`, `child-sexual`.
    public var id: String { "\(audience.rawValue)-\(exploitation.rawValue)" }

    /// The question with this id, if it is in this set.
    public func indicator(id: String) -> ScreeningIndicator? {
        indicators.first { $0.id == id }
    }

    /// Every question in the order it is asked: the act first (child sets), then the indicators.
    public var questions: [ScreeningQuestion] {
        (act.map { [$0] } ?? []) + indicators.map { ScreeningQuestion(id: $0.id, question: $0.question) }
    }

    /// Whether the set asks the question with this id (an indicator, or the act).
    public func asks(_ id: String) -> Bool {
        act?.id == id || indicator(id: id) != nil
    }

    /// The result of these answers to this set by the ILO/EC combination rule; `child` applies the child rule.
    public func result(_ answers: [String: ScreeningAnswer], child: Bool) -> ScreeningResult {
        ScreeningRule.evaluate(indicators, answers: answers, child: child, actQuestion: act?.id)
    }

    /// Whether the strengths are to be marked unconfirmed wherever the result is shown: a sexual-exploitation
    /// set whose strengths were not checked against the publication (`strengths_checked_against: null`).
    public var strengthsUnconfirmed: Bool {
        exploitation == .sexual && strengthsCheckedAgainst == nil
    }

    /// The questions of one dimension, in order.
    public func indicators(in dimension: ScreeningDimension) -> [ScreeningIndicator] {
        indicators.filter { $0.dimension == dimension }
    }
}
