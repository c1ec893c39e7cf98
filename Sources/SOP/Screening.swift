/// The six dimensions of the ILO/EC operational indicators of trafficking (2009).
public enum ScreeningDimension: String, Sendable, Codable, CaseIterable {
    case deceptiveRecruitment = "deceptive-recruitment"
    case coerciveRecruitment = "coercive-recruitment"
    case recruitmentByAbuseOfVulnerability = "recruitment-by-abuse-of-vulnerability"
    case exploitativeConditions = "exploitative-conditions"
    case coercionAtDestination = "coercion-at-destination"
    case abuseOfVulnerabilityAtDestination = "abuse-of-vulnerability-at-destination"

    /// Whether this is one of the three recruitment dimensions.
    public var isRecruitment: Bool {
        self == .deceptiveRecruitment || self == .coerciveRecruitment || self == .recruitmentByAbuseOfVulnerability
    }
}

/// How much an indicator weighs.
public enum IndicatorStrength: String, Sendable, Codable {
    case strong, medium, weak
}

/// One screening question: an indicator of one dimension, with its strength.
public struct ScreeningIndicator: Sendable, Equatable, Codable {
    public var id: String
    public var dimension: ScreeningDimension
    public var strength: IndicatorStrength
    /// The question as the responder asks it.
    public var question: String

    public init(id: String, dimension: ScreeningDimension, strength: IndicatorStrength, question: String) {
        self.id = id
        self.dimension = dimension
        self.strength = strength
        self.question = question
    }
}

/// An answer: every question may be declined, and "declined" is recorded, not forced.
public enum ScreeningAnswer: String, Sendable, Codable {
    case yes, no, declined
}

/// A screening result. It is never an identification, and none of them blocks a referral for assistance.
public enum ScreeningResult: String, Sendable, Codable, CaseIterable {
    /// The combination rule is met: reasonable grounds, a presumed victim.
    case presumedVictim = "presumed-victim"
    /// Some indicators are present, not enough for the rule: still referable for assistance.
    case unclear
    /// No indicator was answered yes (which never means "not a victim").
    case noIndicators = "no-indicators"
    /// Nothing was answered, or every answer was "declined": the person chose not to answer,
    /// which says nothing either way and is never read as no indicators.
    case declined

    /// How strong the result is, for the case's result when several sets were answered:
    /// presumed-victim > unclear > no-indicators > declined.
    public var rank: Int {
        switch self {
        case .presumedVictim: 3
        case .unclear: 2
        case .noIndicators: 1
        case .declined: 0
        }
    }

    /// The strongest of several sets' results (the case's result), or nil when there are none.
    public static func strongest<S: Sequence>(_ results: S) -> ScreeningResult? where S.Element == ScreeningResult {
        results.max { $0.rank < $1.rank }
    }
}

/// The combination rule of the ILO/EC indicators, as DOMAIN.md states it.
///
/// A dimension is present with 2 strong indicators, or 1 strong and 1 medium or weak, or 3
/// medium, or 2 medium and 1 weak; weak indicators alone never count. An adult is a
/// presumed victim when a recruitment dimension, exploitative conditions, and coercion or
/// abuse of vulnerability at destination are all present. For a child the "means" are never
/// needed: an act (recruitment, transfer, harbouring or receipt; a yes/no fact) and the
/// exploitation dimension suffice. A child set asks the act as its own question, and a
/// declined or unasked act is not an act; a set without the question (an adult set, read
/// again under the child rule after an age change) shows the act by a recruitment dimension.
/// Whatever meets the adult rule also meets the child's.
public enum ScreeningRule {
    /// Whether a dimension is present, given the strengths of the indicators answered yes.
    public static func isPresent(_ strengths: [IndicatorStrength]) -> Bool {
        let strong = strengths.filter { $0 == .strong }.count
        let medium = strengths.filter { $0 == .medium }.count
        let weak = strengths.filter { $0 == .weak }.count
        return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1)
    }

    /// The dimensions present in a set of answers.
    public static func presentDimensions(_ indicators: [ScreeningIndicator], answers: [String: ScreeningAnswer]) -> Set<ScreeningDimension> {
        var yes: [ScreeningDimension: [IndicatorStrength]] = [:]
        for indicator in indicators where answers[indicator.id] == .yes {
            yes[indicator.dimension, default: []].append(indicator.strength)
        }
        return Set(yes.filter { isPresent($0.value) }.keys)
    }

    /// Whether nothing was answered but "declined": an empty or wholly declined questionnaire.
    public static func isDeclined(_ answers: [String: ScreeningAnswer]) -> Bool {
        answers.values.allSatisfy { $0 == .declined }
    }

    /// The screening result for a person.
    ///
    /// `actQuestion` is the id of the set's act question (child sets); `answers` holds its answer with the others.
    public static func evaluate(_ indicators: [ScreeningIndicator], answers: [String: ScreeningAnswer], child: Bool,
                                actQuestion: String? = nil) -> ScreeningResult {
        if isDeclined(answers) { return .declined }
        // A child's act answered yes is itself something to look into.
        let actYes = child && actQuestion.map { answers[$0] == .yes } == true
        guard indicators.contains(where: { answers[$0.id] == .yes }) else { return actYes ? .unclear : .noIndicators }
        let present = presentDimensions(indicators, answers: answers)
        let recruitment = present.contains { $0.isRecruitment }
        let exploitation = present.contains(.exploitativeConditions)
        let means = present.contains(.coercionAtDestination) || present.contains(.abuseOfVulnerabilityAtDestination)
        let adultRule = recruitment && exploitation && means
        guard child else { return adultRule ? .presumedVictim : .unclear }
        // The act is a yes/no fact; declined or not asked, a recruitment dimension stands for it.
        let act = actQuestion.flatMap { answers[$0] == .yes ? true : (answers[$0] == .no ? false : nil) } ?? recruitment
        return (act && exploitation) || adultRule ? .presumedVictim : .unclear
    }
}
