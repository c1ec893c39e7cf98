import Foundation

/// A pseudonymous case code, `WM-XXXX-XXXX`, that names a case without naming the person.
///
/// The letters come from an alphabet without look-alikes (no 0/O, 1/I/L, U), so a code read
/// over the phone is not mistaken for another.
public struct CaseCode: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String

    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Accepts a code as typed: case-insensitive, surrounding spaces ignored.
    public init?(_ text: String) {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "WM", parts[1].count == 4, parts[2].count == 4,
              (parts[1] + parts[2]).allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        rawValue = upper
    }

    private init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }

    /// A well-formed code, used only if generating one ever failed.
    static let fallback = CaseCode(uncheckedRawValue: "WM-2222-2222")

    public var description: String { rawValue }

    public static func < (a: CaseCode, b: CaseCode) -> Bool { a.rawValue < b.rawValue }
}
