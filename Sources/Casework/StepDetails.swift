import Foundation
import Routing
import SOP

/// What was recorded at a step, beyond who and when: sealed under the case's key.
public struct StepDetails: Sendable, Equatable, Codable {
    /// Free answers (`in_danger: no`, `guardian: ...`, `views: ...`).
    public var answers: [String: String]
    public var screening: ScreeningRecord?
    public var age: AgeRecord?
    public var guardian: GuardianRecord?
    public var representative: RepresentativeRecord?
    public var bestInterests: BestInterestsRecord?
    public var childViews: ChildViewsRecord?
    /// The risk step: the codes routing reported for the service (notes, conditions to weigh)
    /// that were explained to the person and acknowledged.
    public var acknowledged: [String]?

    public init(answers: [String: String] = [:], screening: ScreeningRecord? = nil, age: AgeRecord? = nil) {
        self.answers = answers
        self.screening = screening
        self.age = age
    }
}

/// A completed screening questionnaire: the set asked, each answer, and the result.
///
/// A case may have one record per set (mixed exploitation: labour and sexual); the strongest
/// result stands for the case. The fields added later are optional, so that records stored
/// before them still read.
public struct ScreeningRecord: Sendable, Equatable, Codable {
    /// The questionnaire set, e.g. `adult-labour`.
    public var set: String
    /// Answers by question id; a question not asked is absent.
    public var answers: [String: ScreeningAnswer]
    /// This set's result (`declined` when nothing but "declined" was answered).
    public var result: ScreeningResult
    /// The version of the questionnaire file the answers were given against (nil in records made before it was kept).
    public var questionnaireVersion: String?
    /// True when the set's indicator strengths were not confirmed against the ILO/EC publication
    /// (a sexual-exploitation set without `strengths_checked_against`); nil otherwise.
    public var strengthsUnconfirmed: Bool?

    public init(set: String, answers: [String: ScreeningAnswer], result: ScreeningResult, questionnaireVersion: String? = nil,
                strengthsUnconfirmed: Bool? = nil) {
        self.set = set
        self.answers = answers
        self.result = result
        self.questionnaireVersion = questionnaireVersion
        self.strengthsUnconfirmed = strengthsUnconfirmed
    }
}

/// The age step: stated, estimated, assessed or disputed, with years or a range.
///
/// An estimate is always a range (an estimate of 18 is 16–20 unless a range is given); an
/// assessment says by whom, when and how — it is the only basis that lifts the presumption of
/// minority once a child is possible.
public struct AgeRecord: Sendable, Equatable, Codable {
    public var basis: AgeBasis
    public var years: Int?
    public var from: Int?
    public var to: Int?
    public var assessedBy: String?
    /// `YYYY-MM-DD`.
    public var assessedOn: String?
    public var assessmentMethod: String?

    /// An age record; either `years` or a `from`–`to` range, and for an assessment who, when and how.
    public init(basis: AgeBasis, years: Int? = nil, from: Int? = nil, to: Int? = nil, assessedBy: String? = nil,
                assessedOn: String? = nil, assessmentMethod: String? = nil) throws(CaseworkError) {
        if let years, !(0...120).contains(years) { throw .invalidInput("An age of \(years) is not plausible.") }
        if years != nil && (from != nil || to != nil) { throw .invalidInput("Give the age as years, or as a range (from and to), not both.") }
        if let from, let to {
            guard from <= to, (0...120).contains(from), (0...120).contains(to) else {
                throw .invalidInput("The age range \(from)–\(to) is not plausible.")
            }
        } else if (from == nil) != (to == nil) {
            throw .invalidInput("An age range needs both ends: \"from\" and \"to\".")
        }
        if years == nil && from == nil && basis != .disputed {
            throw .invalidInput("Give the age as \"years\", or a range with \"from\" and \"to\".")
        }
        func clean(_ text: String?) -> String? {
            text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if basis == .assessed {
            guard let by = clean(assessedBy), let on = clean(assessedOn), let method = clean(assessmentMethod) else {
                throw .invalidInput("An assessed age says by whom, when and how: assessed by (an organization), assessed on (YYYY-MM-DD) "
                    + "and the assessment method. Without them, record the age as stated, estimated or disputed.")
            }
            guard Identity.isDate(on) else {
                throw .invalidInput("The assessment date '\(on.prefix(20))' is not a past day written YYYY-MM-DD.")
            }
            guard by.count <= 200, method.count <= 200 else { throw .invalidInput("Who assessed the age and how: a few words each, 200 characters at most.") }
            self.assessedBy = by
            self.assessedOn = on
            self.assessmentMethod = method
        } else if clean(assessedBy) != nil || clean(assessedOn) != nil || clean(assessmentMethod) != nil {
            throw .invalidInput("Who assessed the age, when and how belong to an assessed age: use the basis assessed.")
        }
        self.basis = basis
        // An estimate is always a range.
        if basis == .estimated, let years {
            let range = AgeBasis.estimatedRange(years)
            self.years = nil
            self.from = range.lowerBound
            self.to = range.upperBound
        } else {
            self.years = years
            self.from = from
            self.to = to
        }
    }

    /// The statement routing reads.
    public var statement: AgeStatement {
        if let years { return .exact(years) }
        if let from, let to { return .range(from...to) }
        return .unknown
    }

    /// The assessment, when the basis is one.
    public var assessment: AgeAssessment? {
        guard basis == .assessed, let assessedBy, let assessedOn, let assessmentMethod else { return nil }
        return AgeAssessment(assessedBy: assessedBy, assessedOn: assessedOn, method: assessmentMethod)
    }

    /// Applies the record to a profile (a child once possible stays presumed until an assessment).
    public func apply(to profile: inout ClientProfile) {
        profile.setAge(statement, basis: basis, assessment: assessment)
    }

    /// As a responder says it: "disputed, 17–19".
    public var summary: String {
        var text = basis.rawValue
        if let years { text += ", \(years)" } else if let from, let to { text += ", \(from)–\(to)" }
        return text
    }
}

