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
    /// Where the strengths were checked against the ILO/EC publication, or nil when they were not.
    public var strengthsCheckedAgainst: String?
    /// Dimensions the publication's set has no indicator for, so the set may leave them without a question.
    public var notInPublication: Set<ScreeningDimension>

    /// A set from its questions.
    public init(audience: Audience, exploitation: ExploitationKind, indicators: [ScreeningIndicator],
                strengthsCheckedAgainst: String? = nil, notInPublication: Set<ScreeningDimension> = []) {
        self.audience = audience
        self.exploitation = exploitation
        self.indicators = indicators
        self.strengthsCheckedAgainst = strengthsCheckedAgainst
        self.notInPublication = notInPublication
    }

    /// The set's id, its audience and exploitation joined: `adult-labour`, `child-sexual`.
    public var id: String { "\(audience.rawValue)-\(exploitation.rawValue)" }

    /// The question with this id, if it is in this set.
    public func indicator(id: String) -> ScreeningIndicator? {
        indicators.first { $0.id == id }
    }

    /// The questions of one dimension, in order.
    public func indicators(in dimension: ScreeningDimension) -> [ScreeningIndicator] {
        indicators.filter { $0.dimension == dimension }
    }
}
