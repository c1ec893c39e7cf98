import Foundation

/// The id of an SOP step (`safety`, `guardian`, `best-interests`, or a coordinator's own step):
/// a name the procedure file gives, never free text — lowercase letters, digits and hyphens.
public struct StepID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// The id, when it is a well-formed step name.
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A literal in the code must be a well-formed step name (a programming error otherwise).
    public init(stringLiteral value: String) {
        precondition(Self.isWellFormed(value), "'\(value)' is not a step id")
        rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text.prefix(40))' is not a step id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (a: StepID, b: StepID) -> Bool { a.rawValue < b.rawValue }

    /// Lowercase ASCII letters, digits and hyphens, starting with a letter, at most 64 characters.
    static func isWellFormed(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 64 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
