import Foundation
import GRDB

/// One of the profile's controlled vocabularies, as a type: its taxonomy and the codes it allows.
public protocol VocabularyKind: Sendable {
    /// The taxonomy name (`waymark-service-type`).
    static var taxonomy: String { get }
    /// What one code of it is called in a message ("a service type").
    static var noun: String { get }
}

extension VocabularyKind {
    /// The codes the vocabulary allows.
    public static var codes: Set<String> { Vocabulary.codes[taxonomy] ?? [] }
}

/// A code of one of the profile's vocabularies: only a code the vocabulary has can be made, read
/// from JSON or read from a row, so a damaged or misspelt value is an error where it is read, not
/// a plausible string that matches nothing.
///
/// A literal (`"shelter"` written in code) must be a code of the vocabulary: a misspelt literal
/// is a programming error and stops at once, where a test finds it.
public struct VocabularyCode<Kind: VocabularyKind>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    DatabaseValueConvertible, ExpressibleByStringLiteral {
    /// The code as the interchange profile spells it.
    public let rawValue: String

    /// The code, when the vocabulary has it.
    public init?(rawValue: String) {
        guard Kind.codes.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        // Checked every time, release builds included: code in a hot loop makes its literals once (as the eligibility rules do).
        precondition(Kind.codes.contains(value), "\(VocabularyError(code: value, noun: Kind.noun)) (a literal in the code)")
        rawValue = value
    }

    /// The code, or an error naming it and the vocabulary.
    public init(validating text: String) throws(VocabularyError) {
        guard let code = Self(rawValue: text) else { throw VocabularyError(code: text, noun: Kind.noun) }
        self = code
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: VocabularyError(code: text, noun: Kind.noun).description))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        String.fromDatabaseValue(dbValue).flatMap(Self.init(rawValue:))
    }
}

/// A code a vocabulary does not have.
public struct VocabularyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code given.
    public let code: String
    /// What the vocabulary's codes are called ("a service type").
    public let noun: String

    public init(code: String, noun: String) {
        self.code = code
        self.noun = noun
    }

    public var description: String { "'\(Sanitized.short(code))' is not \(noun)" }
}

/// The service types (`shelter.emergency`, `legal.aid`, …).
public enum ServiceTypeVocabulary: VocabularyKind {
    public static let taxonomy = Vocabulary.serviceTypeTaxonomy
    public static let noun = "a service type"
}

/// The sexes a service accepts and a person is recorded as (`female`, `male`, `other`).
public enum SexVocabulary: VocabularyKind {
    public static let taxonomy = Vocabulary.sexTaxonomy
    public static let noun = "a sex (female, male or other)"
}

/// The exploitation types (`sexual`, `labour`, …).
public enum ExploitationVocabulary: VocabularyKind {
    public static let taxonomy = Vocabulary.exploitationTaxonomy
    public static let noun = "an exploitation type"
}

/// The access conditions and flags (`requires-police-cooperation`, `open-24-7`, …).
public enum ConditionVocabulary: VocabularyKind {
    public static let taxonomy = Vocabulary.conditionTaxonomy
    public static let noun = "a condition"
}

/// A service type code.
public typealias ServiceType = VocabularyCode<ServiceTypeVocabulary>
/// A sex code.
public typealias Sex = VocabularyCode<SexVocabulary>
/// An exploitation type code.
public typealias ExploitationType = VocabularyCode<ExploitationVocabulary>
/// A condition code.
public typealias ServiceCondition = VocabularyCode<ConditionVocabulary>
