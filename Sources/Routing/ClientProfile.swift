import Directory
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

    /// Whether this statement leaves room for a child (an age under 18, or a range reaching below 18).
    public var allowsChild: Bool {
        switch self {
        case .exact(let years): return years < 18
        case .range(let range): return range.lowerBound < 18
        case .unknown: return false
        }
    }
}

/// How the person's age is known (DOMAIN.md, the age step).
public enum AgeBasis: String, Sendable, Codable, CaseIterable {
    /// As the person (or someone with them) said it.
    case stated
    /// Estimated by the responder: always a range.
    case estimated
    /// Assessed by a competent body (by whom, when, how): the only basis that lifts the presumption of minority.
    case assessed
    /// Disputed: the person is treated as a child until an assessment.
    case disputed

    /// The range an estimate of one figure stands for: an estimate of 18 is 16–20.
    public static func estimatedRange(_ years: Int) -> ClosedRange<Int> { max(0, years - 2)...(years + 2) }
}

/// Who assessed an age, when and how.
public struct AgeAssessment: Sendable, Equatable, Codable {
    /// The organization or authority that assessed it.
    public var assessedBy: String
    /// `YYYY-MM-DD`.
    public var assessedOn: String
    /// How: a documented method, in a few words.
    public var method: String

    public init(assessedBy: String, assessedOn: String, method: String) {
        self.assessedBy = assessedBy
        self.assessedOn = assessedOn
        self.method = method
    }
}

/// The person's stance on cooperating with the police (CoE Art. 12(6): assistance never depends on it).
public enum PoliceStance: String, Sendable, Codable, CaseIterable {
    case will
    case willNot = "will-not"
    /// The default: during the recovery and reflection period nobody may ask the person to decide.
    case undecided
}

/// Whether a child is with a parent or legal caregiver.
public enum UnaccompaniedStatus: String, Sendable, Codable, CaseIterable {
    /// Not asked, or not known: never excludes; a shelter is asked to confirm it takes unaccompanied children.
    case unknown
    /// With no adult responsible for them.
    case yes
    /// With a parent or legal caregiver.
    case no
    /// Apart from their parents or legal caregiver, though perhaps with another relative.
    case separated

    /// Whether the child needs a shelter that accepts unaccompanied children.
    public var needsUnaccompaniedShelter: Bool { self == .yes || self == .separated }
}

/// The person a referral is for, as the responder describes them.
///
/// Only what routing needs; no name, no contact. Unknown facts are `.unknown` or nil and
/// never exclude a service — the answer carries a note saying what to check instead.
public struct ClientProfile: Sendable, Equatable, Codable {
    /// Where the person is now (a P-code).
    public var area: String
    /// `female`, `male` or `other`; nil when not said.
    public var sex: Sex?
    public var age: AgeStatement
    /// How the age is known.
    public var ageBasis: AgeBasis
    /// Who assessed the age, when an assessment is the basis.
    public var ageAssessment: AgeAssessment?
    /// Whether a child was possible at some point (an age under 18, a range reaching below it, a
    /// disputed age, a date of birth): from then on only an assessment lifts the presumption.
    public var childPossible: Bool
    /// Language codes the person speaks, lowercased.
    public var languages: [String]
    /// ISO 3166-1 alpha-2 code, user-assigned X-codes included; nil when unknown.
    public var nationality: String?
    /// Exploitation type codes; empty when unknown.
    public var exploitation: [ExploitationType]
    public var legalResidence: Knowledge
    public var formallyIdentified: Knowledge
    /// Dependents with them.
    public var dependents: Int
    /// The dependents' ages in years, when said (as many as known).
    public var dependentAges: [Int] = []
    /// The language an interpreter is needed in, when one is (not the interpreter used for consent).
    public var interpreterNeeded: String? = nil
    /// Whether the person faces criminal charges or detention (non-punishment, CoE Art. 26): a
    /// `legal.aid` need is added by rule when they do.
    public var facingCharges: Knowledge = .unknown
    /// For a child: whether unaccompanied or separated.
    public var unaccompanied: UnaccompaniedStatus
    /// Whether the person will cooperate with the police; `undecided` is treated as `willNot`.
    public var police: PoliceStance
    /// The person accepts a closed facility (one they may not leave freely).
    public var acceptsClosedFacility: Bool

    /// A profile; everything but the area optional.
    public init(area: String, sex: Sex? = nil, age: AgeStatement = .unknown, ageBasis: AgeBasis = .stated,
                ageAssessment: AgeAssessment? = nil, languages: [String] = [], nationality: String? = nil, exploitation: [ExploitationType] = [],
                legalResidence: Knowledge = .unknown, formallyIdentified: Knowledge = .unknown, dependents: Int = 0,
                unaccompanied: UnaccompaniedStatus = .unknown, police: PoliceStance = .undecided, acceptsClosedFacility: Bool = false) {
        self.area = area
        self.sex = sex
        self.age = age
        self.ageBasis = ageBasis
        self.ageAssessment = ageAssessment
        self.childPossible = false
        self.languages = languages
        self.nationality = nationality
        self.exploitation = exploitation
        self.legalResidence = legalResidence
        self.formallyIdentified = formallyIdentified
        self.dependents = dependents
        self.unaccompanied = unaccompanied
        self.police = police
        self.acceptsClosedFacility = acceptsClosedFacility
        noteAge()
    }

    /// Whether the age is disputed (the presumption of minority applies).
    public var ageDisputed: Bool {
        get { ageBasis == .disputed }
        set { ageBasis = newValue ? .disputed : (ageBasis == .disputed ? .stated : ageBasis) }
    }

    /// Whether the person has ruled out, or not yet decided on, cooperating with the police.
    public var willNotCooperateWithPolice: Bool { police != .will }

    /// Sets a new age statement, keeping in mind that a child was possible before.
    public mutating func setAge(_ statement: AgeStatement, basis: AgeBasis, assessment: AgeAssessment? = nil) {
        age = statement
        ageBasis = basis
        ageAssessment = basis == .assessed ? assessment : nil
        noteAge()
    }

    /// Records that a date of birth shows a child of this age: it makes the person a child.
    /// (One showing an adult does not lift the presumption: only an assessment does.)
    public mutating func childByDateOfBirth(years: Int) {
        guard years < 18 else { return }
        age = .exact(years)
        if ageBasis != .disputed { ageBasis = .stated }
        ageAssessment = nil
        childPossible = true
    }

    /// Remembers that a child is possible once any statement allows one.
    mutating func noteAge() {
        if ageBasis == .disputed || age.allowsChild { childPossible = true }
    }

    /// Whether the person is treated as a child (the presumption of minority, CoE Art. 10(3)):
    /// a stated age under 18, a range reaching below 18, a disputed age, or — once a child was
    /// possible — any age not settled by an assessment. An assessment decides by its own figure.
    public var isPresumedChild: Bool {
        if ageBasis == .assessed { return age.allowsChild }
        return childPossible || ageBasis == .disputed || age.allowsChild
    }

    /// The lowest age the person may be, as far as a service's lower bound is concerned.
    var lowestAge: Int? {
        switch age {
        case .exact(let years): return years
        case .range(let range): return range.lowerBound
        case .unknown: return nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case area, sex, age, ageBasis, ageAssessment, childPossible, languages, nationality, exploitation, legalResidence
        case formallyIdentified, dependents, unaccompanied, police, acceptsClosedFacility
        case dependentAges, interpreterNeeded, facingCharges
        // Written by earlier versions; read only.
        case ageDisputed, willNotCooperateWithPolice

    }

    /// The names of the facts that differ from another profile (never their values): for a
    /// record of what an update changed.
    public func changedFields(from other: ClientProfile) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func fields(_ profile: ClientProfile) -> [String: String] {
            guard let data = try? encoder.encode(profile),
                  let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return [:] }
            return object.mapValues { value in
                (try? JSONSerialization.data(withJSONObject: [value], options: .sortedKeys)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
        }
        let mine = fields(self)
        let theirs = fields(other)
        return Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
    }

    /// Reads a profile, including one written before the age basis, the police stance and the
    /// three-valued unaccompanied fact (an old `false` is unknown, not a known "no").
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        area = try c.decode(String.self, forKey: .area)
        sex = try c.decodeIfPresent(Sex.self, forKey: .sex)
        age = try c.decodeIfPresent(AgeStatement.self, forKey: .age) ?? .unknown
        if let basis = try c.decodeIfPresent(AgeBasis.self, forKey: .ageBasis) {
            ageBasis = basis
        } else {
            ageBasis = try c.decodeIfPresent(Bool.self, forKey: .ageDisputed) == true ? .disputed : .stated
        }
        ageAssessment = try c.decodeIfPresent(AgeAssessment.self, forKey: .ageAssessment)
        childPossible = try c.decodeIfPresent(Bool.self, forKey: .childPossible) ?? false
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        nationality = try c.decodeIfPresent(String.self, forKey: .nationality)
        exploitation = try c.decodeIfPresent([ExploitationType].self, forKey: .exploitation) ?? []
        legalResidence = try c.decodeIfPresent(Knowledge.self, forKey: .legalResidence) ?? .unknown
        formallyIdentified = try c.decodeIfPresent(Knowledge.self, forKey: .formallyIdentified) ?? .unknown
        dependents = try c.decodeIfPresent(Int.self, forKey: .dependents) ?? 0
        if let status = try? c.decodeIfPresent(UnaccompaniedStatus.self, forKey: .unaccompanied) {
            unaccompanied = status
        } else {
            unaccompanied = (try? c.decodeIfPresent(Bool.self, forKey: .unaccompanied)) == true ? .yes : .unknown
        }
        if let stance = try c.decodeIfPresent(PoliceStance.self, forKey: .police) {
            police = stance
        } else {
            police = try c.decodeIfPresent(Bool.self, forKey: .willNotCooperateWithPolice) == true ? .willNot : .undecided
        }
        acceptsClosedFacility = try c.decodeIfPresent(Bool.self, forKey: .acceptsClosedFacility) ?? false
        dependentAges = try c.decodeIfPresent([Int].self, forKey: .dependentAges) ?? []
        interpreterNeeded = try c.decodeIfPresent(String.self, forKey: .interpreterNeeded)
        facingCharges = try c.decodeIfPresent(Knowledge.self, forKey: .facingCharges) ?? .unknown
        noteAge()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(area, forKey: .area)
        try c.encodeIfPresent(sex, forKey: .sex)
        try c.encode(age, forKey: .age)
        try c.encode(ageBasis, forKey: .ageBasis)
        try c.encodeIfPresent(ageAssessment, forKey: .ageAssessment)
        try c.encode(childPossible, forKey: .childPossible)
        try c.encode(languages, forKey: .languages)
        try c.encodeIfPresent(nationality, forKey: .nationality)
        try c.encode(exploitation, forKey: .exploitation)
        try c.encode(legalResidence, forKey: .legalResidence)
        try c.encode(formallyIdentified, forKey: .formallyIdentified)
        try c.encode(dependents, forKey: .dependents)
        try c.encode(unaccompanied, forKey: .unaccompanied)
        try c.encode(police, forKey: .police)
        try c.encode(acceptsClosedFacility, forKey: .acceptsClosedFacility)
        try c.encode(dependentAges, forKey: .dependentAges)
        try c.encodeIfPresent(interpreterNeeded, forKey: .interpreterNeeded)
        try c.encode(facingCharges, forKey: .facingCharges)
    }
}
