import Foundation
import SOP

/// What was recorded at a step, beyond who and when: sealed under the case's key.
public struct StepDetails: Sendable, Equatable, Codable {
    /// Free answers (`in_danger: no`, `guardian: ...`, `views: ...`).
    public var answers: [String: String]
    public var screening: ScreeningRecord?
    public var age: AgeRecord?

    public init(answers: [String: String] = [:], screening: ScreeningRecord? = nil, age: AgeRecord? = nil) {
        self.answers = answers
        self.screening = screening
        self.age = age
    }
}

/// A completed screening questionnaire: the set asked, each answer, and the result.
public struct ScreeningRecord: Sendable, Equatable, Codable {
    /// The questionnaire set, e.g. `adult-labour`.
    public var set: String
    /// Answers by question id; a question not asked is absent.
    public var answers: [String: ScreeningAnswer]
    public var result: ScreeningResult

    public init(set: String, answers: [String: ScreeningAnswer], result: ScreeningResult) {
        self.set = set
        self.answers = answers
        self.result = result
    }
}

/// How the person's age is known.
public enum AgeBasis: String, Sendable, Codable, CaseIterable {
    case stated, estimated, disputed
}

/// The age step: stated, estimated or disputed, with years or a range.
public struct AgeRecord: Sendable, Equatable, Codable {
    public var basis: AgeBasis
    public var years: Int?
    public var from: Int?
    public var to: Int?

    /// An age record; either `years` or a `from`–`to` range.
    public init(basis: AgeBasis, years: Int? = nil, from: Int? = nil, to: Int? = nil) throws(CaseworkError) {
        if let years, !(0...120).contains(years) { throw .invalidInput("An age of \(years) is not plausible.") }
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
        self.basis = basis
        self.years = years
        self.from = from
        self.to = to
    }

    /// As a responder says it: "disputed, 17–19".
    public var summary: String {
        var text = basis.rawValue
        if let years { text += ", \(years)" } else if let from, let to { text += ", \(from)–\(to)" }
        return text
    }
}
