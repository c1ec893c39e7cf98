import Foundation

/// A fact the responder may not know: known yes, known no, or unknown (which never excludes).
public enum Knowledge: String, Sendable, Codable, Equatable {
    case yes, no, unknown
}

/// What the person said, or what is estimated, about their age.
public enum AgeStatement: Sendable, Equatable, Codable {
    /// An age in years.
    case exact(Int)
    /// An estimated range, inclusive.
    case range(ClosedRange<Int>)
    /// Not known at all.
    case unknown
}

/// The person a referral is for, as the responder describes them.
///
/// Only what routing needs; no name, no contact. Unknown facts are `.unknown` or nil and
/// never exclude a service — the answer carries a note saying what to check instead.
public struct ClientProfile: Sendable, Equatable, Codable {
    /// Where the person is now (a P-code).
    public var area: String
    /// `female`, `male` or `other`; nil when not said.
    public var sex: String?
    public var age: AgeStatement
    /// Whether the age is disputed (the presumption of minority applies).
    public var ageDisputed: Bool
    /// Language codes the person speaks, lowercased.
    public var languages: [String]
    /// ISO 3166-1 alpha-2 code, user-assigned X-codes included; nil when unknown.
    public var nationality: String?
    /// Exploitation type codes; empty when unknown.
    public var exploitation: [String]
    public var legalResidence: Knowledge
    public var formallyIdentified: Knowledge
    /// Dependents with them.
    public var dependents: Int
    /// An unaccompanied child.
    public var unaccompanied: Bool
    /// The person will not cooperate with the police.
    public var willNotCooperateWithPolice: Bool
    /// The person accepts a closed facility (one they may not leave freely).
    public var acceptsClosedFacility: Bool

    /// A profile; everything but the area optional.
    public init(area: String, sex: String? = nil, age: AgeStatement = .unknown, ageDisputed: Bool = false,
                languages: [String] = [], nationality: String? = nil, exploitation: [String] = [],
                legalResidence: Knowledge = .unknown, formallyIdentified: Knowledge = .unknown, dependents: Int = 0,
                unaccompanied: Bool = false, willNotCooperateWithPolice: Bool = false, acceptsClosedFacility: Bool = false) {
        self.area = area
        self.sex = sex
        self.age = age
        self.ageDisputed = ageDisputed
        self.languages = languages
        self.nationality = nationality
        self.exploitation = exploitation
        self.legalResidence = legalResidence
        self.formallyIdentified = formallyIdentified
        self.dependents = dependents
        self.unaccompanied = unaccompanied
        self.willNotCooperateWithPolice = willNotCooperateWithPolice
        self.acceptsClosedFacility = acceptsClosedFacility
    }

    /// Whether the person is treated as a child: a stated age under 18, an age range that
    /// reaches below 18, or a disputed age (the presumption of minority, CoE Art. 10(3)).
    public var isPresumedChild: Bool {
        if ageDisputed { return true }
        switch age {
        case .exact(let years): return years < 18
        case .range(let range): return range.lowerBound < 18
        case .unknown: return false
        }
    }
}
