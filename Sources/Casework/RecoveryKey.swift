import Crypto
import Foundation

/// The printed recovery key: 25 characters of an unambiguous alphabet (about 124 bits), in
/// groups of five, which opens a coordinator's slot of its own when every passphrase is lost.
public enum RecoveryKey {
    /// Letters and digits without 0/O, 1/I/L and U, so a printed key reads back without doubt.
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new key from the system's secure generator (never a test's seeded source).
    static func generate() -> String {
        var characters: [Character] = []
        while characters.count < 25 {
            for byte in SymmetricKey(size: .bits256).withUnsafeBytes({ Array($0) }) where characters.count < 25 {
                // Rejection sampling keeps every character equally likely.
                guard Int(byte) < 240 else { continue }
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return stride(from: 0, to: 25, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// A typed key in the form it was printed: upper case, groups joined by dashes, spaces dropped.
    public static func normalized(_ typed: String) -> String {
        let kept = typed.uppercased().filter { $0 != " " && $0 != "-" }
        return stride(from: 0, to: kept.count, by: 5).map { start in
            let from = kept.index(kept.startIndex, offsetBy: start)
            let to = kept.index(from, offsetBy: min(5, kept.count - start))
            return String(kept[from..<to])
        }.joined(separator: "-")
    }
}
