import Foundation

/// How an operator settles a merge conflict.
public enum ConflictResolution: Sendable, Equatable {
    /// Keep this home's value (it is already in force).
    case keepLocal
    /// Take the publisher's value.
    case keepIncoming
    /// Set a value of the operator's own, as a package would write it.
    case value(String)

    /// How the conflict's `resolution` column says it.
    var text: String {
        switch self {
        case .keepLocal: return "local"
        case .keepIncoming: return "incoming"
        case .value(let value): return "value: \(value)"
        }
    }
}
